//! The parser proper: serde seeds that keep what their [`Guide`] reads
//! ([`Value`]) and check without storing what it does not ([`Skip`]), with
//! the depth limit, duplicate-key detection and the limits of the guide.
//! Objects of fields go to the decoded tree as they are read
//! ([`crate::decode::Builder`]).

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::{BTreeSet, HashSet};
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use shinsei_ir::{Field, FieldKind, Form};

use super::guide::{
    Element, Guide, MAX_UNKNOWN_MEMBERS, Reading, envelope_member, find_field, needs_form, of_field,
};
use super::{MAX_DEPTH, ParseError, Parsed, TooMany};
use crate::decode::Builder;
use crate::json::{Items, Json, JsonKind};
use crate::messages::Lang;
use crate::pointer::Pointer;
use crate::tree::InstId;

/// Objects with more members than this switch duplicate detection from a
/// linear scan to a set.
const LINEAR_DUP_SCAN: usize = 16;

/// Parses the envelope in `input` against `reading`.
pub(super) fn parse<'a>(
    input: &'a str,
    reading: &Reading<'a>,
    lang: Lang,
) -> Result<Parsed<'a>, ParseError> {
    let state = RefCell::new(State::default());
    let build = RefCell::new(Builder::new(input, lang));
    let cx = Cx {
        input,
        reading,
        state: &state,
        build: &build,
    };
    let mut de = serde_json::Deserializer::from_str(input);
    let parsed = Value {
        guide: Guide::Envelope,
        depth: 0,
        owner: None,
        cx: &cx,
    }
    .deserialize(&mut de)
    .and_then(|v| de.end().map(|()| v));
    let parsed = parsed.map(|root| Parsed {
        root,
        tree: build.into_inner().into_tree(),
        sent: input.len(),
    });
    parsed.map_err(|e| {
        let (line, column) = (e.line(), e.column());
        let state = state.into_inner();
        let pointer = || {
            let mut pointer = Pointer::root();
            for seg in state.rev_path.iter().rev() {
                match seg {
                    Seg::Key(k) => pointer.push_key(k),
                    Seg::Index(i) => pointer.push_index(*i),
                };
            }
            pointer.into_string()
        };
        match &state.failure {
            Some(Failure::Depth) => ParseError::Depth { line, column },
            Some(Failure::Duplicate(key)) => ParseError::Duplicate {
                pointer: pointer(),
                key: key.clone(),
                line,
                column,
            },
            Some(Failure::TooMany(what, limit)) => ParseError::TooMany {
                what: *what,
                pointer: pointer(),
                limit: *limit,
                line,
                column,
            },
            None => ParseError::Syntax { line, column },
        }
    })
}

/// A non-negative integer is `U64`, as serde_json gives the positive ones.
pub(super) fn int(v: i64) -> Json<'static> {
    if v >= 0 {
        Json::U64(v.unsigned_abs())
    } else {
        Json::I64(v)
    }
}

/// What every seed of one parse shares.
struct Cx<'r, 'a> {
    input: &'a str,
    reading: &'r Reading<'a>,
    state: &'r RefCell<State>,
    /// The decoded fields, built while reading.
    build: &'r RefCell<Builder<'a>>,
}

#[derive(Default)]
struct State {
    failure: Option<Failure>,
    /// Path of the failure, innermost segment first (filled while the error
    /// unwinds, so the happy path never allocates for it).
    rev_path: Vec<Seg>,
}

enum Failure {
    Depth,
    Duplicate(String),
    TooMany(TooMany, usize),
}

enum Seg {
    Key(String),
    Index(usize),
}

impl Cx<'_, '_> {
    fn unwind(&self, seg: Seg) {
        let mut state = self.state.borrow_mut();
        if matches!(
            state.failure,
            Some(Failure::Duplicate(_) | Failure::TooMany(..))
        ) {
            state.rev_path.push(seg);
        }
    }

    fn fail<E: de::Error>(&self, failure: Failure, at: Seg) -> E {
        let mut state = self.state.borrow_mut();
        state.failure = Some(failure);
        state.rev_path.push(at);
        E::custom("refused")
    }

    fn enter<E: de::Error>(&self, depth: u32) -> Result<u32, E> {
        match depth.checked_add(1) {
            Some(depth) if depth <= MAX_DEPTH => Ok(depth),
            _ => {
                self.state.borrow_mut().failure = Some(Failure::Depth);
                Err(E::custom("nesting too deep"))
            }
        }
    }
}

