//! Decoding `fields`: walks the form's field tree and the submitted JSON
//! together and fills a [`Tree`]. Each kind's rules are in a submodule; this
//! module owns groups, lists, unknown keys and the shared helpers.
//!
//! Decoding never looks at visibility: every issue is parked on its member
//! and the report decides later whether the member is shown.

mod choice;
pub(crate) mod controls;
mod date;
mod number;
mod text;

use std::borrow::Cow;

use shinsei_ir::{Field, FieldKind};

use crate::json::{Fields, Items, Json, JsonKind};
use crate::messages::{Lang, Msg, Word};
use crate::pointer::Pointer;
use crate::result::Issue;
use crate::tree::{Inst, InstId, Member, State, Tree};

pub(crate) use date::{is_iso_date, iso_date, iso_month, read_date};
pub(crate) use number::group_thousands;
pub(crate) use text::{digits_issue, digits_ok, fold_digits, katakana};

/// The members of a JSON object.
type Members<'a> = [(Cow<'a, str>, Json<'a>)];

/// An object with no members.
static NO_FIELDS: Fields<'static> = Fields {
    slots: Vec::new(),
    unknown: Vec::new(),
};

/// Largest magnitude accepted for any number (so sums and products of a few
/// inputs stay far from `i128` overflow).
pub(crate) const NUMBER_BOUND: i128 = 10_000_000_000_000;

/// Decodes `fields` (`None` = absent or not an object) against `fields_decl`.
pub(crate) fn decode_fields<'a>(
    fields_decl: &'a [Field],
    json: Option<&'a Fields<'a>>,
    lang: Lang,
) -> Tree<'a> {
    let mut d = Decoder {
        lang,
        tree: Tree {
            insts: Vec::with_capacity(json.map_or(1, Fields::objects)),
        },
        path: Pointer::root(),
    };
    d.path.push_key("fields");
    d.object(fields_decl, json.unwrap_or(&NO_FIELDS), None, true);
    d.tree
}

struct Decoder<'a> {
    lang: Lang,
    tree: Tree<'a>,
    path: Pointer,
}

impl<'a> Decoder<'a> {
    /// Adds an instance for `json` (read against `fields`) and returns its id.
    fn object(
        &mut self,
        fields: &'a [Field],
        json: &'a Fields<'a>,
        parent: Option<(InstId, usize)>,
        is_frame: bool,
    ) -> InstId {
        let id = self.new_inst(fields, parent, is_frame);
        // The reader put each value in its field's slot.
        let mut decoded = Vec::with_capacity(fields.len());
        for (idx, field) in fields.iter().enumerate() {
            let value = json.slots.get(idx).and_then(Option::as_ref);
            decoded.push(self.member(field, value, id, idx));
        }
        let mut unknown = Vec::with_capacity(json.unknown.len());
        for (key, _) in &json.unknown {
            let mark = self.path.push_key(key);
            unknown.push(Issue::error(
                self.path.as_str(),
                Msg::UnknownField,
                self.lang,
                &[],
            ));
            self.path.truncate(mark);
        }
        if let Some(inst) = self.tree.insts.get_mut(id) {
            inst.members = decoded;
            inst.unknown = unknown;
        }
        id
    }

    fn new_inst(
        &mut self,
        fields: &'a [Field],
        parent: Option<(InstId, usize)>,
        is_frame: bool,
    ) -> InstId {
        let id = self.tree.insts.len();
        let enclosing = parent
            .and_then(|(p, _)| self.tree.insts.get(p))
            .map(|p| (p.frame, p.depth));
        let (frame, outer, depth) = match enclosing {
            None => (id, None, 0),
            Some((pf, pd)) if is_frame => (id, Some(pf), pd.saturating_add(1)),
            Some((pf, pd)) => (pf, None, pd),
        };
        self.tree.insts.push(Inst {
            fields,
            members: Vec::new(),
            parent,
            frame,
            outer,
            depth,
            unknown: Vec::new(),
            broken: false,
        });
        id
    }

