//! National holidays of Japan, computed from 国民の祝日に関する法律 (祝日法).
//!
//! The rules are the law as in force each year, not a typed list:
//! fixed days and their amendments (1966: 建国記念の日 from 1967, 敬老の日 and
//! 体育の日; 1989: 天皇誕生日 12/23 and みどりの日; 1996: 海の日; 2000/2003:
//! Happy Monday; 2007: 昭和の日 and 5/4 みどりの日; 2016: 山の日; 2020:
//! 天皇誕生日 2/23 and スポーツの日), 春分の日/秋分の日 by the standard
//! approximation, 振替休日 (from 1973-04-12; from 2007 the next non-holiday),
//! 国民の休日 (from the 1985-12-27 amendment), the 2020/2021 Olympic moves, and
//! the one-off days set by their own laws ([`ONE_OFF`]).
//!
//! Years outside [`SUPPORTED_YEARS`] (1955–2099) have no holidays here:
//! [`holiday_name`] returns `None` and [`holidays_in_year`] is empty. Equinox
//! days are fixed only by the official announcement each February for the next
//! year and future law changes cannot be known, so years after the current one
//! are projections.
//!
//! ```
//! use chrono::NaiveDate;
//! use shinsei_jp::holidays::{holiday_name, holidays_in_year};
//! let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
//! assert_eq!(holiday_name(d(2026, 9, 22)), Some("国民の休日"));
//! assert_eq!(holiday_name(d(2020, 7, 24)), Some("スポーツの日"));
//! assert_eq!(holiday_name(d(2008, 5, 6)), Some("振替休日")); // 5/4 (Sun) → first non-holiday
//! assert_eq!(holidays_in_year(2026).len(), 18);
//! ```

use std::ops::RangeInclusive;

use chrono::{Datelike, NaiveDate, Weekday};

/// Years for which holidays are computed; outside it, none are reported.
pub const SUPPORTED_YEARS: RangeInclusive<i32> = 1955..=2099;

/// Name of a substitute holiday (祝日法 3条2項).
pub const FURIKAE: &str = "振替休日";
/// Name of a day between two holidays (祝日法 3条3項).
pub const KOKUMIN_NO_KYUJITSU: &str = "国民の休日";

/// Days made holidays by laws of their own, each of which also made the day
/// count as a 国民の祝日 (so it can sandwich a 国民の休日, as 2019-04-30 and
/// 2019-05-02 were):
/// - 1959-04-10: 皇太子明仁親王の結婚の儀の行われる日を休日とする法律 (昭和34年法律第16号)
/// - 1989-02-24: 昭和天皇の大喪の礼の行われる日を休日とする法律 (平成元年法律第4号)
/// - 1990-11-12: 即位礼正殿の儀の行われる日を休日とする法律 (平成2年法律第24号)
/// - 1993-06-09: 皇太子徳仁親王の結婚の儀の行われる日を休日とする法律 (平成5年法律第32号)
/// - 2019-05-01, 2019-10-22: 天皇の即位の日及び即位礼正殿の儀の行われる日を休日とする法律 (平成30年法律第99号)
///
/// The names of the 1989, 1990 and 1993 days are those of the common public
/// holiday datasets (`大喪の礼`, `即位礼正殿の儀`, `結婚の儀`); 1959 follows
/// them; the 2019 days carry the law's own words.
pub const ONE_OFF: [(i32, u32, u32, &str); 6] = [
    (1959, 4, 10, "結婚の儀"),
    (1989, 2, 24, "大喪の礼"),
    (1990, 11, 12, "即位礼正殿の儀"),
    (1993, 6, 9, "結婚の儀"),
    (2019, 5, 1, "天皇の即位の日"),
    (2019, 10, 22, "即位礼正殿の儀の行われる日"),
];

