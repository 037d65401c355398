//! The binary bundle: the IR in [postcard](https://docs.rs/postcard), what
//! the WASM module embeds and `shinsei compile --binary` writes.
//!
//! Layout: the 4 bytes `SHNS`, [`IR_VERSION`] as a little-endian `u32`, then
//! the postcard encoding of the [`Bundle`]. The version comes first so that a
//! bundle of another version says so instead of failing somewhere inside.
//!
//! Postcard reads a struct by position, not by name, so the binary form
//! writes every member, also those the JSON form leaves out when they are
//! empty: the IR's `skip_serializing_if` predicates are [`absent`] and
//! [`empty`], which skip only while JSON (or any other format) is written,
//! never inside [`encode`]. Enums are externally tagged (postcard, like any
//! format that does not describe itself, cannot read internally tagged ones).
//!
//! A bundle from elsewhere is input: [`decode`] bounds how deep expressions
//! and fields nest *while* reading (the recursion of the derived
//! deserializers is a stack budget), then checks the compiler's limits
//! ([`crate::limits::check`]).
//!
//! ```
//! use shinsei_ir::{binary, Bundle};
//! let bundle = Bundle::new(Vec::new(), Default::default());
//! let bytes = binary::encode(&bundle);
//! assert_eq!(&bytes[..4], b"SHNS");
//! assert_eq!(binary::decode(&bytes).unwrap(), bundle);
//! assert!(matches!(binary::decode(b"{}"), Err(binary::BinaryError::NotBinary)));
//! ```

use std::cell::Cell;
use std::fmt;

use serde::{Deserialize, Deserializer};

use crate::IR_VERSION;
use crate::bundle::Bundle;
use crate::limits::{self, MAX_EXPR_DEPTH, MAX_FIELD_DEPTH, TooDeep};

/// The first bytes of a binary bundle.
pub const MAGIC: [u8; 4] = *b"SHNS";

/// Why bytes are not a binary bundle this runtime reads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BinaryError {
    /// They do not start with [`MAGIC`] (JSON, say).
    NotBinary,
    /// A bundle of another IR version.
    IrVersion {
        /// The version the bundle has.
        found: u32,
    },
    /// The postcard payload does not decode to a bundle.
    Malformed(String),
    /// Expressions or fields nest deeper than the limits.
    TooDeep(TooDeep),
}

impl fmt::Display for BinaryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BinaryError::NotBinary => write!(f, "not a binary bundle (no `SHNS` header)"),
            BinaryError::IrVersion { found } => write!(
                f,
                "the bundle has IR version {found}, this build reads {IR_VERSION}"
            ),
            BinaryError::Malformed(why) => write!(f, "not a bundle: {why}"),
            BinaryError::TooDeep(e) => write!(f, "not a bundle: {e}"),
        }
    }
}

impl std::error::Error for BinaryError {}

/// Whether `bytes` start like a binary bundle (of any IR version).
pub fn is_binary(bytes: &[u8]) -> bool {
    bytes.starts_with(&MAGIC)
}

/// The binary form of `bundle`.
pub fn encode(bundle: &Bundle) -> Vec<u8> {
    let mut out = Vec::with_capacity(64 * 1024);
    out.extend_from_slice(&MAGIC);
    out.extend_from_slice(&IR_VERSION.to_le_bytes());
    WRITING_BINARY.with(|w| w.set(true));
    // Plain data into a growable buffer: postcard cannot fail on it.
    let payload = postcard::to_extend(bundle, out);
    WRITING_BINARY.with(|w| w.set(false));
    payload.unwrap_or_default()
}

/// Reads a binary bundle: the header, then the payload (nesting bounded
/// while reading), then the compiler's limits.
pub fn decode(bytes: &[u8]) -> Result<Bundle, BinaryError> {
    let rest = bytes.strip_prefix(&MAGIC).ok_or(BinaryError::NotBinary)?;
    let (version, payload) = rest
        .split_first_chunk::<4>()
        .ok_or_else(|| BinaryError::Malformed("no IR version after the header".into()))?;
    let found = u32::from_le_bytes(*version);
    if found != IR_VERSION {
        return Err(BinaryError::IrVersion { found });
    }
    TOO_DEEP.with(|t| t.set(false));
    let (bundle, left) = postcard::take_from_bytes::<Bundle>(payload).map_err(|e| {
        if TOO_DEEP.with(Cell::get) {
            BinaryError::Malformed(format!("nested more than {NESTING_LIMIT} levels deep"))
        } else {
            BinaryError::Malformed(e.to_string())
        }
    })?;
    if !left.is_empty() {
        return Err(BinaryError::Malformed(format!(
            "{} bytes after the bundle",
            left.len()
        )));
    }
    limits::check(&bundle).map_err(BinaryError::TooDeep)?;
    Ok(bundle)
}

thread_local! {
    /// Set while [`encode`] runs: every member is written.
    static WRITING_BINARY: Cell<bool> = const { Cell::new(false) };
    /// How deep the derived deserializers are in expressions and field lists.
    static NESTING: Cell<usize> = const { Cell::new(0) };
    /// Set when [`nested`] refused to go deeper.
    static TOO_DEEP: Cell<bool> = const { Cell::new(false) };
}

/// `skip_serializing_if` for optional members: `None` is left out of JSON,
/// written in the binary form.
pub(crate) fn absent<T>(value: &Option<T>) -> bool {
    value.is_none() && !WRITING_BINARY.with(Cell::get)
}

/// `skip_serializing_if` for lists: an empty one is left out of JSON,
/// written in the binary form.
pub(crate) fn empty<T>(value: &[T]) -> bool {
    value.is_empty() && !WRITING_BINARY.with(Cell::get)
}

/// How deep expressions and field lists may nest while a bundle is read, in
/// any format: a stack budget for the derived deserializers, above what the
/// compiler writes (the exact limits are checked afterwards).
const NESTING_LIMIT: usize = MAX_EXPR_DEPTH + MAX_FIELD_DEPTH + 8;

/// `deserialize_with` for every place the IR recurses (an expression's
/// operands, a group's or list's fields): counts the nesting and refuses
/// past [`NESTING_LIMIT`], so no bundle can exhaust the stack while it is
/// read.
pub(crate) fn nested<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    let depth = NESTING.with(Cell::get);
    if depth >= NESTING_LIMIT {
        TOO_DEEP.with(|t| t.set(true));
        return Err(serde::de::Error::custom(format_args!(
            "nested more than {NESTING_LIMIT} levels deep"
        )));
    }
    NESTING.with(|n| n.set(depth.saturating_add(1)));
    let out = T::deserialize(d);
    NESTING.with(|n| n.set(depth));
    out
}
