//! Arithmetic on values: numbers, and dates/months shifted by durations.

use chrono::{NaiveDate, TimeDelta};
use shinsei_ir::DurationUnit;

use crate::value::num::Rat;
use crate::value::{Value, Ym};

/// `d` shifted by `n` units (months clamp to the month's last day).
pub(super) fn shift(d: NaiveDate, n: i64, unit: DurationUnit) -> Option<NaiveDate> {
    match unit {
        DurationUnit::Days => d.checked_add_signed(TimeDelta::try_days(n)?),
        DurationUnit::Months => shinsei_jp::age::add_months(d, n),
        DurationUnit::Years => shinsei_jp::age::add_years(d, n),
    }
}

/// `m` shifted by `n` months or years (days are not defined on months).
fn shift_month(m: Ym, n: i64, unit: DurationUnit) -> Option<Ym> {
    let months = match unit {
        DurationUnit::Days => return None,
        DurationUnit::Months => n,
        DurationUnit::Years => n.checked_mul(12)?,
    };
    Ym::from_index(m.index().checked_add(months)?)
}

/// `a + b`.
pub(super) fn add<'a>(a: Value<'a>, b: Value<'a>) -> Option<Value<'a>> {
    Some(match (a, b) {
        (Value::Num(x), Value::Num(y)) => Value::Num(x.add(y)?),
        (Value::Date(d), Value::Duration(n, u)) | (Value::Duration(n, u), Value::Date(d)) => {
            Value::Date(shift(d, n, u)?)
        }
        (Value::Month(m), Value::Duration(n, u)) | (Value::Duration(n, u), Value::Month(m)) => {
            Value::Month(shift_month(m, n, u)?)
        }
        (Value::Duration(x, u), Value::Duration(y, v)) if u == v => {
            Value::Duration(x.checked_add(y)?, u)
        }
        _ => return None,
    })
}

/// `a − b`.
pub(super) fn sub<'a>(a: Value<'a>, b: Value<'a>) -> Option<Value<'a>> {
    match b {
        Value::Num(y) => add(a, Value::Num(y.neg()?)),
        Value::Duration(n, u) => add(a, Value::Duration(n.checked_neg()?, u)),
        _ => None,
    }
}

/// `a × b` (numbers; a duration times an integer).
pub(super) fn mul<'a>(a: Value<'a>, b: Value<'a>) -> Option<Value<'a>> {
    Some(match (a, b) {
        (Value::Num(x), Value::Num(y)) => Value::Num(x.mul(y)?),
        (Value::Duration(n, u), Value::Num(k)) | (Value::Num(k), Value::Duration(n, u)) => {
            Value::Duration(n.checked_mul(k.to_i64()?)?, u)
        }
        _ => return None,
    })
}

/// `a ÷ b` (exact; by zero ⇒ unknown).
pub(super) fn div<'a>(a: Value<'a>, b: Value<'a>) -> Option<Value<'a>> {
    match (a, b) {
        (Value::Num(x), Value::Num(y)) => Some(Value::Num(x.div(y)?)),
        _ => None,
    }
}

/// `−a`.
pub(super) fn neg(a: Value<'_>) -> Option<Value<'_>> {
    match a {
        Value::Num(x) => Some(Value::Num(x.neg()?)),
        Value::Duration(n, u) => Some(Value::Duration(n.checked_neg()?, u)),
        _ => None,
    }
}

/// Rounding modes of `round`, `floor`, `ceil`.
#[derive(Clone, Copy)]
pub(super) enum Rounding {
    HalfAway,
    Floor,
    Ceil,
}

/// `x` rounded to a multiple of `unit` (`unit > 0`).
pub(super) fn round(x: Rat, unit: Rat, mode: Rounding) -> Option<Rat> {
    if unit.num() <= 0 {
        return None;
    }
    let q = x.div(unit)?;
    let k = match mode {
        Rounding::HalfAway => q.round_half_away()?,
        Rounding::Floor => q.floor()?,
        Rounding::Ceil => q.ceil()?,
    };
    Rat::int(k).mul(unit)
}
