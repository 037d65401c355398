//! RFC 3339 date-times (`submitted_at`, `now`): one parser for every path,
//! with the same rules as dates (year 1 on) and a decision on leap seconds.
//!
//! **Leap seconds**: second 60 is accepted only at an instant one was
//! inserted — 23:59:60 UTC at the end of the 27 days in [`LEAP_SECONDS`]
//! (1972–2016), written in any offset (`2017-01-01T08:59:60+09:00` in JST).
//! Anywhere else it denotes a moment that never existed and is refused, as
//! 2023-02-29 is. No leap second has been inserted since 2016-12-31 and none
//! is announced (IERS Bulletin C); the table grows if one ever is.
//!
//! ```
//! use shinsei_jp::instant::parse_date_time;
//! assert!(parse_date_time("2026-03-02T10:00:00+09:00").is_some());
//! assert!(parse_date_time("2017-01-01T08:59:60+09:00").is_some()); // a real leap second
//! assert!(parse_date_time("2026-03-02T23:59:60+09:00").is_none()); // none that day
//! assert!(parse_date_time("0000-01-01T00:00:00Z").is_none()); // year 0
//! ```

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, Timelike};

/// The UTC days at whose end (23:59:60 UTC) a leap second was inserted.
pub const LEAP_SECONDS: [(i32, u32, u32); 27] = [
    (1972, 6, 30),
    (1972, 12, 31),
    (1973, 12, 31),
    (1974, 12, 31),
    (1975, 12, 31),
    (1976, 12, 31),
    (1977, 12, 31),
    (1978, 12, 31),
    (1979, 12, 31),
    (1981, 6, 30),
    (1982, 6, 30),
    (1983, 6, 30),
    (1985, 6, 30),
    (1987, 12, 31),
    (1989, 12, 31),
    (1990, 12, 31),
    (1992, 6, 30),
    (1993, 6, 30),
    (1994, 6, 30),
    (1995, 12, 31),
    (1997, 6, 30),
    (1998, 12, 31),
    (2005, 12, 31),
    (2008, 12, 31),
    (2012, 6, 30),
    (2015, 6, 30),
    (2016, 12, 31),
];

/// Whether a leap second was inserted at the end of UTC day `d`.
pub fn leap_second_after(d: NaiveDate) -> bool {
    LEAP_SECONDS.contains(&(d.year(), d.month(), d.day()))
}

/// Parses an RFC 3339 date-time (surrounding spaces trimmed); `None` when it
/// is not one, names year 0, or has second 60 where no leap second was.
pub fn parse_date_time(s: &str) -> Option<DateTime<FixedOffset>> {
    let at = DateTime::parse_from_rfc3339(crate::width::trim_spaces(s)).ok()?;
    if at.year() < 1 {
        return None;
    }
    // chrono keeps a leap second as second 59 with 1–2 s of nanoseconds.
    if at.nanosecond() >= 1_000_000_000 {
        let utc = at.naive_utc();
        let last_second = utc.hour() == 23 && utc.minute() == 59 && utc.second() == 59;
        if !(last_second && leap_second_after(utc.date())) {
            return None;
        }
    }
    Some(at)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "tests may panic")]
mod tests {
    use super::*;

    #[test]
    fn leap_seconds_only_where_one_was_inserted() {
        for real in [
            "2016-12-31T23:59:60Z",
            "2017-01-01T08:59:60+09:00",
            "1972-06-30T23:59:60.5Z",
            "2015-06-30T19:59:60-04:00",
        ] {
            assert!(parse_date_time(real).is_some(), "{real}");
        }
        for never in [
            "2026-03-02T10:00:60+09:00",
            "2016-12-31T23:59:60+09:00", // 14:59:60 UTC
            "2017-12-31T23:59:60Z",      // no leap second that year
            "2016-12-31T23:58:60Z",
        ] {
            assert!(parse_date_time(never).is_none(), "{never}");
        }
    }

    #[test]
    fn year_zero_and_malformed_are_refused() {
        assert!(parse_date_time("0000-12-31T23:00:00Z").is_none());
        assert!(parse_date_time("2026-02-29T10:00:00+09:00").is_none());
        assert!(parse_date_time("2026-03-02 10:00").is_none());
        assert_eq!(
            parse_date_time(" 2026-03-02T10:00:00+09:00 ").map(|d| d.to_rfc3339()),
            Some("2026-03-02T10:00:00+09:00".to_owned())
        );
    }
}
