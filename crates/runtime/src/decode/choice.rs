//! Booleans, choices and multi-choices.

use std::borrow::Cow;

use shinsei_ir::ChoiceOption;

use super::text::take_str;
use super::{Ctx, Input, string_input};
use crate::json::Json;
use crate::messages::{Msg, Word};
use crate::tree::{Decoded, Notes, State};

/// A JSON boolean.
pub(super) fn boolean<'a>(json: &'a Json<'a>, cx: &Ctx<'_>, m: &mut Notes) -> State<'a> {
    match json {
        Json::Null => State::Absent,
        Json::Bool(b) => State::Value(Decoded::Bool(*b)),
        other => {
            cx.type_issue(m, Word::Bool, other.kind());
            State::Invalid
        }
    }
}

/// One option key.
pub(super) fn choice<'a>(
    json: &Json<'_>,
    cx: &Ctx<'_>,
    m: &mut Notes,
    options: &'a [ChoiceOption],
) -> State<'a> {
    let (t, sent) = match take_str(json, cx, m) {
        Ok(x) => x,
        Err(state) => return state,
    };
    match options.iter().find(|o| o.key == t) {
        Some(option) => {
            cx.note_str(m, sent, t);
            State::Value(Decoded::Text(Cow::Borrowed(option.key.as_str())))
        }
        None => {
            cx.issue(m, Msg::Choice, &[]);
            State::Invalid
        }
    }
}

/// A set of option keys: a JSON array without duplicates.
pub(super) fn multi<'a>(
    json: &Json<'_>,
    cx: &Ctx<'_>,
    m: &mut Notes,
    options: &'a [ChoiceOption],
    min: u32,
    max: Option<u32>,
) -> State<'a> {
    let items = match json {
        Json::Null => return State::Absent,
        Json::Arr(items) => items,
        other => {
            cx.type_issue(m, Word::Array, other.kind());
            return State::Invalid;
        }
    };
    let mut chosen = vec![false; options.len()];
    let mut keys: Vec<Cow<'a, str>> = Vec::new();
    let mut ok = true;
    // More items than options means a duplicate or a stranger among the first
    // `options + 1`: walking further would only repeat the finding.
    for (i, item) in items
        .kept
        .iter()
        .enumerate()
        .take(options.len().saturating_add(1))
    {
        // The element's pointer is built only for an issue.
        let base = cx.full_path();
        let index = i.to_string();
        let at = Ctx {
            lang: cx.lang,
            label: cx.label,
            path: &base,
            key: Some(&index),
        };
        let t = match string_input(item) {
            Input::Str(t, _) => t,
            Input::Absent => "",
            Input::Other(kind) => {
                at.type_issue(m, Word::String, kind);
                ok = false;
                continue;
            }
        };
        match options.iter().position(|o| o.key == t) {
            Some(k) => match (chosen.get_mut(k), options.get(k)) {
                (Some(true), _) => {
                    at.issue(m, Msg::ChoiceDuplicate, &[]);
                    ok = false;
                }
                (Some(seen), Some(option)) => {
                    *seen = true;
                    keys.push(Cow::Borrowed(option.key.as_str()));
                }
                _ => ok = false,
            },
            None => {
                at.issue(m, Msg::Choice, &[]);
                ok = false;
            }
        }
    }
    let n = items.len;
    if max.is_some_and(|max| n > usize::try_from(max).unwrap_or(usize::MAX)) {
        let limit = max.unwrap_or_default().to_string();
        cx.issue(m, Msg::ItemsMax, &[("limit", &limit)]);
        ok = false;
    } else if n < usize::try_from(min).unwrap_or(usize::MAX) {
        cx.issue(m, Msg::ItemsMin, &[("limit", &min.to_string())]);
        ok = false;
    }
    if ok {
        State::Value(Decoded::Multi(keys))
    } else {
        State::Invalid
    }
}
