use chrono::{Datelike, NaiveDate, Weekday};
use shinsei_jp::holidays::{SUPPORTED_YEARS, holiday_name, holidays_in_year, is_holiday};

use crate::d;

fn name(y: i32, m: u32, day: u32) -> Option<&'static str> {
    holiday_name(d(y, m, day))
}

#[test]
fn known_facts() {
    let facts = [
        ((2026, 9, 22), Some("国民の休日")),
        ((2026, 9, 21), Some("敬老の日")),
        ((2026, 9, 23), Some("秋分の日")),
        ((2009, 9, 22), Some("国民の休日")),
        ((2015, 9, 22), Some("国民の休日")),
        ((2019, 5, 1), Some("天皇の即位の日")),
        ((2019, 4, 30), Some("国民の休日")),
        ((2019, 5, 2), Some("国民の休日")),
        ((2019, 5, 6), Some("振替休日")),
        ((2019, 10, 22), Some("即位礼正殿の儀の行われる日")),
        ((2019, 12, 23), None),
        ((2018, 12, 24), Some("振替休日")),
        ((2020, 2, 23), Some("天皇誕生日")),
        ((2020, 2, 24), Some("振替休日")),
        ((2020, 7, 23), Some("海の日")),
        ((2020, 7, 24), Some("スポーツの日")),
        ((2020, 7, 20), None),
        ((2020, 8, 10), Some("山の日")),
        ((2020, 8, 11), None),
        ((2020, 10, 12), None),
        ((2021, 7, 22), Some("海の日")),
        ((2021, 7, 23), Some("スポーツの日")),
        ((2021, 8, 8), Some("山の日")),
        ((2021, 8, 9), Some("振替休日")),
        ((2021, 10, 11), None),
        ((2022, 10, 10), Some("スポーツの日")),
        ((1989, 2, 24), Some("大喪の礼")),
        ((1990, 11, 12), Some("即位礼正殿の儀")),
        ((1993, 6, 9), Some("結婚の儀")),
        ((1959, 4, 10), Some("結婚の儀")),
        ((1988, 5, 4), Some("国民の休日")),
        ((1987, 5, 4), Some("振替休日")),
        ((1986, 5, 4), None), // a Sunday
        ((1989, 4, 29), Some("みどりの日")),
        ((1988, 4, 29), Some("天皇誕生日")),
        ((1989, 12, 23), Some("天皇誕生日")),
        ((2006, 4, 29), Some("みどりの日")),
        ((2007, 4, 29), Some("昭和の日")),
        ((2007, 4, 30), Some("振替休日")),
        ((2007, 5, 4), Some("みどりの日")),
        ((2008, 5, 6), Some("振替休日")), // 5/4 (Sun) → first non-holiday
        ((2007, 5, 6), None),             // a Sunday; nothing to substitute
        ((1999, 1, 15), Some("成人の日")),
        ((2000, 1, 10), Some("成人の日")),
        ((2000, 1, 15), None),
        ((1966, 2, 11), None),
        ((1967, 2, 11), Some("建国記念の日")),
        ((1965, 9, 15), None),
        ((1966, 9, 15), Some("敬老の日")),
        ((1966, 10, 10), Some("体育の日")),
        ((1995, 7, 20), None),
        ((1996, 7, 20), Some("海の日")),
        ((2003, 7, 21), Some("海の日")),
        ((2003, 9, 15), Some("敬老の日")),
        ((2015, 8, 11), None),
        ((2016, 8, 11), Some("山の日")),
        ((1973, 2, 12), None), // 2/11 was a Sunday, before 振替休日 existed
        ((1973, 4, 30), Some("振替休日")), // the first one
        ((1955, 1, 1), Some("元日")),
        ((1955, 1, 15), Some("成人の日")),
        ((2099, 11, 23), Some("勤労感謝の日")),
    ];
    for ((y, m, day), want) in facts {
        assert_eq!(name(y, m, day), want, "{y}-{m:02}-{day:02}");
    }
}

#[test]
fn equinoxes() {
    for (y, spring, autumn) in [
        (1960, 20, 23),
        (1979, 21, 24),
        (2012, 20, 22),
        (2025, 20, 23),
        (2026, 20, 23),
        (2044, 20, 22),
        (2092, 19, 22),
    ] {
        assert_eq!(name(y, 3, spring), Some("春分の日"), "{y}");
        assert_eq!(name(y, 9, autumn), Some("秋分の日"), "{y}");
    }
}

#[test]
fn year_2026() {
    let want = [
        ((1, 1), "元日"),
        ((1, 12), "成人の日"),
        ((2, 11), "建国記念の日"),
        ((2, 23), "天皇誕生日"),
        ((3, 20), "春分の日"),
        ((4, 29), "昭和の日"),
        ((5, 3), "憲法記念日"),
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
    ];
    let got = holidays_in_year(2026);
    let want: Vec<_> = want
        .iter()
        .map(|((m, day), n)| (d(2026, *m, *day), *n))
        .collect();
    assert_eq!(got, want);
}

#[test]
fn supported_range_only() {
    assert_eq!(SUPPORTED_YEARS, 1955..=2099);
    assert_eq!(name(1954, 1, 1), None);
    assert_eq!(name(2100, 1, 1), None);
    assert!(holidays_in_year(1954).is_empty());
    assert!(holidays_in_year(2100).is_empty());
    assert!(holidays_in_year(i32::MAX).is_empty());
    assert!(!is_holiday(NaiveDate::MIN));
    assert!(!is_holiday(NaiveDate::MAX));
}

#[test]
fn structural_invariants_every_supported_year() {
    for y in SUPPORTED_YEARS {
        let list = holidays_in_year(y);
        assert!(list.windows(2).all(|w| w[0].0 < w[1].0), "{y} sorted");
        assert!((9..=22).contains(&list.len()), "{y}: {}", list.len());
        for (day, n) in &list {
            assert!(is_holiday(*day));
            assert_eq!(holiday_name(*day), Some(*n));
            if *n == "振替休日" {
                assert!(day.year() > 1973 || *day >= d(1973, 4, 12));
                assert_ne!(day.weekday(), Weekday::Sun);
            }
            if *n == "国民の休日" {
                assert!(*day >= d(1988, 1, 1), "{day}");
            }
        }
        // Every holiday on a Sunday from 1973-04-12 on has a substitute.
        for (day, _) in list
            .iter()
            .filter(|(x, _)| x.weekday() == Weekday::Sun && *x >= d(1973, 4, 12))
        {
            let mut next = day.succ_opt().unwrap();
            while holiday_name(next).is_some_and(|n| n != "振替休日") {
                next = next.succ_opt().unwrap();
            }
            if y < 2007 && next != day.succ_opt().unwrap() {
                continue; // before 2007 only the very next day could be a substitute
            }
            assert_eq!(holiday_name(next), Some("振替休日"), "after {day}");
        }
    }
}
