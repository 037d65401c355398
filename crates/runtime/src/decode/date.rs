//! Dates, months and periods (ISO, `YYYY/M/D`, 和暦; full-width allowed).

use chrono::NaiveDate;
use shinsei_jp::DateError;

use super::text::take_str;
use super::{Ctx, Input, string_input};
use crate::json::{Json, member};
use crate::messages::{Msg, Word};
use crate::result::Issue;
use crate::tree::{Decoded, Notes, State};
use crate::value::Ym;

/// A typed date, or the message saying why it is not one: through
/// [`shinsei_jp::wareki::parse_date`], the one date parser of every path
/// (its canonical-ISO fast path included, so year 0 is refused everywhere).
pub(crate) fn read_date(s: &str) -> Result<NaiveDate, Msg> {
    shinsei_jp::wareki::parse_date(s).map_err(date_message)
}

/// The message for a date that was not accepted: a 和暦 date before the
/// Gregorian calendar has its own; everything else is a bad date.
pub(crate) fn date_message(e: DateError) -> Msg {
    match e {
        DateError::BeforeGregorian { .. } => Msg::DateBeforeGregorian,
        _ => Msg::FormatDate,
    }
}

/// Whether `s` is a canonical `YYYY-MM-DD` date (nothing to normalize).
pub(crate) fn is_iso_date(s: &str) -> bool {
    shinsei_jp::wareki::is_iso_date(s)
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
pub(super) fn date<'a>(json: &'a Json<'a>, cx: &Ctx<'_>, m: &mut Notes) -> State<'a> {
    let (t, sent) = match take_str(json, cx, m) {
        Ok(x) => x,
        Err(state) => return state,
    };
    match read_date(t) {
        Ok(d) => {
            if !is_iso_date(sent) {
                cx.note_str(m, sent, &iso_date(d));
            }
            State::Value(Decoded::Date(d))
        }
        Err(msg) => {
            cx.issue(m, msg, &[]);
            State::Invalid
        }
    }
}

/// A year-month field.
pub(super) fn month<'a>(json: &'a Json<'a>, cx: &Ctx<'_>, m: &mut Notes) -> State<'a> {
    let (t, sent) = match take_str(json, cx, m) {
        Ok(x) => x,
        Err(state) => return state,
    };
    let read = shinsei_jp::wareki::parse_month(t).map_err(|e| match date_message(e) {
        Msg::FormatDate => Msg::FormatMonth,
        other => other,
    });
    match read.map(|(y, mo)| Ym::new(y, mo)) {
        Ok(Some(ym)) => {
            if !shinsei_jp::wareki::is_iso_month(sent) {
                cx.note_str(m, sent, &iso_month(ym));
            }
            State::Value(Decoded::Month(ym))
        }
        Ok(None) => {
            cx.issue(m, Msg::FormatMonth, &[]);
            State::Invalid
        }
        Err(msg) => {
            cx.issue(m, msg, &[]);
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
pub(super) fn period<'a>(json: &'a Json<'a>, cx: &Ctx<'_>, m: &mut Notes) -> State<'a> {
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

fn part(json: Option<&Json<'_>>, cx: &Ctx<'_>, path: &str, m: &mut Notes) -> Part {
    let cx = cx.at(path);
    match json.map_or(Input::Absent, string_input) {
        Input::Absent => Part::Absent,
        Input::Other(kind) => {
            cx.type_issue(m, Word::String, kind);
            Part::Bad
        }
        Input::Str(t, sent) => match read_date(t) {
            Ok(d) => {
                if !is_iso_date(sent) {
                    cx.note_str(m, sent, &iso_date(d));
                }
                Part::Date(d)
            }
            Err(msg) => {
                cx.issue(m, msg, &[]);
                Part::Bad
            }
        },
    }
}