/// The keys of one skipped object so far, for duplicate detection: a short
/// list, then hash sets of the keys borrowed from the input (16 bytes each)
/// and of the few that had escapes.
#[derive(Default)]
struct Keys<'de> {
    few: Vec<Cow<'de, str>>,
    borrowed: HashSet<&'de str>,
    owned: HashSet<String>,
}

impl<'de> Keys<'de> {
    /// Adds `key`; `false` if it was there already.
    fn insert(&mut self, key: Cow<'de, str>) -> bool {
        let k = key.as_ref();
        if self.few.iter().any(|f| f == k) || self.borrowed.contains(k) || self.owned.contains(k) {
            return false;
        }
        match key {
            key if self.few.len() < LINEAR_DUP_SCAN => self.few.push(key),
            Cow::Borrowed(k) => {
                self.borrowed.insert(k);
            }
            Cow::Owned(k) => {
                self.owned.insert(k);
            }
        }
        true
    }
}

/// Reads a value the guide keeps.
#[derive(Clone, Copy)]
struct Value<'c, 'r, 'a> {
    guide: Guide<'a>,
    depth: u32,
    /// The member of the decoded tree this value belongs to (`None` outside
    /// the fields and for the root of the fields).
    owner: Option<Owner>,
    cx: &'c Cx<'r, 'a>,
}

/// A member of the decoded tree, for the objects of fields in its value.
#[derive(Clone, Copy)]
struct Owner {
    /// The instance and the member's index.
    member: (InstId, usize),
    /// The value is a list's item (a frame of its own), not a group's object.
    item: bool,
}

impl<'a> DeserializeSeed<'a> for Value<'_, '_, 'a> {
    type Value = Json<'a>;
    fn deserialize<D: Deserializer<'a>>(self, d: D) -> Result<Json<'a>, D::Error> {
        if matches!(self.guide, Guide::Skip) {
            let skip = Skip {
                depth: self.depth,
                cx: self.cx,
            };
            return skip.deserialize(d).map(Json::Skipped);
        }
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Value<'_, '_, 'de> {
    type Value = Json<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_unit<E>(self) -> Result<Json<'de>, E> {
        Ok(Json::Null)
    }
    fn visit_none<E>(self) -> Result<Json<'de>, E> {
        Ok(Json::Null)
    }
    fn visit_bool<E>(self, v: bool) -> Result<Json<'de>, E> {
        Ok(Json::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Json<'de>, E> {
        Ok(int(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Json<'de>, E> {
        Ok(Json::U64(v))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Json<'de>, E> {
        Ok(Json::F64(v))
    }
    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Json<'de>, E> {
        Ok(Json::Str(Cow::Borrowed(v)))
    }
    fn visit_str<E>(self, v: &str) -> Result<Json<'de>, E> {
        Ok(Json::Str(Cow::Owned(v.to_owned())))
    }
    fn visit_string<E>(self, v: String) -> Result<Json<'de>, E> {
        Ok(Json::Str(Cow::Owned(v)))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Json<'de>, A::Error> {
        let skip = Skip {
            depth: self.depth,
            cx: self.cx,
        };
        if !self.guide.keeps_array() {
            return skip.drain_seq(seq).map(Json::Skipped);
        }
        let depth = self.cx.enter(self.depth)?;
        let mut kept = Vec::new();
        let mut len: usize = 0;
        // A list's items are objects of fields, each a frame.
        let list = matches!(self.guide, Guide::List { .. });
        let owner = self.owner.map(|o| Owner { item: true, ..o });
        loop {
            let next = match self.guide.element(len) {
                Element::Keep(guide) => {
                    let value = Value {
                        guide,
                        depth,
                        owner,
                        cx: self.cx,
                    };
                    let mark = list.then(|| self.cx.build.borrow_mut().path.push_index(len));
                    let next = seq
                        .next_element_seed(value)
                        .map(|v| v.map(|v| kept.push(v)));
                    if let Some(mark) = mark {
                        self.cx.build.borrow_mut().path.truncate(mark);
                    }
                    next
                }
                Element::Count => seq
                    .next_element_seed(Skip { depth, ..skip })
                    .map(|k| k.map(drop)),
                Element::Refuse(limit) => match seq.next_element_seed(Skip { depth, ..skip }) {
                    Ok(Some(_)) => {
                        let what = TooMany::Attachments;
                        let at = Seg::Index(len);
                        return Err(self.cx.fail(Failure::TooMany(what, limit), at));
                    }
                    other => other.map(|k| k.map(drop)),
                },
            };
            match next {
                Ok(Some(())) => len = len.saturating_add(1),
                Ok(None) => return Ok(Json::Arr(Items { kept, len })),
                Err(e) => {
                    self.cx.unwind(Seg::Index(len));
                    return Err(e);
                }
            }
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Json<'de>, A::Error> {
        if let Guide::Fields(fields) = self.guide {
            return self.fields_object(fields, map);
        }
        if !self.guide.keeps_object() {
            let skip = Skip {
                depth: self.depth,
                cx: self.cx,
            };
            return skip.drain_map(map).map(Json::Skipped);
        }
        let depth = self.cx.enter(self.depth)?;
        let mut members: Vec<(Cow<'de, str>, Json<'de>)> =
            Vec::with_capacity(self.guide.capacity());
        let mut seen: BTreeSet<Cow<'de, str>> = BTreeSet::new();
        // The envelope's form version, once a member needs it.
        let mut form: Option<Option<&Form>> = None;
        let mut unknown: usize = 0;
        while let Some(key) = map.next_key_seed(KeySeed)? {
            let duplicate = if members.len() < LINEAR_DUP_SCAN {
                members.iter().any(|(k, _)| *k == key)
            } else {
                if seen.is_empty() {
                    seen.extend(members.iter().map(|(k, _)| k.clone()));
                }
                !seen.insert(key.clone())
            };
            if duplicate {
                let failure = Failure::Duplicate(key.clone().into_owned());
                return Err(self.cx.fail(failure, Seg::Key(key.into_owned())));
            }
            let guide = match self.guide {
                Guide::Envelope => {
                    if needs_form(&key) && form.is_none() {
                        let reading = self.cx.reading;
                        form = Some(super::guide::resolve(reading, &members, self.cx.input));
                    }
                    envelope_member(&key, form.flatten())
                }
                guide => guide.member(&key),
            };
            let guide = match guide {
                Some(guide) => guide,
                None => {
                    unknown = unknown.saturating_add(1);
                    if unknown > MAX_UNKNOWN_MEMBERS {
                        let failure =
                            Failure::TooMany(TooMany::UnknownMembers, MAX_UNKNOWN_MEMBERS);
                        return Err(self.cx.fail(failure, Seg::Key(key.into_owned())));
                    }
                    Guide::Skip
                }
            };
            let value = Value {
                guide,
                depth,
                owner: None,
                cx: self.cx,
            };
            match map.next_value_seed(value) {
                Ok(v) => members.push((key, v)),
                Err(e) => {
                    self.cx.unwind(Seg::Key(key.into_owned()));
                    return Err(e);
                }
            }
        }
        Ok(Json::Obj(members))
    }
}

