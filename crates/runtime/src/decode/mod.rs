//! Decoding `fields` into a [`Tree`] while the reader lexes them
//! ([`Builder`]). Each kind's rules are in a submodule; this module owns
//! groups, lists, unknown keys and the shared helpers.
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

use crate::json::{Items, Json, JsonKind};
use crate::messages::{Lang, Msg, Word};
use crate::pointer::Pointer;
use crate::result::Issue;
use crate::tree::{Decoded, Inst, InstId, Member, Notes, State, Tree};

pub(crate) use date::{is_iso_date, iso_date, iso_month, read_date};
pub(crate) use number::group_thousands;
pub(crate) use text::{digits_issue, digits_ok, fold_digits, katakana};

/// The members of a JSON object.
type Members<'a> = [(Cow<'a, str>, Json<'a>)];

/// Largest magnitude accepted for any number (so sums and products of a few
/// inputs stay far from `i128` overflow).
pub(crate) const NUMBER_BOUND: i128 = 10_000_000_000_000;

/// The decoded fields of a form whose root fields are `fields`: `tree` when
/// its root is an object of these fields, a root with every member absent
/// when no object of fields was read (`fields` absent, `null` or not an
/// object), and `Err` with the tree when its root is an object of *other*
/// fields — read against another form version than `fields`' (the caller
/// reads the submission again against this one: never a verdict on fields
/// decoded for another version).
pub(crate) fn rooted<'a>(tree: Tree<'a>, fields: &'a [Field]) -> Result<Tree<'a>, Tree<'a>> {
    match tree.insts.first() {
        Some(root) if std::ptr::eq(root.fields, fields) => Ok(tree),
        Some(_) => Err(tree),
        None => {
            let mut empty = Builder::new("", Lang::Ja);
            empty.begin(fields, None);
            Ok(empty.tree)
        }
    }
}

/// Builds the decoded [`Tree`] while the reader lexes `fields`: the reader
/// opens an instance when it meets an object of fields ([`Builder::begin`])
/// and hands over each member's value as soon as it is read
/// ([`Builder::member`]), which decodes it by its field's kind. Nested
/// objects of fields (groups, list items) arrive already decoded, as
/// [`Json::Fields`].
pub(crate) struct Builder<'a> {
    lang: Lang,
    /// The submission: decoded text that borrows from it keeps doing so.
    input: &'a str,
    tree: Tree<'a>,
    /// The pointer of the object being read (`/fields/...`).
    pub path: Pointer,
}

impl<'a> Builder<'a> {
    /// A builder for the fields of `input`, with issues in `lang`.
    pub fn new(input: &'a str, lang: Lang) -> Self {
        let mut path = Pointer::root();
        path.push_key("fields");
        Builder {
            lang,
            input,
            tree: Tree::default(),
            path,
        }
    }

