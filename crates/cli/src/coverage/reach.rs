//! Which periods of a param a submission can reach at all. A param read at a
//! date of the submission (a birth date, a 診療月) can select any of its
//! periods: a case that selects an old one is there to be written. One read
//! only at a date computed from `today` (`meal_standard_charge(
//! start_of_month(today), …)`) selects only the periods that date takes while
//! a version of the form is in force: a period that ended before every such
//! version starts is *unreachable* — the param's history, which no case can
//! select, reported apart from the gaps a case can fill.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, NaiveDate, TimeDelta};
use shinsei_ir::{Builtin, Bundle, DurationUnit, Expr, Literal};

/// How far past the last period of a param an open-ended version is
/// followed: far more than any `today`-based date lags behind `today`.
const YEARS_AFTER_LAST_PERIOD: i32 = 5;

/// The longest span of `today` followed (a century of days).
const MAX_DAYS: i64 = 36_525;

/// The periods of a param no submission can select, and who reads it.
pub struct Unreachable {
    /// The `from` dates of those periods.
    pub periods: BTreeSet<NaiveDate>,
    /// The form versions that read the param, each with its first day
    /// (`gendogaku_gengaku 2026.1 (in force from 2026-01-13)`).
    pub readers: Vec<String>,
}

/// For each param, the periods no form version of `bundle` can select
/// (params read by no form are not listed: they have no reader to reach
/// them).
pub fn unreachable_periods(bundle: &Bundle) -> BTreeMap<String, Unreachable> {
    // Per param: whether any read depends on the submission, and the
    // periods `today`-based reads select.
    let mut free: BTreeSet<&str> = BTreeSet::new();
    let mut reached: BTreeMap<&str, BTreeSet<NaiveDate>> = BTreeMap::new();
    let mut read: BTreeSet<&str> = BTreeSet::new();
    let mut readers: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    for form in &bundle.forms {
        shinsei_ir::limits::for_each_expr(form, |e| {
            let Expr::Param { name, at, .. } = e else {
                return;
            };
            let Some(param) = bundle.params.get(name) else {
                return;
            };
            read.insert(name);
            readers.entry(name).or_default().insert(format!(
                "{} {} (in force from {})",
                form.id, form.version, form.effective.from
            ));
            if free.contains(name.as_str()) {
                return;
            }
            let froms: Vec<NaiveDate> = param.periods.iter().map(|p| p.from).collect();
            let Some(&last) = froms.last() else { return };
            let first_day = form.effective.from;
            let last_day = form.effective.to.unwrap_or_else(|| {
                let after = first_day.max(last);
                after
                    .with_year(after.year() + YEARS_AFTER_LAST_PERIOD)
                    .unwrap_or(after)
            });
            if (last_day - first_day).num_days() > MAX_DAYS {
                // Too long a span to follow day by day: take every period
                // as reachable.
                free.insert(name);
                return;
            }
            let mut day = first_day;
            let selected = reached.entry(name).or_default();
            while day <= last_day {
                match from_today(at, day) {
                    Some(Value::Date(d)) => {
                        if let Some(from) = froms.iter().rev().find(|f| **f <= d) {
                            selected.insert(*from);
                        }
                    }
                    // A date of the submission, or one this reading cannot
                    // follow: any period may be selected.
                    _ => {
                        free.insert(name);
                        return;
                    }
                }
                let Some(next) = day.checked_add_signed(TimeDelta::days(1)) else {
                    break;
                };
                day = next;
            }
        });
    }
    read.iter()
        .filter(|name| !free.contains(**name))
        .filter_map(|name| {
            let param = bundle.params.get(*name)?;
            let selected = reached.get(*name);
            let never: BTreeSet<NaiveDate> = param
                .periods
                .iter()
                .map(|p| p.from)
                .filter(|f| !selected.is_some_and(|s| s.contains(f)))
                .collect();
            (!never.is_empty()).then(|| {
                let readers = readers.get(*name).cloned().unwrap_or_default();
                (
                    (*name).to_owned(),
                    Unreachable {
                        periods: never,
                        readers: readers.into_iter().collect(),
                    },
                )
            })
        })
        .collect()
}

/// A value of a date computed from `today` alone.
#[derive(Clone, Copy)]
enum Value {
    Date(NaiveDate),
    Month(NaiveDate),
    Int(i64),
    Duration(i64, DurationUnit),
}

