//! The submission's JSON as the runtime keeps it: an ordered value type
//! whose objects of form fields are already decoded (`Json::Fields` points
//! at their instance in the decoded tree), and the values the form never
//! reads not stored (`Json::Skipped`). The bounded reader that builds it is
//! `crate::read`.

use std::borrow::Cow;

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
    /// `inst` of the parse's tree (a `tree::InstId`).
    Fields {
        /// The instance.
        inst: usize,
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
