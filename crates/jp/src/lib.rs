//! Japanese domain values for shinsei: 和暦 dates, full-width input, 全角カタカナ
//! and the 全銀 口座名義 set, 保険者番号 and the 47 支部 of 協会けんぽ, national
//! holidays, business days and service hours, ages under 民法, and ゆうちょ
//! transfer accounts.
//!
//! Everything here is a pure function of its arguments: no I/O, no clock (the
//! current time is always a parameter), no panics on any input, and it builds
//! for `wasm32-unknown-unknown`. The compiler and the runtime call into it;
//! it depends on nothing of theirs.
//!
//! | module | owns |
//! |---|---|
//! | [`wareki`] | eras, `parse_date`/`parse_month` (ISO, 和暦, full-width), `format_wareki` |
//! | [`width`] | full-width → ASCII folding, trimming of ASCII and full-width spaces |
//! | [`kana`] | 全角カタカナ normalization, the 全銀 口座名義 set |
//! | [`insurer`] | 保険者番号 check digit, the 47 支部 |
//! | [`holidays`] | 祝日法 rules 1955–2099 |
//! | [`calendar`] | business days, year-end closure, service hours (JST) |
//! | [`instant`] | RFC 3339 date-times, leap seconds only where one was inserted |
//! | [`age`] | 民法 age, month/year arithmetic, fiscal year |
//! | [`yucho`] | ゆうちょ 記号・番号 → 振込用 店番・口座番号 |
//!
//! ```
//! use chrono::{DateTime, NaiveDate};
//! use shinsei_jp::{
//!     age_on, format_wareki, holiday_name, is_valid_insurer_number, next_business_day,
//!     normalize_katakana, parse_date, service_open,
//! };
//!
//! // A member types a date in 和暦 with a full-width IME.
//! let lost = parse_date("令和８年１月１３日").unwrap();
//! assert_eq!(lost, NaiveDate::from_ymd_opt(2026, 1, 13).unwrap());
//! assert_eq!(format_wareki(lost).as_deref(), Some("令和8年1月13日"));
//!
//! // 任意継続: within 20 days of 資格喪失日, rolled to the next business day.
//! let day20 = lost.checked_add_days(chrono::Days::new(19)).unwrap(); // 2026-02-01, a Sunday
//! assert_eq!(next_business_day(day20), NaiveDate::from_ymd_opt(2026, 2, 2).unwrap());
//!
//! assert_eq!(holiday_name(NaiveDate::from_ymd_opt(2026, 9, 22).unwrap()), Some("国民の休日"));
//! assert_eq!(normalize_katakana("きょうかい　ﾀﾛｳ").unwrap(), "キョウカイ\u{3000}タロウ");
//! assert!(is_valid_insurer_number("01130012"));
//! let birth = NaiveDate::from_ymd_opt(1956, 1, 14).unwrap();
//! assert_eq!(age_on(birth, lost), Some(70));
//! let at = DateTime::parse_from_rfc3339("2026-01-13T20:59:59+09:00").unwrap();
//! assert!(service_open(at));
//! ```
// Input-derived values must never panic: dates and numbers here come from
// submissions (tests are separate crates and may unwrap).
#![deny(clippy::unwrap_used)] // an impossible date is None, not an abort
#![deny(clippy::expect_used)] // same as unwrap
#![deny(clippy::panic)] // every function is total over its input types
#![deny(clippy::indexing_slicing)] // table lookups (元号, 支部, holidays) use get()
#![deny(clippy::unreachable)] // a match over calendar data has a value for every arm

pub mod age;
pub mod calendar;
pub mod holidays;
pub mod instant;
pub mod insurer;
pub mod jis;
pub mod kana;
pub mod wareki;
pub mod width;
pub mod yucho;

pub use age::{add_months, add_years, age_on, end_of_month, fiscal_year, months_between};
pub use calendar::{
    add_business_days, closed_days, is_business_day, is_year_end_closure, jst_date,
    next_business_day, service_open,
};
pub use holidays::{SUPPORTED_YEARS, holiday_name, holidays_in_year, is_holiday};
pub use instant::parse_date_time;
pub use insurer::{
    BRANCHES, Branch, branch_by_insurer_number, branch_by_name, check_digit,
    is_valid_insurer_number,
};
pub use kana::{KanaError, is_katakana, normalize_katakana, normalize_zengin};
pub use wareki::{DateError, Era, era_of, format_wareki, parse_date, parse_month};
pub use width::{to_ascii_width, trim_spaces};
pub use yucho::{AccountKind, YUCHO_BANK_CODE};
