//! Schemas of `fields`: one property per declared field, by kind, in the
//! input form (what the runtime reads) or the canonical form (what it
//! reports in `canonical`).

use serde_json::{Map, Value};
use shinsei_ir::{CharClass, ChoiceOption, Field, FieldKind, Presence};

use super::SchemaKind;
use super::build::{self, Obj, closed_object};
use super::{conditions, notation};
use crate::describe::{ADDRESS_LEN, trimmed};

/// Longest e-mail address the runtime accepts.
const EMAIL_MAX: u32 = 254;
/// Largest magnitude of any number the runtime accepts.
const NUMBER_BOUND: i64 = 10_000_000_000_000;

/// The schema of `fields`: the object of the form's top-level fields.
pub(crate) fn root(fields: &[Field], kind: SchemaKind) -> Obj {
    frame(fields, kind, 0, true)
}

/// The object of a frame (the form's fields or one list item), lists nested
/// `depth` deep. `rules`: whether the conditional fields it holds get their
/// `if`/`then` rules here (not inside a part that is itself conditional).
fn frame(fields: &[Field], kind: SchemaKind, depth: u8, rules: bool) -> Obj {
    let obj = object(fields, kind, depth, rules);
    if kind == SchemaKind::Canonical || !rules {
        return obj;
    }
    let typed =
        |f: &Field, required: bool, at: u8| -> Value { input_field(f, required, at, false).into() };
    let rules = conditions::frame_rules(fields, depth, &typed);
    if rules.is_empty() {
        obj
    } else {
        obj.set("allOf", rules)
    }
}

/// The object of `fields` (a frame or a group's value).
///
/// `required` lists the fields that are required and always shown. A field
/// shown only under a condition is optional; in the input schema it takes
/// any value (the runtime ignores a hidden field's value) and is typed by
/// its frame's rules where the condition can be said (see `conditions`).
fn object(fields: &[Field], kind: SchemaKind, depth: u8, rules: bool) -> Obj {
    let mut properties = Map::new();
    let mut required = Vec::new();
    for f in fields {
        let always = matches!(f.presence, Presence::Required) && f.visible_when.is_none();
        let schema = match kind {
            SchemaKind::Canonical => canonical_field(f, depth),
            SchemaKind::Input if f.visible_when.is_some() => conditional(f),
            SchemaKind::Input => input_field(f, always, depth, rules),
        };
        properties.insert(f.id.clone(), schema.into());
        if always {
            required.push(Value::from(f.id.as_str()));
        }
    }
    closed_object(properties, required)
}

fn labelled(schema: Obj, f: &Field) -> Obj {
    let help = f.help.as_ref().map(|h| h.ja.as_str());
    schema
        .titled(&f.label.ja, help)
        .opt("$comment", condition_comment(f))
}

/// The field's conditions as a comment.
fn condition_comment(f: &Field) -> Option<String> {
    let when = trimmed(f.visible_src.as_deref()).map(|c| format!("shown when {c}"));
    let req = trimmed(f.required_src.as_deref()).map(|c| format!("required when {c}"));
    match (when, req) {
        (Some(a), Some(b)) => Some(format!("{a}; {b}")),
        (a, b) => a.or(b),
    }
}

/// A field shown only under a condition, in the input schema: any value.
fn conditional(f: &Field) -> Obj {
    let note = "while the condition does not hold the field is hidden and any value sent \
                for it is ignored (warning unknown_field); the frame's if/then rules type \
                it where the condition can be expressed";
    let comment = match condition_comment(f) {
        Some(c) => format!("{c}; {note}"),
        None => note.to_owned(),
    };
    let help = f.help.as_ref().map(|h| h.ja.as_str());
    Obj::new()
        .titled(&f.label.ja, help)
        .set("$comment", comment)
}

// ---- canonical ----

fn canonical_field(f: &Field, depth: u8) -> Obj {
    labelled(canonical_kind(&f.kind, depth), f)
}

