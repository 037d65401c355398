//! The binary bundle: the IR in [postcard](https://docs.rs/postcard), what
//! the WASM module embeds and `shinsei compile --binary` writes.
//!
//! Layout: the 4 bytes `SHNS`, [`IR_VERSION`] as a little-endian `u32`, then
//! the postcard encoding of the [`Bundle`]. The version comes first so that a
//! bundle of another version says so instead of failing somewhere inside.
//!
//! Postcard reads a struct by position, not by name, so the binary form
//! writes every member, also those the JSON form leaves out when they are
//! empty: the IR's `skip_serializing_if` predicates are `wire::absent` and
//! `wire::empty`, which skip only while JSON (or any other format) is written,
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

use std::fmt;

use crate::IR_VERSION;
use crate::bundle::Bundle;
use crate::limits::{self, TooDeep};
use crate::wire::{self, NESTING_LIMIT};

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
    wire::set_writing_binary(true);
    // Plain data into a growable buffer: postcard cannot fail on it.
    let payload = postcard::to_extend(bundle, out);
    wire::set_writing_binary(false);
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
    wire::clear_too_deep();
    let (bundle, left) = postcard::take_from_bytes::<Bundle>(payload).map_err(|e| {
        if wire::too_deep() {
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
