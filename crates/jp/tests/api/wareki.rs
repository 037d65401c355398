use chrono::NaiveDate;
use shinsei_jp::wareki::{DateError, Era, era_of, format_wareki, parse_date, parse_month};

use crate::d;

#[test]
fn era_table() {
    let firsts = [
        (Era::Meiji, "明治", 'M', d(1868, 1, 25)),
        (Era::Taisho, "大正", 'T', d(1912, 7, 30)),
        (Era::Showa, "昭和", 'S', d(1926, 12, 25)),
        (Era::Heisei, "平成", 'H', d(1989, 1, 8)),
        (Era::Reiwa, "令和", 'R', d(2019, 5, 1)),
    ];
    for (era, name, letter, first) in firsts {
        assert_eq!(
            (era.name(), era.letter(), era.first_day()),
            (name, letter, first)
        );
        assert_eq!(era.to_string(), name);
    }
    assert_eq!(Era::Showa.last_day(), Some(d(1989, 1, 7)));
    assert_eq!(Era::Heisei.last_day(), Some(d(2019, 4, 30)));
    assert_eq!(Era::Reiwa.last_day(), None);
}

#[test]
fn era_boundaries_both_sides() {
    let cases = [
        (d(1868, 1, 24), None),
        (d(1868, 1, 25), Some((Era::Meiji, 1))),
        (d(1912, 7, 29), Some((Era::Meiji, 45))),
        (d(1912, 7, 30), Some((Era::Taisho, 1))),
        (d(1926, 12, 24), Some((Era::Taisho, 15))),
        (d(1926, 12, 25), Some((Era::Showa, 1))),
        (d(1989, 1, 7), Some((Era::Showa, 64))),
        (d(1989, 1, 8), Some((Era::Heisei, 1))),
        (d(2019, 4, 30), Some((Era::Heisei, 31))),
        (d(2019, 5, 1), Some((Era::Reiwa, 1))),
        (d(2025, 12, 2), Some((Era::Reiwa, 7))),
    ];
    for (date, want) in cases {
        assert_eq!(era_of(date), want, "{date}");
    }
}

#[test]
fn formats_with_gannen() {
    assert_eq!(
        format_wareki(d(2025, 12, 2)).as_deref(),
        Some("令和7年12月2日")
    );
    assert_eq!(
        format_wareki(d(2019, 5, 1)).as_deref(),
        Some("令和元年5月1日")
    );
    assert_eq!(
        format_wareki(d(1989, 1, 7)).as_deref(),
        Some("昭和64年1月7日")
    );
    // Before 明治6年1月1日 the 和暦 date was lunisolar: no Gregorian day is
    // formatted as one.
    assert_eq!(format_wareki(d(1868, 1, 25)), None);
    assert_eq!(format_wareki(d(1872, 12, 31)), None);
    assert_eq!(
        format_wareki(d(1873, 1, 1)).as_deref(),
        Some("明治6年1月1日")
    );
    assert_eq!(format_wareki(d(1868, 1, 24)), None);
    // Past 令和999年 (3017) nothing is formatted that would not read back
    // (found by fuzzing: 6016-12-31 gave 令和3998年12月31日).
    assert_eq!(
        format_wareki(d(3017, 12, 31)).as_deref(),
        Some("令和999年12月31日")
    );
    assert_eq!(parse_date("令和999年12月31日"), Ok(d(3017, 12, 31)));
    assert_eq!(format_wareki(d(3018, 1, 1)), None);
    assert_eq!(format_wareki(d(6016, 12, 31)), None);
    assert_eq!(format_wareki(NaiveDate::MIN), None);
    assert_eq!(format_wareki(NaiveDate::MAX), None);
}

