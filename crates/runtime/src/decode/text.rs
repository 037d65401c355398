//! Text-like kinds: text, kana, address, e-mail, digits, 郵便番号, phone.

use std::borrow::Cow;

use shinsei_ir::CharClass;
use shinsei_jp::kana::{is_katakana_char, is_zengin_char, normalize_katakana, normalize_zengin};
use shinsei_jp::width::{to_ascii_width, trim_spaces};

use super::{Ctx, Input, controls, keep, string_input};
use crate::messages::{Msg, Word};
use crate::tree::{Decoded, Notes, State};

/// Reads a string or parks a `type` issue; `Err` carries the state to return.
pub(super) fn take_str<'j>(
    json: &'j crate::json::Json<'_>,
    cx: &Ctx<'_>,
    m: &mut Notes,
) -> Result<(&'j str, &'j str), State<'static>> {
    match string_input(json) {
        Input::Absent => Err(State::Absent),
        Input::Str(t, sent) => Ok((t, sent)),
        Input::Other(kind) => {
            cx.type_issue(m, Word::String, kind);
            Err(State::Invalid)
        }
    }
}

/// Folds full-width digits and letters to ASCII (borrows ASCII input).
pub(crate) fn fold_digits(s: &str) -> Cow<'_, str> {
    if s.is_ascii() {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(to_ascii_width(s))
    }
}

/// Whether `s` is already what the kana normalizers return for it: only
/// `allowed` characters and single U+3000 spaces between words. Lets the
/// common case (the app already sends 全角カタカナ) skip the normalizer.
fn already_normal(s: &str, allowed: fn(char) -> bool) -> bool {
    const SPACE: char = '\u{3000}';
    !s.starts_with(SPACE)
        && !s.ends_with(SPACE)
        && !s.contains("\u{3000}\u{3000}")
        && s.chars().all(allowed)
}

/// 全角カタカナ with hiragana and half-width kana normalized; `None` if not kana.
pub(crate) fn katakana(t: &str) -> Option<Cow<'_, str>> {
    if already_normal(t, is_katakana_char) {
        return Some(Cow::Borrowed(t));
    }
    normalize_katakana(t).ok().map(|s| keep(t, s))
}

/// Checks the length in characters; parks the issue and returns false when out of bounds.
fn check_len(value: &str, min: Option<u32>, max: Option<u32>, cx: &Ctx<'_>, m: &mut Notes) -> bool {
    let len = value.chars().count();
    let as_usize = |n: u32| usize::try_from(n).unwrap_or(usize::MAX);
    if let Some(max) = max.filter(|&n| len > as_usize(n)) {
        cx.issue(m, Msg::LengthMax, &[("limit", &max.to_string())]);
        return false;
    }
    if let Some(min) = min.filter(|&n| len < as_usize(n)) {
        cx.issue(m, Msg::LengthMin, &[("limit", &min.to_string())]);
        return false;
    }
    true
}

fn finish<'a>(cx: &Ctx<'_>, m: &mut Notes, sent: &str, value: Cow<'a, str>) -> State<'a> {
    cx.note_str(m, sent, &value);
    State::Value(Decoded::Text(value))
}

/// `text(min, max, chars, lines)`.
pub(super) fn text<'a>(
    json: &'a crate::json::Json<'a>,
    cx: &Ctx<'_>,
    m: &mut Notes,
    (min, max): (Option<u32>, Option<u32>),
    chars: Option<CharClass>,
    lines: Option<u32>,
) -> State<'a> {
    let (t, sent) = match take_str(json, cx, m) {
        Ok(x) => x,
        Err(state) => return state,
    };
    let value = match chars {
        None => match free_text(t, lines, cx, m) {
            Some(v) => v,
            None => return State::Invalid,
        },
        Some(CharClass::Zengin) if already_normal(t, is_zengin_char) => Cow::Borrowed(t),
        Some(CharClass::Katakana) => match katakana(t) {
            Some(s) => s,
            None => {
                cx.issue(m, Msg::FormatKana, &[]);
                return State::Invalid;
            }
        },
        Some(CharClass::Zengin) => match normalize_zengin(t) {
            Ok(s) => keep(t, s),
            Err(_) => {
                cx.issue(m, Msg::FormatZengin, &[]);
                return State::Invalid;
            }
        },
        Some(CharClass::Jis) => match shinsei_jp::jis::normalize_jis(t) {
            Ok(s) => keep(t, s),
            Err(e) => {
                let (ch, at) = (e.ch.to_string(), e.at.saturating_add(1).to_string());
                match e.instead {
                    Some(instead) => cx.issue(
                        m,
                        Msg::FormatJisInstead,
                        &[
                            ("char", &ch),
                            ("position", &at),
                            ("instead", &instead.to_string()),
                        ],
                    ),
                    None => cx.issue(m, Msg::FormatJis, &[("char", &ch), ("position", &at)]),
                }
                return State::Invalid;
            }
        },
        Some(CharClass::Ascii) => {
            let s = to_ascii_width(t);
            if !s.chars().all(|c| (' '..='~').contains(&c)) {
                cx.issue(
                    m,
                    Msg::TypeValue,
                    &[("expected", Word::AsciiText.text(cx.lang))],
                );
                return State::Invalid;
            }
            keep(t, s)
        }
    };
    if !check_len(&value, min, max, cx, m) {
        return State::Invalid;
    }
    finish(cx, m, sent, value)
}

