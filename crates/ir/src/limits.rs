//! How deep a bundle may nest: expressions at most [`MAX_EXPR_DEPTH`] levels,
//! fields (groups and lists) at most [`MAX_FIELD_DEPTH`].
//!
//! Everything that reads a bundle walks it recursively (evaluation, the
//! describe tree, the docs, serde), so its depth is a stack budget. The
//! compiler never produces a deeper bundle (`nesting-too-deep`), and every
//! loader of a bundle from elsewhere (`--bundle`, the server's reload,
//! `loadBundle` in WASM) calls [`check`] before using it. The walk here is
//! iterative, so checking any bundle, however deep, cannot itself overflow.
//!
//! The two numbers also keep a bundle's JSON within the 128 levels that
//! serde_json reads: a field at depth 8 sits 28 levels deep, and an
//! expression costs at most 3 levels per node (`{"call":{"args":[…]}}`), so
//! 7 + 3·7 + 3·32 = 124.
//!
//! ```
//! use shinsei_ir::{limits, Bundle, Expr, UnOp};
//! let mut e = Expr::Today;
//! for _ in 0..40 {
//!     e = Expr::Unary { op: UnOp::Neg, arg: Box::new(e) };
//! }
//! assert_eq!(limits::expr_depth(&e), 41);
//! assert!(limits::check(&Bundle::new(Vec::new(), Default::default())).is_ok());
//! ```

use std::fmt;

use crate::bundle::Bundle;
use crate::expr::Expr;
use crate::form::{Field, FieldKind, Form, Presence};
use crate::walk::for_each_child;
pub use crate::walk::for_each_expr;

// The serde readers' stack budget covers every bundle the compiler writes.
const _: () = assert!(crate::wire::NESTING_LIMIT > MAX_EXPR_DEPTH + MAX_FIELD_DEPTH);

/// The deepest an expression may nest (a leaf alone is depth 1).
pub const MAX_EXPR_DEPTH: usize = 32;

/// The deepest fields may nest (top-level fields are depth 1; a group's
/// fields depth 2…).
pub const MAX_FIELD_DEPTH: usize = 8;

/// A part of a bundle nested deeper than the limits.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TooDeep {
    /// JSON Pointer of the expression or field list, e.g.
    /// `/forms/3/rules/0/check`.
    pub path: String,
    /// How deep it nests.
    pub depth: usize,
    /// The limit it exceeds.
    pub limit: usize,
}

impl fmt::Display for TooDeep {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} nests {} levels deep (at most {})",
            if self.path.is_empty() {
                "/"
            } else {
                &self.path
            },
            self.depth,
            self.limit
        )
    }
}

impl std::error::Error for TooDeep {}

/// The depth of `e`: the number of nodes on its longest path from the root
/// to a leaf. Iterative: safe on any expression.
pub fn expr_depth(e: &Expr) -> usize {
    let mut deepest = 0;
    let mut stack = vec![(e, 1_usize)];
    while let Some((e, d)) = stack.pop() {
        deepest = deepest.max(d);
        for_each_child(e, |c| stack.push((c, d + 1)));
    }
    deepest
}

/// Checks every form of `bundle` against the limits.
pub fn check(bundle: &Bundle) -> Result<(), TooDeep> {
    for (i, form) in bundle.forms.iter().enumerate() {
        check_form(form).map_err(|mut e| {
            e.path = format!("/forms/{i}{}", e.path);
            e
        })?;
    }
    Ok(())
}

/// Checks one form; the error's path is relative to the form.
pub fn check_form(form: &Form) -> Result<(), TooDeep> {
    // Fields, iteratively: (fields, their depth, JSON Pointer of the list).
    let mut lists: Vec<(&[Field], usize, String)> = vec![(&form.fields, 1, "/fields".into())];
    while let Some((fields, depth, at)) = lists.pop() {
        if depth > MAX_FIELD_DEPTH {
            return Err(TooDeep {
                path: at,
                depth,
                limit: MAX_FIELD_DEPTH,
            });
        }
        for (i, field) in fields.iter().enumerate() {
            let here = format!("{at}/{i}");
            if let Some(e) = &field.visible_when {
                expr(e, || format!("{here}/visible_when"))?;
            }
            presence(&field.presence, || format!("{here}/presence/when"))?;
            if let FieldKind::Group { fields } | FieldKind::List { fields, .. } = &field.kind {
                lists.push((fields, depth + 1, format!("{here}/kind/fields")));
            }
        }
    }
    for (i, rule) in form.rules.iter().enumerate() {
        if let Some(e) = &rule.when {
            expr(e, || format!("/rules/{i}/when"))?;
        }
        expr(&rule.check, || format!("/rules/{i}/check"))?;
    }
    for (i, c) in form.computed.iter().enumerate() {
        expr(&c.expr, || format!("/computed/{i}/expr"))?;
        if let Some(e) = &c.when {
            expr(e, || format!("/computed/{i}/when"))?;
        }
    }
    for (i, slot) in form.attachments.iter().enumerate() {
        presence(&slot.presence, || format!("/attachments/{i}/presence/when"))?;
    }
    Ok(())
}

fn presence(p: &Presence, at: impl FnOnce() -> String) -> Result<(), TooDeep> {
    match p {
        Presence::RequiredWhen(e) => expr(e, at),
        Presence::Required | Presence::Optional => Ok(()),
    }
}

fn expr(e: &Expr, at: impl FnOnce() -> String) -> Result<(), TooDeep> {
    let depth = expr_depth(e);
    if depth > MAX_EXPR_DEPTH {
        return Err(TooDeep {
            path: at(),
            depth,
            limit: MAX_EXPR_DEPTH,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Builtin;
    use crate::expr::BinOp;

    fn nested_calls(n: usize) -> Expr {
        let mut e = Expr::Today;
        for _ in 1..n {
            e = Expr::Call {
                func: Builtin::Abs,
                args: vec![e],
            };
        }
        e
    }

    #[test]
    fn depth_counts_the_longest_path() {
        assert_eq!(expr_depth(&Expr::Today), 1);
        let e = Expr::Binary {
            op: BinOp::Add,
            lhs: Box::new(nested_calls(5)),
            rhs: Box::new(Expr::Today),
        };
        assert_eq!(expr_depth(&e), 6);
    }

    #[test]
    fn a_very_deep_expression_is_measured_without_recursion() {
        // Deep enough to overflow a recursive walk on a test thread's stack.
        let mut e = nested_calls(200_000);
        assert_eq!(expr_depth(&e), 200_000);
        // The drop glue of `Box<Expr>` is recursive too: take it apart.
        while let Expr::Call { args, .. } = &mut e {
            match args.pop() {
                Some(inner) => e = inner,
                None => break,
            }
        }
    }
}