/// The day of the month of an equinox, by the widely used approximation
/// `floor(C + 0.242194 (y − 1980)) − floor((y − 1980) / 4)` with per-period
/// constants, in exact integer arithmetic (millionths of a day).
fn equinox_day(year: i32, autumn: bool) -> Option<u32> {
    let c: i64 = match (year, autumn) {
        (1900..=1979, false) => 20_835_700,
        (1980..=2099, false) => 20_843_100,
        (2100..=2150, false) => 21_851_000,
        (1900..=1979, true) => 23_258_800,
        (1980..=2099, true) => 23_248_800,
        (2100..=2150, true) => 24_248_800,
        _ => return None,
    };
    let dy = i64::from(year) - 1980;
    let day = (c + 242_194 * dy).div_euclid(1_000_000) - dy.div_euclid(4);
    u32::try_from(day).ok()
}

/// The `n`-th (1-based) Monday of the month.
fn nth_monday(year: i32, month: u32, n: u8) -> Option<NaiveDate> {
    NaiveDate::from_weekday_of_month_opt(year, month, Weekday::Mon, n)
}

/// The 国民の祝日 (including the one-off days) on `d`, by the law in force in
/// its year. Not restricted to [`SUPPORTED_YEARS`]: rules are evaluated for
/// 1949–2150 so that neighbours of the supported range are right.
fn shukujitsu(d: NaiveDate) -> Option<&'static str> {
    let (y, m, day) = (d.year(), d.month(), d.day());
    if !(1949..=2150).contains(&y) {
        return None;
    }
    let is = |date: Option<NaiveDate>| date == Some(d);
    if let Some(&(.., name)) = ONE_OFF
        .iter()
        .find(|(oy, om, od, _)| (*oy, *om, *od) == (y, m, day))
    {
        return Some(name);
    }
    let name = match (m, day) {
        (1, 1) => "元日",
        (1, 15) if y <= 1999 => "成人の日",
        (1, _) if y >= 2000 && is(nth_monday(y, 1, 2)) => "成人の日",
        (2, 11) if y >= 1967 => "建国記念の日",
        (2, 23) if y >= 2020 => "天皇誕生日",
        (3, _) if equinox_day(y, false) == Some(day) => "春分の日",
        (4, 29) if y <= 1988 => "天皇誕生日",
        (4, 29) if y <= 2006 => "みどりの日",
        (4, 29) => "昭和の日",
        (5, 3) => "憲法記念日",
        (5, 4) if y >= 2007 => "みどりの日",
        (5, 5) => "こどもの日",
        (7, _) if is(umi_no_hi(y)) => "海の日",
        (7, _) if (y == 2020 && day == 24) || (y == 2021 && day == 23) => "スポーツの日",
        (8, _) if is(yama_no_hi(y)) => "山の日",
        (9, 15) if (1966..=2002).contains(&y) => "敬老の日",
        (9, _) if y >= 2003 && is(nth_monday(y, 9, 3)) => "敬老の日",
        (9, _) if equinox_day(y, true) == Some(day) => "秋分の日",
        (10, 10) if (1966..=1999).contains(&y) => "体育の日",
        (10, _) if (2000..=2019).contains(&y) && is(nth_monday(y, 10, 2)) => "体育の日",
        (10, _) if y >= 2022 && is(nth_monday(y, 10, 2)) => "スポーツの日",
        (11, 3) => "文化の日",
        (11, 23) => "勤労感謝の日",
        (12, 23) if (1989..=2018).contains(&y) => "天皇誕生日",
        _ => return None,
    };
    Some(name)
}

/// 海の日: 7/20 (1996–2002), third Monday of July (2003–), moved to 7/23 in
/// 2020 and 7/22 in 2021 (平成30年法律第55号, 令和2年法律第68号).
fn umi_no_hi(y: i32) -> Option<NaiveDate> {
    match y {
        ..=1995 => None,
        1996..=2002 => NaiveDate::from_ymd_opt(y, 7, 20),
        2020 => NaiveDate::from_ymd_opt(y, 7, 23),
        2021 => NaiveDate::from_ymd_opt(y, 7, 22),
        _ => nth_monday(y, 7, 3),
    }
}

