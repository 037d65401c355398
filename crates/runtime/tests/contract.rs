//! The stable contract: the DESIGN.md example, the closed code vocabulary
//! (every code produced at its path), the result's JSON shape and schema.

mod common;

use std::collections::BTreeSet;

use common::*;
use serde_json::json;
use shinsei_ir::{
    BinOp, Builtin, FieldKind, MediaType, Presence, QualField, QualItem, Role, ValueType,
};
use shinsei_runtime::{Code, Options, ValidationResult, is_known_code, validate};

fn shobyo_teate() -> shinsei_ir::Bundle {
    let leave = vec![
        field("from", "開始日", FieldKind::Date).required(),
        field("to", "終了日", FieldKind::Date).required(),
    ];
    let mut form = form(
        "shobyo_teate",
        vec![
            field("leave", "療養のため休んだ期間", list(1, 12, leave)).required(),
            field("paid", "期間中に報酬を受けましたか", FieldKind::Bool).required(),
            field("paid_amount", "受けた報酬の額", yen())
                .required()
                .visible_when(f(&[1])),
        ],
    );
    form.applicants = vec![Role::Insured, Role::Agent];
    form.qualification = [
        QualField::Branch,
        QualField::Symbol,
        QualField::Number,
        QualField::NameKanji,
        QualField::NameKana,
        QualField::BirthDate,
    ]
    .into_iter()
    .map(|field| QualItem {
        field,
        required: true,
    })
    .collect();
    let mut period_order = rule(
        "period_order",
        &[0],
        bin(BinOp::Ge, ff(1, &[1]), ff(1, &[0])),
        &[1],
    );
    period_order.message = shinsei_ir::Text::ja("終了日は開始日以降にしてください");
    form.rules.push(period_order);
    let daily = bin(
        BinOp::Mul,
        bin(BinOp::Div, lyen(300_000), lint(30)),
        lrate(2, 3),
    );
    form.computed.push(computed(
        "estimated_daily",
        ValueType::Yen,
        call(Builtin::Round, vec![daily, lint(1)]),
    ));
    form.attachments.push(slot(
        "opinion",
        "療養担当者の意見書",
        &[MediaType::Pdf, MediaType::Jpeg, MediaType::Png],
        10 * 1024 * 1024,
        1,
        Presence::Required,
    ));
    bundle(vec![form])
}

const DESIGN_SUBMISSION: &str = r#"{
  "form": "shobyo_teate",
  "version": "2026.1",
  "submitted_at": "2026-01-13T09:30:00+09:00",
  "applicant": { "role": "insured" },
  "qualification": {
    "insurer_number": "01130012", "branch": "東京",
    "symbol": "12345678", "number": "1", "branch_no": "00",
    "name_kanji": "協会 太郎", "name_kana": "キョウカイ タロウ",
    "sex": "male", "birth_date": "1989-05-10"
  },
  "fields": { "leave": [ { "from": "2026-01-05", "to": "2026-01-20" } ], "paid": false },
  "attachments": [ { "slot": "opinion", "file_name": "ikensho.pdf",
                     "media_type": "application/pdf", "size": 123456 } ]
}"#;

#[test]
fn design_example_comes_out_in_the_documented_shape() {
    let b = shobyo_teate();
    let submission = DESIGN_SUBMISSION
        .replace("2026-01-20", "2026-01-04")
        .replace("キョウカイ タロウ", "キョウカイ\u{3000}タロウ");
    let r = run_str(&b, &submission);
    let expected = r#"{"valid":false,"form":"shobyo_teate","version":"2026.1","errors":[{"path":"/fields/leave/0/to","code":"rule.period_order","message":"終了日は開始日以降にしてください","severity":"error"}],"warnings":[],"computed":{"estimated_daily":6667},"attachments":{"required":["opinion"],"missing":[]},"canonical":{"form":"shobyo_teate","version":"2026.1","submitted_at":"2026-01-13T09:30:00+09:00","applicant":{"role":"insured"},"qualification":{"insurer_number":"01130012","branch":"東京","symbol":"12345678","number":"1","branch_no":"00","name_kanji":"協会 太郎","name_kana":"キョウカイ　タロウ","sex":"male","birth_date":"1989-05-10"},"fields":{"leave":[{"from":"2026-01-05","to":"2026-01-04"}],"paid":false},"attachments":[{"slot":"opinion","file_name":"ikensho.pdf","media_type":"application/pdf","size":123456}]}}"#;
    assert_eq!(serde_json::to_string(&r).unwrap(), expected);
    // The submission exactly as documented is valid; the ASCII space in the
    // kana name is normalized to a full-width one and reported, and the
    // canonical submission carries every value, in the contract's order.
    let r = run_str(&b, DESIGN_SUBMISSION);
    let expected = r#"{"valid":true,"form":"shobyo_teate","version":"2026.1","errors":[],"warnings":[],"computed":{"estimated_daily":6667},"attachments":{"required":["opinion"],"missing":[]},"normalized":{"/qualification/name_kana":"キョウカイ　タロウ"},"canonical":{"form":"shobyo_teate","version":"2026.1","submitted_at":"2026-01-13T09:30:00+09:00","applicant":{"role":"insured"},"qualification":{"insurer_number":"01130012","branch":"東京","symbol":"12345678","number":"1","branch_no":"00","name_kanji":"協会 太郎","name_kana":"キョウカイ　タロウ","sex":"male","birth_date":"1989-05-10"},"fields":{"leave":[{"from":"2026-01-05","to":"2026-01-20"}],"paid":false},"attachments":[{"slot":"opinion","file_name":"ikensho.pdf","media_type":"application/pdf","size":123456}]}}"#;
    assert_eq!(serde_json::to_string(&r).unwrap(), expected);
    let back: ValidationResult = serde_json::from_str(expected).unwrap();
    assert_eq!(back, r);
}

