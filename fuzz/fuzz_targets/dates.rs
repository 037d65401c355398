//! 和暦 and date parsing: never a panic, and what is accepted is a real day
//! that reads back the same (the formatted 和暦 of a date parses to it).
#![no_main]

use chrono::Datelike;
use libfuzzer_sys::fuzz_target;
use shinsei_jp::instant::parse_date_time;
use shinsei_jp::wareki::{format_wareki, parse_date, parse_month};

fuzz_target!(|s: &str| {
    if let Ok(d) = parse_date(s) {
        assert!(d.year() >= 1, "{s:?} gave year {}", d.year());
        if d.year() <= 9999 {
            let iso = format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day());
            assert_eq!(parse_date(&iso), Ok(d), "{s:?} → {iso}");
        }
        if let Some(w) = format_wareki(d) {
            assert_eq!(parse_date(&w), Ok(d), "{s:?} → {w}");
        }
    }
    if let Ok((y, m)) = parse_month(s) {
        assert!(y >= 1 && (1..=12).contains(&m), "{s:?} gave {y}-{m}");
    }
    if let Some(t) = parse_date_time(s) {
        assert!(t.year() >= 1, "{s:?}");
    }
});
