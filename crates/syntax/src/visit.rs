//! A walk over the declarations and expressions of a form or block, for the
//! tools that read the syntax tree without resolving it (which shared
//! definitions an item uses, the language server's index of names). A
//! [`Visit`] overrides the hooks it cares about; the `walk_*` functions go
//! into every member, modifier and expression in source order.
//!
//! ```
//! use shinsei_syntax::ast::{Expr, ExprKind};
//! use shinsei_syntax::visit::{Visit, walk_expr, walk_members};
//! use shinsei_syntax::{parse, FileId, ast::Item};
//!
//! /// Counts the calls in a form.
//! struct Calls(usize);
//! impl Visit for Calls {
//!     fn visit_expr(&mut self, e: &Expr) {
//!         if let ExprKind::Call(..) = e.kind {
//!             self.0 += 1;
//!         }
//!         walk_expr(self, e);
//!     }
//! }
//! let file = parse(FileId(0), r#"
//! form demo "見本" {
//!   version "1"  effective 2026-01-13..  category 給付  applicants insured
//!   field a "日": date when today >= add_days(today, -1)
//!   rule r { check a <= add_days(today, 30)  message "…" }
//! }"#).unwrap();
//! let Item::Form(form) = &file.items[0] else { unreachable!() };
//! let mut calls = Calls(0);
//! walk_members(&mut calls, &form.members);
//! assert_eq!(calls.0, 2);
//! ```

use crate::ast::{
    AttachmentItem, Expr, ExprKind, Ident, Member, Modifier, RuleItem, TypeExpr, UseDecl,
};

/// What a walk over members and expressions calls; each hook does nothing
/// by default but go on walking.
pub trait Visit {
    /// Every expression; an override calls [`walk_expr`] to go into its
    /// operands.
    fn visit_expr(&mut self, e: &Expr) {
        walk_expr(self, e);
    }

    /// The type a field names (an enum or a built-in type such as
    /// `relationship`), not the built-in ones written with arguments.
    fn visit_type_name(&mut self, _name: &Ident) {}

    /// A `use` of a shared block (before its modifiers are walked).
    fn visit_use(&mut self, _decl: &UseDecl) {}
}

/// Walks `members`: fields' type names, every modifier's condition, groups
/// and lists inside, `use`, rules' `when` and `check`, computed values and
/// their `when`, `let`s and attachments' `required when`.
pub fn walk_members<V: Visit + ?Sized>(v: &mut V, members: &[Member]) {
    for m in members {
        match m {
            Member::Field(f) => {
                if let TypeExpr::Named { name, .. } = &f.ty {
                    v.visit_type_name(name);
                }
                walk_modifiers(v, &f.modifiers);
            }
            Member::Group(g) => {
                walk_modifiers(v, &g.modifiers);
                walk_members(v, &g.members);
            }
            Member::List(l) => {
                walk_modifiers(v, &l.modifiers);
                walk_members(v, &l.members);
            }
            Member::Use(u) => {
                v.visit_use(u);
                walk_modifiers(v, &u.modifiers);
            }
            Member::Rule(r) => {
                for item in &r.items {
                    if let RuleItem::When(e, _) | RuleItem::Check(e, _) = item {
                        v.visit_expr(e);
                    }
                }
            }
            Member::Compute(c) => {
                v.visit_expr(&c.expr);
                if let Some(w) = &c.when {
                    v.visit_expr(w);
                }
            }
            Member::Let(l) => v.visit_expr(&l.expr),
            Member::Attachment(a) => {
                for item in &a.items {
                    if let AttachmentItem::Required(Some(e), _) = item {
                        v.visit_expr(e);
                    }
                }
            }
        }
    }
}

/// Walks the conditions of the `when` and `required when` modifiers.
pub fn walk_modifiers<V: Visit + ?Sized>(v: &mut V, modifiers: &[Modifier]) {
    for m in modifiers {
        if let Modifier::VisibleWhen(e, _) | Modifier::RequiredWhen(e, _) = m {
            v.visit_expr(e);
        }
    }
}

/// Visits the operands of `e` (a call's arguments, both sides of a binary
/// operator, an `in`'s value and set, an `if`'s three parts, a member's
/// base). Expressions nest at most [`crate::nesting`]'s bound deep.
pub fn walk_expr<V: Visit + ?Sized>(v: &mut V, e: &Expr) {
    match &e.kind {
        ExprKind::Lit(_) | ExprKind::Name(_) | ExprKind::Today => {}
        ExprKind::Member(base, _) | ExprKind::Unary(_, base) => v.visit_expr(base),
        ExprKind::Call(_, args) => args.iter().for_each(|a| v.visit_expr(a)),
        ExprKind::Binary(_, a, b) => {
            v.visit_expr(a);
            v.visit_expr(b);
        }
        ExprKind::In { value, set, .. } => {
            v.visit_expr(value);
            set.iter().for_each(|c| v.visit_expr(c));
        }
        ExprKind::If(c, a, b) => {
            v.visit_expr(c);
            v.visit_expr(a);
            v.visit_expr(b);
        }
    }
}