#[test]
fn parses_every_accepted_shape() {
    let jan5 = d(2026, 1, 5);
    let dec2 = d(2025, 12, 2);
    for s in [
        "2026-01-05",
        "2026/1/5",
        "2026.1.5",
        "2026年1月5日",
        "２０２６－０１－０５",
        "  2026-01-05\u{3000}",
    ] {
        assert_eq!(parse_date(s), Ok(jan5), "{s}");
    }
    for s in [
        "令和7年12月2日",
        "令和７年１２月２日",
        "R7.12.2",
        "R7/12/2",
        "r7.12.2",
        "Ｒ７．１２．２",
        "R07.12.02",
        "令和 7 年 12 月 2 日",
        "\u{32FF}7.12.2",
        "令和7.12.2",
    ] {
        assert_eq!(parse_date(s), Ok(dec2), "{s}");
    }
    assert_eq!(parse_date("令和元年5月1日"), Ok(d(2019, 5, 1)));
    assert_eq!(parse_date("H31.4.30"), Ok(d(2019, 4, 30)));
    assert_eq!(parse_date("h1.1.8"), Ok(d(1989, 1, 8)));
    assert_eq!(parse_date("S64.1.7"), Ok(d(1989, 1, 7)));
    assert_eq!(parse_date("T15.12.24"), Ok(d(1926, 12, 24)));
    assert_eq!(parse_date("M45.7.29"), Ok(d(1912, 7, 29)));
    assert_eq!(parse_date("明治6年1月1日"), Ok(d(1873, 1, 1)));
    assert_eq!(parse_date("M6.1.1"), Ok(d(1873, 1, 1)));
    assert_eq!(parse_date("昭和元年12月25日"), Ok(d(1926, 12, 25)));
}

#[test]
fn rejects_dates_outside_their_era() {
    let outside = |s: &str, era: Era, date: NaiveDate| {
        assert_eq!(
            parse_date(s),
            Err(DateError::OutsideEra { era, date }),
            "{s}"
        );
    };
    outside("平成31年5月1日", Era::Heisei, d(2019, 5, 1));
    outside("昭和64年1月8日", Era::Showa, d(1989, 1, 8));
    outside("令和1年4月30日", Era::Reiwa, d(2019, 4, 30));
    outside("令和元年4月30日", Era::Reiwa, d(2019, 4, 30));
    outside("平成元年1月7日", Era::Heisei, d(1989, 1, 7));
    outside("T1.7.29", Era::Taisho, d(1912, 7, 29));
    outside("M45.7.30", Era::Meiji, d(1912, 7, 30));
    outside("H35.1.1", Era::Heisei, d(2023, 1, 1));
    assert_eq!(
        parse_date("令和0年5月1日"),
        Err(DateError::InvalidEraYear {
            era: Era::Reiwa,
            year: 0
        })
    );
}

#[test]
fn refuses_wareki_before_the_gregorian_calendar() {
    // 明治5年12月2日 was followed by 明治6年1月1日 (1873-01-01): 明治5年12月3日
    // never existed, and every earlier 和暦 date was lunisolar.
    for (s, year) in [
        ("明治5年12月3日", 5),
        ("明治5年12月2日", 5),
        ("M5.12.31", 5),
        ("明治元年1月25日", 1),
        ("明治元年1月24日", 1),
        ("m3.6.1", 3),
    ] {
        assert_eq!(
            parse_date(s),
            Err(DateError::BeforeGregorian {
                era: Era::Meiji,
                year
            }),
            "{s}"
        );
    }
    assert_eq!(
        parse_month("明治5年12月"),
        Err(DateError::BeforeGregorian {
            era: Era::Meiji,
            year: 5
        })
    );
    assert_eq!(parse_month("明治6年1月"), Ok((1873, 1)));
    // Gregorian dates of those years are what they say.
    assert_eq!(parse_date("1872-12-31"), Ok(d(1872, 12, 31)));
}

#[test]
fn refuses_year_zero_on_every_path() {
    // The canonical ISO shape (the fast path) and the general one agree.
    for s in ["0000-01-01", "0000/1/1", "0年1月1日", "０００００-01-01"] {
        assert!(parse_date(s).is_err(), "{s}");
    }
    assert_eq!(
        parse_date("0000-01-01"),
        Err(DateError::NonexistentDate {
            year: 0,
            month: 1,
            day: 1
        })
    );
    assert!(parse_month("0000-01").is_err());
    assert_eq!(parse_date("0001-01-01"), Ok(d(1, 1, 1)));
}

