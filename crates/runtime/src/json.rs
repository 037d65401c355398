//! The submission's JSON: an ordered value type and a bounded parser.
//!
//! serde_json does the lexing; a [`DeserializeSeed`] of our own builds the
//! tree so that we can refuse duplicate keys (at the pointer of the second
//! occurrence), refuse nesting deeper than [`MAX_DEPTH`] before serde_json's
//! own limit of 128 is reached (so the stack stays small, also on wasm32), and
//! keep the integer/float distinction. Strings without escapes are borrowed
//! from the input.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::BTreeSet;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

use crate::pointer::Pointer;

/// Deepest nesting of arrays and objects accepted (the root container is 1).
pub const MAX_DEPTH: u32 = 64;

/// Objects with more members than this switch duplicate detection from a
/// linear scan to an ordered set, so the check stays `O(n log n)`.
const LINEAR_DUP_SCAN: usize = 16;

/// A JSON value; objects keep their members in document order.
#[derive(Clone, Debug, PartialEq)]
pub enum Json<'a> {
    /// `null`.
    Null,
    /// `true` / `false`.
    Bool(bool),
    /// A negative integer.
    I64(i64),
    /// A non-negative integer.
    U64(u64),
    /// Any other number.
    F64(f64),
    /// A string.
    Str(Cow<'a, str>),
    /// An array.
    Arr(Vec<Json<'a>>),
    /// An object, members in document order (keys are unique).
    Obj(Vec<(Cow<'a, str>, Json<'a>)>),
}

/// The JSON type of a value, for `type` messages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JsonKind {
    /// `null`.
    Null,
    /// A boolean.
    Bool,
    /// A number.
    Number,
    /// A string.
    String,
    /// An array.
    Array,
    /// An object.
    Object,
}

impl<'a> Json<'a> {
    /// The value's JSON type.
    pub fn kind(&self) -> JsonKind {
        match self {
            Json::Null => JsonKind::Null,
            Json::Bool(_) => JsonKind::Bool,
            Json::I64(_) | Json::U64(_) | Json::F64(_) => JsonKind::Number,
            Json::Str(_) => JsonKind::String,
            Json::Arr(_) => JsonKind::Array,
            Json::Obj(_) => JsonKind::Object,
        }
    }

    /// The members, if this is an object.
    pub fn as_object(&self) -> Option<&[(Cow<'a, str>, Json<'a>)]> {
        match self {
            Json::Obj(members) => Some(members),
            _ => None,
        }
    }

    /// The string, if this is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::Str(s) => Some(s),
            _ => None,
        }
    }
}

/// Finds a member of an object by key.
pub fn member<'j, 'a>(members: &'j [(Cow<'a, str>, Json<'a>)], key: &str) -> Option<&'j Json<'a>> {
    members.iter().find(|(k, _)| k == key).map(|(_, v)| v)
}

/// Why the input is not an acceptable JSON document.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ParseError {
    /// Larger than the configured limit.
    #[error("input of {size} bytes exceeds the limit of {limit} bytes")]
    TooLarge {
        /// Input size in bytes.
        size: usize,
        /// The limit.
        limit: usize,
    },
    /// Not UTF-8.
    #[error("invalid UTF-8 at byte {offset}")]
    Utf8 {
        /// Byte offset of the first invalid sequence.
        offset: usize,
    },
    /// Not JSON.
    #[error("invalid JSON at {line}:{column}")]
    Syntax {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
    },
    /// Nested deeper than [`MAX_DEPTH`].
    #[error("nesting deeper than {MAX_DEPTH} at {line}:{column}")]
    Depth {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
    },
    /// A key that occurs twice in one object.
    #[error("duplicate key {key:?} at {pointer} ({line}:{column})")]
    Duplicate {
        /// JSON Pointer of the second occurrence.
        pointer: String,
        /// The key.
        key: String,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
    },
}

