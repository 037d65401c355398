//! Dates, months and periods (ISO, `YYYY/M/D`, 和暦; full-width allowed).

use chrono::NaiveDate;

use super::text::take_str;
use super::{Ctx, Input, string_input};
use crate::doc::{Decoded, Member, State};
use crate::eval::value::Ym;
use crate::json::{Json, member};
use crate::messages::{Msg, Word};
use crate::result::Issue;

/// Parses a typed date.
pub(crate) fn parse_date(s: &str) -> Option<NaiveDate> {
    // Most submissions carry canonical ISO dates: skip the general parser.
    iso_fast(s).or_else(|| shinsei_jp::wareki::parse_date(s).ok())
}

/// `YYYY-MM-DD` exactly (ASCII), as a valid date.
fn iso_fast(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    let num = |r: std::ops::Range<usize>| digits_at(b, r);
    if b.len() != 10 || b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
        return None;
    }
    NaiveDate::from_ymd_opt(i32::try_from(num(0..4)?).ok()?, num(5..7)?, num(8..10)?)
}

/// Parses a typed year-month.
pub(crate) fn parse_month(s: &str) -> Option<Ym> {
    if let Some(ym) = iso_month_fast(s) {
        return Some(ym);
    }
    let (y, m) = shinsei_jp::wareki::parse_month(s).ok()?;
    Ym::new(y, m)
}

/// Whether `s` is a canonical `YYYY-MM-DD` date (nothing to normalize).
pub(crate) fn is_iso_date(s: &str) -> bool {
    iso_fast(s).is_some()
}

/// Up to `n` ASCII digits at `r` as a number.
fn digits_at(b: &[u8], r: std::ops::Range<usize>) -> Option<u32> {
    b.get(r)?.iter().try_fold(0_u32, |acc, &c| {
        let digit = u32::from(c.checked_sub(b'0').filter(|d| *d <= 9)?);
        acc.checked_mul(10)?.checked_add(digit)
    })
}

/// `YYYY-MM` exactly (ASCII).
fn iso_month_fast(s: &str) -> Option<Ym> {
    let b = s.as_bytes();
    if b.len() != 7 || b.get(4) != Some(&b'-') {
        return None;
    }
    Ym::new(
        i32::try_from(digits_at(b, 0..4)?).ok()?,
        digits_at(b, 5..7)?,
    )
}

/// `YYYY-MM-DD`.
pub(crate) fn iso_date(d: NaiveDate) -> String {
    use chrono::Datelike;
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

/// `YYYY-MM`.
pub(crate) fn iso_month(m: Ym) -> String {
    format!("{:04}-{:02}", m.year, m.month)
}

/// A date field.
pub(super) fn date<'a>(json: &'a Json<'a>, cx: &Ctx<'_>, m: &mut Member<'a>) -> State<'a> {
    let (t, sent) = match take_str(json, cx, m) {
        Ok(x) => x,
        Err(state) => return state,
    };
    match parse_date(t) {
        Some(d) => {
            if iso_fast(sent).is_none() {
                cx.note_str(m, sent, &iso_date(d));
            }
            State::Value(Decoded::Date(d))
        }
        None => {
            cx.issue(m, Msg::FormatDate, &[]);
            State::Invalid
        }
    }
}

/// A year-month field.
pub(super) fn month<'a>(json: &'a Json<'a>, cx: &Ctx<'_>, m: &mut Member<'a>) -> State<'a> {
    let (t, sent) = match take_str(json, cx, m) {
        Ok(x) => x,
        Err(state) => return state,
    };
    match parse_month(t) {
        Some(ym) => {
            if iso_month_fast(sent).is_none() {
                cx.note_str(m, sent, &iso_month(ym));
            }
            State::Value(Decoded::Month(ym))
        }
        None => {
            cx.issue(m, Msg::FormatMonth, &[]);
            State::Invalid
        }
    }
}

/// One end of a period.
enum Part {
    Absent,
    Date(NaiveDate),
    Bad,
}

/// A period `{from, to}`.
pub(super) fn period<'a>(json: &'a Json<'a>, cx: &Ctx<'_>, m: &mut Member<'a>) -> State<'a> {
    let members = match json {
        Json::Null => return State::Absent,
        Json::Obj(members) => members,
        other => {
            cx.type_issue(m, Word::Object, other.kind());
            return State::Invalid;
        }
    };
    let mut unknown = false;
    for (key, _) in members.iter().filter(|(k, _)| k != "from" && k != "to") {
        m.issues.push(Issue::error(
            crate::pointer::Pointer::child_of(&cx.full_path(), key),
            Msg::UnknownField,
            cx.lang,
            &[],
        ));
        unknown = true;
    }
    let base = cx.full_path();
    let from_path = crate::pointer::Pointer::child_of(&base, "from");
    let to_path = crate::pointer::Pointer::child_of(&base, "to");
    let from = part(member(members, "from"), cx, &from_path, m);
    let to = part(member(members, "to"), cx, &to_path, m);
    match (from, to) {
        (Part::Absent, Part::Absent) if !unknown => State::Absent,
        (Part::Date(a), Part::Date(b)) if !unknown => {
            if b < a {
                cx.at(&to_path).issue(m, Msg::PeriodOrder, &[]);
                State::Invalid
            } else {
                State::Value(Decoded::Period(a, b))
            }
        }
        (from, to) => {
            if matches!(from, Part::Absent) {
                cx.at(&from_path).issue(m, Msg::Required, &[]);
            }
            if matches!(to, Part::Absent) {
                cx.at(&to_path).issue(m, Msg::Required, &[]);
            }
            State::Invalid
        }
    }
}

fn part(json: Option<&Json<'_>>, cx: &Ctx<'_>, path: &str, m: &mut Member<'_>) -> Part {
    let cx = cx.at(path);
    match json.map_or(Input::Absent, string_input) {
        Input::Absent => Part::Absent,
        Input::Other(kind) => {
            cx.type_issue(m, Word::String, kind);
            Part::Bad
        }
        Input::Str(t, sent) => match parse_date(t) {
            Some(d) => {
                if iso_fast(sent).is_none() {
                    cx.note_str(m, sent, &iso_date(d));
                }
                Part::Date(d)
            }
            None => {
                cx.issue(m, Msg::FormatDate, &[]);
                Part::Bad
            }
        },
    }
}