/// Free text: no control characters ([`controls`]); in a multi-line text
/// (`lines`), CR LF read as LF and at most `lines` lines. `None` once the
/// issue is parked.
fn free_text<'a>(
    t: &'a str,
    lines: Option<u32>,
    cx: &Ctx<'_>,
    m: &mut Notes,
) -> Option<Cow<'a, str>> {
    let value = match lines {
        Some(_) => controls::unify_line_breaks(t),
        None => Cow::Borrowed(t),
    };
    if let Some(at) = controls::first_forbidden(&value, lines.is_some()) {
        cx.issue(m, Msg::FormatText, &[("position", &at.to_string())]);
        return None;
    }
    if let Some(limit) = lines
        && value.split('\n').count() > usize::try_from(limit).unwrap_or(usize::MAX)
    {
        cx.issue(m, Msg::LinesMax, &[("limit", &limit.to_string())]);
        return None;
    }
    Some(value)
}

/// `kana(max)`: 全角カタカナ, hiragana and half-width kana normalized.
pub(super) fn kana<'a>(
    json: &'a crate::json::Json<'a>,
    cx: &Ctx<'_>,
    m: &mut Notes,
    max: Option<u32>,
) -> State<'a> {
    text(json, cx, m, (None, max), Some(CharClass::Katakana), None)
}

/// Address: 1–200 characters.
pub(super) fn address<'a>(
    json: &'a crate::json::Json<'a>,
    cx: &Ctx<'_>,
    m: &mut Notes,
) -> State<'a> {
    text(json, cx, m, (Some(1), Some(200)), None, None)
}

/// E-mail address (full-width letters folded).
pub(super) fn email<'a>(json: &'a crate::json::Json<'a>, cx: &Ctx<'_>, m: &mut Notes) -> State<'a> {
    let (t, sent) = match take_str(json, cx, m) {
        Ok(x) => x,
        Err(state) => return state,
    };
    let folded = fold_digits(t);
    if !is_email(&folded) {
        cx.issue(m, Msg::FormatEmail, &[]);
        return State::Invalid;
    }
    finish(cx, m, sent, folded)
}

/// A pragmatic check of `local@domain.tld` (no quoted local parts, no IP literals).
fn is_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    let local_ok = !local.is_empty()
        && local.len() <= 64
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "!#$%&'*+/=?^_`{|}~.-".contains(c));
    let labels: Vec<&str> = domain.split('.').collect();
    let domain_ok = domain.len() <= 253
        && labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
        && labels
            .last()
            .is_some_and(|tld| tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_alphabetic()));
    local_ok && domain_ok && s.len() <= 254
}

/// `digits(min..max)`: ASCII digits after folding.
pub(super) fn digits<'a>(
    json: &'a crate::json::Json<'a>,
    cx: &Ctx<'_>,
    m: &mut Notes,
    min: u32,
    max: u32,
) -> State<'a> {
    let (t, sent) = match take_str(json, cx, m) {
        Ok(x) => x,
        Err(state) => return state,
    };
    let folded = fold_digits(t);
    if !digits_ok(&folded, min, max) {
        m.issues.push(digits_issue(cx, min, max));
        return State::Invalid;
    }
    finish(cx, m, sent, folded)
}