/// Parses `input` (at most `max_bytes` long) into a [`Json`] tree.
pub fn parse(input: &str, max_bytes: usize) -> Result<Json<'_>, ParseError> {
    if input.len() > max_bytes {
        return Err(ParseError::TooLarge {
            size: input.len(),
            limit: max_bytes,
        });
    }
    let state = RefCell::new(State::default());
    let mut de = serde_json::Deserializer::from_str(input);
    let parsed = Seed {
        depth: 0,
        state: &state,
    }
    .deserialize(&mut de)
    .and_then(|v| de.end().map(|()| v));
    parsed.map_err(|e| {
        let (line, column) = (e.line(), e.column());
        let state = state.into_inner();
        match state.failure {
            Some(Failure::Depth) => ParseError::Depth { line, column },
            Some(Failure::Duplicate(key)) => {
                let mut pointer = Pointer::root();
                for seg in state.rev_path.iter().rev() {
                    match seg {
                        Seg::Key(k) => pointer.push_key(k),
                        Seg::Index(i) => pointer.push_index(*i),
                    };
                }
                ParseError::Duplicate {
                    pointer: pointer.into_string(),
                    key,
                    line,
                    column,
                }
            }
            None => ParseError::Syntax { line, column },
        }
    })
}

#[derive(Default)]
struct State {
    failure: Option<Failure>,
    /// Path of a duplicate key, innermost segment first (filled while the
    /// error unwinds, so the happy path never allocates for it).
    rev_path: Vec<Seg>,
}

enum Failure {
    Depth,
    Duplicate(String),
}

enum Seg {
    Key(String),
    Index(usize),
}

impl State {
    fn unwind(&mut self, seg: Seg) {
        if matches!(self.failure, Some(Failure::Duplicate(_))) {
            self.rev_path.push(seg);
        }
    }
}

#[derive(Clone, Copy)]
struct Seed<'s> {
    depth: u32,
    state: &'s RefCell<State>,
}

impl Seed<'_> {
    fn enter<E: de::Error>(self) -> Result<Self, E> {
        match self.depth.checked_add(1) {
            Some(depth) if depth <= MAX_DEPTH => Ok(Seed {
                depth,
                state: self.state,
            }),
            _ => {
                self.state.borrow_mut().failure = Some(Failure::Depth);
                Err(E::custom("nesting too deep"))
            }
        }
    }
}

impl<'de> DeserializeSeed<'de> for Seed<'_> {
    type Value = Json<'de>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Json<'de>, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Seed<'_> {
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
        Ok(if v >= 0 {
            Json::U64(v.unsigned_abs())
        } else {
            Json::I64(v)
        })
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
        let inner = self.enter()?;
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(4).min(16));
        loop {
            match seq.next_element_seed(inner) {
                Ok(Some(v)) => items.push(v),
                Ok(None) => return Ok(Json::Arr(items)),
                Err(e) => {
                    self.state.borrow_mut().unwind(Seg::Index(items.len()));
                    return Err(e);
                }
            }
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Json<'de>, A::Error> {
        let inner = self.enter()?;
        let mut members: Vec<(Cow<'de, str>, Json<'de>)> =
            Vec::with_capacity(map.size_hint().unwrap_or(16).min(16));
        let mut seen: BTreeSet<Cow<'de, str>> = BTreeSet::new();
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
                let mut state = self.state.borrow_mut();
                state.failure = Some(Failure::Duplicate(key.clone().into_owned()));
                state.rev_path.push(Seg::Key(key.into_owned()));
                return Err(de::Error::custom("duplicate key"));
            }
            match map.next_value_seed(inner) {
                Ok(v) => members.push((key, v)),
                Err(e) => {
                    self.state.borrow_mut().unwind(Seg::Key(key.into_owned()));
                    return Err(e);
                }
            }
        }
        Ok(Json::Obj(members))
    }
}

/// Deserializes an object key, borrowing it when it has no escapes.
struct KeySeed;

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
