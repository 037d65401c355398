//! Parsing of typed dates and months (Gregorian or 和暦).
//!
//! The input is width-folded ([`crate::width::to_ascii_width`]) and trimmed,
//! then split into tokens; spaces between tokens are allowed, so two numbers
//! separated by a space are two tokens and the input is rejected rather than
//! glued together. Accepted shapes, with an optional era in front
//! (`令和`/`R`/`r`/`㋿` …):
//!
//! - `Y-M-D`, `Y/M/D`, `Y.M.D` (one separator throughout),
//! - `Y年M月D日`,
//! - for months: `Y-M`, `Y/M`, `Y.M`, `Y年M月`.
//!
//! Without an era the year has exactly four digits; with one it has one to
//! three digits or is `元`. Month and day have one or two digits.

use chrono::{Datelike, NaiveDate};

use super::{DateError, Era};
use crate::width::{to_ascii_width, trim_spaces};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tok {
    Era(Era),
    /// A run of ASCII digits: value and number of digits.
    Num(u32, usize),
    /// 元 (year 1 of an era).
    Gan,
    Nen,
    Gatsu,
    Nichi,
    Sep(char),
}

/// Longest digit run accepted; longer runs are malformed (and cannot
/// overflow a u32).
const MAX_DIGITS: usize = 4;

fn era_word(rest: &str) -> Option<(Era, usize)> {
    Era::ALL
        .into_iter()
        .find(|e| rest.starts_with(e.name()))
        .map(|e| (e, e.name().len()))
}

fn era_char(c: char) -> Option<Era> {
    match c {
        'M' | 'm' | '\u{337E}' => Some(Era::Meiji),
        'T' | 't' | '\u{337D}' => Some(Era::Taisho),
        'S' | 's' | '\u{337C}' => Some(Era::Showa),
        'H' | 'h' | '\u{337B}' => Some(Era::Heisei),
        'R' | 'r' | '\u{32FF}' => Some(Era::Reiwa),
        _ => None,
    }
}

/// Splits normalized input into tokens; `None` on any unexpected character.
fn tokenize(s: &str) -> Option<Vec<Tok>> {
    let mut toks = Vec::new();
    let mut rest = s;
    while let Some(c) = rest.chars().next() {
        if c == ' ' {
            rest = rest.get(1..)?;
            continue;
        }
        if let Some((era, len)) = era_word(rest) {
            toks.push(Tok::Era(era));
            rest = rest.get(len..)?;
            continue;
        }
        if c.is_ascii_digit() {
            let len = rest
                .find(|ch: char| !ch.is_ascii_digit())
                .unwrap_or(rest.len());
            if len > MAX_DIGITS {
                return None;
            }
            let value = rest.get(..len)?.parse().ok()?;
            toks.push(Tok::Num(value, len));
            rest = rest.get(len..)?;
            continue;
        }
        let tok = match c {
            '元' => Tok::Gan,
            '年' => Tok::Nen,
            '月' => Tok::Gatsu,
            '日' => Tok::Nichi,
            '-' | '/' | '.' => Tok::Sep(c),
            _ => Tok::Era(era_char(c)?),
        };
        toks.push(tok);
        rest = rest.get(c.len_utf8()..)?;
    }
    Some(toks)
}

/// A parsed year, month and optional day, before calendar checks.
struct Parts {
    era: Option<Era>,
    year: u32,
    month: u32,
    day: Option<u32>,
}

fn small(t: Option<&Tok>) -> Option<u32> {
    match t {
        Some(Tok::Num(v, len)) if (1..=2).contains(len) => Some(*v),
        _ => None,
    }
}