#[test]
fn result_schema_lists_fields_in_order() {
    let schema = serde_json::to_value(schemars::schema_for!(ValidationResult)).unwrap();
    let props: Vec<&String> = schema["properties"].as_object().unwrap().keys().collect();
    for key in [
        "valid",
        "form",
        "version",
        "errors",
        "warnings",
        "computed",
        "attachments",
        "normalized",
    ] {
        assert!(
            props.iter().any(|p| *p == key),
            "{key} missing from {props:?}"
        );
    }
    let sev = serde_json::to_string(&schema).unwrap();
    assert!(sev.contains("\"warning\""));
}

/// A form that can produce every field-level code.
fn everything() -> shinsei_ir::Bundle {
    let mut form = form(
        "t",
        vec![
            field(
                "name",
                "名前",
                FieldKind::Text {
                    min_len: Some(2),
                    max_len: Some(5),
                    chars: None,
                    lines: None,
                },
            )
            .required(),
            field("kana", "カナ", FieldKind::Kana { max_len: None }),
            field("count", "人数", int(Some(1), Some(10))),
            field("pick", "選択", choice(&["a", "b"])),
            field(
                "tags",
                "タグ",
                FieldKind::Multi {
                    options: options(&["x", "y"]),
                    min: 0,
                    max: Some(1),
                },
            ),
            field("day", "日付", FieldKind::Date),
            field("code", "コード", FieldKind::Digits { min: 3, max: 3 }),
            field("postal", "郵便番号", FieldKind::PostalCode),
            field("phone", "電話番号", FieldKind::Phone),
            field("mail", "メール", FieldKind::Email),
            field("items", "明細", list(2, 3, vec![field("v", "値", text())])),
        ],
    );
    form.qualification = vec![QualItem {
        field: QualField::InsurerNumber,
        required: false,
    }];
    form.applicants = vec![Role::Insured];
    form.rules.push(rule(
        "must_be_a",
        &[],
        bin(BinOp::Eq, f(&[3]), ltext("a")),
        &[3],
    ));
    form.attachments.push(slot(
        "doc",
        "書類",
        &[MediaType::Pdf],
        1024 * 1024,
        1,
        Presence::Required,
    ));
    bundle(vec![form])
}

fn base() -> serde_json::Value {
    let mut s = env(json!({ "name": "協会" }));
    s["attachments"] = json!([{ "slot": "doc", "file_name": "a.pdf", "media_type": "application/pdf", "size": 10 }]);
    s
}

fn with(path: &[&str], value: serde_json::Value) -> String {
    let mut s = base();
    let mut at = &mut s;
    for (i, key) in path.iter().enumerate() {
        if i + 1 == path.len() {
            at[*key] = value.clone();
        } else {
            at = &mut at[*key];
        }
    }
    s.to_string()
}