/// The canonical value of one kind.
fn canonical_kind(kind: &FieldKind, depth: u8) -> Obj {
    match kind {
        FieldKind::Text {
            min_len,
            max_len,
            chars,
            lines,
        } => {
            let base = match chars {
                None => Obj::pattern(build::free_text(lines.is_some())),
                Some(CharClass::Katakana) => Obj::pattern(build::katakana()),
                Some(CharClass::Zengin) => Obj::pattern(build::zengin()),
                Some(CharClass::Ascii) => Obj::pattern(build::ASCII),
                // JIS X 0208 is some 4,000 ranges of code points: the schema
                // says "no control characters"; the runtime checks the set.
                Some(CharClass::Jis) => Obj::pattern(build::free_text(false)),
            };
            // Blank text is absent: canonical text has a character at least.
            base.set("minLength", min_len.unwrap_or(1).max(1))
                .opt("maxLength", *max_len)
        }
        FieldKind::Kana { max_len } => Obj::pattern(build::katakana())
            .set("minLength", 1)
            .opt("maxLength", *max_len),
        FieldKind::Integer { min, max } => integer_bounds(Obj::ty("integer"), *min, *max),
        FieldKind::Yen { min, max } => {
            integer_bounds(Obj::ty("integer"), Some(min.unwrap_or(0)), *max)
        }
        FieldKind::Rate => Obj::any_of([
            integer_bounds(Obj::ty("integer"), None, None),
            Obj::pattern(build::RATE),
        ]),
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
        FieldKind::Choice { options } => choice_enum(options),
        FieldKind::Multi { options, min, max } => Obj::ty("array")
            .set("items", choice_enum(options))
            .set("uniqueItems", true)
            .opt("minItems", (*min > 0).then_some(*min))
            .opt("maxItems", *max),
        FieldKind::PostalCode => Obj::pattern(build::POSTAL_CODE),
        FieldKind::Phone => Obj::pattern(build::PHONE),
        FieldKind::Email => Obj::pattern(build::EMAIL).set("maxLength", EMAIL_MAX),
        FieldKind::Address => Obj::pattern(build::free_text(false))
            .set("minLength", ADDRESS_LEN.0)
            .set("maxLength", ADDRESS_LEN.1),
        FieldKind::Digits { min, max } => Obj::pattern(build::digits(*min, *max)),
        FieldKind::Group { fields } => object(fields, SchemaKind::Canonical, depth, false),
        FieldKind::List { min, max, fields } => {
            // An empty list is absent, and absent values are left out: a
            // canonical list has an item at least.
            Obj::ty("array")
                .set(
                    "items",
                    frame(
                        fields,
                        SchemaKind::Canonical,
                        depth.saturating_add(1),
                        false,
                    ),
                )
                .set("minItems", (*min).max(1))
                .set("maxItems", *max)
        }
    }
}

fn choice_enum(options: &[ChoiceOption]) -> Obj {
    let keys: Vec<Value> = options
        .iter()
        .map(|o| Value::from(o.key.as_str()))
        .collect();
    Obj::ty("string").set("enum", keys)
}

/// `minimum`/`maximum`, within the runtime's bound on every number.
fn integer_bounds(schema: Obj, min: Option<i64>, max: Option<i64>) -> Obj {
    schema
        .set(
            "minimum",
            min.map_or(-NUMBER_BOUND, |m| m.max(-NUMBER_BOUND)),
        )
        .set("maximum", max.map_or(NUMBER_BOUND, |m| m.min(NUMBER_BOUND)))
}

// ---- input ----

/// The input schema of an unconditional (or, in a rule, shown) field.
/// `rules`: whether list items inside get their frames' rules.
fn input_field(f: &Field, required: bool, depth: u8, rules: bool) -> Obj {
    labelled(input_kind(&f.kind, required, depth, rules), f)
}