/// Matches the token shapes; `want_day` selects date or month shapes.
fn shape(toks: &[Tok], want_day: bool) -> Option<Parts> {
    let (era, rest) = match toks.split_first() {
        Some((Tok::Era(e), rest)) => (Some(*e), rest),
        _ => (None, toks),
    };
    let (year, rest) = match (rest.split_first(), era) {
        (Some((Tok::Num(v, 4), rest)), None) => (*v, rest),
        (Some((Tok::Num(v, 1..=3), rest)), Some(_)) => (*v, rest),
        (Some((Tok::Gan, rest)), Some(_)) => (1, rest),
        _ => return None,
    };
    let month = small(rest.get(1))?;
    let day = if want_day {
        Some(small(rest.get(3))?)
    } else {
        None
    };
    let tail: &[Tok] = match (rest.first(), want_day) {
        (Some(Tok::Nen), true) => match rest.get(2..) {
            Some([Tok::Gatsu, _, Tok::Nichi]) => &[],
            _ => return None,
        },
        (Some(Tok::Nen), false) => match rest.get(2..) {
            Some([Tok::Gatsu]) => &[],
            _ => return None,
        },
        (Some(Tok::Sep(a)), true) => match rest.get(2..) {
            Some([Tok::Sep(b), _]) if a == b => &[],
            _ => return None,
        },
        (Some(Tok::Sep(_)), false) => rest.get(2..)?,
        _ => return None,
    };
    tail.is_empty().then_some(Parts {
        era,
        year,
        month,
        day,
    })
}

fn prepare(s: &str) -> Result<(String, Vec<Tok>), DateError> {
    let folded = to_ascii_width(s);
    let input = trim_spaces(&folded).to_owned();
    if input.is_empty() {
        return Err(DateError::Empty);
    }
    match tokenize(&input) {
        Some(toks) => Ok((input, toks)),
        None => Err(DateError::Malformed { input }),
    }
}

/// The Gregorian year of `year` (of `era`, if any); `None` means year 0
/// without an era, which is not a calendar year here (the proleptic year 0
/// is 1 BC: no date a person types). 明治1–5年 are refused: their dates were
/// lunisolar.
fn gregorian_year(era: Option<Era>, year: u32) -> Result<Option<i32>, DateError> {
    match era {
        Some(Era::Meiji) if (1..=5).contains(&year) => Err(DateError::BeforeGregorian {
            era: Era::Meiji,
            year,
        }),
        Some(era) => era
            .gregorian_year(year)
            .map(Some)
            .ok_or(DateError::InvalidEraYear { era, year }),
        None => Ok(i32::try_from(year).ok().filter(|y| *y >= 1)),
    }
}

/// Up to 4 ASCII digits of `b` at `r`, as a number.
fn digits_at(b: &[u8], r: std::ops::Range<usize>) -> Option<u32> {
    b.get(r)?.iter().try_fold(0_u32, |acc, &c| {
        let digit = u32::from(c.checked_sub(b'0').filter(|d| *d <= 9)?);
        acc.checked_mul(10)?.checked_add(digit)
    })
}

/// The canonical `YYYY-MM-DD` (ASCII, year 1 or later): what most
/// submissions send, read without the general tokenizer. It accepts exactly
/// what [`parse_date`] accepts in that shape (a test compares them).
fn iso_fast(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    if b.len() != 10 || b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
        return None;
    }
    let year = i32::try_from(digits_at(b, 0..4)?)
        .ok()
        .filter(|y| *y >= 1)?;
    NaiveDate::from_ymd_opt(year, digits_at(b, 5..7)?, digits_at(b, 8..10)?)
}

/// `YYYY-MM` (ASCII, year 1 or later), as [`iso_fast`] for months.
fn iso_month_fast(s: &str) -> Option<(i32, u32)> {
    let b = s.as_bytes();
    if b.len() != 7 || b.get(4) != Some(&b'-') {
        return None;
    }
    let year = i32::try_from(digits_at(b, 0..4)?)
        .ok()
        .filter(|y| *y >= 1)?;
    let month = digits_at(b, 5..7)?;
    (1..=12).contains(&month).then_some((year, month))
}

/// Whether `s` is a date in canonical form, `YYYY-MM-DD` (nothing to
/// normalize).
pub fn is_iso_date(s: &str) -> bool {
    iso_fast(s).is_some()
}

/// Whether `s` is a year-month in canonical form, `YYYY-MM`.
pub fn is_iso_month(s: &str) -> bool {
    iso_month_fast(s).is_some()
}