#[test]
fn every_code_is_produced_at_its_path() {
    let b = everything();
    let pdf = |size: u64| json!({ "slot": "doc", "file_name": "a.pdf", "media_type": "application/pdf", "size": size });
    let cases: Vec<(Code, String, &str)> = vec![
        (
            Code::Required,
            with(&["fields", "name"], json!(null)),
            "/fields/name",
        ),
        (
            Code::Type,
            with(&["fields", "count"], json!(true)),
            "/fields/count",
        ),
        (
            Code::UnknownField,
            with(&["fields", "zzz"], json!(1)),
            "/fields/zzz",
        ),
        (
            Code::LengthMax,
            with(&["fields", "name"], json!("協会けんぽ本部")),
            "/fields/name",
        ),
        (
            Code::LengthMin,
            with(&["fields", "name"], json!("協")),
            "/fields/name",
        ),
        (
            Code::RangeMin,
            with(&["fields", "count"], json!(0)),
            "/fields/count",
        ),
        (
            Code::RangeMax,
            with(&["fields", "count"], json!(11)),
            "/fields/count",
        ),
        (
            Code::Choice,
            with(&["fields", "pick"], json!("c")),
            "/fields/pick",
        ),
        (
            Code::ItemsMin,
            with(&["fields", "items"], json!([{ "v": "1" }])),
            "/fields/items",
        ),
        (
            Code::ItemsMax,
            with(&["fields", "tags"], json!(["x", "y"])),
            "/fields/tags",
        ),
        (
            Code::FormatDate,
            with(&["fields", "day"], json!("2026-02-30")),
            "/fields/day",
        ),
        (
            Code::FormatKana,
            with(&["fields", "kana"], json!("kana")),
            "/fields/kana",
        ),
        (
            Code::FormatDigits,
            with(&["fields", "code"], json!("12")),
            "/fields/code",
        ),
        (
            Code::FormatPostalCode,
            with(&["fields", "postal"], json!("12-3456")),
            "/fields/postal",
        ),
        (
            Code::FormatPhone,
            with(&["fields", "phone"], json!("12345")),
            "/fields/phone",
        ),
        (
            Code::FormatEmail,
            with(&["fields", "mail"], json!("no-at-sign")),
            "/fields/mail",
        ),
        (
            Code::FormatText,
            with(&["fields", "name"], json!("協会\u{202e}")),
            "/fields/name",
        ),
        (
            Code::ChecksumInsurerNumber,
            with(&["qualification"], json!({ "insurer_number": "01130013" })),
            "/qualification/insurer_number",
        ),
        (
            Code::AttachmentMissing,
            with(&["attachments"], json!([])),
            "/attachments",
        ),
        (
            Code::AttachmentType,
            with(
                &["attachments"],
                json!([{ "slot": "doc", "file_name": "a.png", "media_type": "image/png", "size": 200000 }]),
            ),
            "/attachments/0/media_type",
        ),
        (
            Code::AttachmentSize,
            with(&["attachments"], json!([pdf(2 * 1024 * 1024)])),
            "/attachments/0/size",
        ),
        (
            Code::AttachmentCount,
            with(&["attachments"], json!([pdf(1), pdf(2)])),
            "/attachments/1",
        ),
        (
            Code::AttachmentFileName,
            with(
                &["attachments"],
                json!([{ "slot": "doc", "file_name": "a.exe", "media_type": "application/pdf", "size": 10 }]),
            ),
            "/attachments/0/file_name",
        ),
        (
            Code::AttachmentUnknownSlot,
            with(
                &["attachments"],
                json!([{ "slot": "zz", "file_name": "a.pdf", "media_type": "application/pdf", "size": 1 }]),
            ),
            "/attachments/0/slot",
        ),
        (
            Code::ApplicantRole,
            with(&["applicant"], json!({ "role": "agent" })),
            "/applicant/role",
        ),
        (Code::ServiceClosed, base().to_string(), ""),
        (Code::EnvelopeForm, with(&["form"], json!("zz")), "/form"),
        (
            Code::EnvelopeVersion,
            with(&["version"], json!("1999.1")),
            "/version",
        ),
        (Code::EnvelopeMalformed, "{\"form\":".to_owned(), ""),
        (
            Code::EnvelopeTooLarge,
            format!("{}{{}}", " ".repeat(shinsei_runtime::DEFAULT_MAX_BYTES)),
            "",
        ),
    ];
    let mut covered = BTreeSet::new();
    for (code, submission, path) in &cases {
        let now = if *code == Code::ServiceClosed {
            at("2026-01-13T22:00:00+09:00")
        } else {
            now()
        };
        let r = validate(&b, submission, now, &Options::default());
        assert!(
            r.errors
                .iter()
                .any(|i| i.code == code.as_str() && i.path == *path),
            "{} at {path:?} not produced by {submission}: {:#?}",
            code.as_str(),
            r.errors
        );
        for issue in r.errors.iter().chain(&r.warnings) {
            assert!(
                is_known_code(&issue.code),
                "{} is outside the vocabulary",
                issue.code
            );
        }
        covered.insert(*code);
    }
    // Re-application notices are not validation codes (tests/applications.rs
    // produces each of them).
    let validation: BTreeSet<Code> = Code::ALL
        .iter()
        .copied()
        .filter(|c| !Code::REAPPLY.contains(c))
        .collect();
    assert_eq!(covered, validation);
    let r = run_str(&b, &with(&["fields", "pick"], json!("b")));
    assert_errors(&r, &[("/fields/pick", "rule.must_be_a")]);
    assert_errors(&run_str(&b, &base().to_string()), &[]);
}

#[test]
fn codes_round_trip() {
    for code in Code::ALL {
        assert_eq!(Code::parse(code.as_str()), Some(*code));
    }
    assert!(is_known_code("rule.x") && !is_known_code("rule.") && !is_known_code("nope"));
}

#[test]
fn results_are_deterministic() {
    let b = everything();
    let s = with(&["fields", "zzz"], json!({ "b": 1, "a": 2 }));
    let first = serde_json::to_string(&run_str(&b, &s)).unwrap();
    for _ in 0..10 {
        assert_eq!(serde_json::to_string(&run_str(&b, &s)).unwrap(), first);
    }
}
