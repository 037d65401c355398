//! From IR expressions to plain Japanese.
//!
//! Conditions become [`Clause`]s (「「終了日」が「開始日」以降である」), values
//! become noun phrases (「「療養のために休んだ期間」の「終了日」のうち最も遅い日」).
//! Field references are resolved to their labels through the [`Ctx`]; choice
//! keys to their option labels; inlined shared functions (時効, 民法143条の期間)
//! are recognised by their shape. Negation is pushed inward (「以降」 ↔ 「より前」,
//! すべて ↔ いずれか) so that no sentence says 「…ではないこと」 where a plain one
//! exists.

mod clause;
mod kind;
mod names;
mod patterns;
mod value;

pub use clause::Clause;

use shinsei_ir::{AggOp, BinOp, Builtin, Expr, Literal, UnOp};

use crate::field_types::Kind;
use crate::scope::Ctx;

/// Marks a condition we could only negate as a whole.
const NOT_PREFIX: &str = "次の条件に当てはまらない";

/// The comparison with its sides swapped or negated.
fn flip(op: BinOp) -> BinOp {
    match op {
        BinOp::Lt => BinOp::Ge,
        BinOp::Le => BinOp::Gt,
        BinOp::Gt => BinOp::Le,
        BinOp::Ge => BinOp::Lt,
        BinOp::Eq => BinOp::Ne,
        BinOp::Ne => BinOp::Eq,
        other => other,
    }
}

