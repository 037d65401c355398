use chrono::{DateTime, NaiveDate};
use shinsei_jp::calendar::{
    MAX_BUSINESS_DAYS, YEAR_END_CLOSURE, add_business_days, closed_days, is_business_day,
    is_year_end_closure, jst_date, next_business_day, service_open,
};

use crate::d;

fn at(s: &str) -> DateTime<chrono::FixedOffset> {
    DateTime::parse_from_rfc3339(s).unwrap()
}

#[test]
fn year_end_closure() {
    for (m, day, want) in [
        (12, 28, false),
        (12, 29, true),
        (12, 31, true),
        (1, 1, true),
        (1, 3, true),
        (1, 4, false),
    ] {
        assert_eq!(is_year_end_closure(d(2026, m, day)), want, "{m}/{day}");
    }
}

#[test]
fn business_days_around_the_2026_year_end() {
    // 2025-12-26 (Fri) is the last business day of 2025; 2026-01-05 (Mon) the first of 2026.
    assert!(is_business_day(d(2025, 12, 26)));
    for day in d(2025, 12, 27)
        .iter_days()
        .take_while(|x| *x <= d(2026, 1, 4))
    {
        assert!(!is_business_day(day), "{day}");
        assert_eq!(next_business_day(day), d(2026, 1, 5), "{day}");
    }
    assert!(is_business_day(d(2026, 1, 5)));
    assert_eq!(add_business_days(d(2025, 12, 26), 1), Some(d(2026, 1, 5)));
    // 2026-12-28 (Mon) is open, 12/29 (Tue) – 2027-01-03 (Sun) closed.
    assert!(is_business_day(d(2026, 12, 28)));
    assert_eq!(next_business_day(d(2026, 12, 29)), d(2027, 1, 4));
    assert_eq!(add_business_days(d(2026, 12, 28), 1), Some(d(2027, 1, 4)));
    // 2027-01-11 is 成人の日.
    assert_eq!(add_business_days(d(2027, 1, 8), 1), Some(d(2027, 1, 12)));
}

#[test]
fn business_days_around_golden_week_2026() {
    assert!(!is_business_day(d(2026, 4, 29))); // 昭和の日 (Wed)
    assert!(is_business_day(d(2026, 4, 30)));
    assert!(is_business_day(d(2026, 5, 1)));
    for day in 2..=6 {
        assert!(!is_business_day(d(2026, 5, day)), "5/{day}");
        assert_eq!(next_business_day(d(2026, 5, day)), d(2026, 5, 7));
    }
    assert_eq!(add_business_days(d(2026, 4, 28), 1), Some(d(2026, 4, 30)));
    assert_eq!(add_business_days(d(2026, 4, 28), 3), Some(d(2026, 5, 7)));
    assert_eq!(add_business_days(d(2026, 5, 1), 1), Some(d(2026, 5, 7)));
}

#[test]
fn ninkei_deadline_example() {
    // 任意継続: 資格喪失日 + 19 days, rolled to the next business day.
    let lost = d(2026, 4, 14);
    let last = lost.checked_add_days(chrono::Days::new(19)).unwrap();
    assert_eq!(last, d(2026, 5, 3));
    assert_eq!(next_business_day(last), d(2026, 5, 7));
}

#[test]
fn add_business_days_edges() {
    let sat = d(2026, 1, 10);
    assert_eq!(add_business_days(sat, 0), Some(sat));
    assert_eq!(add_business_days(sat, 1), Some(d(2026, 1, 13)));
    assert_eq!(add_business_days(d(2026, 1, 5), 5), Some(d(2026, 1, 13))); // 1/12 成人の日
    assert_eq!(add_business_days(sat, -1), None);
    assert_eq!(add_business_days(sat, MAX_BUSINESS_DAYS + 1), None);
    assert!(add_business_days(sat, MAX_BUSINESS_DAYS).is_some());
    assert_eq!(add_business_days(NaiveDate::MAX, 1), None);
    assert_eq!(add_business_days(d(2026, 1, 5), i64::MAX), None);
    assert_eq!(add_business_days(d(2026, 1, 5), i64::MIN), None);
}

