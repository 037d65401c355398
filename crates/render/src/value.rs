//! Values as a person reads them on the paper form: dates in 和暦 with the
//! western date, yen with separators, choices by their label, はい/いいえ.
//! Values arrive normalized (the runtime's canonical submission); one that
//! is not (a value the runtime could not read) is shown as it was sent.

use chrono::{Datelike, NaiveDate, Timelike};
use serde_json::Value;
use shinsei_ir::{ChoiceOption, FieldKind};

/// The lines that show `value` of a field of `kind`.
pub fn display(kind: &FieldKind, value: &Value) -> Vec<String> {
    let s = value.as_str();
    let line = match kind {
        FieldKind::Date => s.map(date),
        FieldKind::Month => s.map(month),
        FieldKind::Period => Some(format!(
            "{} 〜 {}",
            value
                .get("from")
                .and_then(Value::as_str)
                .map(date)
                .unwrap_or_default(),
            value
                .get("to")
                .and_then(Value::as_str)
                .map(date)
                .unwrap_or_default()
        )),
        FieldKind::Yen { .. } => value.as_i64().map(|n| format!("{}円", grouped(n))),
        FieldKind::Integer { .. } => value.as_i64().map(grouped),
        FieldKind::Bool => value
            .as_bool()
            .map(|b| if b { "はい" } else { "いいえ" }.to_owned()),
        FieldKind::Choice { options } => s.map(|k| label(options, k)),
        FieldKind::Multi { options, .. } => value.as_array().map(|keys| {
            keys.iter()
                .map(|k| {
                    k.as_str()
                        .map_or_else(|| k.to_string(), |k| label(options, k))
                })
                .collect::<Vec<_>>()
                .join("、")
        }),
        FieldKind::PostalCode => s.map(|p| match (p.get(..3), p.get(3..)) {
            (Some(a), Some(b)) if p.len() == 7 => format!("〒{a}-{b}"),
            _ => p.to_owned(),
        }),
        FieldKind::Text { .. } => return text_lines(value),
        _ => None,
    };
    vec![line.unwrap_or_else(|| plain(value))]
}

fn text_lines(value: &Value) -> Vec<String> {
    match value.as_str() {
        Some(s) => s.lines().map(str::to_owned).collect(),
        None => vec![plain(value)],
    }
}

fn plain(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn label(options: &[ChoiceOption], key: &str) -> String {
    options
        .iter()
        .find(|o| o.key == key)
        .map_or_else(|| key.to_owned(), |o| o.label.ja.clone())
}

// Dates are read with jp's parser and written with `format!`, not chrono's
// strftime: its format-string machinery would cost the WASM package (which
// renders HTML too) about 10 KB gzipped.

/// `2026-04-01` → `令和8年4月1日（2026年4月1日）`; anything else as it is.
pub fn date(s: &str) -> String {
    match shinsei_jp::wareki::parse_date(s) {
        Ok(d) if shinsei_jp::wareki::is_iso_date(s) => day(d),
        _ => s.to_owned(),
    }
}

fn day(d: NaiveDate) -> String {
    let western = format!("{}年{}月{}日", d.year(), d.month(), d.day());
    match shinsei_jp::wareki::format_wareki(d) {
        Some(w) => format!("{w}（{western}）"),
        None => western,
    }
}

/// `2026-04` → `令和8年4月（2026年4月）`.
pub fn month(s: &str) -> String {
    let parsed = shinsei_jp::wareki::parse_month(s).ok();
    let Some(d) = parsed
        .filter(|_| shinsei_jp::wareki::is_iso_month(s))
        .and_then(|(y, m)| NaiveDate::from_ymd_opt(y, m, 1))
    else {
        return s.to_owned();
    };
    let western = format!("{}年{}月", d.year(), d.month());
    match shinsei_jp::wareki::format_wareki(d) {
        // `令和8年4月1日` without its day.
        Some(w) => format!("{}（{western}）", w.trim_end_matches("1日")),
        None => western,
    }
}

/// An RFC 3339 time → its JST date and time, `令和8年3月2日（2026年3月2日） 10:00`.
pub fn date_time(s: &str) -> String {
    match shinsei_jp::instant::parse_date_time(s) {
        Some(at) => {
            let jst = at.with_timezone(
                &chrono::FixedOffset::east_opt(9 * 3600).unwrap_or(at.offset().to_owned()),
            );
            format!(
                "{} {:02}:{:02}",
                day(jst.date_naive()),
                jst.hour(),
                jst.minute()
            )
        }
        None => s.to_owned(),
    }
}

/// `1234567` → `1,234,567`.
pub fn grouped(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A file size for people: `120.6 KB`.
pub fn size(bytes: u64) -> String {
    let kb = bytes as f64 / 1024.0;
    if kb < 1024.0 {
        format!("{kb:.1} KB")
    } else {
        format!("{:.1} MB", kb / 1024.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_yen_and_months_read_as_on_paper() {
        assert_eq!(date("2026-04-01"), "令和8年4月1日（2026年4月1日）");
        assert_eq!(date("2019-05-01"), "令和元年5月1日（2019年5月1日）");
        assert_eq!(month("2025-11"), "令和7年11月（2025年11月）");
        assert_eq!(grouped(1_234_567), "1,234,567");
        assert_eq!(grouped(-1000), "-1,000");
        assert_eq!(grouped(999), "999");
        assert_eq!(
            date_time("2026-03-02T01:00:00Z"),
            "令和8年3月2日（2026年3月2日） 10:00"
        );
        assert_eq!(size(123_456), "120.6 KB");
    }
}
