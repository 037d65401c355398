//! Built-in functions (dates, periods, text, rounding, min/max, sets).

use std::cmp::Ordering;

use chrono::{Datelike, NaiveDate};
use shinsei_ir::{Builtin, DurationUnit, Expr};
use shinsei_jp::{age, calendar, holidays};

use super::Env;
use super::arith::{Rounding, round, shift};
use crate::tree::InstId;
use crate::value::num::Rat;
use crate::value::{Value, Ym};

fn int<'a>(n: impl Into<i128>) -> Option<Value<'a>> {
    Some(Value::Num(Rat::int(n.into())))
}

/// Evaluates `func(args…)`; unknown if any needed argument is unknown.
pub(super) fn call<'a>(
    env: &Env<'a>,
    func: Builtin,
    args: &'a [Expr],
    frame: InstId,
) -> Option<Value<'a>> {
    let arg = |i: usize| env.eval(args.get(i)?, frame);
    let date = |i: usize| arg(i)?.as_date();
    let number = |i: usize| arg(i)?.as_num();
    let period = |i: usize| arg(i)?.as_period();
    let month = |i: usize| match arg(i)? {
        Value::Month(m) => Some(m),
        _ => None,
    };
    use Builtin as B;
    match func {
        B::DaysBetween => int(date(1)?.signed_duration_since(date(0)?).num_days()),
        B::MonthsBetween => int(age::months_between(date(0)?, date(1)?)),
        B::YearsBetween => int(age::months_between(date(0)?, date(1)?).checked_div(12)?),
        B::AddDays => Some(Value::Date(shift(
            date(0)?,
            arg(1)?.as_i64()?,
            DurationUnit::Days,
        )?)),
        B::AddMonths => Some(Value::Date(shift(
            date(0)?,
            arg(1)?.as_i64()?,
            DurationUnit::Months,
        )?)),
        B::AddYears => Some(Value::Date(shift(
            date(0)?,
            arg(1)?.as_i64()?,
            DurationUnit::Years,
        )?)),
        B::AgeOn => int(age::age_on(date(0)?, date(1)?)?),
        B::StartOfMonth => Some(Value::Date(date(0)?.with_day(1)?)),
        B::EndOfMonth => Some(Value::Date(Ym::of(date(0)?).last_day()?)),
        B::MonthOf => Some(Value::Month(Ym::of(date(0)?))),
        B::FirstDay => Some(Value::Date(month(0)?.first_day()?)),
        B::LastDay => Some(Value::Date(month(0)?.last_day()?)),
        B::Year => match arg(0)? {
            Value::Date(d) => int(d.year()),
            Value::Month(m) => int(m.year),
            _ => None,
        },
        B::Month => match arg(0)? {
            Value::Date(d) => int(d.month()),
            Value::Month(m) => int(m.month),
            _ => None,
        },
        B::Day => int(date(0)?.day()),
        B::FiscalYear => int(age::fiscal_year(date(0)?)),
        B::IsHoliday => Some(Value::Bool(holidays::is_holiday(date(0)?))),
        B::IsBusinessDay => Some(Value::Bool(calendar::is_business_day(date(0)?))),
        B::NextBusinessDay => Some(Value::Date(calendar::next_business_day(date(0)?))),
        B::AddBusinessDays => Some(Value::Date(calendar::add_business_days(
            date(0)?,
            arg(1)?.as_i64()?,
        )?)),
        B::Period => {
            let (from, to) = (date(0)?, date(1)?);
            (from <= to).then_some(Value::Period(from, to))
        }
        B::PeriodFrom => Some(Value::Date(period(0)?.0)),
        B::PeriodTo => Some(Value::Date(period(0)?.1)),
        B::Days => {
            let (from, to) = period(0)?;
            int(to.signed_duration_since(from).num_days().checked_add(1)?)
        }
        B::Overlaps => {
            let (p, q) = (period(0)?, period(1)?);
            Some(Value::Bool(p.0 <= q.1 && q.0 <= p.1))
        }
        B::Within => {
            let (p, q) = (period(0)?, period(1)?);
            Some(Value::Bool(q.0 <= p.0 && p.1 <= q.1))
        }
        B::InPeriod => {
            let (d, p) = (date(0)?, period(1)?);
            Some(Value::Bool(p.0 <= d && d <= p.1))
        }
        B::Len => match arg(0)? {
            Value::Text(s) => int(i128::try_from(s.chars().count()).ok()?),
            Value::Multi(keys) => int(i128::try_from(keys.len()).ok()?),
            _ => None,
        },
        B::Round => Some(Value::Num(round(
            number(0)?,
            number(1)?,
            Rounding::HalfAway,
        )?)),
        B::Floor => Some(Value::Num(round(number(0)?, number(1)?, Rounding::Floor)?)),
        B::Ceil => Some(Value::Num(round(number(0)?, number(1)?, Rounding::Ceil)?)),
        B::Min => extreme(env, args, frame, Ordering::Less),
        B::Max => extreme(env, args, frame, Ordering::Greater),
        B::Abs => Some(Value::Num(number(0)?.abs()?)),
        B::Contains => match (arg(0)?, arg(1)?) {
            (Value::Multi(keys), Value::Text(key)) => {
                Some(Value::Bool(keys.iter().any(|k| k == key)))
            }
            _ => None,
        },
        B::Coalesce => args.iter().find_map(|a| env.eval(a, frame)),
    }
}

/// The smallest (`want = Less`) or largest argument; unknown if any is.
fn extreme<'a>(
    env: &Env<'a>,
    args: &'a [Expr],
    frame: InstId,
    want: Ordering,
) -> Option<Value<'a>> {
    let mut best: Option<Value<'a>> = None;
    for a in args {
        let v = env.eval(a, frame)?;
        best = Some(match best {
            Some(b) if v.compare(b)? != want => b,
            _ => v,
        });
    }
    best
}

/// Whether two inclusive periods share a day.
pub(super) fn overlaps(p: (NaiveDate, NaiveDate), q: (NaiveDate, NaiveDate)) -> bool {
    p.0 <= q.1 && q.0 <= p.1
}
