//! Business days and service hours of the electronic application service.
//!
//! The service (catalog §32.4) is open on weekdays 08:00–21:00 JST and closed
//! on Saturdays, Sundays, national holidays ([`crate::holidays`]) and over the
//! year end, 12/29–1/3. A business day is a day it is open. Outside
//! [`crate::holidays::SUPPORTED_YEARS`] no holidays are known, so only
//! weekends and the year end are closed days there.
//!
//! ```
//! use chrono::{DateTime, NaiveDate};
//! use shinsei_jp::calendar::{add_business_days, is_business_day, next_business_day, service_open};
//! let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
//! assert!(!is_business_day(d(2026, 1, 2)));
//! assert_eq!(next_business_day(d(2025, 12, 27)), d(2026, 1, 5));
//! assert_eq!(add_business_days(d(2026, 1, 9), 1), Some(d(2026, 1, 13))); // 1/12 成人の日
//! let at = DateTime::parse_from_rfc3339("2026-01-13T09:30:00+09:00").unwrap();
//! assert!(service_open(at));
//! ```

use chrono::{
    DateTime, Datelike, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta, Weekday,
};

use crate::holidays::holiday_name;

/// Reason given by [`closed_days`] for 12/29–1/3 days that are not holidays.
pub const YEAR_END_CLOSURE: &str = "年末年始";

/// Opening time (inclusive), JST.
pub const OPENS: NaiveTime = match NaiveTime::from_hms_opt(8, 0, 0) {
    Some(t) => t,
    None => NaiveTime::MIN,
};
/// Closing time (exclusive), JST.
pub const CLOSES: NaiveTime = match NaiveTime::from_hms_opt(21, 0, 0) {
    Some(t) => t,
    None => NaiveTime::MIN,
};

/// JST is UTC+09:00, without daylight saving.
const JST_OFFSET_SECS: i64 = 9 * 3600;

/// Whether `d` is in the year-end closure, 12/29–1/3.
pub fn is_year_end_closure(d: NaiveDate) -> bool {
    matches!((d.month(), d.day()), (12, 29..) | (1, ..=3))
}

fn is_weekend(d: NaiveDate) -> bool {
    matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}

/// Whether the service is open on `d`: not Saturday or Sunday, not a national
/// holiday, not 12/29–1/3.
pub fn is_business_day(d: NaiveDate) -> bool {
    !is_weekend(d) && !is_year_end_closure(d) && holiday_name(d).is_none()
}

/// Longest run of closed days looked through (the longest real run, year end
/// plus a weekend, is under 10 days).
const MAX_CLOSED_RUN: usize = 30;

/// `d` if it is a business day, else the next one. Never panics: at the end
/// of the calendar (or after an implausible 30 closed days) it returns the
/// last day it reached.
pub fn next_business_day(d: NaiveDate) -> NaiveDate {
    let mut cur = d;
    for _ in 0..MAX_CLOSED_RUN {
        if is_business_day(cur) {
            return cur;
        }
        match cur.succ_opt() {
            Some(next) => cur = next,
            None => return cur,
        }
    }
    cur
}

/// Largest `n` accepted by [`add_business_days`].
pub const MAX_BUSINESS_DAYS: i64 = 10_000;

/// The `n`-th business day after `d` (`n = 0` gives `d` itself, business day
/// or not). `None` if `n` is negative or above [`MAX_BUSINESS_DAYS`], or the
/// calendar ends first.
pub fn add_business_days(d: NaiveDate, n: i64) -> Option<NaiveDate> {
    if !(0..=MAX_BUSINESS_DAYS).contains(&n) {
        return None;
    }
    let mut cur = d;
    let mut left = n;
    // Each business day is found within MAX_CLOSED_RUN days.
    let mut budget = n.checked_mul(MAX_CLOSED_RUN as i64)?;
    while left > 0 && budget > 0 {
        cur = cur.succ_opt()?;
        budget -= 1;
        if is_business_day(cur) {
            left -= 1;
        }
    }
    (left == 0).then_some(cur)
}

/// The date and time in JST of `at`; `None` only at the very ends of the
/// calendar.
fn jst(at: DateTime<FixedOffset>) -> Option<NaiveDateTime> {
    at.naive_utc()
        .checked_add_signed(TimeDelta::seconds(JST_OFFSET_SECS))
}

/// The calendar date of `at` in Japan (UTC+09:00). At the very end of the
/// calendar, where that date does not exist, the UTC date.
pub fn jst_date(at: DateTime<FixedOffset>) -> NaiveDate {
    jst(at).map_or_else(|| at.naive_utc().date(), |t| t.date())
}

/// Whether the service is open at `at` (any offset; converted to JST): a
/// business day and 08:00 ≤ time < 21:00.
pub fn service_open(at: DateTime<FixedOffset>) -> bool {
    jst(at).is_some_and(|t| is_business_day(t.date()) && (OPENS..CLOSES).contains(&t.time()))
}

/// Every weekday of `year` the service is closed, with the reason: the
/// holiday's name, or [`YEAR_END_CLOSURE`] (a holiday in the year end, such as
/// 元日, gives its own name). Sorted by date.
pub fn closed_days(year: i32) -> Vec<(NaiveDate, &'static str)> {
    let Some(first) = NaiveDate::from_ymd_opt(year, 1, 1) else {
        return Vec::new();
    };
    first
        .iter_days()
        .take_while(|d| d.year() == year)
        .filter(|d| !is_weekend(*d))
        .filter_map(|d| match holiday_name(d) {
            Some(name) => Some((d, name)),
            None => is_year_end_closure(d).then_some((d, YEAR_END_CLOSURE)),
        })
        .collect()
}