#[test]
fn rejects_nonexistent_dates() {
    assert_eq!(
        parse_date("2023-02-29"),
        Err(DateError::NonexistentDate {
            year: 2023,
            month: 2,
            day: 29
        })
    );
    assert_eq!(parse_date("2024-02-29"), Ok(d(2024, 2, 29)));
    assert_eq!(
        parse_date("2026-13-01"),
        Err(DateError::NonexistentDate {
            year: 2026,
            month: 13,
            day: 1
        })
    );
    assert_eq!(
        parse_date("2026-04-31"),
        Err(DateError::NonexistentDate {
            year: 2026,
            month: 4,
            day: 31
        })
    );
    assert_eq!(
        parse_date("2026-01-00"),
        Err(DateError::NonexistentDate {
            year: 2026,
            month: 1,
            day: 0
        })
    );
    assert_eq!(
        parse_date("令和5年2月29日"),
        Err(DateError::NonexistentDate {
            year: 2023,
            month: 2,
            day: 29
        })
    );
    assert_eq!(
        parse_date("0000-01-01"),
        Err(DateError::NonexistentDate {
            year: 0,
            month: 1,
            day: 1
        })
    );
}

#[test]
fn rejects_malformed_input() {
    assert_eq!(parse_date(""), Err(DateError::Empty));
    assert_eq!(parse_date(" \u{3000} "), Err(DateError::Empty));
    for s in [
        "26-01-05",
        "2026-1-5-",
        "2026-01/05",
        "2026/01",
        "20 26-01-05",
        "2026-01-05T00:00:00",
        "20260105",
        "2026年1月5",
        "2026年1月5日後",
        "元年5月1日",
        "令和",
        "X7.12.2",
        "R7.12.2R",
        "R12345.1.1",
        "R7.123.1",
        "2026-01-05 2026-01-06",
        "令和7年12月2日\u{0}",
        "99999999999999999999-1-1",
    ] {
        assert!(
            matches!(parse_date(s), Err(DateError::Malformed { .. })),
            "{s}: {:?}",
            parse_date(s)
        );
    }
}

#[test]
fn error_messages_are_plain() {
    let e = parse_date("平成31年5月1日").unwrap_err();
    assert_eq!(e.to_string(), "2019-05-01 is not in 平成");
    assert_eq!(
        parse_date("2023-02-29").unwrap_err().to_string(),
        "no such date 2023-02-29"
    );
}

#[test]
fn parses_months() {
    for s in [
        "2026-01",
        "2026/1",
        "2026.1",
        "2026年1月",
        "令和8年1月",
        "R8.1",
        "Ｒ８．１",
        "２０２６／０１",
    ] {
        assert_eq!(parse_month(s), Ok((2026, 1)), "{s}");
    }
    assert_eq!(parse_month("平成31年4月"), Ok((2019, 4)));
    assert_eq!(parse_month("令和元年5月"), Ok((2019, 5)));
    assert_eq!(parse_month("昭和64年1月"), Ok((1989, 1)));
    assert_eq!(parse_month("平成元年1月"), Ok((1989, 1)));
    assert_eq!(
        parse_month("令和元年4月"),
        Err(DateError::MonthOutsideEra {
            era: Era::Reiwa,
            year: 2019,
            month: 4
        })
    );
    assert_eq!(
        parse_month("平成31年5月"),
        Err(DateError::MonthOutsideEra {
            era: Era::Heisei,
            year: 2019,
            month: 5
        })
    );
    assert_eq!(
        parse_month("2026-13"),
        Err(DateError::NonexistentMonth {
            year: 2026,
            month: 13
        })
    );
    assert_eq!(
        parse_month("2026-00"),
        Err(DateError::NonexistentMonth {
            year: 2026,
            month: 0
        })
    );
    assert!(matches!(
        parse_month("2026-01-05"),
        Err(DateError::Malformed { .. })
    ));
    assert!(matches!(
        parse_month("2026年1月5日"),
        Err(DateError::Malformed { .. })
    ));
    assert_eq!(parse_month(""), Err(DateError::Empty));
}

#[test]
fn round_trips_every_day_from_meiji_6_to_2100() {
    let mut n = 0;
    for day in d(1873, 1, 1)
        .iter_days()
        .take_while(|x| *x <= d(2100, 12, 31))
    {
        let text = format_wareki(day).unwrap();
        assert_eq!(parse_date(&text), Ok(day), "{text}");
        n += 1;
    }
    assert_eq!(n, 83_275);
}