impl<'a> Value<'_, '_, 'a> {
    /// An object of form fields: an instance of the decoded tree, each
    /// member's value decoded into it as soon as it is read.
    fn fields_object<A: MapAccess<'a>>(
        self,
        fields: &'a [Field],
        mut map: A,
    ) -> Result<Json<'a>, A::Error> {
        let depth = self.cx.enter(self.depth)?;
        let parent = self.owner.map(|o| (o.member, o.item));
        let id = self.cx.build.borrow_mut().begin(fields, parent);
        let mut seen = Seen::default();
        let mut unknown: Vec<Cow<'a, str>> = Vec::new();
        let mut empty = true;
        let mut cursor = 0;
        while let Some(key) = map.next_key_seed(KeySeed)? {
            empty = false;
            let index = find_field(fields, &key, &mut cursor);
            let taken = match index {
                Some(i) => !seen.insert(i),
                None => unknown.contains(&key),
            };
            if taken {
                let failure = Failure::Duplicate(key.clone().into_owned());
                return Err(self.cx.fail(failure, Seg::Key(key.into_owned())));
            }
            let Some((idx, field)) = index.and_then(|i| Some((i, fields.get(i)?))) else {
                if unknown.len() >= MAX_UNKNOWN_MEMBERS {
                    let failure = Failure::TooMany(TooMany::UnknownMembers, MAX_UNKNOWN_MEMBERS);
                    return Err(self.cx.fail(failure, Seg::Key(key.into_owned())));
                }
                let skip = Skip { depth, cx: self.cx };
                if let Err(e) = map.next_value_seed(skip) {
                    self.cx.unwind(Seg::Key(key.into_owned()));
                    return Err(e);
                }
                unknown.push(key);
                continue;
            };
            let value = Value {
                guide: of_field(field),
                depth,
                owner: Some(Owner {
                    member: (id, idx),
                    item: false,
                }),
                cx: self.cx,
            };
            // Issues inside a group's object or a list's items are under the
            // field's pointer.
            let nested = matches!(field.kind, FieldKind::Group { .. } | FieldKind::List { .. });
            let mark = nested.then(|| self.cx.build.borrow_mut().path.push_key(&field.id));
            let v = match map.next_value_seed(value) {
                Ok(v) => v,
                Err(e) => {
                    self.cx.unwind(Seg::Key(key.into_owned()));
                    return Err(e);
                }
            };
            let mut build = self.cx.build.borrow_mut();
            if let Some(mark) = mark {
                build.path.truncate(mark);
            }
            build.member(id, idx, field, v);
        }
        self.cx.build.borrow_mut().unknown(id, &unknown);
        Ok(Json::Fields { inst: id, empty })
    }
}

