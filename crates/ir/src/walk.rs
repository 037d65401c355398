//! Walks over a form's expressions, iterative so that any depth is safe:
//! what the limits check and `Bundle::subset` read.

use crate::expr::Expr;
use crate::form::{Field, FieldKind, Form, Presence};

/// Calls `f` on each direct subexpression of `e`.
pub(crate) fn for_each_child<'e>(e: &'e Expr, mut f: impl FnMut(&'e Expr)) {
    match e {
        Expr::Lit(_)
        | Expr::Field(_)
        | Expr::Present(_)
        | Expr::Qual(_)
        | Expr::Role
        | Expr::Today => {}
        Expr::Unary { arg, .. } => f(arg),
        Expr::Binary { lhs, rhs, .. } => {
            f(lhs);
            f(rhs);
        }
        Expr::In { value, set } => {
            f(value);
            set.iter().for_each(f);
        }
        Expr::If {
            cond,
            then,
            otherwise,
        } => {
            f(cond);
            f(then);
            f(otherwise);
        }
        Expr::Call { args, .. } => args.iter().for_each(f),
        Expr::Aggregate { body, .. } => {
            if let Some(b) = body {
                f(b);
            }
        }
        Expr::Param { at, key, .. } => {
            f(at);
            if let Some(k) = key {
                f(k);
            }
        }
    }
}

impl Form {
    /// The expressions the form holds directly: every field's
    /// `visible_when` and `required_when` (in groups and list items too),
    /// every rule's `when` and `check`, every computed value's `when` and
    /// expression, every attachment slot's `required_when` — not their
    /// subexpressions (the runtime's plan and [`for_each_expr`] start here).
    pub fn expressions(&self) -> Vec<&Expr> {
        roots(self)
    }
}

fn roots(form: &Form) -> Vec<&Expr> {
    let mut out: Vec<&Expr> = Vec::new();
    let mut lists: Vec<&[Field]> = vec![&form.fields];
    while let Some(fields) = lists.pop() {
        for field in fields {
            out.extend(&field.visible_when);
            if let Presence::RequiredWhen(e) = &field.presence {
                out.push(e);
            }
            if let FieldKind::Group { fields } | FieldKind::List { fields, .. } = &field.kind {
                lists.push(fields);
            }
        }
    }
    for rule in &form.rules {
        out.extend(&rule.when);
        out.push(&rule.check);
    }
    for c in &form.computed {
        out.extend(&c.when);
        out.push(&c.expr);
    }
    for slot in &form.attachments {
        if let Presence::RequiredWhen(e) = &slot.presence {
            out.push(e);
        }
    }
    out
}

/// Calls `f` on every expression of `form` and on each of their
/// subexpressions (iteratively: safe on any depth).
pub fn for_each_expr<'f>(form: &'f Form, mut f: impl FnMut(&'f Expr)) {
    let mut stack = roots(form);
    while let Some(e) = stack.pop() {
        f(e);
        for_each_child(e, |c| stack.push(c));
    }
}
