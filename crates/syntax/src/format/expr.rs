//! Layout of expressions. An operator chain stays on one line if it fits,
//! else each operator starts a line one level deeper:
//!
//! ```text
//! check korei_eligible(qualification.birth_date, today)
//!   and standard_monthly >= genekinami_min(card_month)
//! ```
//!
//! An `if` is one line if it fits, else one line per branch
//! (`if c then a` / `else if d then b` / `else e`), and a branch too long for
//! its line puts `then` on a line of its own. Parentheses are kept as written.

use super::doc::{Doc, Parts, Split};
use super::items::children;
use super::writer::{Fmt, P};
use crate::grammar::Rule;

impl Fmt<'_> {
    pub(crate) fn expr(&mut self, p: P) -> Doc {
        match p.as_rule() {
            Rule::expr => match p.clone().into_inner().next() {
                Some(inner) => self.expr(inner),
                None => self.verbatim(&p),
            },
            Rule::or_expr | Rule::and_expr | Rule::add_expr | Rule::mul_expr => self.chain(p),
            Rule::not_expr | Rule::unary => {
                let kids = children(&p);
                match kids.as_slice() {
                    [op, arg] => {
                        let op_doc = self.tok(op);
                        let arg_doc = self.expr(arg.clone());
                        let space = if op.as_rule() == Rule::op_not {
                            " "
                        } else {
                            ""
                        };
                        Doc::concat(vec![op_doc, Doc::text(space), arg_doc])
                    }
                    [only] => self.expr(only.clone()),
                    _ => self.verbatim(&p),
                }
            }
            Rule::cmp_expr => self.comparison(p),
            Rule::postfix => self.postfix(p),
            Rule::if_expr => self.if_chain(p),
            Rule::call => self.call(p),
            Rule::literal => self.literal(p),
            _ => self.tok(&p),
        }
    }

    /// `a and b or c`: one group, a line break before each operator;
    /// arithmetic fills its lines instead.
    fn chain(&mut self, p: P) -> Doc {
        let mut kids = children(&p).into_iter();
        let Some(first) = kids.next() else {
            return self.verbatim(&p);
        };
        let arithmetic = matches!(p.as_rule(), Rule::add_expr | Rule::mul_expr);
        let mut items = vec![self.expr(first)];
        while let (Some(op), Some(operand)) = (kids.next(), kids.next()) {
            let op = self.tok(&op);
            let operand = self.expr(operand);
            items.push(Doc::Line);
            items.push(Doc::concat(vec![op, Doc::text(" "), operand]));
        }
        if items.len() == 1 {
            return items.remove(0);
        }
        if arithmetic {
            // Sums fill their lines: `a + b + c` / `+ d + e`.
            return Doc::nest(2, Doc::fill(items));
        }
        Doc::group(Doc::nest(2, Doc::concat(items)))
    }

    /// `a < b` (a break before the operator if too long) and `a [not] in [x, y]`.
    fn comparison(&mut self, p: P) -> Doc {
        let kids = children(&p);
        let Some(lhs) = kids.first() else {
            return self.verbatim(&p);
        };
        let lhs = self.expr(lhs.clone());
        match kids.get(1) {
            None => lhs,
            Some(op) if op.as_rule() == Rule::in_op => {
                let negated = op.as_str().starts_with("not");
                let mut parts = Parts::default();
                parts.push(lhs);
                parts.text(" ");
                parts.push(self.tok_as(op, if negated { "not in" } else { "in" }));
                parts.text(" ");
                parts.push(self.punct("["));
                for (i, e) in kids.iter().skip(2).enumerate() {
                    if i > 0 {
                        parts.push(self.punct(","));
                        parts.text(" ");
                    }
                    parts.push(self.expr(e.clone()));
                }
                self.skip(",");
                parts.push(self.punct("]"));
                parts.doc()
            }
            Some(op) => {
                let op = self.tok(op);
                let rhs = match kids.get(2) {
                    Some(r) => self.expr(r.clone()),
                    None => Doc::text(""),
                };
                Doc::Split(Box::new(Split {
                    head: lhs,
                    op: Some(op),
                    value: rhs,
                    prefer_break: false,
                }))
            }
        }
    }

    /// A primary with `.member`s; a parenthesized expression keeps its parentheses.
    fn postfix(&mut self, p: P) -> Doc {
        let mut kids = children(&p).into_iter();
        let mut parts = Parts::default();
        match kids.next() {
            Some(e) if e.as_rule() == Rule::expr => {
                parts.push(self.punct("("));
                let inner = self.expr(e);
                parts.push(Doc::align(inner));
                parts.push(self.punct(")"));
            }
            Some(e) => parts.push(self.expr(e)),
            None => return self.verbatim(&p),
        }
        for m in kids {
            parts.push(self.punct("."));
            parts.push(self.tok(&m));
        }
        parts.doc()
    }

    /// `if c then a else if d then b else e`, flattened into its branches.
    fn if_chain(&mut self, p: P) -> Doc {
        let mut parts = Parts::default();
        let mut current = p;
        loop {
            let kids = children(&current);
            let [cond, then, otherwise] = kids.as_slice() else {
                parts.push(self.verbatim(&current));
                break;
            };
            let if_kw = self.punct("if");
            let cond = self.expr(cond.clone());
            let then_kw = self.punct("then");
            let then = self.expr(then.clone());
            parts.push(Doc::group(Doc::concat(vec![
                if_kw,
                Doc::text(" "),
                cond,
                Doc::Line,
                then_kw,
                Doc::text(" "),
                then,
            ])));
            parts.push(Doc::Line);
            parts.push(self.punct("else"));
            parts.text(" ");
            match nested_if(otherwise) {
                Some(next) => current = next,
                None => {
                    parts.push(self.expr(otherwise.clone()));
                    break;
                }
            }
        }
        Doc::group(parts.doc())
    }

    /// `f(a, b)`: on one line if it fits, else one argument a line.
    fn call(&mut self, p: P) -> Doc {
        let mut kids = children(&p).into_iter();
        let Some(name) = kids.next() else {
            return self.verbatim(&p);
        };
        let mut parts = Parts::default();
        parts.push(self.tok(&name));
        parts.push(self.punct("("));
        let args: Vec<P> = kids.collect();
        if !args.is_empty() {
            let mut inner = Parts::default();
            for (i, a) in args.into_iter().enumerate() {
                if i > 0 {
                    inner.push(self.punct(","));
                    inner.push(Doc::Line);
                } else {
                    inner.push(Doc::SoftLine);
                }
                inner.push(self.expr(a));
            }
            parts.push(Doc::group(Doc::concat(vec![
                Doc::nest(2, inner.doc()),
                Doc::SoftLine,
            ])));
        }
        parts.push(self.punct(")"));
        parts.doc()
    }

    /// A literal as written, except a duration or size: `3 days`.
    pub(crate) fn literal(&mut self, p: P) -> Doc {
        let inner = if p.as_rule() == Rule::literal {
            p.clone().into_inner().next()
        } else {
            Some(p.clone())
        };
        match inner {
            Some(d) if d.as_rule() == Rule::duration => {
                let text: Vec<&str> = d.clone().into_inner().map(|x| x.as_str()).collect();
                self.tok_as(&d, text.join(" "))
            }
            Some(l) => self.tok(&l),
            None => self.verbatim(&p),
        }
    }
}