/// The declared fields of one object already read (duplicate detection):
/// a bit per field, in a word for the first 128.
#[derive(Default)]
struct Seen {
    first: u128,
    more: Vec<usize>,
}

impl Seen {
    /// Marks field `i`; `false` if it was marked already.
    fn insert(&mut self, i: usize) -> bool {
        match u32::try_from(i).ok().and_then(|i| 1_u128.checked_shl(i)) {
            Some(bit) if i < 128 => {
                let new = (self.first & bit) == 0;
                self.first |= bit;
                new
            }
            _ if self.more.contains(&i) => false,
            _ => {
                self.more.push(i);
                true
            }
        }
    }
}

/// Checks a value without storing it; gives its type.
#[derive(Clone, Copy)]
struct Skip<'c, 'r, 'b> {
    depth: u32,
    cx: &'c Cx<'r, 'b>,
}

impl<'de> DeserializeSeed<'de> for Skip<'_, '_, '_> {
    type Value = JsonKind;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<JsonKind, D::Error> {
        d.deserialize_any(self)
    }
}

impl Skip<'_, '_, '_> {
    fn drain_seq<'de, A: SeqAccess<'de>>(self, mut seq: A) -> Result<JsonKind, A::Error> {
        let inner = Skip {
            depth: self.cx.enter(self.depth)?,
            cx: self.cx,
        };
        let mut index: usize = 0;
        loop {
            match seq.next_element_seed(inner) {
                Ok(Some(_)) => index = index.saturating_add(1),
                Ok(None) => return Ok(JsonKind::Array),
                Err(e) => {
                    self.cx.unwind(Seg::Index(index));
                    return Err(e);
                }
            }
        }
    }

    fn drain_map<'de, A: MapAccess<'de>>(self, mut map: A) -> Result<JsonKind, A::Error> {
        let inner = Skip {
            depth: self.cx.enter(self.depth)?,
            cx: self.cx,
        };
        let mut keys = Keys::default();
        while let Some(key) = map.next_key_seed(KeySeed)? {
            if !keys.insert(key.clone()) {
                let failure = Failure::Duplicate(key.clone().into_owned());
                return Err(self.cx.fail(failure, Seg::Key(key.into_owned())));
            }
            if let Err(e) = map.next_value_seed(inner) {
                self.cx.unwind(Seg::Key(key.into_owned()));
                return Err(e);
            }
        }
        Ok(JsonKind::Object)
    }
}

impl<'de> Visitor<'de> for Skip<'_, '_, '_> {
    type Value = JsonKind;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_unit<E>(self) -> Result<JsonKind, E> {
        Ok(JsonKind::Null)
    }
    fn visit_none<E>(self) -> Result<JsonKind, E> {
        Ok(JsonKind::Null)
    }
    fn visit_bool<E>(self, _: bool) -> Result<JsonKind, E> {
        Ok(JsonKind::Bool)
    }
    fn visit_i64<E>(self, _: i64) -> Result<JsonKind, E> {
        Ok(JsonKind::Number)
    }
    fn visit_u64<E>(self, _: u64) -> Result<JsonKind, E> {
        Ok(JsonKind::Number)
    }
    fn visit_f64<E>(self, _: f64) -> Result<JsonKind, E> {
        Ok(JsonKind::Number)
    }
    fn visit_str<E>(self, _: &str) -> Result<JsonKind, E> {
        Ok(JsonKind::String)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<JsonKind, A::Error> {
        self.drain_seq(seq)
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<JsonKind, A::Error> {
        self.drain_map(map)
    }
}

/// Deserializes an object key, borrowing it when it has no escapes.
pub(super) struct KeySeed;

impl<'de> DeserializeSeed<'de> for KeySeed {
    type Value = Cow<'de, str>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Cow<'de, str>, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for KeySeed {
    type Value = Cow<'de, str>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string key")
    }
    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Cow<'de, str>, E> {
        Ok(Cow::Borrowed(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Cow<'de, str>, E> {
        Ok(Cow::Owned(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<Cow<'de, str>, E> {
        Ok(Cow::Owned(v))
    }
}
