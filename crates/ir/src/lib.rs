//! The compiled form model of shinsei: plain, versioned, serialisable data.
//!
//! The compiler (`shinsei-check`) lowers `.form` files into these types; the
//! runtime (`shinsei-runtime`) evaluates submissions against them. Nothing in
//! this crate parses, checks or validates: it only describes. Maps are ordered
//! (`BTreeMap`) and lists keep source order, so every dump is deterministic.
//!
//! ```
//! use shinsei_ir::{Bundle, IR_VERSION};
//! let bundle = Bundle::new(Vec::new(), Default::default());
//! assert_eq!(bundle.ir_version, IR_VERSION);
//! let json = serde_json::to_string(&bundle).unwrap();
//! let back: Bundle = serde_json::from_str(&json).unwrap();
//! assert_eq!(back, bundle);
//! ```

#[macro_use]
mod enumerated;
pub mod binary;
mod builtin;
mod bundle;
mod derived;
mod expr;
mod form;
pub mod limits;
mod migration;
mod select;
mod text;
mod walk;
mod wire;

pub use builtin::{AggOp, Builtin};
pub use bundle::{Bundle, Param, ParamPeriod, ParamValue};
pub use derived::Derived;
pub use expr::{BinOp, DurationUnit, Expr, FieldRef, Literal, QualField, UnOp, ValueType};
pub use form::{
    AttachmentSlot, Category, CharClass, ChoiceOption, Computed, DateRange, Field, FieldKind, Form,
    MediaType, Presence, QualItem, Role, Rule, Severity,
};
pub use migration::{Migration, MigrationStep};
pub use select::SelectError;
pub use text::Text;

/// Version of the IR format. Bump on any incompatible change; the runtime
/// refuses bundles with another version.
///
/// 2: enums externally tagged (`"kind": {"text": {…}}`, `"presence":
/// {"required_when": …}`), so that the binary form ([`binary`]) can be read.
/// 3: built-in functions are written by their names in the language
/// (`month`, `period`, `days`).
pub const IR_VERSION: u32 = 3;