/// Whether an assigned value goes below its head when it does not fit on the
/// head's line: everything but a call (or a comparison ending in one), which
/// rather opens its parenthesis on the head's line and breaks inside.
pub(crate) fn prefers_break(e: &P) -> bool {
    let top = unwrap(e);
    match top.as_rule() {
        Rule::call => false,
        Rule::cmp_expr => {
            let kids = children(&top);
            !(kids.len() == 3
                && kids
                    .get(2)
                    .is_some_and(|k| unwrap(k).as_rule() == Rule::call))
        }
        _ => true,
    }
}

/// The expression under single-child wrappers (`expr` → … → `postfix`).
fn unwrap<'a>(e: &P<'a>) -> P<'a> {
    let mut cur = e.clone();
    loop {
        let mut kids = cur.clone().into_inner();
        let (Some(only), None) = (kids.next(), kids.next()) else {
            return cur;
        };
        match cur.as_rule() {
            Rule::postfix if only.as_rule() == Rule::expr => return cur,
            Rule::expr
            | Rule::or_expr
            | Rule::and_expr
            | Rule::not_expr
            | Rule::cmp_expr
            | Rule::add_expr
            | Rule::mul_expr
            | Rule::unary
            | Rule::postfix => cur = only,
            _ => return cur,
        }
    }
}

/// The `if` an `else` branch is, when it is one without parentheses.
fn nested_if<'a>(e: &P<'a>) -> Option<P<'a>> {
    let top = unwrap(e);
    (top.as_rule() == Rule::if_expr).then_some(top)
}
