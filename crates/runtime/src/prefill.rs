//! The 資格 fields of a form filled from a member's qualification record (the
//! prefill path): what the app shows read-only and puts in the envelope, and
//! what re-application uses instead of the file's values.

use std::collections::BTreeMap;

use serde_json::Value;
use shinsei_ir::{Form, QualField, QualItem};

/// One member of a qualification record, as the caller found it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RecordValue {
    /// Absent or `null`.
    Missing,
    /// A string.
    Text(String),
    /// Anything else (an error).
    Other,
}

/// Why a record cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RecordError {
    /// The record is not a JSON object.
    #[error("the qualification record must be an object")]
    NotAnObject,
    /// A field the form shows is not a string.
    #[error("qualification field `{0}` must be a string")]
    NotAString(&'static str),
}

/// The 資格 fields a form shows, taken from a record.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Prefilled {
    /// The values to put in the envelope's `qualification`, by key.
    pub qualification: BTreeMap<String, String>,
    /// Each field the form shows, in its order, with the record's value.
    pub items: Vec<(QualItem, Option<String>)>,
    /// Required fields the record lacks.
    pub missing: Vec<QualField>,
}

/// Fills the 資格 fields `form` shows through `lookup` (a record's member by
/// key). A blank string counts as absent.
pub fn prefill(
    form: &Form,
    lookup: &mut dyn FnMut(&str) -> RecordValue,
) -> Result<Prefilled, RecordError> {
    let mut out = Prefilled::default();
    for item in &form.qualification {
        let key = item.field.id();
        let value = match lookup(key) {
            RecordValue::Missing => None,
            RecordValue::Text(s) if s.trim().is_empty() => None,
            RecordValue::Text(s) => Some(s),
            RecordValue::Other => return Err(RecordError::NotAString(key)),
        };
        match &value {
            Some(v) => {
                out.qualification.insert(key.to_owned(), v.clone());
            }
            None if item.required => out.missing.push(item.field),
            None => {}
        }
        out.items.push((item.clone(), value));
    }
    Ok(out)
}

/// [`prefill`] from a record given as a JSON object.
pub fn prefill_json(form: &Form, record: &Value) -> Result<Prefilled, RecordError> {
    let Some(record) = record.as_object() else {
        return Err(RecordError::NotAnObject);
    };
    prefill(form, &mut |key| match record.get(key) {
        None | Some(Value::Null) => RecordValue::Missing,
        Some(Value::String(s)) => RecordValue::Text(s.clone()),
        Some(_) => RecordValue::Other,
    })
}