/// Whether `s` is `min..=max` ASCII digits.
pub(crate) fn digits_ok(s: &str, min: u32, max: u32) -> bool {
    let len = u32::try_from(s.len()).unwrap_or(u32::MAX);
    (min..=max).contains(&len) && s.bytes().all(|b| b.is_ascii_digit())
}

/// The `format.digits` issue for `min..=max` digits.
pub(crate) fn digits_issue(cx: &Ctx<'_>, min: u32, max: u32) -> crate::result::Issue {
    if min == max {
        cx.make(Msg::DigitsExact, &[("n", &min.to_string())])
    } else {
        cx.make(
            Msg::DigitsRange,
            &[("min", &min.to_string()), ("max", &max.to_string())],
        )
    }
}

/// Dashes people type between digit groups (after width folding).
fn is_dash(c: char) -> bool {
    matches!(c, '-' | 'ー' | '―' | '—' | '‐')
}

/// 郵便番号: `NNNNNNN` or `NNN-NNNN`, optional 〒; normalized to 7 digits.
pub(super) fn postal_code<'a>(
    json: &'a crate::json::Json<'a>,
    cx: &Ctx<'_>,
    m: &mut Notes,
) -> State<'a> {
    let (t, sent) = match take_str(json, cx, m) {
        Ok(x) => x,
        Err(state) => return state,
    };
    let folded = fold_digits(t);
    let body = trim_spaces(folded.strip_prefix('〒').unwrap_or(&folded));
    // `NNNNNNN` or `NNN-NNNN`: digits, and one dash only as the 4th character.
    let mut digits = String::with_capacity(7);
    let mut shape_ok = true;
    for (i, c) in body.chars().enumerate() {
        if c.is_ascii_digit() {
            digits.push(c);
        } else if !(i == 3 && is_dash(c)) {
            shape_ok = false;
            break;
        }
    }
    if !shape_ok || digits.len() != 7 {
        cx.issue(m, Msg::FormatPostalCode, &[]);
        return State::Invalid;
    }
    finish(cx, m, sent, keep(t, digits))
}

/// Phone: 10–11 digits starting with 0; hyphens, parentheses and spaces dropped.
pub(super) fn phone<'a>(json: &'a crate::json::Json<'a>, cx: &Ctx<'_>, m: &mut Notes) -> State<'a> {
    let (t, sent) = match take_str(json, cx, m) {
        Ok(x) => x,
        Err(state) => return state,
    };
    let digits: String = fold_digits(t)
        .chars()
        .filter(|&c| !(is_dash(c) || matches!(c, '(' | ')' | ' ')))
        .collect();
    let ok = (10..=11).contains(&digits.len())
        && digits.starts_with('0')
        && digits.bytes().all(|b| b.is_ascii_digit());
    if !ok {
        cx.issue(m, Msg::FormatPhone, &[]);
        return State::Invalid;
    }
    finish(cx, m, sent, keep(t, digits))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fast path must agree with the normalizers it skips.
    #[test]
    fn already_normal_agrees_with_the_normalizers() {
        let samples = [
            "キョウカイ\u{3000}タロウ",
            "キョウカイ タロウ",
            "キョウカイ\u{3000}\u{3000}タロウ",
            "ヴァイオリン",
            "ヽヾ・ー",
            "カ\u{3099}",
            "ｶﾞｯｺｳ",
            "きょうかい",
            "キヨウカイ\u{3000}(カ",
            "ABC-1/2.",
            "abc",
            "ャュョ",
            "協会",
            "",
        ];
        for s in samples {
            if already_normal(s, is_katakana_char) {
                assert_eq!(normalize_katakana(s).ok().as_deref(), Some(s), "{s:?}");
            }
            assert_eq!(
                katakana(s).map(Cow::into_owned),
                normalize_katakana(s).ok(),
                "{s:?}"
            );
            if already_normal(s, is_zengin_char) {
                assert_eq!(normalize_zengin(s).ok().as_deref(), Some(s), "{s:?}");
            }
        }
    }

    #[test]
    fn fold_borrows_ascii() {
        assert!(matches!(fold_digits("0312345678"), Cow::Borrowed(_)));
        assert_eq!(fold_digits("０３"), "03");
    }
}