    fn member(
        &mut self,
        field: &'a Field,
        json: Option<&'a Json<'a>>,
        id: InstId,
        idx: usize,
    ) -> Member<'a> {
        let mut m = Member::absent();
        let Some(json) = json else { return m };
        let label = field.label.get(self.lang.tag());
        let cx = Ctx {
            lang: self.lang,
            label,
            path: self.path.as_str(),
            key: Some(&field.id),
        };
        m.state = match (&field.kind, json) {
            (_, Json::Null) => State::Absent,
            (FieldKind::Group { fields }, Json::Fields(members)) => {
                m.sent = !members.is_empty();
                let mark = self.path.push_key(&field.id);
                let inner = self.object(fields, members, Some((id, idx)), false);
                self.path.truncate(mark);
                State::Group(inner)
            }
            (FieldKind::List { min, max, fields }, Json::Arr(items)) => {
                let mark = self.path.push_key(&field.id);
                let state = self.list(&mut m, label, (*min, *max), fields, items, (id, idx));
                self.path.truncate(mark);
                state
            }
            (FieldKind::Group { .. }, other) => {
                cx.type_issue(&mut m, Word::Object, other.kind());
                State::Invalid
            }
            (FieldKind::List { .. }, other) => {
                cx.type_issue(&mut m, Word::Array, other.kind());
                State::Invalid
            }
            (kind, json) => decode_leaf(kind, json, &cx, &mut m),
        };
        if !matches!(m.state, State::Absent | State::Group(_)) {
            m.sent = true;
        }
        m
    }

    fn list(
        &mut self,
        m: &mut Member<'a>,
        label: &str,
        (min, max): (u32, u32),
        fields: &'a [Field],
        items: &'a Items<'a>,
        parent: (InstId, usize),
    ) -> State<'a> {
        if items.len == 0 {
            return State::Absent;
        }
        let limit = usize::try_from(max).unwrap_or(usize::MAX);
        let cx = Ctx {
            lang: self.lang,
            label,
            path: self.path.as_str(),
            key: None,
        };
        if items.len > limit {
            cx.issue(m, Msg::ItemsMax, &[("limit", &max.to_string())]);
        } else if items.len < usize::try_from(min).unwrap_or(usize::MAX) {
            cx.issue(m, Msg::ItemsMin, &[("limit", &min.to_string())]);
        }
        // The parser keeps the first `max` items and only counts the rest.
        let mut ids = Vec::with_capacity(items.kept.len().min(limit));
        for (j, item) in items.kept.iter().take(limit).enumerate() {
            let mark = self.path.push_index(j);
            match item {
                Json::Fields(members) => ids.push(self.object(fields, members, Some(parent), true)),
                other => {
                    let cx = Ctx {
                        lang: self.lang,
                        label,
                        path: self.path.as_str(),
                        key: None,
                    };
                    cx.type_issue(m, Word::Object, other.kind());
                    let broken = self.object(fields, &NO_FIELDS, Some(parent), true);
                    if let Some(inst) = self.tree.insts.get_mut(broken) {
                        inst.broken = true;
                    }
                    ids.push(broken);
                }
            }
            self.path.truncate(mark);
        }
        State::List(ids)
    }
}

/// The value of `key`, searching from `cursor` and wrapping around; moves the
/// cursor past a hit.
pub(crate) fn find_from<'j, 'a>(
    members: &'j Members<'a>,
    key: &str,
    cursor: &mut usize,
) -> Option<&'j Json<'a>> {
    let start = (*cursor).min(members.len());
    let (before, after) = members.split_at(start);
    let hit = after
        .iter()
        .position(|(k, _)| k == key)
        .map(|i| i.saturating_add(start))
        .or_else(|| before.iter().position(|(k, _)| k == key))?;
    *cursor = hit.saturating_add(1);
    members.get(hit).map(|(_, v)| v)
}

/// Decodes a scalar kind.
fn decode_leaf<'a>(
    kind: &'a FieldKind,
    json: &'a Json<'a>,
    cx: &Ctx<'_>,
    m: &mut Member<'a>,
) -> State<'a> {
    match kind {
        FieldKind::Text {
            min_len,
            max_len,
            chars,
            lines,
        } => text::text(json, cx, m, (*min_len, *max_len), *chars, *lines),
        FieldKind::Kana { max_len } => text::kana(json, cx, m, *max_len),
        FieldKind::Address => text::address(json, cx, m),
        FieldKind::Email => text::email(json, cx, m),
        FieldKind::Digits { min, max } => text::digits(json, cx, m, *min, *max),
        FieldKind::PostalCode => text::postal_code(json, cx, m),
        FieldKind::Phone => text::phone(json, cx, m),
        FieldKind::Integer { min, max } => number::integer(json, cx, m, *min, *max),
        FieldKind::Yen { min, max } => number::integer(json, cx, m, Some(min.unwrap_or(0)), *max),
        FieldKind::Rate => number::rate(json, cx, m),
        FieldKind::Date => date::date(json, cx, m),
        FieldKind::Month => date::month(json, cx, m),
        FieldKind::Period => date::period(json, cx, m),
        FieldKind::Bool => choice::boolean(json, cx, m),
        FieldKind::Choice { options } => choice::choice(json, cx, m, options),
        FieldKind::Multi { options, min, max } => choice::multi(json, cx, m, options, *min, *max),
        // Handled by the walker; unreachable for well-formed calls.
        FieldKind::Group { .. } | FieldKind::List { .. } => State::Invalid,
    }
}

