//! Tests of the public API of shinsei-jp, one module per library module.

mod age;
mod calendar;
mod holidays;
mod insurer;
mod jis;
mod kana;
mod wareki;
mod width;
mod yucho;

use chrono::NaiveDate;

/// A date from constant parts.
pub fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}
