//! Ages and calendar periods under 民法 (Civil Code).
//!
//! Periods in months or years (民法143条) end on the day before the day that
//! corresponds to the start; when the last month has no such day, on that
//! month's last day. Ages are counted from the day of birth
//! (年齢計算ニ関スル法律), so a person reaches age N at the end of the day
//! before the Nth birthday, and is N on that day. For someone born on
//! February 29 the Nth year has no corresponding day in a common year, so the
//! period ends on February 28: they are N on 2/28.
//!
//! ```
//! use chrono::NaiveDate;
//! use shinsei_jp::age::{add_months, age_on, fiscal_year, months_between};
//! let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
//! assert_eq!(age_on(d(2000, 4, 1), d(2010, 3, 30)), Some(9));
//! assert_eq!(age_on(d(2000, 4, 1), d(2010, 3, 31)), Some(10));
//! assert_eq!(age_on(d(2004, 2, 29), d(2022, 2, 28)), Some(18));
//! assert_eq!(add_months(d(2026, 1, 31), 1), Some(d(2026, 2, 28)));
//! assert_eq!(months_between(d(2026, 1, 31), d(2026, 2, 28)), 1);
//! assert_eq!(fiscal_year(d(2026, 3, 31)), 2025);
//! ```

use chrono::{Datelike, NaiveDate};

/// The last day of `d`'s month.
pub fn end_of_month(d: NaiveDate) -> NaiveDate {
    let next_first = match d.month() {
        12 => d
            .year()
            .checked_add(1)
            .and_then(|y| NaiveDate::from_ymd_opt(y, 1, 1)),
        m => NaiveDate::from_ymd_opt(d.year(), m + 1, 1),
    };
    // Only the very last month of the calendar has no next month.
    next_first
        .and_then(|n| n.pred_opt())
        .unwrap_or(NaiveDate::MAX)
}

/// The first day of `d`'s month.
pub fn start_of_month(d: NaiveDate) -> NaiveDate {
    d.with_day(1).unwrap_or(d)
}

/// `d` plus `n` months (negative `n` goes back), clamped to the last day of
/// the target month (1/31 + 1 month = 2/28 or 2/29). `None` outside the
/// calendar.
pub fn add_months(d: NaiveDate, n: i64) -> Option<NaiveDate> {
    let index = i64::from(d.year())
        .checked_mul(12)?
        .checked_add(i64::from(d.month0()))?
        .checked_add(n)?;
    let year = i32::try_from(index.div_euclid(12)).ok()?;
    let month = u32::try_from(index.rem_euclid(12)).ok()?.checked_add(1)?;
    let first = NaiveDate::from_ymd_opt(year, month, 1)?;
    let last_day = end_of_month(first).day();
    first.with_day(d.day().min(last_day))
}

/// `d` plus `n` years, February 29 → February 28 in a common year. `None`
/// outside the calendar.
pub fn add_years(d: NaiveDate, n: i64) -> Option<NaiveDate> {
    add_months(d, n.checked_mul(12)?)
}

/// Whole months from `a` to `b`: the largest k with `add_months(a, k) <= b`
/// (so 1/31 → 2/28 is one month). Negative when `b < a`, as
/// `−months_between(b, a)`.
pub fn months_between(a: NaiveDate, b: NaiveDate) -> i64 {
    if b < a {
        return -months_between(b, a);
    }
    let rough = (i64::from(b.year()) - i64::from(a.year())) * 12 + i64::from(b.month())
        - i64::from(a.month());
    match add_months(a, rough) {
        Some(x) if x <= b => rough,
        _ => rough - 1,
    }
}

/// Whole years from `a` to `b` (`months_between / 12`, toward zero).
pub fn years_between(a: NaiveDate, b: NaiveDate) -> i64 {
    months_between(a, b) / 12
}

/// Age on the day `on` of a person born on `birth` (see the module doc):
/// the largest N such that the N-year period counted from `birth` has ended
/// by the end of `on`. `Some(0)` on the day of birth, `None` before it.
pub fn age_on(birth: NaiveDate, on: NaiveDate) -> Option<i32> {
    if on < birth {
        return None;
    }
    // The N-year period from `birth` ends on add_years(birth − 1 day, N): the
    // day before the corresponding day, or the month's last day if none.
    let eve = birth.pred_opt()?;
    let years = i64::from(on.year()) - i64::from(eve.year());
    let reached = match add_years(eve, years) {
        Some(end) if end <= on => years,
        _ => years - 1,
    };
    i32::try_from(reached.max(0)).ok()
}

/// The Japanese fiscal year (April–March) `d` belongs to: 2026-03-31 → 2025,
/// 2026-04-01 → 2026.
pub fn fiscal_year(d: NaiveDate) -> i32 {
    if d.month() >= 4 {
        d.year()
    } else {
        d.year().saturating_sub(1)
    }
}
