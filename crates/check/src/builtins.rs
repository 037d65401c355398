//! Built-in functions: names, arity and typing.

use std::rc::Rc;

use shinsei_ir::{AggOp, Builtin, ValueType as V};

use crate::ty::{Dim, Ty, numeric, unify};

/// The name of the `present(field)` test: built in, but not a function of
/// the IR (it lowers to `Expr::Present`).
pub const PRESENT: &str = "present";

/// Whether `name` is built in (function, aggregate or `present`).
pub fn is_builtin(name: &str) -> bool {
    names().any(|n| n == name)
}

/// Every built-in name (functions, `present` and aggregates), for
/// suggestions and completions; `min` and `max` come twice (function and
/// aggregate).
pub fn names() -> impl Iterator<Item = &'static str> {
    Builtin::ALL
        .iter()
        .map(|f| f.name())
        .chain([PRESENT])
        .chain(AggOp::ALL.iter().map(|a| a.name()))
}

/// The aggregate named `name`, if any.
pub fn aggregate(name: &str) -> Option<AggOp> {
    AggOp::named(name)
}

/// The function named `name`: IR builtin and arity.
pub fn function(name: &str) -> Option<(Builtin, usize, usize)> {
    let f = Builtin::named(name)?;
    let (min, max) = f.arity();
    Some((f, min, max))
}

/// Types a call of `f` with argument types `args` (arity already checked).
/// Errors are "expected …, found …" messages for argument `index`.
pub fn type_call(f: Builtin, args: &[Ty]) -> Result<Ty, (usize, String)> {
    use Builtin as B;
    let date = Ty::V(V::Date);
    let int = Ty::V(V::Int);
    let want = |i: usize, expected: V| -> Result<(), (usize, String)> {
        match args.get(i) {
            Some(Ty::Error) | None => Ok(()),
            Some(t) if t.value() == Some(expected) => Ok(()),
            Some(t) => Err((
                i,
                format!("expected {}, found {}", expected.name(), t.describe()),
            )),
        }
    };
    match f {
        B::DaysBetween | B::MonthsBetween | B::YearsBetween | B::AgeOn => {
            want(0, V::Date)?;
            want(1, V::Date)?;
            Ok(int)
        }
        B::AddDays | B::AddMonths | B::AddYears | B::AddBusinessDays => {
            want(0, V::Date)?;
            want(1, V::Int)?;
            Ok(date)
        }
        B::StartOfMonth | B::EndOfMonth | B::NextBusinessDay => {
            want(0, V::Date)?;
            Ok(date)
        }
        B::IsHoliday | B::IsBusinessDay => {
            want(0, V::Date)?;
            Ok(Ty::V(V::Bool))
        }
        B::MonthOf => {
            want(0, V::Date)?;
            Ok(Ty::V(V::Month))
        }
        B::FirstDay | B::LastDay => {
            want(0, V::Month)?;
            Ok(date)
        }
        B::Year | B::Month => match args.first() {
            Some(t) if matches!(t.value(), Some(V::Date | V::Month)) || *t == Ty::Error => Ok(int),
            Some(t) => Err((0, format!("expected date or month, found {}", t.describe()))),
            None => Ok(int),
        },
        B::Day | B::FiscalYear => {
            want(0, V::Date)?;
            Ok(int)
        }
        B::Period => {
            want(0, V::Date)?;
            want(1, V::Date)?;
            Ok(Ty::V(V::Period))
        }
        B::PeriodFrom | B::PeriodTo => {
            want(0, V::Period)?;
            Ok(date)
        }
        B::Days => {
            want(0, V::Period)?;
            Ok(int)
        }
        B::Overlaps | B::Within => {
            want(0, V::Period)?;
            want(1, V::Period)?;
            Ok(Ty::V(V::Bool))
        }
        B::InPeriod => {
            want(0, V::Date)?;
            want(1, V::Period)?;
            Ok(Ty::V(V::Bool))
        }
        B::Len => match args.first() {
            Some(t)
                if matches!(t.value(), Some(V::Text | V::Choice | V::Multi)) || *t == Ty::Error =>
            {
                Ok(int)
            }
            Some(t) => Err((
                0,
                format!("expected text or multi-choice, found {}", t.describe()),
            )),
            None => Ok(int),
        },
        B::Round | B::Floor | B::Ceil => {
            want(1, V::Int)?;
            match args.first() {
                Some(Ty::Error) | None => Ok(Ty::Error),
                Some(t) => match t.value().and_then(numeric) {
                    Some((Dim::Yen, _)) => Ok(Ty::V(V::Yen)),
                    Some((Dim::Plain, _)) => Ok(int),
                    None => Err((0, format!("expected a number, found {}", t.describe()))),
                },
            }
        }
        B::Abs => match args.first() {
            Some(t) if t.is_number() || *t == Ty::Error => Ok(t.clone()),
            Some(t) => Err((0, format!("expected a number, found {}", t.describe()))),
            None => Ok(Ty::Error),
        },
        B::Min | B::Max | B::Coalesce => {
            let mut acc = args.first().cloned().unwrap_or(Ty::Error);
            for (i, t) in args.iter().enumerate().skip(1) {
                acc = unify(&acc, t).ok_or_else(|| {
                    (
                        i,
                        format!("expected {}, found {}", acc.describe(), t.describe()),
                    )
                })?;
            }
            if f != B::Coalesce
                && acc != Ty::Error
                && !acc.is_number()
                && !matches!(acc.value(), Some(V::Date | V::Month))
            {
                return Err((
                    0,
                    format!(
                        "expected numbers, dates or months, found {}",
                        acc.describe()
                    ),
                ));
            }
            Ok(acc)
        }
        B::Contains => {
            match args.first() {
                Some(Ty::Multi(_) | Ty::Error) | None => {}
                Some(t) => {
                    return Err((0, format!("expected multi-choice, found {}", t.describe())));
                }
            }
            Ok(Ty::V(V::Bool))
        }
    }
}

