//! How serde writes and reads the IR, in every format: members left out of
//! JSON but written in the binary form ([`absent`], [`empty`]), and the
//! nesting bounded while a bundle is read ([`nested`]). The IR's types name
//! these in their serde attributes; `binary` sets the flags around a
//! postcard encode or decode. Depends on no other module of the crate.

use std::cell::Cell;

use serde::{Deserialize, Deserializer};

thread_local! {
    /// Set while `binary::encode` runs: every member is written.
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
/// (32 + 8 + 8: `limits` asserts that it stays above its two limits.)
pub(crate) const NESTING_LIMIT: usize = 48;

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

/// Marks that the binary form is being written (every member is).
pub(crate) fn set_writing_binary(on: bool) {
    WRITING_BINARY.with(|w| w.set(on));
}

/// Forgets an earlier refusal before a bundle is read.
pub(crate) fn clear_too_deep() {
    TOO_DEEP.with(|t| t.set(false));
}

/// Whether [`nested`] refused to go deeper since [`clear_too_deep`].
pub(crate) fn too_deep() -> bool {
    TOO_DEEP.with(Cell::get)
}
