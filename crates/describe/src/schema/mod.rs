//! The JSON Schemas (draft 2020-12) of a form version's submission envelope,
//! in two kinds ([`SchemaKind`]):
//!
//! - the **input** schema: everything the runtime accepts — every notation it
//!   normalizes (和暦, full-width digits, hiragana and half-width kana, ASCII
//!   spaces in kana, `"300,000"`, `123-4567`, `null` where a value may be
//!   absent, `[]` for an empty list, spaces around typed text). Whatever the
//!   runtime accepts, it accepts (`wasm/tests/schema.test.mjs` checks it on
//!   every case and thousands of variants); it refuses what it can say the
//!   runtime refuses. It cannot say everything the runtime checks (rules,
//!   dates that exist, check digits, lengths after kana normalization), so
//!   it accepts some submissions the runtime refuses, never the reverse.
//! - the **canonical** schema: the normalized values, as the runtime reports
//!   them in the result's `canonical` — ISO dates, ASCII digits, 全角カタカナ,
//!   JSON integers, absent values left out, `version`, `qualification`,
//!   `fields` and `attachments` always there.
//!
//! Both compile under ajv's `strict` mode. A field shown only under a
//! condition is optional in both; in the input schema it takes any value
//! (the runtime ignores a hidden field's value) and is typed by `if`/`then`
//! rules where the condition can be said in JSON Schema (`conditions`).

mod attachments;
mod build;
mod conditions;
mod fields;
mod notation;

use serde_json::{Map, Value};
use shinsei_ir::{Bundle, Form, Presence, QualField};

use build::{Obj, closed_object};

/// Which of a form's two schemas.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum SchemaKind {
    /// Everything the runtime accepts (the default).
    #[default]
    Input,
    /// The normalized values (the result's `canonical`).
    Canonical,
}

impl SchemaKind {
    /// `input` or `canonical`.
    pub fn name(self) -> &'static str {
        match self {
            SchemaKind::Input => "input",
            SchemaKind::Canonical => "canonical",
        }
    }
}

/// The draft the schema declares.
pub const SCHEMA_DIALECT: &str = "https://json-schema.org/draft/2020-12/schema";
/// Base of every schema's `$id`: `<base>/<form id>/<version>.json` (input),
/// `<base>/<form id>/<version>.canonical.json`.
pub const SCHEMA_BASE: &str = "https://shinsei.example/schemas";

/// Longest 氏名 the runtime accepts (characters).
const NAME_MAX: u32 = 50;

/// The `$id` of the envelope schema of `form` of kind `kind`.
pub fn schema_id(form: &Form, kind: SchemaKind) -> String {
    let suffix = match kind {
        SchemaKind::Input => "",
        SchemaKind::Canonical => ".canonical",
    };
    format!(
        "{SCHEMA_BASE}/{}/{}{suffix}.json",
        encode(&form.id),
        encode(&form.version)
    )
}

/// The JSON Schema (draft 2020-12) of the submission envelope of `form`, of
/// kind `kind`.
///
/// `additionalProperties` is `false` wherever the runtime rejects unknown
/// keys (the envelope, `applicant`, `qualification`, `fields` and every group,
/// list item, period and attachment entry). `required` holds what is
/// required unconditionally; conditions are in `$comment`s and, in the input
/// schema, in `if`/`then` rules where JSON Schema can say them.
pub fn envelope_schema(form: &Form, bundle: &Bundle, kind: SchemaKind) -> Value {
    let input = kind == SchemaKind::Input;
    let mut properties = Map::new();
    let mut put = |key: &str, schema: Obj| {
        properties.insert(key.to_owned(), schema.into());
    };
    put(
        "form",
        Obj::ty("string")
            .set("const", form.id.as_str())
            .titled("様式", Some(&form.title.ja)),
    );
    let version = if input {
        Obj::new()
            .set(
                "enum",
                vec![Value::from(form.version.as_str()), Value::Null],
            )
            .titled(
                "様式の版",
                Some("省略すると提出日時に有効な版が適用されます"),
            )
    } else {
        Obj::ty("string")
            .set("const", form.version.as_str())
            .set("title", "様式の版")
    };
    put("version", version);
    let submitted_at = Obj::pattern(if input {
        notation::padded(&notation::date_time(), false)
    } else {
        format!("^{}$", notation::date_time())
    })
    .set("title", "提出日時");
    put(
        "submitted_at",
        if input {
            nullable(submitted_at)
        } else {
            submitted_at
        },
    );
    put("applicant", applicant(form, kind));
    let (qualification, qualification_required) = qualification(form, kind);
    put("qualification", qualification);
    let fields_required = form
        .fields
        .iter()
        .any(|f| matches!(f.presence, Presence::Required) && f.visible_when.is_none());
    let fields = fields::root(&form.fields, kind).set("title", "申請内容");
    put(
        "fields",
        if input && !fields_required {
            nullable(fields)
        } else {
            fields
        },
    );
    put("attachments", attachments::attachments(form, kind));

    let mut required = vec![Value::from("form"), Value::from("applicant")];
    let attachments_required = form
        .attachments
        .iter()
        .any(|a| matches!(a.presence, Presence::Required));
    if input {
        if qualification_required {
            required.push(Value::from("qualification"));
        }
        if fields_required {
            required.push(Value::from("fields"));
        }
        if attachments_required {
            required.push(Value::from("attachments"));
        }
    } else {
        for key in ["version", "qualification", "fields", "attachments"] {
            required.push(Value::from(key));
        }
    }
    let effective = match form.effective.to {
        Some(to) => format!("{}〜{}", form.effective.from, to),
        None => format!("{}〜", form.effective.from),
    };
    let what = match kind {
        SchemaKind::Input => "input: everything the runtime accepts",
        SchemaKind::Canonical => "canonical: the normalized values",
    };
    let body = closed_object(properties, required);
    let defs = if input { definitions(&body) } else { None };
    Obj::new()
        .set("$schema", SCHEMA_DIALECT)
        .set("$id", schema_id(form, kind))
        .set(
            "$comment",
            format!(
                "shinsei {} {} ({}); {what}",
                form.id, form.version, bundle.hash
            ),
        )
        .titled(
            &form.title.ja,
            Some(&format!(
                "{}（{} 版、{} 提出分）の申請データ",
                form.title.ja, form.version, effective
            )),
        )
        .merge(body)
        .opt("$defs", defs)
        .into()
}

