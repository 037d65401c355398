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
    shinsei_jp::wareki::parse_date(s).ok()
}

/// Parses a typed year-month.
pub(crate) fn parse_month(s: &str) -> Option<Ym> {
    let (y, m) = shinsei_jp::wareki::parse_month(s).ok()?;
    Ym::new(y, m)
}

/// `YYYY-MM-DD`.
pub(crate) fn iso_date(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
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
            cx.note_str(m, sent, &iso_date(d));
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
            cx.note_str(m, sent, &iso_month(ym));
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
            crate::pointer::Pointer::child_of(cx.path, key),
            Msg::UnknownField,
            cx.lang,
            &[],
        ));
        unknown = true;
    }
    let from_path = crate::pointer::Pointer::child_of(cx.path, "from");
    let to_path = crate::pointer::Pointer::child_of(cx.path, "to");
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
                cx.note_str(m, sent, &iso_date(d));
                Part::Date(d)
            }
            None => {
                cx.issue(m, Msg::FormatDate, &[]);
                Part::Bad
            }
        },
    }
}
