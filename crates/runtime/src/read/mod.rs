//! The bounded reader of a submission: it builds the JSON value
//! ([`crate::json::Json`]) keeping only what the form reads, and decodes the
//! form's fields while it lexes them.
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

use chrono::{DateTime, FixedOffset};
use shinsei_ir::{Bundle, Form};

use crate::json::Json;
use crate::messages::Lang;
use crate::tree::Tree;

pub use guide::{MAX_UNKNOWN_MEMBERS, envelope_form};

/// Deepest nesting of arrays and objects accepted (the root container is 1).
pub const MAX_DEPTH: u32 = 64;

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
/// fields as they come (issues in `lang`): its envelope's members read
/// against form version `form` when it is given, else against the version
/// the envelope selects.
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