#[test]
fn next_business_day_never_panics() {
    assert_eq!(next_business_day(NaiveDate::MAX), NaiveDate::MAX);
    let _ = next_business_day(NaiveDate::MIN);
    let fri = d(2026, 1, 9);
    assert_eq!(next_business_day(fri), fri);
}

#[test]
fn service_hours_in_jst() {
    let cases = [
        ("2026-01-13T07:59:59+09:00", false),
        ("2026-01-13T08:00:00+09:00", true),
        ("2026-01-13T20:59:59+09:00", true),
        ("2026-01-13T21:00:00+09:00", false),
        // Other offsets are converted to JST first.
        ("2026-01-12T22:59:59Z", false),
        ("2026-01-12T23:00:00Z", true),
        ("2026-01-13T11:59:59Z", true),
        ("2026-01-13T12:00:00Z", false),
        ("2026-01-12T18:00:00-05:00", true), // 2026-01-13 08:00 JST
        ("2026-01-09T23:30:00-05:00", false), // Saturday 13:30 JST
        ("2026-01-12T10:00:00+09:00", false), // 成人の日
        ("2026-01-05T08:00:00+09:00", true),
        ("2026-01-02T10:00:00+09:00", false), // year end
        ("2026-01-10T10:00:00+09:00", false), // Saturday
    ];
    for (s, want) in cases {
        assert_eq!(service_open(at(s)), want, "{s}");
    }
}

#[test]
fn jst_dates() {
    assert_eq!(jst_date(at("2026-01-12T15:00:00Z")), d(2026, 1, 13));
    assert_eq!(jst_date(at("2026-01-12T14:59:59Z")), d(2026, 1, 12));
    assert_eq!(jst_date(at("2026-01-13T00:30:00+09:00")), d(2026, 1, 13));
    assert_eq!(jst_date(at("2026-01-12T23:00:00-10:00")), d(2026, 1, 13));
    // The very end of the calendar: no panic.
    let max = NaiveDate::MAX
        .and_hms_opt(23, 0, 0)
        .unwrap()
        .and_utc()
        .fixed_offset();
    assert_eq!(jst_date(max), NaiveDate::MAX);
    assert!(!service_open(max));
}

#[test]
fn closed_days_2026() {
    let got = closed_days(2026);
    let want = [
        ((1, 1), "元日"),
        ((1, 2), YEAR_END_CLOSURE),
        ((1, 12), "成人の日"),
        ((2, 11), "建国記念の日"),
        ((2, 23), "天皇誕生日"),
        ((3, 20), "春分の日"),
        ((4, 29), "昭和の日"),
        ((5, 4), "みどりの日"),
        ((5, 5), "こどもの日"),
        ((5, 6), "振替休日"),
        ((7, 20), "海の日"),
        ((8, 11), "山の日"),
        ((9, 21), "敬老の日"),
        ((9, 22), "国民の休日"),
        ((9, 23), "秋分の日"),
        ((10, 12), "スポーツの日"),
        ((11, 3), "文化の日"),
        ((11, 23), "勤労感謝の日"),
        ((12, 29), YEAR_END_CLOSURE),
        ((12, 30), YEAR_END_CLOSURE),
        ((12, 31), YEAR_END_CLOSURE),
    ];
    let want: Vec<_> = want
        .iter()
        .map(|((m, day), n)| (d(2026, *m, *day), *n))
        .collect();
    assert_eq!(got, want);
    assert!(closed_days(i32::MAX).is_empty());
    // Outside the holiday range only the year end is known.
    assert_eq!(closed_days(2100).len(), 4); // 2100-01-01 Fri … 12/29 Wed, 12/30 Thu, 12/31 Fri
}
