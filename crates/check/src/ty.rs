//! Static types of expressions and the arithmetic rules between them.

use std::rc::Rc;

use shinsei_ir::{FieldRef, ValueType};

/// Index of a scope in the form's scope tree (`scope::Scopes`).
pub type ScopeId = usize;

/// The static type of an expression while checking.
#[derive(Clone, Debug, PartialEq)]
pub enum Ty {
    /// A plain value.
    V(ValueType),
    /// A choice with its option keys.
    Choice(Rc<[String]>),
    /// A multi-choice with its option keys.
    Multi(Rc<[String]>),
    /// A group (not a value: needs `.member`).
    Group(ScopeId, FieldRef),
    /// A list (not a value: needs an aggregate).
    List(ScopeId, FieldRef),
    /// `first(list)` / `last(list)`, possibly followed by group members.
    Item {
        /// `First` or `Last`.
        op: shinsei_ir::AggOp,
        /// The list.
        list: FieldRef,
        /// The scope reached so far (the list's item scope or a group in it).
        scope: ScopeId,
        /// Member path inside the item so far.
        path: Vec<u32>,
    },
    /// Already reported; suppresses follow-up errors.
    Error,
}

impl Ty {
    /// The value type, for values.
    pub fn value(&self) -> Option<ValueType> {
        match self {
            Ty::V(v) => Some(*v),
            Ty::Choice(_) => Some(ValueType::Choice),
            Ty::Multi(_) => Some(ValueType::Multi),
            _ => None,
        }
    }

    /// A name for diagnostics.
    pub fn describe(&self) -> String {
        match self {
            Ty::V(v) => v.name().to_string(),
            Ty::Choice(_) => "choice".into(),
            Ty::Multi(_) => "multi-choice".into(),
            Ty::Group(..) => "group".into(),
            Ty::List(..) => "list".into(),
            Ty::Item { .. } => "list item".into(),
            Ty::Error => "error".into(),
        }
    }

    /// Whether it is a number.
    pub fn is_number(&self) -> bool {
        matches!(self.value(), Some(v) if numeric(v).is_some())
    }
}

/// Dimension of a numeric type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dim {
    /// Integers and rates.
    Plain,
    /// Yen.
    Yen,
}

/// (dimension, integral) of a numeric type.
pub fn numeric(v: ValueType) -> Option<(Dim, bool)> {
    match v {
        ValueType::Int => Some((Dim::Plain, true)),
        ValueType::Rate => Some((Dim::Plain, false)),
        ValueType::Yen => Some((Dim::Yen, true)),
        ValueType::YenFrac => Some((Dim::Yen, false)),
        _ => None,
    }
}

/// The numeric type of a dimension and integrality.
pub fn from_numeric(dim: Dim, integral: bool) -> ValueType {
    match (dim, integral) {
        (Dim::Plain, true) => ValueType::Int,
        (Dim::Plain, false) => ValueType::Rate,
        (Dim::Yen, true) => ValueType::Yen,
        (Dim::Yen, false) => ValueType::YenFrac,
    }
}

/// The common type of two values for `if`, `min`, `max` and comparisons.
pub fn unify(a: &Ty, b: &Ty) -> Option<Ty> {
    match (a, b) {
        (Ty::Error, _) | (_, Ty::Error) => Some(Ty::Error),
        (Ty::Choice(x), Ty::Choice(_)) => Some(Ty::Choice(x.clone())),
        (Ty::Choice(x), Ty::V(ValueType::Text)) | (Ty::V(ValueType::Text), Ty::Choice(x)) => {
            Some(Ty::Choice(x.clone()))
        }
        _ => {
            let (va, vb) = (a.value()?, b.value()?);
            if va == vb {
                return Some(a.clone());
            }
            let ((da, ia), (db, ib)) = (numeric(va)?, numeric(vb)?);
            (da == db).then(|| Ty::V(from_numeric(da, ia && ib)))
        }
    }
}

/// The built-in field type names (what a field's type is, when not an enum).
pub const BUILTIN_TYPES: [&str; 16] = [
    "text",
    "kana",
    "integer",
    "yen",
    "rate",
    "date",
    "period",
    "month",
    "bool",
    "postal_code",
    "phone",
    "email",
    "address",
    "digits",
    "choice",
    "multi",
];

/// Type name (as written in `fn` parameters and `param` declarations) → type.
pub fn named_value_type(name: &str) -> Option<ValueType> {
    Some(match name {
        "bool" => ValueType::Bool,
        "integer" => ValueType::Int,
        "rate" => ValueType::Rate,
        "yen" => ValueType::Yen,
        "date" => ValueType::Date,
        "month" => ValueType::Month,
        "period" => ValueType::Period,
        "text" => ValueType::Text,
        "duration" => ValueType::Duration,
        _ => return None,
    })
}

/// The names accepted by [`named_value_type`].
pub const VALUE_TYPE_NAMES: [&str; 9] = [
    "bool", "integer", "rate", "yen", "date", "month", "period", "text", "duration",
];

/// Whether an argument of type `actual` may be passed where `expected` is declared.
pub fn accepts(expected: ValueType, actual: &Ty) -> bool {
    match actual {
        Ty::Error => true,
        _ => match (expected, actual.value()) {
            (_, None) => false,
            (ValueType::Yen, Some(ValueType::YenFrac)) => true,
            (ValueType::Rate, Some(ValueType::Int)) => true,
            (ValueType::Text, Some(ValueType::Choice)) => true,
            (e, Some(a)) => e == a,
        },
    }
}