impl Ctx<'_> {
    /// The condition `e` (negated when `neg`) as a clause.
    pub fn clause(&self, e: &Expr, neg: bool) -> Clause {
        match e {
            Expr::Unary { op: UnOp::Not, arg } => self.clause(arg, !neg),
            Expr::Binary {
                op: op @ (BinOp::And | BinOp::Or),
                lhs,
                rhs,
            } => {
                let parts = vec![self.clause(lhs, neg), self.clause(rhs, neg)];
                // De Morgan: not (a and b) = not a or not b.
                if (*op == BinOp::And) != neg {
                    Clause::and(parts)
                } else {
                    Clause::or(parts)
                }
            }
            Expr::Binary { op, lhs, rhs }
                if !matches!(op, BinOp::Add | BinOp::Sub | BinOp::Mul | BinOp::Div) =>
            {
                self.compare(if neg { flip(*op) } else { *op }, lhs, rhs)
            }
            Expr::Lit(Literal::Bool(b)) => {
                if *b != neg {
                    Clause::verb("常に満たされる", "常に満たされ")
                } else {
                    Clause::verb("満たされることはない", "満たされることはなく")
                }
            }
            Expr::Present(r) => {
                let label = self.label(r);
                let list = self
                    .field(r)
                    .is_some_and(|f| matches!(f.kind, shinsei_ir::FieldKind::List { .. }));
                let what = if list { "1件以上入力" } else { "入力" };
                if neg {
                    Clause::verb(
                        format!("{label}が入力されていない"),
                        format!("{label}が入力されておらず"),
                    )
                } else {
                    Clause::verb(
                        format!("{label}が{what}されている"),
                        format!("{label}が{what}されており"),
                    )
                }
            }
            Expr::In { value, set } => self.membership(value, set, neg),
            Expr::If {
                cond,
                then,
                otherwise,
            } => {
                let c = self.clause(cond, false);
                let (a, b) = (self.clause(then, neg), self.clause(otherwise, neg));
                let head = format!("{}は{}、{}は", c.toki(), a.plain(), self.otherwise(cond));
                Clause::verb(
                    format!("{head}{}", b.plain()),
                    format!("{head}{}", b.renyou()),
                )
            }
            Expr::Call { func, args } => self.call_clause(*func, args, neg, e),
            Expr::Aggregate { op, list, body } => {
                self.aggregate_clause(*op, list, body.as_deref(), neg, e)
            }
            // A bool-valued field, 資格, param or arithmetic-free value.
            _ => self.truth(e, neg),
        }
    }

    /// The `else` of `if cond`: the negated condition when it reads plainly
    /// (「12件未満のとき」), else 「それ以外のとき」.
    pub(crate) fn otherwise(&self, cond: &Expr) -> String {
        match self.clause(cond, true) {
            c @ Clause::Simple { .. } if !c.plain().starts_with(NOT_PREFIX) => c.toki(),
            _ => "それ以外のとき".to_owned(),
        }
    }

    /// `「x」が「はい」である` / `「x」が「いいえ」である`.
    fn truth(&self, e: &Expr, neg: bool) -> Clause {
        if self.kind(e) == Kind::Bool {
            let answer = if neg {
                "「いいえ」"
            } else {
                "「はい」"
            };
            Clause::noun(format!("{}が{answer}", self.value(e)))
        } else {
            self.negatable(Clause::noun(self.value(e)), neg)
        }
    }

    /// `c`, or 「次の条件に当てはまらない〔c〕」 when it must be negated as a whole.
    fn negatable(&self, c: Clause, neg: bool) -> Clause {
        if neg {
            let inner = c.plain();
            Clause::verb(
                format!("{NOT_PREFIX}〔{inner}〕"),
                format!("次の条件に当てはまらず〔{inner}〕"),
            )
        } else {
            c
        }
    }

    /// `x in [a, b]`.
    fn membership(&self, value: &Expr, set: &[Expr], neg: bool) -> Clause {
        let subject = self.value(value);
        let opts = self.options_of(value);
        let items: Vec<String> = set.iter().map(|s| self.operand(s, opts.as_ref())).collect();
        match (items.as_slice(), neg) {
            ([one], false) => Clause::noun(format!("{subject}が{one}")),
            ([one], true) => Clause::noun(format!("{subject}が{one}以外")),
            (_, false) => Clause::noun(format!("{subject}が{}のいずれか", items.join("、"))),
            (_, true) => Clause::verb(
                format!("{subject}が{}のいずれでもない", items.join("、")),
                format!("{subject}が{}のいずれでもなく", items.join("、")),
            ),
        }
    }

    /// A comparison `lhs op rhs` (already negated if needed).
    fn compare(&self, op: BinOp, lhs: &Expr, rhs: &Expr) -> Clause {
        // 民法143条の期間: 「…から2年以内」, 「…の前日までに満了している」.
        if let Some((start, n)) = patterns::period_end(rhs) {
            let span = crate::ja::duration(n, shinsei_ir::DurationUnit::Months);
            let (x, s) = (self.value(lhs), self.value(start));
            match op {
                BinOp::Le => return Clause::noun(format!("{x}が{s}から{span}以内")),
                BinOp::Gt => {
                    return Clause::verb(
                        format!("{x}が{s}から{span}を過ぎている"),
                        format!("{x}が{s}から{span}を過ぎており"),
                    );
                }
                _ => {}
            }
        }
        if let Some((start, n)) = patterns::period_end(lhs) {
            let span = crate::ja::duration(n, shinsei_ir::DurationUnit::Months);
            let (s, y) = (self.value(start), self.value(rhs));
            match op {
                BinOp::Lt => {
                    return Clause::verb(
                        format!("{s}から始まる{span}の期間が{y}の前日までに満了している"),
                        format!("{s}から始まる{span}の期間が{y}の前日までに満了しており"),
                    );
                }
                BinOp::Ge => {
                    return Clause::verb(
                        format!("{s}から始まる{span}の期間が{y}の前日までに満了していない"),
                        format!("{s}から始まる{span}の期間が{y}の前日までに満了しておらず"),
                    );
                }
                _ => {}
            }
        }
        let kind = match self.kind(lhs) {
            Kind::Unknown => self.kind(rhs),
            k => k,
        };
        // A choice key or a bool literal reads as its label.
        let opts = self.options_of(lhs).or_else(|| self.options_of(rhs));
        let unit = self.unit_hint(lhs).or_else(|| self.unit_hint(rhs));
        let side = |e: &Expr| match (e, unit) {
            (Expr::Lit(Literal::Int(n)), Some(u)) => format!("{}{u}", crate::ja::int(*n)),
            _ => self.operand(e, opts.as_ref()),
        };
        let (a, b) = (side(lhs), side(rhs));
        let literal = matches!(rhs, Expr::Lit(_));
        match (kind, op) {
            (Kind::Date | Kind::Month, BinOp::Ge) => Clause::noun(format!("{a}が{b}以降")),
            (Kind::Date | Kind::Month, BinOp::Gt) => Clause::noun(format!("{a}が{b}より後")),
            (Kind::Date | Kind::Month, BinOp::Le) => Clause::noun(format!("{a}が{b}以前")),
            (Kind::Date | Kind::Month, BinOp::Lt) => Clause::noun(format!("{a}が{b}より前")),
            (Kind::Date | Kind::Month, BinOp::Eq) if !literal => {
                Clause::noun(format!("{a}が{b}と同じ日"))
            }
            (Kind::Date | Kind::Month, BinOp::Ne) if !literal => Clause::verb(
                format!("{a}が{b}と異なる日である"),
                format!("{a}が{b}と異なる日であり"),
            ),
            (_, BinOp::Ge) => Clause::noun(format!("{a}が{b}以上")),
            (_, BinOp::Gt) => Clause::verb(format!("{a}が{b}を超える"), format!("{a}が{b}を超え")),
            (_, BinOp::Le) => Clause::noun(format!("{a}が{b}以下")),
            (_, BinOp::Lt) => Clause::noun(format!("{a}が{b}未満")),
            (Kind::Bool, BinOp::Ne) if literal => {
                // x != true  ⇔  x is いいえ (both unknown when x is absent).
                let other = if matches!(rhs, Expr::Lit(Literal::Bool(true))) {
                    "「いいえ」"
                } else {
                    "「はい」"
                };
                Clause::noun(format!("{a}が{other}"))
            }
            (_, BinOp::Eq) if literal => Clause::noun(format!("{a}が{b}")),
            (_, BinOp::Ne) if literal => Clause::noun(format!("{a}が{b}以外")),
            (_, BinOp::Eq) => Clause::noun(format!("{a}が{b}と同じ")),
            _ => Clause::verb(format!("{a}が{b}と異なる"), format!("{a}が{b}と異なり")),
        }
    }

    /// The unit a bare number compared with `e` is counted in (「75歳」, 「4日」).
    fn unit_hint(&self, e: &Expr) -> Option<&'static str> {
        match e {
            Expr::Call { func, .. } => match func {
                Builtin::AgeOn => Some("歳"),
                Builtin::DaysBetween | Builtin::Days => Some("日"),
                Builtin::MonthsBetween => Some("か月"),
                Builtin::YearsBetween => Some("年"),
                Builtin::AddBusinessDays => None,
                _ => None,
            },
            Expr::Aggregate {
                op: AggOp::Count, ..
            } => Some("件"),
            Expr::Aggregate {
                op: AggOp::Sum | AggOp::Min | AggOp::Max | AggOp::First | AggOp::Last,
                list,
                body: Some(b),
            } => self.item(list).and_then(|item| item.unit_hint(b)),
            _ => None,
        }
    }

    /// A side of a comparison: a choice key becomes its option's label.
    fn operand(&self, e: &Expr, opts: Option<&kind::Options>) -> String {
        if let (Expr::Lit(Literal::Text(key)), Some(opts)) = (e, opts)
            && let Some((_, label)) = opts.iter().find(|(k, _)| k == key)
        {
            return format!("「{label}」");
        }
        self.value(e)
    }
}