    /// The tree built.
    pub fn into_tree(self) -> Tree<'a> {
        self.tree
    }

    /// Opens an instance for an object of `fields`, every member absent
    /// until its value is read; `parent` is the member it is the value of
    /// and whether it is a list item (a frame of its own).
    pub fn begin(
        &mut self,
        fields: &'a [Field],
        parent: Option<((InstId, usize), bool)>,
    ) -> InstId {
        let id = self.tree.insts.len();
        let enclosing = parent
            .and_then(|((p, _), _)| self.tree.insts.get(p))
            .map(|p| (p.frame, p.depth));
        let (frame, outer, depth) = match (enclosing, parent) {
            (Some((pf, pd)), Some((_, true))) => (id, Some(pf), pd.saturating_add(1)),
            (Some((pf, pd)), _) => (pf, None, pd),
            (None, _) => (id, None, 0),
        };
        let mut members = Vec::with_capacity(fields.len());
        members.resize_with(fields.len(), Member::absent);
        self.tree.insts.push(Inst {
            fields,
            members,
            parent: parent.map(|(p, _)| p),
            frame,
            outer,
            depth,
            unknown: Vec::new(),
            broken: false,
        });
        id
    }

    /// The keys of instance `id` that its fields do not define.
    pub fn unknown(&mut self, id: InstId, keys: &[Cow<'_, str>]) {
        if keys.is_empty() {
            return;
        }
        let mut unknown = Vec::with_capacity(keys.len());
        for key in keys {
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
            inst.unknown = unknown;
        }
    }

    /// Decodes `json`, the value of `field` (member `idx` of instance `id`),
    /// into that member.
    pub fn member(&mut self, id: InstId, idx: usize, field: &'a Field, json: Json<'a>) {
        let label = field.label.get(self.lang.tag());
        let mut m = Member::absent();
        let mut notes = Notes::default();
        let cx = Ctx {
            lang: self.lang,
            label,
            path: self.path.as_str(),
            key: Some(&field.id),
        };
        let state = match (&field.kind, &json) {
            (_, Json::Null) => State::Absent,
            (FieldKind::Group { .. }, Json::Fields { inst, empty }) => {
                m.sent = !empty;
                State::Group(*inst)
            }
            (FieldKind::Group { .. }, other) => {
                cx.type_issue(&mut notes, Word::Object, other.kind());
                State::Invalid
            }
            (FieldKind::List { .. }, Json::Arr(_)) => State::Absent,
            (FieldKind::List { .. }, other) => {
                cx.type_issue(&mut notes, Word::Array, other.kind());
                State::Invalid
            }
            (kind, json) => decode_leaf(kind, json, self.input, &cx, &mut notes),
        };
        let state = match (&field.kind, json) {
            (FieldKind::List { min, max, fields }, Json::Arr(items)) => {
                let mark = self.path.push_key(&field.id);
                let state = self.list(&mut notes, label, (*min, *max), fields, items, (id, idx));
                self.path.truncate(mark);
                state
            }
            (_, json) => {
                if matches!(state, State::Invalid) && !matches!(json, Json::Skipped(_)) {
                    self.tree.sent.push(((id, Some(idx)), json));
                }
                state
            }
        };
        if !matches!(state, State::Absent | State::Group(_)) {
            m.sent = true;
        }
        m.state = state;
        m.notes = self.tree.park(notes);
        if let Some(slot) = self
            .tree
            .insts
            .get_mut(id)
            .and_then(|inst| inst.members.get_mut(idx))
        {
            *slot = m;
        }
    }

    fn list(
        &mut self,
        m: &mut Notes,
        label: &str,
        (min, max): (u32, u32),
        fields: &'a [Field],
        items: Items<'a>,
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
        // The reader keeps the first `max` items and only counts the rest;
        // the objects among them are decoded already.
        let mut ids = Vec::with_capacity(items.kept.len().min(limit));
        for (j, item) in items.kept.into_iter().take(limit).enumerate() {
            if let Json::Fields { inst, .. } = item {
                ids.push(inst);
                continue;
            }
            let mark = self.path.push_index(j);
            let cx = Ctx {
                lang: self.lang,
                label,
                path: self.path.as_str(),
                key: None,
            };
            cx.type_issue(m, Word::Object, item.kind());
            self.path.truncate(mark);
            let broken = self.begin(fields, Some((parent, true)));
            if let Some(inst) = self.tree.insts.get_mut(broken) {
                inst.broken = true;
            }
            if !matches!(item, Json::Skipped(_)) {
                self.tree.sent.push(((broken, None), item));
            }
            ids.push(broken);
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

/// Decodes a scalar kind. Text borrowed from `json` is re-borrowed from
/// `input` (or copied, when `json` holds it unescaped), so the state outlives
/// the value it was read from; choices borrow their keys from the IR.
fn decode_leaf<'a>(
    kind: &'a FieldKind,
    json: &Json<'a>,
    input: &'a str,
    cx: &Ctx<'_>,
    m: &mut Notes,
) -> State<'a> {
    let state = match kind {
        FieldKind::Choice { options } => return choice::choice(json, cx, m, options),
        FieldKind::Multi { options, min, max } => {
            return choice::multi(json, cx, m, options, *min, *max);
        }
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
        // Handled by the builder; unreachable for well-formed calls.
        FieldKind::Group { .. } | FieldKind::List { .. } => State::Invalid,
    };
    match state {
        State::Value(Decoded::Text(text)) => State::Value(Decoded::Text(rebase(input, text))),
        State::Value(Decoded::Num(n)) => State::Value(Decoded::Num(n)),
        State::Value(Decoded::Date(d)) => State::Value(Decoded::Date(d)),
        State::Value(Decoded::Month(ym)) => State::Value(Decoded::Month(ym)),
        State::Value(Decoded::Period(a, b)) => State::Value(Decoded::Period(a, b)),
        State::Value(Decoded::Bool(b)) => State::Value(Decoded::Bool(b)),
        State::Value(Decoded::Multi(keys)) => State::Value(Decoded::Multi(
            keys.into_iter().map(|k| rebase(input, k)).collect(),
        )),
        State::Absent => State::Absent,
        State::Invalid => State::Invalid,
        State::Group(id) => State::Group(id),
        State::List(ids) => State::List(ids),
    }
}

/// `text` with the lifetime of `input`: a slice of the input (the common
/// case: a string without escapes, or a part of one) is borrowed from it
/// again, anything else is owned (a slice of an unescaped copy is copied).
fn rebase<'a>(input: &'a str, text: Cow<'_, str>) -> Cow<'a, str> {
    match text {
        Cow::Owned(s) => Cow::Owned(s),
        Cow::Borrowed(s) => {
            // Where `s` starts in `input`, if it lies inside it (two live
            // strings cannot overlap, so then it is the input's own bytes).
            let start = s.as_ptr().addr().wrapping_sub(input.as_ptr().addr());
            let inside = start
                .checked_add(s.len())
                .and_then(|end| input.get(start..end))
                .filter(|t| t.as_ptr() == s.as_ptr());
            match inside {
                Some(t) => Cow::Borrowed(t),
                None => Cow::Owned(s.to_owned()),
            }
        }
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
    pub fn issue(&self, m: &mut Notes, msg: Msg, extra: &[(&str, &str)]) {
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
    pub fn type_issue(&self, m: &mut Notes, expected: Word, found: JsonKind) {
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
    pub fn note_str(&self, m: &mut Notes, sent: &str, normalized: &str) {
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
