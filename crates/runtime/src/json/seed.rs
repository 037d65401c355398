//! The parser proper: serde seeds that keep what their [`Guide`] reads
//! ([`Value`]) and check without storing what it does not ([`Skip`]), with
//! the depth limit, duplicate-key detection and the limits of the guide.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::{BTreeSet, HashSet};
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use shinsei_ir::{Field, Form};

use super::guide::{
    Element, Guide, MAX_UNKNOWN_MEMBERS, Reading, envelope_member, find_field, needs_form, of_field,
};
use super::{Fields, Items, Json, JsonKind, MAX_DEPTH, ParseError, TooMany};
use crate::pointer::Pointer;

/// Objects with more members than this switch duplicate detection from a
/// linear scan to a set.
const LINEAR_DUP_SCAN: usize = 16;

/// Parses the envelope in `input` against `reading`.
pub(super) fn parse<'a>(input: &'a str, reading: &Reading<'_>) -> Result<Json<'a>, ParseError> {
    let state = RefCell::new(State::default());
    let cx = Cx {
        input,
        reading,
        state: &state,
    };
    let mut de = serde_json::Deserializer::from_str(input);
    let parsed = Value {
        guide: Guide::Envelope,
        depth: 0,
        cx: &cx,
    }
    .deserialize(&mut de)
    .and_then(|v| de.end().map(|()| v));
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
struct Cx<'r, 'b> {
    input: &'r str,
    reading: &'r Reading<'b>,
    state: &'r RefCell<State>,
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
struct Value<'c, 'r, 'b> {
    guide: Guide<'b>,
    depth: u32,
    cx: &'c Cx<'r, 'b>,
}

impl<'de> DeserializeSeed<'de> for Value<'_, '_, '_> {
    type Value = Json<'de>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Json<'de>, D::Error> {
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

impl<'de> Visitor<'de> for Value<'_, '_, '_> {
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
        loop {
            let next = match self.guide.element(len) {
                Element::Keep(guide) => {
                    let value = Value {
                        guide,
                        depth,
                        cx: self.cx,
                    };
                    seq.next_element_seed(value)
                        .map(|v| v.map(|v| kept.push(v)))
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

impl<'b> Value<'_, '_, 'b> {
    /// An object of form fields: each value goes to its field's slot.
    fn fields_object<'de, A: MapAccess<'de>>(
        self,
        fields: &'b [Field],
        mut map: A,
    ) -> Result<Json<'de>, A::Error> {
        let depth = self.cx.enter(self.depth)?;
        let mut out = Fields {
            slots: Vec::with_capacity(fields.len()),
            unknown: Vec::new(),
        };
        out.slots.resize_with(fields.len(), || None);
        let mut cursor = 0;
        while let Some(key) = map.next_key_seed(KeySeed)? {
            let index = find_field(fields, &key, &mut cursor);
            let taken = match index {
                Some(i) => out.slots.get(i).is_some_and(Option::is_some),
                None => out.unknown.iter().any(|(k, _)| *k == key),
            };
            if taken {
                let failure = Failure::Duplicate(key.clone().into_owned());
                return Err(self.cx.fail(failure, Seg::Key(key.into_owned())));
            }
            if index.is_none() && out.unknown.len() >= MAX_UNKNOWN_MEMBERS {
                let failure = Failure::TooMany(TooMany::UnknownMembers, MAX_UNKNOWN_MEMBERS);
                return Err(self.cx.fail(failure, Seg::Key(key.into_owned())));
            }
            let field = index.and_then(|i| fields.get(i));
            let value = Value {
                guide: field.map_or(Guide::Skip, of_field),
                depth,
                cx: self.cx,
            };
            match map.next_value_seed(value) {
                Ok(v) => match index.and_then(|i| out.slots.get_mut(i)) {
                    Some(slot) => *slot = Some(v),
                    None => out.unknown.push((key, v)),
                },
                Err(e) => {
                    self.cx.unwind(Seg::Key(key.into_owned()));
                    return Err(e);
                }
            }
        }
        Ok(Json::Fields(Box::new(out)))
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
