//! 和暦: the five modern eras, formatting, and parsing of typed dates.
//!
//! Era first days follow catalog §32.3 (Gregorian): 明治 1868-01-25, 大正
//! 1912-07-30, 昭和 1926-12-25, 平成 1989-01-08, 令和 2019-05-01. Year 1 of an era
//! is 元年 and `gregorian year = first year of the era + n − 1`. A change day is
//! the first day of the new era, never the last day of the old one, so
//! 昭和64年1月8日 and 平成31年5月1日 are rejected.
//!
//! ```
//! use chrono::NaiveDate;
//! use shinsei_jp::wareki::{era_of, format_wareki, parse_date, parse_month, DateError, Era};
//! let d = NaiveDate::from_ymd_opt(2025, 12, 2).unwrap();
//! assert_eq!(parse_date("令和７年１２月２日"), Ok(d));
//! assert_eq!(parse_date("R7.12.2"), Ok(d));
//! assert_eq!(format_wareki(d).as_deref(), Some("令和7年12月2日"));
//! assert_eq!(era_of(d), Some((Era::Reiwa, 7)));
//! assert_eq!(parse_month("令和8年1月"), Ok((2026, 1)));
//! assert!(matches!(parse_date("平成31年5月1日"), Err(DateError::OutsideEra { era: Era::Heisei, .. })));
//! ```

mod parse;

use std::fmt;

use chrono::{Datelike, NaiveDate};

pub use parse::{is_iso_date, is_iso_month, parse_date, parse_month};

/// A Japanese era (元号) from 明治 on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Era {
    /// 明治 (M), from 1868-01-25.
    Meiji,
    /// 大正 (T), from 1912-07-30.
    Taisho,
    /// 昭和 (S), from 1926-12-25.
    Showa,
    /// 平成 (H), from 1989-01-08.
    Heisei,
    /// 令和 (R), from 2019-05-01.
    Reiwa,
}

/// Builds a date from constant parts; the fallback is never used for the
/// valid constants of this module.
const fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    match NaiveDate::from_ymd_opt(y, m, d) {
        Some(date) => date,
        None => NaiveDate::MIN,
    }
}

impl Era {
    /// All eras, oldest first.
    pub const ALL: [Era; 5] = [Era::Meiji, Era::Taisho, Era::Showa, Era::Heisei, Era::Reiwa];

    /// The era's name in kanji, e.g. `"令和"`.
    pub fn name(self) -> &'static str {
        match self {
            Era::Meiji => "明治",
            Era::Taisho => "大正",
            Era::Showa => "昭和",
            Era::Heisei => "平成",
            Era::Reiwa => "令和",
        }
    }

    /// The one-letter abbreviation used on forms: M, T, S, H, R.
    pub fn letter(self) -> char {
        match self {
            Era::Meiji => 'M',
            Era::Taisho => 'T',
            Era::Showa => 'S',
            Era::Heisei => 'H',
            Era::Reiwa => 'R',
        }
    }

    /// The first day of the era (Gregorian).
    pub fn first_day(self) -> NaiveDate {
        match self {
            Era::Meiji => ymd(1868, 1, 25),
            Era::Taisho => ymd(1912, 7, 30),
            Era::Showa => ymd(1926, 12, 25),
            Era::Heisei => ymd(1989, 1, 8),
            Era::Reiwa => ymd(2019, 5, 1),
        }
    }

    /// The last day of the era (the day before the next era's first day);
    /// `None` for the current era.
    pub fn last_day(self) -> Option<NaiveDate> {
        self.next().and_then(|n| n.first_day().pred_opt())
    }

    /// The Gregorian year of 元年.
    pub fn first_year(self) -> i32 {
        self.first_day().year()
    }

    /// The era that followed this one, if any.
    pub fn next(self) -> Option<Era> {
        match self {
            Era::Meiji => Some(Era::Taisho),
            Era::Taisho => Some(Era::Showa),
            Era::Showa => Some(Era::Heisei),
            Era::Heisei => Some(Era::Reiwa),
            Era::Reiwa => None,
        }
    }

    /// Whether `d` lies within the era (first day inclusive, the next era's
    /// first day exclusive).
    pub fn contains(self, d: NaiveDate) -> bool {
        d >= self.first_day() && self.next().is_none_or(|n| d < n.first_day())
    }

    /// The Gregorian year of the era's year `n` (n = 1 is 元年); `None` on
    /// overflow or n = 0.
    pub fn gregorian_year(self, n: u32) -> Option<i32> {
        let n = i32::try_from(n).ok().filter(|n| *n >= 1)?;
        self.first_year().checked_add(n)?.checked_sub(1)
    }
}

