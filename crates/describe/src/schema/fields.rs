//! Schemas of `fields`: one property per declared field, by kind.

use serde_json::{Map, Value};
use shinsei_ir::{CharClass, ChoiceOption, Field, FieldKind, Presence};

use super::build::{self, Obj, closed_object};
use crate::describe::{ADDRESS_LEN, trimmed};

/// Longest e-mail address the runtime accepts.
const EMAIL_MAX: u32 = 254;

/// The object of `fields` (or of a group, or of one list item).
///
/// `required` lists the fields that are required and always shown; a field
/// shown only under a condition, or required only under one, is optional here
/// because JSON Schema cannot evaluate the form's expressions.
pub(crate) fn object(fields: &[Field]) -> Obj {
    let mut properties = Map::new();
    let mut required = Vec::new();
    for f in fields {
        let always = matches!(f.presence, Presence::Required) && f.visible_when.is_none();
        properties.insert(f.id.clone(), field(f, always));
        if always {
            required.push(Value::from(f.id.as_str()));
        }
    }
    closed_object(properties, required)
}

fn field(f: &Field, required: bool) -> Value {
    let help = f.help.as_ref().map(|h| h.ja.as_str());
    kind(&f.kind, required)
        .titled(&f.label.ja, help)
        .opt("$comment", condition_comment(f))
        .into()
}

/// The field's conditions as a comment (JSON Schema cannot express them).
fn condition_comment(f: &Field) -> Option<String> {
    let when = trimmed(f.visible_src.as_deref()).map(|c| format!("shown when {c}"));
    let req = trimmed(f.required_src.as_deref()).map(|c| format!("required when {c}"));
    match (when, req) {
        (Some(a), Some(b)) => Some(format!("{a}; {b}")),
        (a, b) => a.or(b),
    }
}

/// The canonical value of one kind. `required`: the value must be non-empty.
fn kind(kind: &FieldKind, required: bool) -> Obj {
    match kind {
        FieldKind::Text {
            min_len,
            max_len,
            chars,
        } => {
            let base = match chars {
                None => Obj::ty("string"),
                Some(CharClass::Katakana) => Obj::pattern(build::katakana()),
                Some(CharClass::Zengin) => Obj::pattern(build::zengin()),
                Some(CharClass::Ascii) => Obj::pattern(build::ASCII),
            };
            let min_len = match (min_len, required) {
                (Some(n), _) => Some(*n),
                (None, true) => Some(1),
                (None, false) => None,
            };
            base.opt("minLength", min_len).opt("maxLength", *max_len)
        }
        FieldKind::Kana { max_len } => Obj::pattern(build::katakana()).opt("maxLength", *max_len),
        FieldKind::Integer { min, max } => {
            Obj::ty("integer").opt("minimum", *min).opt("maximum", *max)
        }
        FieldKind::Yen { min, max } => Obj::ty("integer")
            .set("minimum", min.unwrap_or(0))
            .opt("maximum", *max),
        FieldKind::Rate => Obj::new()
            .set("type", vec![Value::from("string"), Value::from("integer")])
            .set("pattern", build::RATE),
        FieldKind::Date => Obj::format("date"),
        FieldKind::Period => {
            let mut properties = Map::new();
            properties.insert(
                "from".to_owned(),
                Obj::format("date").set("title", "開始日").into(),
            );
            properties.insert(
                "to".to_owned(),
                Obj::format("date").set("title", "終了日").into(),
            );
            closed_object(properties, vec![Value::from("from"), Value::from("to")])
        }
        FieldKind::Month => Obj::pattern(build::MONTH),
        FieldKind::Bool => Obj::ty("boolean"),
        FieldKind::Choice { options } => choice(options),
        FieldKind::Multi { options, min, max } => Obj::ty("array")
            .set("items", choice(options))
            .set("uniqueItems", true)
            .opt("minItems", (*min > 0).then_some(*min))
            .opt("maxItems", *max),
        FieldKind::PostalCode => Obj::pattern(build::POSTAL_CODE),
        FieldKind::Phone => Obj::pattern(build::PHONE),
        FieldKind::Email => Obj::format("email").set("maxLength", EMAIL_MAX),
        FieldKind::Address => Obj::ty("string")
            .set("minLength", ADDRESS_LEN.0)
            .set("maxLength", ADDRESS_LEN.1),
        FieldKind::Digits { min, max } => Obj::pattern(build::digits(*min, *max)),
        FieldKind::Group { fields } => object(fields),
        FieldKind::List { min, max, fields } => {
            // An empty list is how the runtime spells "absent": a required
            // list needs at least one item whatever its `min`.
            let min = if required { (*min).max(1) } else { *min };
            Obj::ty("array")
                .set("items", object(fields))
                .opt("minItems", (min > 0).then_some(min))
                .set("maxItems", *max)
        }
    }
}

fn choice(options: &[ChoiceOption]) -> Obj {
    let keys: Vec<Value> = options
        .iter()
        .map(|o| Value::from(o.key.as_str()))
        .collect();
    Obj::ty("string").set("enum", keys)
}
