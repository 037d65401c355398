//! The shared definitions a top-level item names: the blocks it `use`s, the
//! functions (fns, params, built-ins) it calls and the type names it writes
//! (enums, built-in types). Purely syntactic — nothing is resolved — so a
//! review tool can tell which forms a change to a shared block, fn or enum
//! reaches (`shinsei diff`) by following these names.
//!
//! ```
//! use shinsei_syntax::{parse, uses::uses, FileId};
//! let file = parse(FileId(0), r#"
//! form demo "見本" {
//!   version "1"  effective 2026-01-13..  category 給付  applicants insured
//!   use bank_account as bank
//!   field kind "続柄": relationship
//!   rule in_time { check today <= jikou_last_day(today)  message "…" }
//! }"#).unwrap();
//! let u = uses(&file.items[0]);
//! assert!(u.blocks.contains("bank_account"));
//! assert!(u.calls.contains("jikou_last_day"));
//! assert!(u.types.contains("relationship"));
//! ```

use std::collections::BTreeSet;

use crate::ast::{
    AttachmentItem, Expr, ExprKind, Item, Member, Modifier, ParamValueDecl, RuleItem, TypeExpr,
};

/// The names an item uses.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Uses {
    /// Blocks named by `use`.
    pub blocks: BTreeSet<String>,
    /// Names called as functions: fns, params and built-ins.
    pub calls: BTreeSet<String>,
    /// Type names of fields and fn parameters (enums and built-in types),
    /// and the enum keying a param table.
    pub types: BTreeSet<String>,
}

/// The names `item` uses (its own name excluded).
pub fn uses(item: &Item) -> Uses {
    let mut u = Uses::default();
    match item {
        Item::Form(f) => u.members(&f.members),
        Item::Block(b) => u.members(&b.members),
        Item::Enum(_) => {}
        Item::Param(p) => {
            if let Some(by) = &p.by {
                u.types.insert(by.name.clone());
            }
            for period in &p.periods {
                match &period.value {
                    ParamValueDecl::Single(e) => u.expr(e),
                    ParamValueDecl::Keyed(values) => values.iter().for_each(|(_, e)| u.expr(e)),
                }
            }
        }
        Item::Fn(f) => {
            for (_, ty) in &f.params {
                u.types.insert(ty.name.clone());
            }
            u.expr(&f.body);
        }
    }
    u
}

impl Uses {
    fn members(&mut self, members: &[Member]) {
        for m in members {
            match m {
                Member::Field(f) => {
                    if let TypeExpr::Named { name, .. } = &f.ty {
                        self.types.insert(name.name.clone());
                    }
                    self.modifiers(&f.modifiers);
                }
                Member::Group(g) => {
                    self.modifiers(&g.modifiers);
                    self.members(&g.members);
                }
                Member::List(l) => {
                    self.modifiers(&l.modifiers);
                    self.members(&l.members);
                }
                Member::Use(u) => {
                    self.blocks.insert(u.block.name.clone());
                    self.modifiers(&u.modifiers);
                }
                Member::Rule(r) => {
                    for item in &r.items {
                        if let RuleItem::When(e, _) | RuleItem::Check(e, _) = item {
                            self.expr(e);
                        }
                    }
                }
                Member::Compute(c) => {
                    self.expr(&c.expr);
                    if let Some(w) = &c.when {
                        self.expr(w);
                    }
                }
                Member::Let(l) => self.expr(&l.expr),
                Member::Attachment(a) => {
                    for item in &a.items {
                        if let AttachmentItem::Required(Some(e), _) = item {
                            self.expr(e);
                        }
                    }
                }
            }
        }
    }

    fn modifiers(&mut self, modifiers: &[Modifier]) {
        for m in modifiers {
            if let Modifier::RequiredWhen(e, _) | Modifier::VisibleWhen(e, _) = m {
                self.expr(e);
            }
        }
    }

    fn expr(&mut self, e: &Expr) {
        // Expressions nest at most MAX_EXPR_NESTING deep (the parser's bound).
        match &e.kind {
            ExprKind::Lit(_) | ExprKind::Name(_) | ExprKind::Today => {}
            ExprKind::Member(base, _) => self.expr(base),
            ExprKind::Call(f, args) => {
                self.calls.insert(f.name.clone());
                args.iter().for_each(|a| self.expr(a));
            }
            ExprKind::Unary(_, a) => self.expr(a),
            ExprKind::Binary(_, a, b) => {
                self.expr(a);
                self.expr(b);
            }
            ExprKind::In { value, set, .. } => {
                self.expr(value);
                set.iter().for_each(|c| self.expr(c));
            }
            ExprKind::If(c, a, b) => {
                self.expr(c);
                self.expr(a);
                self.expr(b);
            }
        }
    }
}