/// Where and how to report while decoding one value.
pub(crate) struct Ctx<'c> {
    pub lang: Lang,
    pub label: &'c str,
    /// The pointer, or its parent when `key` is given.
    pub path: &'c str,
    /// The last segment, appended only when a pointer is actually needed
    /// (so the happy path builds no pointer strings).
    pub key: Option<&'c str>,
}

impl<'c> Ctx<'c> {
    /// The same context at another path.
    pub fn at<'p>(&'p self, path: &'p str) -> Ctx<'p> {
        Ctx {
            lang: self.lang,
            label: self.label,
            path,
            key: None,
        }
    }

    /// The full pointer.
    pub fn full_path(&self) -> Cow<'c, str> {
        match self.key {
            None => Cow::Borrowed(self.path),
            Some(key) => Cow::Owned(Pointer::child_of(self.path, key)),
        }
    }

    /// Parks an error with `label` and `extra` arguments on `m`.
    pub fn issue(&self, m: &mut Member<'_>, msg: Msg, extra: &[(&str, &str)]) {
        m.issues.push(self.make(msg, extra));
    }

    /// The error with `label` and `extra` arguments.
    pub fn make(&self, msg: Msg, extra: &[(&str, &str)]) -> Issue {
        let mut args: Vec<(&str, &str)> = Vec::with_capacity(extra.len().saturating_add(1));
        args.push(("label", self.label));
        args.extend_from_slice(extra);
        Issue::error(self.full_path(), msg, self.lang, &args)
    }

    /// Parks a `type` error (expected `expected`, found `found`).
    pub fn type_issue(&self, m: &mut Member<'_>, expected: Word, found: JsonKind) {
        m.issues.push(self.type_error(expected, found));
    }

    /// A `type` error (expected `expected`, found `found`).
    pub fn type_error(&self, expected: Word, found: JsonKind) -> Issue {
        let args = [
            ("label", self.label),
            ("expected", expected.text(self.lang)),
            ("found", Word::of_kind(found).text(self.lang)),
        ];
        Issue::error(self.full_path(), Msg::Type, self.lang, &args)
    }

    /// Records a normalized string if it differs from what was sent.
    pub fn note_str(&self, m: &mut Member<'_>, sent: &str, normalized: &str) {
        if sent != normalized {
            m.normalized.push((
                self.full_path().into_owned(),
                serde_json::Value::String(normalized.to_owned()),
            ));
        }
    }
}

/// A JSON value read as typed text.
pub(crate) enum Input<'a> {
    /// `null` or blank.
    Absent,
    /// A string: (trimmed, as sent).
    Str(&'a str, &'a str),
    /// Another JSON type.
    Other(JsonKind),
}

/// Reads `json` as typed text (trimming ASCII and full-width spaces).
pub(crate) fn string_input<'a>(json: &'a Json<'a>) -> Input<'a> {
    match json {
        Json::Null => Input::Absent,
        Json::Str(s) => {
            let s: &'a str = s;
            match trim(s) {
                "" => Input::Absent,
                t => Input::Str(t, s),
            }
        }
        other => Input::Other(other.kind()),
    }
}

/// [`shinsei_jp::width::trim_spaces`], with a fast path for the common
/// case of nothing to trim.
pub(crate) fn trim(s: &str) -> &str {
    let space = |c: char| c.is_ascii_whitespace() || c == '\u{3000}';
    let clean = |c: Option<char>| c.is_some_and(|c| !space(c));
    if clean(s.chars().next()) && clean(s.chars().next_back()) {
        s
    } else {
        shinsei_jp::width::trim_spaces(s)
    }
}

/// `normalized` as a `Cow` borrowing `original` when equal.
pub(crate) fn keep<'a>(original: &'a str, normalized: String) -> Cow<'a, str> {
    if normalized == original {
        Cow::Borrowed(original)
    } else {
        Cow::Owned(normalized)
    }
}