/// The option keys of the roles, for `applicant.role`.
pub fn role_options() -> Rc<[String]> {
    shinsei_ir::Role::ALL
        .iter()
        .map(|r| r.id().to_string())
        .collect()
}

/// The signature of built-in `name` as docs/language.md §11 writes it, e.g.
/// `age_on(birth: date, d: date) -> integer`; `None` for an unknown name.
/// Shown by arity errors (and usable by editors for hover and completion).
pub fn signature(name: &str) -> Option<&'static str> {
    Some(match name {
        "days_between" => "days_between(a: date, b: date) -> integer",
        "months_between" => "months_between(a: date, b: date) -> integer",
        "years_between" => "years_between(a: date, b: date) -> integer",
        "add_days" => "add_days(d: date, n: integer) -> date",
        "add_months" => "add_months(d: date, n: integer) -> date",
        "add_years" => "add_years(d: date, n: integer) -> date",
        "age_on" => "age_on(birth: date, d: date) -> integer",
        "start_of_month" => "start_of_month(d: date) -> date",
        "end_of_month" => "end_of_month(d: date) -> date",
        "month_of" => "month_of(d: date) -> month",
        "first_day" => "first_day(m: month) -> date",
        "last_day" => "last_day(m: month) -> date",
        "year" => "year(x: date | month) -> integer",
        "month" => "month(x: date | month) -> integer",
        "day" => "day(d: date) -> integer",
        "fiscal_year" => "fiscal_year(d: date) -> integer",
        "is_holiday" => "is_holiday(d: date) -> bool",
        "is_business_day" => "is_business_day(d: date) -> bool",
        "next_business_day" => "next_business_day(d: date) -> date",
        "add_business_days" => "add_business_days(d: date, n: integer) -> date",
        "period" => "period(from: date, to: date) -> period",
        "period_from" => "period_from(p: period) -> date",
        "period_to" => "period_to(p: period) -> date",
        "days" => "days(p: period) -> integer",
        "overlaps" => "overlaps(p: period, q: period) -> bool",
        "within" => "within(p: period, q: period) -> bool",
        "in_period" => "in_period(d: date, p: period) -> bool",
        "len" => "len(s: text | choice | multi) -> integer",
        "round" => "round(x: number, unit: integer) -> yen | integer",
        "floor" => "floor(x: number, unit: integer) -> yen | integer",
        "ceil" => "ceil(x: number, unit: integer) -> yen | integer",
        "min" => "min(a, b, …) (2 to 16 numbers, dates or months), or min(list, x) over a list",
        "max" => "max(a, b, …) (2 to 16 numbers, dates or months), or max(list, x) over a list",
        "abs" => "abs(x: number) -> number",
        "contains" => "contains(m: multi, key: text) -> bool",
        "coalesce" => "coalesce(a, b, …) (2 to 16 values of one type) -> that type",
        "present" => "present(field) -> bool",
        "count" => "count(list) -> integer, or count(list, condition) -> integer",
        "sum" => "sum(list, x: number) -> number",
        "all" => "all(list, condition) -> bool",
        "any" => "any(list, condition) -> bool",
        "first" => "first(list).field, or first(list, x)",
        "last" => "last(list).field, or last(list, x)",
        "distinct" => "distinct(list, x) -> bool",
        "disjoint" => "disjoint(list, p: period) -> bool",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_has_a_signature_starting_with_its_name() {
        for name in names() {
            let sig = signature(name).unwrap_or_else(|| panic!("no signature for `{name}`"));
            assert!(sig.starts_with(&format!("{name}(")), "{sig}");
        }
        assert_eq!(signature("nope"), None);
    }
}