/// `e` evaluated with `today` = `today`, when `e` reads nothing else and is
/// made of the date functions a param's date is written with; `None`
/// otherwise (the caller then takes every period as reachable).
fn from_today(e: &Expr, today: NaiveDate) -> Option<Value> {
    let date = |e: &Expr| match from_today(e, today)? {
        Value::Date(d) => Some(d),
        _ => None,
    };
    let month = |e: &Expr| match from_today(e, today)? {
        Value::Month(m) => Some(m),
        _ => None,
    };
    let int = |e: &Expr| match from_today(e, today)? {
        Value::Int(n) => Some(n),
        _ => None,
    };
    let shift = |d: NaiveDate, n: i64, unit: DurationUnit| match unit {
        DurationUnit::Days => d.checked_add_signed(TimeDelta::try_days(n)?),
        DurationUnit::Months => shinsei_jp::age::add_months(d, n),
        DurationUnit::Years => shinsei_jp::age::add_years(d, n),
    };
    let end_of_month = |d: NaiveDate| {
        shinsei_jp::age::add_months(d.with_day(1)?, 1)?.checked_sub_signed(TimeDelta::days(1))
    };
    Some(match e {
        Expr::Today => Value::Date(today),
        Expr::Lit(Literal::Date(d)) => Value::Date(*d),
        Expr::Lit(Literal::Month { year, month }) => {
            Value::Month(NaiveDate::from_ymd_opt(*year, *month, 1)?)
        }
        Expr::Lit(Literal::Int(n)) => Value::Int(*n),
        Expr::Lit(Literal::Duration { n, unit }) => Value::Duration(*n, *unit),
        Expr::Call { func, args } => match (func, args.as_slice()) {
            (Builtin::StartOfMonth, [d]) => Value::Date(date(d)?.with_day(1)?),
            (Builtin::EndOfMonth, [d]) => Value::Date(end_of_month(date(d)?)?),
            (Builtin::MonthOf, [d]) => Value::Month(date(d)?.with_day(1)?),
            (Builtin::FirstDay, [m]) => Value::Date(month(m)?),
            (Builtin::LastDay, [m]) => Value::Date(end_of_month(month(m)?)?),
            (Builtin::AddDays, [d, n]) => {
                Value::Date(shift(date(d)?, int(n)?, DurationUnit::Days)?)
            }
            (Builtin::AddMonths, [d, n]) => {
                Value::Date(shift(date(d)?, int(n)?, DurationUnit::Months)?)
            }
            (Builtin::AddYears, [d, n]) => {
                Value::Date(shift(date(d)?, int(n)?, DurationUnit::Years)?)
            }
            _ => return None,
        },
        Expr::Unary {
            op: shinsei_ir::UnOp::Neg,
            arg,
        } => Value::Int(int(arg)?.checked_neg()?),
        Expr::Binary { op, lhs, rhs } => {
            let sign = match op {
                shinsei_ir::BinOp::Add => 1,
                shinsei_ir::BinOp::Sub => -1,
                _ => return None,
            };
            match (from_today(lhs, today)?, from_today(rhs, today)?) {
                (Value::Date(d), Value::Duration(n, unit)) => {
                    Value::Date(shift(d, n.checked_mul(sign)?, unit)?)
                }
                (Value::Duration(n, unit), Value::Date(d)) if sign == 1 => {
                    Value::Date(shift(d, n, unit)?)
                }
                _ => return None,
            }
        }
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const FORMS: &str = r#"
enum kind { a "A", b "B" }
param by_today "今日で選ぶ額": yen by kind {
  from 2024-06-01 { a 490円, b 230円 }
  from 2025-04-01 { a 510円, b 240円 }
  from 2026-04-01 { a 520円, b 250円 }
}
param by_birth "出生日で選ぶ額": yen {
  from 2009-10-01 420_000円
  from 2023-04-01 500_000円
}
param a_year_back "一年前で選ぶ額": yen {
  from 2024-01-01 1円
  from 2025-02-01 2円
  from 2025-03-01 3円
}
param unread "読まれない額": yen {
  from 2020-01-01 1円
}
form f "見本" {
  version "1"  effective 2026-01-13..  category 給付  applicants insured
  field birth "出産日": date
  field k "区分": kind
  compute meal "食事" = by_today(start_of_month(today), k)
  compute lump "一時金" = by_birth(birth)
  compute back "前年" = a_year_back(add_months(start_of_month(today), -11))
}"#;

    fn bundle() -> Bundle {
        let mut db = shinsei_syntax::SourceDb::new();
        db.add("f.form", FORMS);
        let out = shinsei_check::compile(&db);
        out.bundle
            .unwrap_or_else(|| panic!("{:?}", out.diagnostics))
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn a_period_before_every_version_read_at_today_is_unreachable() {
        let never = unreachable_periods(&bundle());
        // by_today: the 2024-06-01 period ended before the form's first day;
        // the 2025-04-01 one is in force then; 2026-04-01 comes later.
        let by_today = &never["by_today"];
        assert_eq!(by_today.periods, BTreeSet::from([d(2024, 6, 1)]));
        assert_eq!(by_today.readers, ["f 1 (in force from 2026-01-13)"]);
        // a date of the submission can select any period
        assert!(!never.contains_key("by_birth"));
        // 11 months before 2026-01 is 2025-02: the first period is out of
        // reach, the second (2025-02-01) is not
        assert_eq!(
            never["a_year_back"].periods,
            BTreeSet::from([d(2024, 1, 1)])
        );
        // a param no form reads is reported as such, not here
        assert!(!never.contains_key("unread"));
    }
}
