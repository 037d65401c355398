//! The holidays computed from 祝日法 rules must equal, date for date and name
//! for name, the independent public dataset of `@holiday-jp/holiday_jp@2.5.1`
//! (see `tests/data/README.md`) over its whole range, 1970-01-01..=2050-11-23.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use shinsei_jp::holidays::{holiday_name, holidays_in_year};

const DATASET: &str = include_str!("data/holiday_jp-2.5.1.json");

fn dataset() -> BTreeMap<NaiveDate, String> {
    let rows: Vec<serde_json::Value> = serde_json::from_str(DATASET).unwrap();
    let mut map = BTreeMap::new();
    for row in rows {
        let date = NaiveDate::parse_from_str(row["date"].as_str().unwrap(), "%Y-%m-%d").unwrap();
        let name = row["name"].as_str().unwrap().to_owned();
        assert!(map.insert(date, name).is_none(), "duplicate {date}");
    }
    map
}

/// The dataset's name in this crate's convention (see tests/data/README.md).
fn our_name(date: NaiveDate, theirs: &str) -> String {
    let iso = date.to_string();
    match (iso.as_str(), theirs) {
        (_, n) if n.ends_with(" 振替休日") => "振替休日".into(),
        (_, "休日") => "国民の休日".into(),
        ("2019-05-01", "休日（祝日扱い）") => "天皇の即位の日".into(),
        ("2019-10-22", "休日（祝日扱い）") => "即位礼正殿の儀の行われる日".into(),
        ("2019-10-14", "体育の日（スポーツの日）") => "体育の日".into(),
        (_, n) => n.into(),
    }
}

#[test]
fn every_day_matches_the_dataset() {
    let theirs = dataset();
    let first = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap();
    let last = NaiveDate::from_ymd_opt(2050, 11, 23).unwrap();
    assert_eq!(theirs.keys().next(), Some(&first));
    assert_eq!(theirs.keys().next_back(), Some(&last));

    let mut differences = Vec::new();
    let mut compared = 0usize;
    for d in first.iter_days().take_while(|d| *d <= last) {
        let expected = theirs.get(&d).map(|n| our_name(d, n));
        let ours = holiday_name(d).map(str::to_owned);
        if expected.is_some() {
            compared += 1;
        }
        if ours != expected {
            differences.push(format!(
                "{d} {}: ours {ours:?}, dataset {:?}",
                d.format("%a"),
                theirs.get(&d)
            ));
        }
    }
    assert!(
        differences.is_empty(),
        "{} differences:\n{}",
        differences.len(),
        differences.join("\n")
    );
    assert_eq!(compared, 1329);
}

#[test]
fn year_lists_agree_with_day_by_day() {
    let theirs = dataset();
    for year in 1970..=2050 {
        let ours: Vec<_> = holidays_in_year(year).into_iter().map(|(d, _)| d).collect();
        let expected: Vec<_> = theirs
            .keys()
            .copied()
            .filter(|d| d.year() == year)
            .collect();
        assert_eq!(ours, expected, "{year}");
    }
}
