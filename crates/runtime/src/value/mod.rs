//! Runtime values of expressions.

use std::borrow::Cow;
use std::cmp::Ordering;

use chrono::{Datelike, NaiveDate};
use shinsei_ir::{DurationUnit, Literal};

pub mod num;

use num::Rat;

/// A year and month.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Ym {
    /// Year.
    pub year: i32,
    /// Month, 1–12.
    pub month: u32,
}

impl Ym {
    /// The month of a date.
    pub fn of(d: NaiveDate) -> Ym {
        Ym {
            year: d.year(),
            month: d.month(),
        }
    }

    /// A validated year-month.
    pub fn new(year: i32, month: u32) -> Option<Ym> {
        NaiveDate::from_ymd_opt(year, month, 1).map(|_| Ym { year, month })
    }

    /// Its first day.
    pub fn first_day(self) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.year, self.month, 1)
    }

    /// Its last day.
    pub fn last_day(self) -> Option<NaiveDate> {
        let first = self.first_day()?;
        shinsei_jp::age::add_months(first, 1)?.pred_opt()
    }

    /// Months since year 0, for arithmetic.
    pub fn index(self) -> i64 {
        i64::from(self.year)
            .saturating_mul(12)
            .saturating_add(i64::from(self.month))
            .saturating_sub(1)
    }

    /// The inverse of [`Ym::index`].
    pub fn from_index(i: i64) -> Option<Ym> {
        let year = i32::try_from(i.checked_div_euclid(12)?).ok()?;
        let month = u32::try_from(i.checked_rem_euclid(12)?.checked_add(1)?).ok()?;
        Ym::new(year, month)
    }
}

/// A value: every expression yields one of these or *unknown* (`None`).
#[derive(Clone, Copy, Debug)]
pub enum Value<'a> {
    /// Boolean.
    Bool(bool),
    /// Integer, yen, rate or fractional yen (the compiler knows which).
    Num(Rat),
    /// Date.
    Date(NaiveDate),
    /// Year-month.
    Month(Ym),
    /// Duration.
    Duration(i64, DurationUnit),
    /// Inclusive period (`from ≤ to`).
    Period(NaiveDate, NaiveDate),
    /// Text or choice key.
    Text(&'a str),
    /// Set of choice keys.
    Multi(&'a [Cow<'a, str>]),
}

impl<'a> Value<'a> {
    /// The value of a literal.
    pub fn of_literal(lit: &'a Literal) -> Option<Value<'a>> {
        Some(match lit {
            Literal::Bool(b) => Value::Bool(*b),
            Literal::Int(n) | Literal::Yen(n) => Value::Num(Rat::int(i128::from(*n))),
            Literal::Rate { num, den } => Value::Num(Rat::new(i128::from(*num), i128::from(*den))?),
            Literal::Date(d) => Value::Date(*d),
            Literal::Month { year, month } => Value::Month(Ym::new(*year, *month)?),
            Literal::Duration { n, unit } => Value::Duration(*n, *unit),
            Literal::Text(s) => Value::Text(s),
        })
    }

    /// The boolean, if this is one.
    pub fn as_bool(self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(b),
            _ => None,
        }
    }

    /// The number, if this is one.
    pub fn as_num(self) -> Option<Rat> {
        match self {
            Value::Num(n) => Some(n),
            _ => None,
        }
    }

    /// The date, if this is one.
    pub fn as_date(self) -> Option<NaiveDate> {
        match self {
            Value::Date(d) => Some(d),
            _ => None,
        }
    }

    /// The period, if this is one.
    pub fn as_period(self) -> Option<(NaiveDate, NaiveDate)> {
        match self {
            Value::Period(a, b) => Some((a, b)),
            _ => None,
        }
    }

    /// The integer, if this is an integral number in `i64`.
    pub fn as_i64(self) -> Option<i64> {
        self.as_num()?.to_i64()
    }

    /// Equality of two values of the same type (`None` when the types differ
    /// or the comparison overflows).
    pub fn equals(self, other: Value<'_>) -> Option<bool> {
        Some(match (self, other) {
            (Value::Bool(a), Value::Bool(b)) => a == b,
            (Value::Text(a), Value::Text(b)) => a == b,
            (Value::Multi(a), Value::Multi(b)) => {
                a.len() == b.len() && a.iter().all(|x| b.contains(x))
            }
            (Value::Period(a, b), Value::Period(c, d)) => a == c && b == d,
            (Value::Duration(a, u), Value::Duration(b, v)) if u == v => a == b,
            _ => self.compare(other)? == Ordering::Equal,
        })
    }

    /// Ordering of two values of the same ordered type.
    pub fn compare(self, other: Value<'_>) -> Option<Ordering> {
        match (self, other) {
            (Value::Num(a), Value::Num(b)) => a.cmp(b),
            (Value::Date(a), Value::Date(b)) => Some(a.cmp(&b)),
            (Value::Month(a), Value::Month(b)) => Some(a.cmp(&b)),
            (Value::Text(a), Value::Text(b)) => Some(a.cmp(b)),
            (Value::Bool(a), Value::Bool(b)) => Some(a.cmp(&b)),
            (Value::Duration(a, u), Value::Duration(b, v)) if u == v => Some(a.cmp(&b)),
            _ => None,
        }
    }
}
