//! The JSON Schema (draft 2020-12) of a form version's submission envelope.
//!
//! It describes the *canonical* form of the data — what the runtime reports
//! in `normalized` and what a frontend should send: ISO dates, digits as
//! strings, normalized katakana, numbers as JSON integers, absent values
//! left out (the runtime also reads `null`, `""` and `[]` as absent). The
//! runtime accepts more where a person types (和暦, full-width digits,
//! hiragana, `123-4567`) and checks more than a schema can say: conditions,
//! rules, check digits, 支部 names, dates in the future.

mod attachments;
mod build;
mod fields;

use serde_json::{Map, Value};
use shinsei_ir::{Bundle, Form, Presence, QualField};

use build::{Obj, closed_object};

/// The draft the schema declares.
pub const SCHEMA_DIALECT: &str = "https://json-schema.org/draft/2020-12/schema";
/// Base of every schema's `$id`: `<base>/<form id>/<version>.json`.
pub const SCHEMA_BASE: &str = "https://shinsei.example/schemas";

/// Longest 氏名 the runtime accepts (characters).
const NAME_MAX: u32 = 50;

/// The `$id` of the envelope schema of `form`.
pub fn schema_id(form: &Form) -> String {
    format!(
        "{SCHEMA_BASE}/{}/{}.json",
        encode(&form.id),
        encode(&form.version)
    )
}

/// The JSON Schema (draft 2020-12) of the submission envelope of `form`.
///
/// `additionalProperties` is `false` wherever the runtime rejects unknown
/// keys (the envelope, `applicant`, `qualification`, `fields` and every group,
/// list item, period and attachment entry). `required` holds only what is
/// required unconditionally; conditional requirements are in `$comment`s.
pub fn envelope_schema(form: &Form, bundle: &Bundle) -> Value {
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
    put(
        "version",
        Obj::ty("string")
            .set("const", form.version.as_str())
            .titled(
                "様式の版",
                Some("省略すると提出日時に有効な版が適用されます"),
            ),
    );
    put(
        "submitted_at",
        Obj::format("date-time").set("title", "提出日時"),
    );
    put("applicant", applicant(form));
    let qualification = qualification(form);
    put("qualification", qualification.0);
    let fields = fields::object(&form.fields).set("title", "申請内容");
    put("fields", fields);
    put("attachments", attachments::attachments(form));

    let mut required = vec![Value::from("form"), Value::from("applicant")];
    if qualification.1 {
        required.push(Value::from("qualification"));
    }
    if form
        .fields
        .iter()
        .any(|f| matches!(f.presence, Presence::Required) && f.visible_when.is_none())
    {
        required.push(Value::from("fields"));
    }
    if form
        .attachments
        .iter()
        .any(|a| matches!(a.presence, Presence::Required))
    {
        required.push(Value::from("attachments"));
    }
    let effective = match form.effective.to {
        Some(to) => format!("{}〜{}", form.effective.from, to),
        None => format!("{}〜", form.effective.from),
    };
    Obj::new()
        .set("$schema", SCHEMA_DIALECT)
        .set("$id", schema_id(form))
        .set(
            "$comment",
            format!(
                "shinsei {} {} ({}); canonical form of the data",
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
        .merge(closed_object(properties, required))
        .into()
}

fn applicant(form: &Form) -> Obj {
    let roles: Vec<Value> = form
        .applicants
        .iter()
        .map(|r| Value::from(r.id()))
        .collect();
    let mut properties = Map::new();
    properties.insert(
        "role".to_owned(),
        Obj::ty("string")
            .set("enum", roles)
            .set("title", "申請者の区分")
            .into(),
    );
    closed_object(properties, vec![Value::from("role")]).set("title", "申請者")
}

/// The `qualification` object and whether the form requires any of it.
///
/// Every 資格 field is a property: the runtime checks the format of each one
/// sent, shown on the form or not.
fn qualification(form: &Form) -> (Obj, bool) {
    let mut properties = Map::new();
    for q in QualField::ALL {
        let schema = match q {
            QualField::InsurerNumber => Obj::pattern(build::digits(8, 8)),
            QualField::Branch => Obj::ty("string").set("minLength", 1),
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
    (obj, any)
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
