//! Japanese formatting of the values a catalog shows: dates (with 和暦),
//! amounts, counts, sizes and durations.

use chrono::{Datelike, NaiveDate};
use shinsei_ir::{DurationUnit, Literal, MediaType};

/// Era start dates (DESIGN.md: crates/jp), newest first.
const ERAS: [(&str, i32, u32, u32); 5] = [
    ("令和", 2019, 5, 1),
    ("平成", 1989, 1, 8),
    ("昭和", 1926, 12, 25),
    ("大正", 1912, 7, 30),
    ("明治", 1868, 1, 25),
];

/// `2026年1月13日`.
pub fn date(d: NaiveDate) -> String {
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

/// The 和暦 year of `d`: `令和8年`, `令和元年`; `None` before 明治.
pub fn wareki_year(d: NaiveDate) -> Option<String> {
    let (name, start_year, ..) = ERAS.iter().find(|(_, y, m, day)| {
        NaiveDate::from_ymd_opt(*y, *m, *day).is_some_and(|start| d >= start)
    })?;
    let n = d.year() - start_year + 1;
    Some(if n == 1 {
        format!("{name}元年")
    } else {
        format!("{name}{n}年")
    })
}

/// `2026年（令和8年）1月13日`: the western date with the 和暦 year, as staff
/// read dates on paper forms.
pub fn date_wareki(d: NaiveDate) -> String {
    match wareki_year(d) {
        Some(w) => format!("{}年（{w}）{}月{}日", d.year(), d.month(), d.day()),
        None => date(d),
    }
}

/// `1,234,567` (digits grouped by three).
pub fn grouped(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if n < 0 { format!("−{out}") } else { out }
}

/// `500,000円`.
pub fn yen(n: i64) -> String {
    format!("{}円", grouped(n))
}

/// A plain integer: grouped from 10,000 on (years and small counts stay as typed).
pub fn int(n: i64) -> String {
    if n.unsigned_abs() >= 10_000 {
        grouped(n)
    } else if n < 0 {
        format!("−{}", n.unsigned_abs())
    } else {
        n.to_string()
    }
}

/// An exact fraction: `3分の2`, or an integer.
pub fn rate(num: i64, den: i64) -> String {
    if den == 1 {
        int(num)
    } else if num < 0 {
        format!("−{}分の{}", den, num.unsigned_abs())
    } else {
        format!("{den}分の{num}")
    }
}

/// `3日`, `24か月`, `2年` (the sign is left to the caller).
pub fn duration(n: i64, unit: DurationUnit) -> String {
    let n = n.unsigned_abs();
    match unit {
        DurationUnit::Days => format!("{n}日"),
        DurationUnit::Months if n.is_multiple_of(12) && n > 0 => format!("{}年", n / 12),
        DurationUnit::Months => format!("{n}か月"),
        DurationUnit::Years => format!("{n}年"),
    }
}

/// `10 MB`, `500 KB`, `1,536 バイト`.
pub fn size(bytes: u64) -> String {
    const KB: u64 = 1024;
    const MB: u64 = 1024 * 1024;
    if bytes >= MB && bytes.is_multiple_of(MB) {
        format!("{} MB", bytes / MB)
    } else if bytes >= KB && bytes.is_multiple_of(KB) {
        format!(
            "{} KB",
            grouped(i64::try_from(bytes / KB).unwrap_or(i64::MAX))
        )
    } else {
        format!(
            "{} バイト",
            grouped(i64::try_from(bytes).unwrap_or(i64::MAX))
        )
    }
}

/// `PDF`, `JPEG`, `PNG`.
pub fn media(m: MediaType) -> &'static str {
    match m {
        MediaType::Pdf => "PDF",
        MediaType::Jpeg => "JPEG",
        MediaType::Png => "PNG",
    }
}

/// A constant as written in a catalog (choice keys are shown in 「」; callers
/// that know the options translate them to labels first).
pub fn literal(l: &Literal) -> String {
    match l {
        Literal::Bool(true) => "「はい」".to_owned(),
        Literal::Bool(false) => "「いいえ」".to_owned(),
        Literal::Int(n) => int(*n),
        Literal::Yen(n) => yen(*n),
        Literal::Rate { num, den } => rate(*num, *den),
        Literal::Date(d) => date(*d),
        Literal::Month { year, month } => format!("{year}年{month}月"),
        Literal::Duration { n, unit } => {
            let s = duration(*n, *unit);
            if *n < 0 {
                format!("マイナス{s}")
            } else {
                s
            }
        }
        Literal::Text(s) => format!("「{s}」"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
    }

    #[test]
    fn wareki_boundaries() {
        assert_eq!(date_wareki(d(2026, 1, 13)), "2026年（令和8年）1月13日");
        assert_eq!(date_wareki(d(2019, 5, 1)), "2019年（令和元年）5月1日");
        assert_eq!(date_wareki(d(2019, 4, 30)), "2019年（平成31年）4月30日");
        assert_eq!(date_wareki(d(1989, 1, 7)), "1989年（昭和64年）1月7日");
        assert_eq!(date_wareki(d(1800, 1, 1)), "1800年1月1日");
    }

    #[test]
    fn numbers_and_sizes() {
        assert_eq!(yen(500_000), "500,000円");
        assert_eq!(yen(0), "0円");
        assert_eq!(grouped(-1_234), "−1,234");
        assert_eq!(int(2026), "2026");
        assert_eq!(int(58_000), "58,000");
        assert_eq!(rate(2, 3), "3分の2");
        assert_eq!(size(10 * 1024 * 1024), "10 MB");
        assert_eq!(size(500 * 1024), "500 KB");
        assert_eq!(size(1000), "1,000 バイト");
        assert_eq!(duration(24, DurationUnit::Months), "2年");
        assert_eq!(duration(18, DurationUnit::Months), "18か月");
    }
}