impl fmt::Display for Era {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Why a typed date or month was not accepted.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    /// Nothing but spaces.
    #[error("empty date")]
    Empty,
    /// Not one of the accepted shapes (ISO, `Y/M/D`, `Y年M月D日`, 和暦, `R7.12.2`).
    #[error("unrecognised date `{input}`")]
    Malformed {
        /// The input after width folding and trimming.
        input: String,
    },
    /// The shape is right but no such day exists (e.g. 2023-02-29, month 13).
    #[error("no such date {year:04}-{month:02}-{day:02}")]
    NonexistentDate {
        /// Gregorian year.
        year: i32,
        /// Month as written.
        month: u32,
        /// Day as written.
        day: u32,
    },
    /// The month number is not 1–12.
    #[error("no such month {year:04}-{month:02}")]
    NonexistentMonth {
        /// Gregorian year.
        year: i32,
        /// Month as written.
        month: u32,
    },
    /// Era year 0 (or one too large to be a year).
    #[error("{era} has no year {year}")]
    InvalidEraYear {
        /// The era written.
        era: Era,
        /// The era year written.
        year: u32,
    },
    /// The day exists but is not within the era written (平成31年5月1日).
    #[error("{date} is not in {era}")]
    OutsideEra {
        /// The era written.
        era: Era,
        /// The Gregorian date the input denotes.
        date: NaiveDate,
    },
    /// 明治5年 or earlier: Japan used the lunisolar calendar until 明治5年12月2日
    /// and adopted the Gregorian one on 明治6年1月1日 (1873-01-01), so an
    /// earlier 和暦 date is not the Gregorian day its numbers suggest.
    #[error("{era}{year}年 is before 明治6年1月1日, in the lunisolar calendar")]
    BeforeGregorian {
        /// The era written (明治).
        era: Era,
        /// The era year written (1–5).
        year: u32,
    },
    /// No day of the month is within the era written (令和元年4月).
    #[error("{year:04}-{month:02} is not in {era}")]
    MonthOutsideEra {
        /// The era written.
        era: Era,
        /// Gregorian year.
        year: i32,
        /// Month.
        month: u32,
    },
}

/// The largest era year written or read (three digits).
pub const MAX_ERA_YEAR: i32 = 999;

/// The day Japan adopted the Gregorian calendar: 明治6年1月1日. 和暦 dates
/// before it were lunisolar and are neither parsed nor formatted.
pub const GREGORIAN_FROM: NaiveDate = ymd(1873, 1, 1);

/// The era `d` falls in and its era year (1 = 元年); `None` before 明治
/// (1868-01-25).
pub fn era_of(d: NaiveDate) -> Option<(Era, i32)> {
    let era = Era::ALL.into_iter().rev().find(|e| d >= e.first_day())?;
    let n = d.year().checked_sub(era.first_year())?.checked_add(1)?;
    Some((era, n))
}

/// Formats `d` in 和暦 with Arabic numerals: `"令和7年12月2日"`, year 1 as
/// 元年 (`"令和元年5月1日"`). `None` before [`GREGORIAN_FROM`] (明治6年1月1日):
/// the 和暦 date of an earlier day was a lunisolar one, not the Gregorian
/// month and day. `None` past era year 999 too (令和999年 is 3017), which no
/// one writes and [`parse_date`] does not read: what is formatted reads back.
pub fn format_wareki(d: NaiveDate) -> Option<String> {
    if d < GREGORIAN_FROM {
        return None;
    }
    let (era, n) = era_of(d).filter(|(_, n)| *n <= MAX_ERA_YEAR)?;
    let year = if n == 1 {
        "元".to_owned()
    } else {
        n.to_string()
    };
    Some(format!(
        "{}{}年{}月{}日",
        era.name(),
        year,
        d.month(),
        d.day()
    ))
}