/// What the runtime reads for one kind. `required`: absent values (`null`,
/// blank strings, `[]`) are refused; otherwise they are accepted.
fn input_kind(kind: &FieldKind, required: bool, depth: u8, rules: bool) -> Obj {
    let optional = !required;
    let text = |pattern: String| Obj::pattern(pattern);
    let schema = match kind {
        // Looser than the runtime for control characters (which it
        // refuses): a pattern over the text as sent cannot say it simply.
        FieldKind::Text {
            min_len,
            max_len,
            chars,
            lines: _,
        } => match chars {
            None | Some(CharClass::Jis) => text(notation::padded(
                &notation::text_core(
                    notation::ANY,
                    notation::NOT_WS,
                    min_len.unwrap_or(1),
                    *max_len,
                ),
                optional,
            )),
            Some(CharClass::Ascii) => text(notation::padded(
                &notation::text_core(
                    notation::ASCII_INNER,
                    notation::ASCII_END,
                    min_len.unwrap_or(1),
                    *max_len,
                ),
                optional,
            )),
            Some(CharClass::Katakana) => text(notation::kana(*max_len, false, required)),
            Some(CharClass::Zengin) => text(notation::kana(*max_len, true, required)),
        },
        FieldKind::Kana { max_len } => text(notation::kana(*max_len, false, required)),
        FieldKind::Address => text(notation::padded(
            &notation::text_core(
                notation::ANY,
                notation::NOT_WS,
                ADDRESS_LEN.0,
                Some(ADDRESS_LEN.1),
            ),
            optional,
        )),
        FieldKind::Email => return notation::defined("email", optional),
        FieldKind::Digits { min, max } => {
            text(notation::padded(&notation::digits(*min, *max), optional))
        }
        FieldKind::PostalCode => return notation::defined("postal_code", optional),
        FieldKind::Phone => return notation::defined("phone", optional),
        FieldKind::Integer { min, max } => number(*min, *max, optional),
        FieldKind::Yen { min, max } => number(Some(min.unwrap_or(0)), *max, optional),
        FieldKind::Rate => Obj::any_of([
            integer_bounds(Obj::ty("integer"), None, None),
            text(notation::padded(&notation::rate(), optional)),
        ]),
        FieldKind::Date => return notation::defined("date", optional),
        FieldKind::Month => return notation::defined("month", optional),
        FieldKind::Period => period(optional),
        FieldKind::Bool => Obj::ty("boolean"),
        FieldKind::Choice { options } => Obj::any_of([
            choice_enum(options),
            text(notation::padded(&notation::choice(options), optional)),
        ]),
        FieldKind::Multi { options, min, max } => Obj::ty("array")
            .set(
                "items",
                text(notation::padded(&notation::choice(options), false)),
            )
            .set("uniqueItems", true)
            .opt("minItems", (*min > 0).then_some(*min))
            .opt("maxItems", *max),
        FieldKind::Group { fields } => object(fields, SchemaKind::Input, depth, rules),
        FieldKind::List { min, max, fields } => {
            let items = frame(fields, SchemaKind::Input, depth.saturating_add(1), rules);
            let list = Obj::ty("array").set("items", items).set("maxItems", *max);
            if required {
                // `[]` is absent: a required list needs an item.
                list.set("minItems", (*min).max(1))
            } else if *min > 1 {
                // `[]` (absent) or `min..max` items.
                Obj::any_of([
                    Obj::ty("array").set("maxItems", 0),
                    list.set("minItems", *min),
                ])
            } else {
                list
            }
        }
    };
    if optional { nullable(schema) } else { schema }
}

/// `schema` or `null`.
fn nullable(schema: Obj) -> Obj {
    Obj::any_of([schema, Obj::ty("null")])
}

/// An integer: a JSON number or digits as text.
fn number(min: Option<i64>, max: Option<i64>, optional: bool) -> Obj {
    let negative = min.is_none_or(|m| m <= 0);
    Obj::any_of([
        integer_bounds(Obj::ty("integer"), min, max),
        Obj::pattern(notation::padded(&notation::integer(negative), optional)),
    ])
}

/// A period `{from, to}`: both dates, or (when optional) both absent.
fn period(optional: bool) -> Obj {
    let date = || notation::reference("date");
    let both = |from: Obj, to: Obj| {
        let mut properties = Map::new();
        properties.insert("from".to_owned(), from.set("title", "開始日").into());
        properties.insert("to".to_owned(), to.set("title", "終了日").into());
        properties
    };
    let dated = closed_object(
        both(date(), date()),
        vec![Value::from("from"), Value::from("to")],
    );
    if !optional {
        return dated;
    }
    let absent = || notation::reference(notation::ABSENT);
    Obj::any_of([dated, closed_object(both(absent(), absent()), Vec::new())])
}