/// 山の日: 8/11 from 2016, moved to 8/10 in 2020 and 8/8 in 2021.
fn yama_no_hi(y: i32) -> Option<NaiveDate> {
    match y {
        ..=2015 => None,
        2020 => NaiveDate::from_ymd_opt(y, 8, 10),
        2021 => NaiveDate::from_ymd_opt(y, 8, 8),
        _ => NaiveDate::from_ymd_opt(y, 8, 11),
    }
}

/// Whether `d` is a 振替休日: a non-祝日 that follows a 祝日 on a Sunday (from
/// 1973-04-12; until 2006 only the very next day, from 2007 the first
/// non-祝日 after it).
fn is_furikae(d: NaiveDate) -> bool {
    let Some(start) = NaiveDate::from_ymd_opt(1973, 4, 12) else {
        return false;
    };
    if shukujitsu(d).is_some() {
        return false;
    }
    let mut prev = d.pred_opt();
    // A run of consecutive 祝日 is at most a few days long (5/3–5/5).
    for _ in 0..7 {
        let Some(p) = prev.filter(|p| shukujitsu(*p).is_some()) else {
            return false;
        };
        if p.weekday() == Weekday::Sun {
            return p >= start;
        }
        if d.year() < 2007 {
            return false;
        }
        prev = p.pred_opt();
    }
    false
}

/// Whether `d` is a 国民の休日: a day that is not a 祝日 whose previous and
/// next days are 祝日 (from the 1985-12-27 amendment; until 2006 Sundays and
/// 振替休日 excluded).
fn is_kokumin_no_kyujitsu(d: NaiveDate) -> bool {
    let in_force = NaiveDate::from_ymd_opt(1985, 12, 27).is_some_and(|s| d >= s);
    let sandwiched = d.pred_opt().and_then(shukujitsu).is_some()
        && d.succ_opt().and_then(shukujitsu).is_some()
        && shukujitsu(d).is_none();
    in_force && sandwiched && (d.year() >= 2007 || d.weekday() != Weekday::Sun)
}

/// The holiday on `d`, by its Japanese name: a 国民の祝日 (`"元日"`,
/// `"成人の日"` …), a one-off day ([`ONE_OFF`]), [`FURIKAE`] or
/// [`KOKUMIN_NO_KYUJITSU`]. `None` on other days and outside
/// [`SUPPORTED_YEARS`].
pub fn holiday_name(d: NaiveDate) -> Option<&'static str> {
    if !SUPPORTED_YEARS.contains(&d.year()) {
        return None;
    }
    if let Some(name) = shukujitsu(d) {
        return Some(name);
    }
    if is_furikae(d) {
        return Some(FURIKAE);
    }
    is_kokumin_no_kyujitsu(d).then_some(KOKUMIN_NO_KYUJITSU)
}

/// Whether `d` is a national holiday (祝日, 振替休日 or 国民の休日).
pub fn is_holiday(d: NaiveDate) -> bool {
    holiday_name(d).is_some()
}

/// Every holiday of `year`, sorted by date; empty outside [`SUPPORTED_YEARS`].
pub fn holidays_in_year(year: i32) -> Vec<(NaiveDate, &'static str)> {
    let Some(first) =
        NaiveDate::from_ymd_opt(year, 1, 1).filter(|_| SUPPORTED_YEARS.contains(&year))
    else {
        return Vec::new();
    };
    first
        .iter_days()
        .take_while(|d| d.year() == year)
        .filter_map(|d| holiday_name(d).map(|n| (d, n)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::equinox_day;

    #[test]
    fn equinox_known_years() {
        // 国立天文台 暦要項 values.
        for (y, spring, autumn) in [
            (1960, 20, 23),
            (1979, 21, 24),
            (2012, 20, 22),
            (2025, 20, 23),
        ] {
            assert_eq!(equinox_day(y, false), Some(spring), "spring {y}");
            assert_eq!(equinox_day(y, true), Some(autumn), "autumn {y}");
        }
        assert_eq!(equinox_day(1899, false), None);
    }
}
