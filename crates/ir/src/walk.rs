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

/// Calls `f` on every expression of `form` and on each of their
/// subexpressions (iteratively: safe on any depth).
pub fn for_each_expr<'f>(form: &'f Form, mut f: impl FnMut(&'f Expr)) {
    let mut stack: Vec<&Expr> = Vec::new();
    let mut lists: Vec<&[Field]> = vec![&form.fields];
    while let Some(fields) = lists.pop() {
        for field in fields {
            stack.extend(&field.visible_when);
            if let Presence::RequiredWhen(e) = &field.presence {
                stack.push(e);
            }
            if let FieldKind::Group { fields } | FieldKind::List { fields, .. } = &field.kind {
                lists.push(fields);
            }
        }
    }
    for rule in &form.rules {
        stack.extend(&rule.when);
        stack.push(&rule.check);
    }
    for c in &form.computed {
        stack.push(&c.expr);
        stack.extend(&c.when);
    }
    for slot in &form.attachments {
        if let Presence::RequiredWhen(e) = &slot.presence {
            stack.push(e);
        }
    }
    while let Some(e) = stack.pop() {
        f(e);
        for_each_child(e, |c| stack.push(c));
    }
}