/// The `$defs` the input schema `body` refers to.
fn definitions(body: &Obj) -> Option<Value> {
    let text = Value::from(body.clone()).to_string();
    let used = |name: &str| text.contains(&format!("\"#/$defs/{name}\""));
    let mut defs = Map::new();
    for (name, pattern, description) in notation::definitions() {
        if used(name) {
            let schema = Obj::pattern(pattern).set("description", description);
            defs.insert(name.to_owned(), schema.into());
        }
    }
    if used(notation::ABSENT) {
        let absent = Obj::any_of([Obj::ty("null"), Obj::pattern(notation::blank())])
            .set("description", "no value: null or a blank string");
        defs.insert(notation::ABSENT.to_owned(), absent.into());
    }
    (!defs.is_empty()).then_some(Value::Object(defs))
}

/// `schema` or `null`.
fn nullable(schema: Obj) -> Obj {
    Obj::any_of([schema, Obj::ty("null")])
}

fn applicant(form: &Form, kind: SchemaKind) -> Obj {
    let roles: Vec<Value> = form
        .applicants
        .iter()
        .map(|r| Value::from(r.id()))
        .collect();
    let role = match kind {
        SchemaKind::Canonical => Obj::ty("string").set("enum", roles),
        SchemaKind::Input => Obj::any_of([
            Obj::ty("string").set("enum", roles),
            Obj::pattern(notation::padded(&notation::roles(&form.applicants), false)),
        ]),
    };
    let mut properties = Map::new();
    properties.insert("role".to_owned(), role.set("title", "申請者の区分").into());
    closed_object(properties, vec![Value::from("role")]).set("title", "申請者")
}

/// The `qualification` object and whether the form requires any of it.
///
/// Every 資格 field is a property: the runtime checks the format of each one
/// sent, shown on the form or not.
fn qualification(form: &Form, kind: SchemaKind) -> (Obj, bool) {
    let input = kind == SchemaKind::Input;
    let mut properties = Map::new();
    for q in QualField::ALL {
        let required = form
            .qualification
            .iter()
            .any(|item| item.field == q && item.required);
        let schema = if input {
            qualification_input(q, required)
        } else {
            qualification_canonical(q)
        };
        properties.insert(
            q.id().to_owned(),
            schema.set("title", q.ja()).set("readOnly", true).into(),
        );
    }
    let required: Vec<Value> = form
        .qualification
        .iter()
        .filter(|item| item.required)
        .map(|item| Value::from(item.field.id()))
        .collect();
    let any = !required.is_empty();
    let obj = closed_object(properties, required)
        .titled("資格情報", Some("加入者の資格情報から自動入力されます"));
    if input && !any {
        return (nullable(obj), any);
    }
    (obj, any)
}

/// A 資格 field as the runtime reads it (a value is optional unless the
/// form requires it, and then it may not be blank).
fn qualification_input(q: QualField, required: bool) -> Obj {
    let optional = !required;
    let padded = |core: String| Obj::pattern(notation::padded(&core, optional));
    let schema = match q {
        QualField::InsurerNumber => padded(notation::digits(8, 8)),
        QualField::Branch => padded(notation::branch()),
        QualField::Symbol | QualField::Number => padded(notation::digits(1, 8)),
        QualField::BranchNo => padded(notation::digits(2, 2)),
        QualField::NameKanji => padded(notation::text_core(
            notation::ANY,
            notation::NOT_WS,
            1,
            Some(NAME_MAX),
        )),
        QualField::NameKana => Obj::pattern(notation::kana(Some(NAME_MAX), false, required)),
        QualField::Sex => padded(notation::one_of(["male", "female"])),
        QualField::BirthDate => return notation::defined("date", optional),
    };
    if optional { nullable(schema) } else { schema }
}

/// A 資格 field's canonical value.
fn qualification_canonical(q: QualField) -> Obj {
    use shinsei_jp::insurer::BRANCHES;
    match q {
        QualField::InsurerNumber => Obj::ty("string").set(
            "enum",
            BRANCHES
                .iter()
                .map(|b| Value::from(b.insurer_number))
                .collect::<Vec<_>>(),
        ),
        QualField::Branch => Obj::ty("string").set(
            "enum",
            BRANCHES
                .iter()
                .map(|b| Value::from(b.name))
                .collect::<Vec<_>>(),
        ),
        QualField::Symbol | QualField::Number => Obj::pattern(build::digits(1, 8)),
        QualField::BranchNo => Obj::pattern(build::digits(2, 2)),
        QualField::NameKanji => Obj::ty("string")
            .set("minLength", 1)
            .set("maxLength", NAME_MAX),
        QualField::NameKana => Obj::pattern(build::katakana()).set("maxLength", NAME_MAX),
        QualField::Sex => {
            Obj::ty("string").set("enum", vec![Value::from("male"), Value::from("female")])
        }
        QualField::BirthDate => Obj::format("date"),
    }
}

/// Percent-encodes everything but RFC 3986 unreserved characters.
fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}
