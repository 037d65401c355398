//! What kind of value an expression has, and the options of a choice, so that
//! the words fit (「以降」 for dates, option labels for choice keys).

use shinsei_ir::{AggOp, BinOp, Builtin, Expr, FieldKind, Literal, QualField, Role, UnOp};

use crate::field_types::Kind;
use crate::scope::Ctx;

/// Option keys and their labels.
pub type Options = Vec<(String, String)>;

impl Ctx<'_> {
    /// The kind of value `e` has.
    pub fn kind(&self, e: &Expr) -> Kind {
        match e {
            Expr::Lit(l) => match l {
                Literal::Bool(_) => Kind::Bool,
                Literal::Int(_) | Literal::Rate { .. } => Kind::Number,
                Literal::Yen(_) => Kind::Money,
                Literal::Date(_) => Kind::Date,
                Literal::Month { .. } => Kind::Month,
                Literal::Duration { .. } => Kind::Duration,
                Literal::Text(_) => Kind::Text,
            },
            Expr::Field(r) => self
                .field(r)
                .map_or(Kind::Unknown, |f| Kind::of_field(&f.kind)),
            Expr::Present(_) => Kind::Bool,
            Expr::Qual(q) => Kind::of(q.value_type()),
            Expr::Role => Kind::Choice,
            Expr::Today => Kind::Date,
            Expr::Unary { op: UnOp::Not, .. } => Kind::Bool,
            Expr::Unary { op: UnOp::Neg, arg } => self.kind(arg),
            Expr::Binary { op, lhs, rhs } => {
                let (l, r) = (self.kind(lhs), self.kind(rhs));
                match op {
                    BinOp::Add | BinOp::Sub if matches!(l, Kind::Date | Kind::Month) => l,
                    BinOp::Add | BinOp::Sub | BinOp::Mul
                        if l == Kind::Money || r == Kind::Money =>
                    {
                        Kind::Money
                    }
                    BinOp::Div if l == Kind::Money && r != Kind::Money => Kind::Money,
                    BinOp::Add | BinOp::Sub | BinOp::Mul | BinOp::Div => Kind::Number,
                    _ => Kind::Bool,
                }
            }
            Expr::In { .. } => Kind::Bool,
            Expr::If {
                then, otherwise, ..
            } => match self.kind(then) {
                Kind::Unknown => self.kind(otherwise),
                k => k,
            },
            Expr::Call { func, args } => self.call_kind(*func, args),
            Expr::Aggregate { op, list, body } => match op {
                AggOp::Count => Kind::Number,
                AggOp::All | AggOp::Any | AggOp::Distinct | AggOp::Disjoint => Kind::Bool,
                AggOp::Sum | AggOp::Min | AggOp::Max | AggOp::First | AggOp::Last => {
                    match (self.item(list), body) {
                        (Some(item), Some(b)) => item.kind(b),
                        _ => Kind::Unknown,
                    }
                }
            },
            Expr::Param { name, .. } => self
                .bundle
                .params
                .get(name)
                .map_or(Kind::Unknown, |p| Kind::of(p.ty)),
        }
    }

    fn call_kind(&self, func: Builtin, args: &[Expr]) -> Kind {
        use Builtin as B;
        match func {
            B::DaysBetween
            | B::MonthsBetween
            | B::YearsBetween
            | B::AgeOn
            | B::Year
            | B::Month
            | B::Day
            | B::FiscalYear
            | B::Days
            | B::Len => Kind::Number,
            B::AddDays
            | B::AddMonths
            | B::AddYears
            | B::StartOfMonth
            | B::EndOfMonth
            | B::FirstDay
            | B::LastDay
            | B::NextBusinessDay
            | B::AddBusinessDays
            | B::PeriodFrom
            | B::PeriodTo => Kind::Date,
            B::MonthOf => Kind::Month,
            B::IsHoliday
            | B::IsBusinessDay
            | B::Overlaps
            | B::Within
            | B::InPeriod
            | B::Contains => Kind::Bool,
            B::Period => Kind::Period,
            B::Round | B::Floor | B::Ceil | B::Abs | B::Min | B::Max | B::Coalesce => args
                .iter()
                .map(|a| self.kind(a))
                .find(|k| *k != Kind::Unknown)
                .unwrap_or(Kind::Unknown),
        }
    }

    /// The options (key → label) of a choice-valued expression.
    pub fn options_of(&self, e: &Expr) -> Option<Options> {
        match e {
            Expr::Field(r) => match &self.field(r)?.kind {
                FieldKind::Choice { options } | FieldKind::Multi { options, .. } => Some(
                    options
                        .iter()
                        .map(|o| (o.key.clone(), o.label.ja.clone()))
                        .collect(),
                ),
                _ => None,
            },
            Expr::Qual(QualField::Sex) => Some(vec![
                ("male".to_owned(), "男性".to_owned()),
                ("female".to_owned(), "女性".to_owned()),
            ]),
            Expr::Role => Some(
                Role::ALL
                    .iter()
                    .map(|r| (r.id().to_owned(), r.ja().to_owned()))
                    .collect(),
            ),
            Expr::Aggregate {
                op: AggOp::First | AggOp::Last | AggOp::Min | AggOp::Max,
                list,
                body: Some(b),
            } => self.item(list)?.options_of(b),
            Expr::Call {
                func: Builtin::Coalesce,
                args,
            } => args.iter().find_map(|a| self.options_of(a)),
            Expr::If {
                then, otherwise, ..
            } => self.options_of(then).or_else(|| self.options_of(otherwise)),
            _ => None,
        }
    }
}
