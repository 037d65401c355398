//! Numbers: integer, yen, rate.

use shinsei_jp::width::to_ascii_width;

use super::{Ctx, Input, NUMBER_BOUND, string_input};
use crate::json::Json;
use crate::messages::{Msg, Word};
use crate::tree::{Decoded, Notes, State};
use crate::value::num::Rat;

/// An integer read from JSON: a JSON integer, an integral float, or a string
/// of (full-width) digits with optional `-` and `,` thousands separators.
enum IntInput {
    Absent,
    Int(i128, bool),
    Bad,
    WrongType(crate::json::JsonKind),
}

fn read_int(json: &Json<'_>) -> IntInput {
    match json {
        Json::U64(n) => IntInput::Int(i128::from(*n), false),
        Json::I64(n) => IntInput::Int(i128::from(*n), false),
        Json::F64(f) => {
            // Integral floats only; huge ones are clamped so the bound check
            // reports them as out of range.
            if f.is_finite() && f.fract() == 0.0 {
                #[expect(
                    clippy::cast_possible_truncation,
                    reason = "clamped to ±1e15, integral: exact in i128"
                )]
                let n = f.clamp(-1e15, 1e15) as i128;
                IntInput::Int(n, true)
            } else {
                IntInput::Bad
            }
        }
        _ => match string_input(json) {
            Input::Absent => IntInput::Absent,
            Input::Str(t, _) => {
                parse_int_text(&to_ascii_width(t)).map_or(IntInput::Bad, |n| IntInput::Int(n, true))
            }
            Input::Other(kind) => IntInput::WrongType(kind),
        },
    }
}

/// `-?\d+` or `-?\d{1,3}(,\d{3})+`, at most 20 digits.
fn parse_int_text(s: &str) -> Option<i128> {
    let (neg, body) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s),
    };
    let mut groups = body.split(',');
    let first = groups.next()?;
    let grouped = body.contains(',');
    let first_ok = !first.is_empty() && (!grouped || first.len() <= 3);
    if !first_ok || !groups.all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit())) {
        return None;
    }
    let digits: String = body.chars().filter(|&c| c != ',').collect();
    if digits.len() > 20 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n: i128 = digits.parse().ok()?;
    if neg { n.checked_neg() } else { Some(n) }
}

/// Integer and yen, with `min`/`max` and the global bound.
pub(super) fn integer<'a>(
    json: &'a Json<'a>,
    cx: &Ctx<'_>,
    m: &mut Notes,
    min: Option<i64>,
    max: Option<i64>,
) -> State<'a> {
    let (n, changed) = match read_int(json) {
        IntInput::Absent => return State::Absent,
        IntInput::Int(n, changed) => (n, changed),
        IntInput::Bad => {
            cx.issue(
                m,
                Msg::TypeValue,
                &[("expected", Word::Integer.text(cx.lang))],
            );
            return State::Invalid;
        }
        IntInput::WrongType(kind) => {
            cx.type_issue(m, Word::Number, kind);
            return State::Invalid;
        }
    };
    if !in_bounds(n, min.map(i128::from), max.map(i128::from), cx, m) {
        return State::Invalid;
    }
    if changed {
        let canonical = i64::try_from(n).map_or(serde_json::Value::Null, serde_json::Value::from);
        m.normalized.push((cx.full_path().into_owned(), canonical));
    }
    State::Value(Decoded::Num(Rat::int(n)))
}

/// Checks `n` against `min`, `max` and ±[`NUMBER_BOUND`]; parks the issue when out.
fn in_bounds(n: i128, min: Option<i128>, max: Option<i128>, cx: &Ctx<'_>, m: &mut Notes) -> bool {
    let lo = min.map_or(-NUMBER_BOUND, |v| v.max(-NUMBER_BOUND));
    let hi = max.map_or(NUMBER_BOUND, |v| v.min(NUMBER_BOUND));
    if n < lo {
        cx.issue(m, Msg::RangeMin, &[("limit", &group_thousands(lo))]);
        false
    } else if n > hi {
        cx.issue(m, Msg::RangeMax, &[("limit", &group_thousands(hi))]);
        false
    } else {
        true
    }
}

/// `1234567` → `1,234,567`.
pub(crate) fn group_thousands(n: i128) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len().saturating_mul(2));
    if n < 0 {
        out.push('-');
    }
    let len = digits.len();
    for (i, c) in digits.chars().enumerate() {
        let left = len.saturating_sub(i);
        if i > 0 && left % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Rate: `"3/10"`, `"0.3"` or an integer.
pub(super) fn rate<'a>(json: &'a Json<'a>, cx: &Ctx<'_>, m: &mut Notes) -> State<'a> {
    let parsed = match json {
        Json::U64(n) => Some(Rat::int(i128::from(*n))),
        Json::I64(n) => Some(Rat::int(i128::from(*n))),
        Json::F64(_) => None,
        _ => match string_input(json) {
            Input::Absent => return State::Absent,
            Input::Str(t, _) => Rat::parse(&to_ascii_width(t)),
            Input::Other(kind) => {
                cx.type_issue(m, Word::String, kind);
                return State::Invalid;
            }
        },
    };
    let Some(r) = parsed.filter(|r| r.den() <= NUMBER_BOUND) else {
        cx.issue(m, Msg::TypeValue, &[("expected", Word::Rate.text(cx.lang))]);
        return State::Invalid;
    };
    let whole = r.floor().unwrap_or(i128::MAX);
    if !in_bounds(whole, None, None, cx, m) {
        return State::Invalid;
    }
    State::Value(Decoded::Num(r))
}
