//! Both envelope schemas are valid draft 2020-12, accept a minimal valid
//! shobyo_teate submission and reject broken ones — in agreement with the
//! runtime on every example (the input schema where a schema can tell).

use chrono::DateTime;
use serde_json::{Value, json};
use shinsei_describe::{SCHEMA_DIALECT, SchemaKind, envelope_schema};
use shinsei_runtime::{Options, ValidationResult};

use crate::common::{bundle, form, schema_errors, validator};

#[test]
fn every_schema_is_valid_draft_2020_12() {
    let bundle = bundle();
    for form in &bundle.forms {
        for (kind, suffix) in [
            (SchemaKind::Input, ""),
            (SchemaKind::Canonical, ".canonical"),
        ] {
            let schema = envelope_schema(form, bundle, kind);
            assert_eq!(schema["$schema"], SCHEMA_DIALECT);
            assert_eq!(
                schema["$id"],
                format!(
                    "https://shinsei.example/schemas/{}/{}{suffix}.json",
                    form.id, form.version
                )
            );
            if let Err(e) = jsonschema::meta::validate(&schema) {
                panic!("{} {}: {e} at {}", form.id, form.version, e.instance_path());
            }
            validator(&schema);
        }
    }
}

/// A minimal valid shobyo_teate 2026.1 envelope (canonical form).
fn minimal() -> Value {
    json!({
        "form": "shobyo_teate",
        "version": "2026.1",
        "submitted_at": "2026-01-13T09:30:00+09:00",
        "applicant": { "role": "insured" },
        "qualification": {
            "insurer_number": "01130012", "branch": "東京",
            "symbol": "12345678", "number": "1",
            "name_kanji": "協会 太郎", "name_kana": "キョウカイ\u{3000}タロウ",
            "birth_date": "1989-05-10"
        },
        "fields": {
            "postal_code": "1000001",
            "address": "東京都千代田区千代田1-1",
            "phone": "0312345678",
            "bank": {
                "bank_code": "0001", "branch_code": "001", "account_type": "ordinary",
                "account_number": "1234567", "holder_kana": "キヨウカイ\u{3000}タロウ"
            },
            "leave": [ { "from": "2026-01-05", "to": "2026-01-12" } ],
            "first_claim": true,
            "job": "事務",
            "diagnosis": "腰痛症",
            "first_visit": "2026-01-05",
            "cause": "illness",
            "occupational": false,
            "paid": false,
            "disability_pension": "no",
            "rousai": "no",
            "coverage_changed": false
        },
        "attachments": [
            { "slot": "doctor_opinion", "file_name": "ikensho.pdf",
              "media_type": "application/pdf", "size": 123456 },
            { "slot": "employer_certificate", "file_name": "jigyonushi.jpg",
              "media_type": "image/jpeg", "size": 240000, "width": 2480, "height": 3508 }
        ]
    })
}

fn run(envelope: &Value) -> ValidationResult {
    let now = DateTime::parse_from_rfc3339("2026-01-13T09:30:00+09:00").unwrap();
    shinsei_runtime::validate(bundle(), &envelope.to_string(), now, &Options::default())
}

fn schema_verdict(envelope: &Value, kind: SchemaKind) -> Vec<String> {
    let form = form("shobyo_teate", "2026.1");
    schema_errors(&validator(&envelope_schema(form, bundle(), kind)), envelope)
}

#[test]
fn minimal_envelope_is_valid() {
    let envelope = minimal();
    for kind in [SchemaKind::Input, SchemaKind::Canonical] {
        let errors = schema_verdict(&envelope, kind);
        assert!(errors.is_empty(), "{kind:?}: {errors:#?}");
    }
    let result = run(&envelope);
    assert!(result.valid, "the runtime disagrees: {:#?}", result.errors);
    // The minimal envelope is already canonical but for its key order.
    assert_eq!(result.canonical.unwrap().to_value(), envelope);
}

#[test]
fn version_and_submitted_at_may_be_omitted_in_the_input() {
    let mut envelope = minimal();
    let obj = envelope.as_object_mut().unwrap();
    obj.remove("version");
    obj.remove("submitted_at");
    assert_eq!(
        schema_verdict(&envelope, SchemaKind::Input),
        Vec::<String>::new()
    );
    // The canonical form names the version it was validated against.
    assert!(!schema_verdict(&envelope, SchemaKind::Canonical).is_empty());
    let canonical = run(&envelope).canonical.unwrap().to_value();
    assert_eq!(canonical["version"], "2026.1");
}

#[test]
fn the_input_schema_takes_what_people_type() {
    let mut envelope = minimal();
    envelope["version"] = Value::Null;
    envelope["qualification"]["name_kana"] = json!(" きょうかい　ﾀﾛｳ ");
    envelope["qualification"]["birth_date"] = json!("平成元年５月１０日");
    envelope["fields"]["postal_code"] = json!("〒100-0001");
    envelope["fields"]["phone"] = json!("03(1234)5678");
    envelope["fields"]["first_visit"] = json!("R8.1.5");
    envelope["fields"]["leave"][0]["to"] = json!("令和８年１月１２日");
    envelope["fields"]["cause"] = json!(" illness ");
    envelope["fields"]["bank"]["holder_kana"] = json!("ｷｮｳｶｲ ﾀﾛｳ");
    envelope["fields"]["loss_date"] = json!("");
    envelope["fields"]["standard_monthly"] = json!([]);
    let result = run(&envelope);
    assert!(result.valid, "{:#?}", result.errors);
    assert_eq!(
        schema_verdict(&envelope, SchemaKind::Input),
        Vec::<String>::new()
    );
    assert!(!schema_verdict(&envelope, SchemaKind::Canonical).is_empty());
    let canonical = result.canonical.unwrap().to_value();
    assert_eq!(
        schema_verdict(&canonical, SchemaKind::Canonical),
        Vec::<String>::new()
    );
}