/// Parses a typed date: ISO `2026-01-05`, `2026/1/5`, `2026年1月5日`, 和暦
/// `令和7年12月2日`, `令和元年5月1日`, `R7.12.2`, `R7/12/2`, `h31.4.30`, in
/// half- or full-width, with surrounding spaces.
///
/// Errors say why: [`DateError::NonexistentDate`] for 2023-02-29 and for
/// year 0 (`0000-01-01`), [`DateError::OutsideEra`] for 平成31年5月1日 or
/// 令和1年4月30日, [`DateError::BeforeGregorian`] for 明治5年12月3日 (a day that
/// never existed: 明治5年12月2日 was followed by 明治6年1月1日),
/// [`DateError::Malformed`] for anything else that is not a date.
pub fn parse_date(s: &str) -> Result<NaiveDate, DateError> {
    match iso_fast(s) {
        Some(d) => Ok(d),
        None => parse_date_tokens(s),
    }
}

/// [`parse_date`] without the fast path.
fn parse_date_tokens(s: &str) -> Result<NaiveDate, DateError> {
    let (input, toks) = prepare(s)?;
    let parts = shape(&toks, true).ok_or(DateError::Malformed { input })?;
    let (month, day) = (parts.month, parts.day.unwrap_or(0));
    let year = gregorian_year(parts.era, parts.year)?;
    let date = year
        .and_then(|y| NaiveDate::from_ymd_opt(y, month, day))
        .ok_or(DateError::NonexistentDate {
            year: year.unwrap_or(0),
            month,
            day,
        })?;
    match parts.era {
        Some(era) if !era.contains(date) => Err(DateError::OutsideEra { era, date }),
        _ => Ok(date),
    }
}

/// Parses a typed year-month: `2026-01`, `2026/1`, `2026年1月`, `令和8年1月`,
/// `R8.1`, full-width ok. With an era, at least one day of the month must lie
/// in it (`平成31年4月` and `令和元年5月` are fine, `令和元年4月` is not).
pub fn parse_month(s: &str) -> Result<(i32, u32), DateError> {
    match iso_month_fast(s) {
        Some(ym) => Ok(ym),
        None => parse_month_tokens(s),
    }
}

/// [`parse_month`] without the fast path.
fn parse_month_tokens(s: &str) -> Result<(i32, u32), DateError> {
    let (input, toks) = prepare(s)?;
    let parts = shape(&toks, false).ok_or(DateError::Malformed { input })?;
    let month = parts.month;
    let year = gregorian_year(parts.era, parts.year)?;
    let first = year
        .and_then(|y| NaiveDate::from_ymd_opt(y, month, 1))
        .ok_or(DateError::NonexistentMonth {
            year: year.unwrap_or(0),
            month,
        })?;
    if let Some(era) = parts.era {
        let last = crate::age::end_of_month(first);
        let overlaps = last >= era.first_day() && era.last_day().is_none_or(|l| first <= l);
        if !overlaps {
            return Err(DateError::MonthOutsideEra {
                era,
                year: first.year(),
                month,
            });
        }
    }
    Ok((first.year(), first.month()))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "tests may panic")]
mod tests {
    use super::*;

    /// The fast path is a shortcut, never a second opinion: on every string
    /// of its shape it agrees with the general parser (year 0 included).
    #[test]
    fn the_fast_path_agrees_with_the_general_parser() {
        let years = (0..=30)
            .chain(1860..=1880)
            .chain(1999..=2101)
            .chain(9990..=9999);
        for y in years {
            for m in 0..=13 {
                let month = format!("{y:04}-{m:02}");
                assert_eq!(
                    iso_month_fast(&month),
                    parse_month_tokens(&month).ok(),
                    "{month}"
                );
                for d in [0, 1, 28, 29, 30, 31, 32] {
                    let date = format!("{y:04}-{m:02}-{d:02}");
                    assert_eq!(iso_fast(&date), parse_date_tokens(&date).ok(), "{date}");
                }
            }
        }
    }
}
