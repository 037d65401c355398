//! The submission's JSON: an ordered value type and a bounded parser that
//! keeps only what the form reads.
//!
//! serde_json does the lexing; [`DeserializeSeed`]s of our own (`seed`) build
//! the tree so that we can refuse duplicate keys (at the pointer of the second
//! occurrence), refuse nesting deeper than [`MAX_DEPTH`] before serde_json's
//! own limit of 128 is reached (so the stack stays small, also on wasm32), and
//! keep the integer/float distinction. Strings without escapes are borrowed
//! from the input.
//!
//! The form's `fields` never become a JSON tree: each object of fields gets
//! its instance in the decoded [`Tree`] when its `{` is read, and each
//! member's value is decoded by its field's kind as soon as it is read
//! (`decode::Builder`); only a value that cannot be read is kept as sent.
//!
//! Memory per request stays a small multiple of the body whatever its shape:
//! a [`guide`] derived from the envelope and the form version the envelope
//! names says what the runtime will read at each position. Everything else —
//! a root that is not an object, the value of a key the form does not define,
//! an array where a string belongs, the items of a list past its `max` — is
//! checked (syntax, depth, duplicate keys) and counted but not stored. An
//! object may have at most [`MAX_UNKNOWN_MEMBERS`] keys its position does not
//! define, and `attachments` at most as many entries as the form's slots take
//! plus that many: past either limit the submission is refused as malformed.

mod guide;
mod seed;

use std::borrow::Cow;

use chrono::{DateTime, FixedOffset};
use shinsei_ir::{Bundle, Form};

use crate::messages::Lang;
use crate::tree::{InstId, Tree};

pub use guide::{MAX_UNKNOWN_MEMBERS, envelope_form};

/// Deepest nesting of arrays and objects accepted (the root container is 1).
pub const MAX_DEPTH: u32 = 64;

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
    Arr(Items<'a>),
    /// An object, members in document order (keys are unique).
    Obj(Vec<(Cow<'a, str>, Json<'a>)>),
    /// An object of form fields, decoded while it was read into instance
    /// `inst` of the parse's [`Tree`].
    Fields {
        /// The instance.
        inst: InstId,
        /// The object had no members.
        empty: bool,
    },
    /// A well-formed value of this type that the form never reads, so it was
    /// not stored (see the module doc).
    Skipped(JsonKind),
}

/// An array: the elements the form reads (a prefix) and how many it had.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Items<'a> {
    /// The first elements, as many as the form reads (a list's `max`).
    pub kept: Vec<Json<'a>>,
    /// How many elements the array had (`kept.len() ≤ len`).
    pub len: usize,
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
            Json::Obj(_) | Json::Fields { .. } => JsonKind::Object,
            Json::Skipped(kind) => *kind,
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
    /// More members or elements than the form allows at one place.
    #[error("more than {limit} {what} at {pointer} ({line}:{column})")]
    TooMany {
        /// What there are too many of.
        what: TooMany,
        /// JSON Pointer of the first one over the limit.
        pointer: String,
        /// The limit.
        limit: usize,
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

/// What a [`ParseError::TooMany`] counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TooMany {
    /// Keys an object's position does not define.
    UnknownMembers,
    /// Entries of `attachments`.
    Attachments,
}

impl std::fmt::Display for TooMany {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            TooMany::UnknownMembers => "unknown members",
            TooMany::Attachments => "attachments",
        })
    }
}

/// A parsed submission: the envelope, and its `fields` decoded while they
/// were read.
#[derive(Debug)]
pub struct Parsed<'a> {
    /// The envelope; its `fields` member is a [`Json::Fields`] of the root
    /// instance when it was an object of the form version the envelope names.
    pub root: Json<'a>,
    /// The decoded fields (empty when no object of fields was read).
    pub tree: Tree<'a>,
    /// The length of the text read, in bytes.
    pub sent: usize,
}

/// Parses `input` (at most `max_bytes` long) into a [`Json`] tree holding
/// what validating it against `bundle` at `now` reads, decoding the form's
/// fields as they come (issues in `lang`).
pub fn parse<'a>(
    input: &'a str,
    max_bytes: usize,
    bundle: &'a Bundle,
    now: DateTime<FixedOffset>,
    lang: Lang,
) -> Result<Parsed<'a>, ParseError> {
    parse_as(input, max_bytes, bundle, None, now, lang)
}

/// [`parse`] with the envelope's members read against form version `form`
/// when it is given, whatever version the envelope selects.
pub fn parse_as<'a>(
    input: &'a str,
    max_bytes: usize,
    bundle: &'a Bundle,
    form: Option<&'a Form>,
    now: DateTime<FixedOffset>,
    lang: Lang,
) -> Result<Parsed<'a>, ParseError> {
    if input.len() > max_bytes {
        return Err(ParseError::TooLarge {
            size: input.len(),
            limit: max_bytes,
        });
    }
    seed::parse(input, &guide::Reading { bundle, now, form }, lang)
}