/// Each change breaks the minimal envelope; the schemas and the runtime must
/// all reject it, the runtime with `code` somewhere in its errors — but for
/// the input schema on the few a schema cannot see in typed text (a day that
/// does not exist).
#[test]
fn broken_envelopes_are_rejected() {
    type Edit = fn(&mut Value);
    let input_cannot_tell = ["bad date"];
    let cases: &[(&str, &str, Edit)] = &[
        ("unknown field", "unknown_field", |e| {
            e["fields"]["extra"] = json!(1)
        }),
        ("unknown envelope key", "unknown_field", |e| {
            e["extra"] = json!(1)
        }),
        ("unknown key in a list item", "unknown_field", |e| {
            e["fields"]["leave"][0]["x"] = json!(1)
        }),
        ("unknown key in a group", "unknown_field", |e| {
            e["fields"]["bank"]["x"] = json!("1")
        }),
        ("wrong type: bool as string", "type", |e| {
            e["fields"]["paid"] = json!("no")
        }),
        ("wrong type: date as number", "type", |e| {
            e["fields"]["first_visit"] = json!(20260105)
        }),
        ("missing required field", "required", |e| {
            e["fields"].as_object_mut().unwrap().remove("diagnosis");
        }),
        ("empty required list", "required", |e| {
            e["fields"]["leave"] = json!([])
        }),
        ("too many list items", "items.max", |e| {
            e["fields"]["leave"] =
                json!(vec![json!({"from": "2026-01-05", "to": "2026-01-12"}); 13]);
        }),
        ("bad choice", "choice", |e| {
            e["fields"]["cause"] = json!("accident")
        }),
        ("bad date", "format.date", |e| {
            e["fields"]["first_visit"] = json!("2026-02-30")
        }),
        ("text too long", "length.max", |e| {
            e["fields"]["job"] = json!("あ".repeat(101))
        }),
        ("bad digits", "format.digits", |e| {
            e["fields"]["bank"]["bank_code"] = json!("12345")
        }),
        ("bad postal code", "format.postal_code", |e| {
            e["fields"]["postal_code"] = json!("10000")
        }),
        ("bad phone", "format.phone", |e| {
            e["fields"]["phone"] = json!("1312345678")
        }),
        ("bad zengin kana", "format.kana", |e| {
            e["fields"]["bank"]["holder_kana"] = json!("協会タロウ");
        }),
        ("bad symbol", "format.digits", |e| {
            e["qualification"]["symbol"] = json!("123456789")
        }),
        ("bad sex", "choice", |e| {
            e["qualification"]["sex"] = json!("x")
        }),
        ("missing required qualification", "required", |e| {
            e["qualification"]
                .as_object_mut()
                .unwrap()
                .remove("birth_date");
        }),
        ("role not allowed", "applicant.role", |e| {
            e["applicant"]["role"] = json!("dependent")
        }),
        ("unknown slot", "attachment.unknown_slot", |e| {
            e["attachments"][0]["slot"] = json!("nope");
        }),
        ("media type", "attachment.type", |e| {
            e["attachments"][0]["media_type"] = json!("image/gif")
        }),
        ("file too large for the slot", "attachment.size", |e| {
            e["attachments"][0]["size"] = json!(11 * 1024 * 1024);
        }),
        ("jpeg too small", "attachment.size", |e| {
            e["attachments"][1]["size"] = json!(50_000)
        }),
        ("missing required attachment", "attachment.missing", |e| {
            e["attachments"].as_array_mut().unwrap().remove(0);
        }),
        ("too many files in a slot", "attachment.count", |e| {
            let one = e["attachments"][0].clone();
            e["attachments"]
                .as_array_mut()
                .unwrap()
                .extend(vec![one; 5]);
        }),
        ("negative yen", "range.min", |e| {
            e["fields"]["standard_monthly"] = json!([{ "month": "2025-12", "amount": -1 }]);
        }),
        ("wrong form", "envelope.form", |e| {
            e["form"] = json!("other")
        }),
    ];
    let mut failures = Vec::new();
    for (what, code, edit) in cases {
        let mut envelope = minimal();
        edit(&mut envelope);
        let runtime = run(&envelope);
        let codes: Vec<&str> = runtime.errors.iter().map(|i| i.code.as_str()).collect();
        if schema_verdict(&envelope, SchemaKind::Canonical).is_empty() {
            failures.push(format!("{what}: the canonical schema accepts it"));
        }
        let input = schema_verdict(&envelope, SchemaKind::Input);
        if input.is_empty() != input_cannot_tell.contains(what) {
            failures.push(format!("{what}: the input schema gives {input:?}"));
        }
        if !codes.contains(code) {
            failures.push(format!("{what}: runtime gave {codes:?}, expected {code}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn hidden_and_conditional_fields_are_optional_in_the_schemas() {
    for kind in [SchemaKind::Input, SchemaKind::Canonical] {
        hidden_and_conditional_fields_are_optional(kind);
    }
}

fn hidden_and_conditional_fields_are_optional(kind: SchemaKind) {
    let schema = envelope_schema(form("shobyo_teate", "2026.1"), bundle(), kind);
    let fields = &schema["properties"]["fields"];
    let required: Vec<&str> = fields["required"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    for id in [
        "payments",
        "injury_circumstances",
        "pension",
        "labour_office",
        "loss_date",
    ] {
        assert!(!required.contains(&id), "{id} is not always required");
        assert!(
            fields["properties"][id].is_object(),
            "{id} is still a property"
        );
    }
    assert!(required.contains(&"leave") && required.contains(&"bank"));
}
