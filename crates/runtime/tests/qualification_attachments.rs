//! The 資格 block and attachment metadata.

mod common;

use common::*;
use serde_json::json;
use shinsei_ir::{BinOp, FieldKind, MediaType, Presence, QualField, QualItem};

fn qual_form(items: &[(QualField, bool)]) -> shinsei_ir::Bundle {
    let mut form = form("t", vec![]);
    form.qualification = items
        .iter()
        .map(|(field, required)| QualItem {
            field: *field,
            required: *required,
        })
        .collect();
    bundle(vec![form])
}

fn with_qual(q: serde_json::Value) -> serde_json::Value {
    let mut s = env(json!({}));
    s["qualification"] = q;
    s
}

#[test]
fn required_qualification_fields() {
    let b = qual_form(&[
        (QualField::InsurerNumber, true),
        (QualField::Symbol, true),
        (QualField::Sex, false),
    ]);
    let r = run(&b, &env(json!({})));
    assert_errors(
        &r,
        &[
            ("/qualification/insurer_number", "required"),
            ("/qualification/symbol", "required"),
        ],
    );
    assert_eq!(r.errors[0].message, "「保険者番号」は必須です");
    let r = run(
        &b,
        &with_qual(json!({ "insurer_number": "01130012", "symbol": "１２３" })),
    );
    assert_errors(&r, &[]);
    assert_eq!(
        r.normalized.get("/qualification/symbol"),
        Some(&json!("123"))
    );
    assert_errors(
        &run(&b, &with_qual(json!([]))),
        &[("/qualification", "type")],
    );
}

#[test]
fn qualification_formats_even_when_not_listed() {
    let b = qual_form(&[]);
    let cases = [
        (
            json!({ "insurer_number": "0113001" }),
            "/qualification/insurer_number",
            "format.digits",
        ),
        (
            json!({ "insurer_number": "01130013" }),
            "/qualification/insurer_number",
            "checksum.insurer_number",
        ),
        (
            json!({ "insurer_number": "12345674" }),
            "/qualification/insurer_number",
            "choice",
        ),
        (
            json!({ "branch": "江戸" }),
            "/qualification/branch",
            "choice",
        ),
        (
            json!({ "symbol": "123456789" }),
            "/qualification/symbol",
            "format.digits",
        ),
        (
            json!({ "number": "1a" }),
            "/qualification/number",
            "format.digits",
        ),
        (
            json!({ "branch_no": "0" }),
            "/qualification/branch_no",
            "format.digits",
        ),
        (
            json!({ "name_kanji": "あ".repeat(51) }),
            "/qualification/name_kanji",
            "length.max",
        ),
        (
            json!({ "name_kana": "協会" }),
            "/qualification/name_kana",
            "format.kana",
        ),
        (
            json!({ "name_kana": "ア".repeat(51) }),
            "/qualification/name_kana",
            "length.max",
        ),
        (json!({ "sex": "m" }), "/qualification/sex", "choice"),
        (
            json!({ "birth_date": "1989-02-30" }),
            "/qualification/birth_date",
            "format.date",
        ),
        (
            json!({ "birth_date": "2026-01-14" }),
            "/qualification/birth_date",
            "range.max",
        ),
        (json!({ "symbol": 123 }), "/qualification/symbol", "type"),
        (
            json!({ "nickname": "x" }),
            "/qualification/nickname",
            "unknown_field",
        ),
        (
            json!({ "insurer_number": "01130012", "branch": "大阪" }),
            "/qualification/branch",
            "choice",
        ),
    ];
    for (q, path, code) in cases {
        let r = run(&b, &with_qual(q.clone()));
        assert_errors(&r, &[(path, code)]);
    }
    let ok = json!({
        "insurer_number": "０１１３００１２", "branch": "東京支部", "symbol": "12345678", "number": "1",
        "branch_no": "００", "name_kanji": " 協会 太郎 ", "name_kana": "きょうかい たろう",
        "sex": "male", "birth_date": "平成元年5月10日"
    });
    let r = run(&b, &with_qual(ok));
    assert_errors(&r, &[]);
    let n = |k: &str| r.normalized.get(&format!("/qualification/{k}")).cloned();
    assert_eq!(n("insurer_number"), Some(json!("01130012")));
    assert_eq!(n("branch"), Some(json!("東京")));
    assert_eq!(n("branch_no"), Some(json!("00")));
    assert_eq!(n("name_kanji"), Some(json!("協会 太郎")));
    assert_eq!(n("name_kana"), Some(json!("キョウカイ\u{3000}タロウ")));
    assert_eq!(n("birth_date"), Some(json!("1989-05-10")));
    assert_eq!(n("symbol"), None);
}

fn attachment_form() -> shinsei_ir::Bundle {
    let mut form = form("t", vec![field("paid", "報酬あり", FieldKind::Bool)]);
    form.attachments = vec![
        slot(
            "opinion",
            "意見書",
            &[MediaType::Pdf, MediaType::Jpeg, MediaType::Png],
            10 * 1024 * 1024,
            2,
            Presence::Required,
        ),
        slot(
            "proof",
            "報酬の証明書",
            &[MediaType::Pdf],
            20 * 1024 * 1024,
            1,
            Presence::RequiredWhen(f(&[0])),
        ),
        slot(
            "other",
            "その他",
            &[MediaType::Jpeg],
            1024 * 1024,
            1,
            Presence::Optional,
        ),
    ];
    bundle(vec![form])
}

fn with_files(fields: serde_json::Value, files: serde_json::Value) -> serde_json::Value {
    let mut s = env(fields);
    s["attachments"] = files;
    s
}

fn pdf(slot: &str) -> serde_json::Value {
    json!({ "slot": slot, "file_name": "a.pdf", "media_type": "application/pdf", "size": 123_456 })
}

#[test]
fn required_and_missing_slots() {
    let b = attachment_form();
    let r = run(&b, &env(json!({})));
    assert_errors(&r, &[("/attachments", "attachment.missing")]);
    assert_eq!(r.errors[0].message, "「意見書」を添付してください");
    assert_eq!(r.attachments.required, vec!["opinion"]);
    assert_eq!(r.attachments.missing, vec!["opinion"]);
    let r = run(
        &b,
        &with_files(json!({ "paid": true }), json!([pdf("opinion")])),
    );
    assert_errors(&r, &[("/attachments", "attachment.missing")]);
    assert_eq!(r.attachments.required, vec!["opinion", "proof"]);
    assert_eq!(r.attachments.missing, vec!["proof"]);
    let r = run(
        &b,
        &with_files(
            json!({ "paid": true }),
            json!([pdf("proof"), pdf("opinion")]),
        ),
    );
    assert_errors(&r, &[]);
    assert!(r.attachments.missing.is_empty());
    assert_errors(
        &run(&b, &with_files(json!({}), json!({}))),
        &[
            ("/attachments", "type"),
            ("/attachments", "attachment.missing"),
        ],
    );
}

#[test]
fn attachment_entries() {
    let b = attachment_form();
    let check = |entry: serde_json::Value, expected: &[(&str, &str)]| {
        let r = run(&b, &with_files(json!({}), json!([pdf("opinion"), entry])));
        assert_errors(&r, expected);
    };
    check(
        pdf("nope"),
        &[("/attachments/1/slot", "attachment.unknown_slot")],
    );
    check(
        json!({ "slot": "other", "file_name": "a.pdf", "media_type": "application/pdf", "size": 200_000 }),
        &[("/attachments/1/media_type", "attachment.type")],
    );
    check(
        json!({ "slot": "opinion", "file_name": "a.gif", "media_type": "image/gif", "size": 200_000 }),
        &[("/attachments/1/media_type", "attachment.type")],
    );
    check(
        json!({ "slot": "opinion", "file_name": "a.jpg", "media_type": "image/jpg", "size": 200_000, "width": 1024, "height": 768 }),
        &[],
    );
    check(
        json!({ "slot": "opinion", "file_name": "a.jpg", "media_type": "IMAGE/JPEG", "size": 50_000, "width": 600, "height": 800 }),
        &[("/attachments/1/size", "attachment.size")],
    );
    check(
        json!({ "slot": "opinion", "file_name": "a.pdf", "media_type": "application/pdf", "size": 11 * 1024 * 1024 }),
        &[("/attachments/1/size", "attachment.size")],
    );
    check(
        json!({ "slot": "other", "file_name": "a.jpg", "media_type": "image/jpeg", "size": 2 * 1024 * 1024, "width": 600, "height": 800 }),
        &[("/attachments/1/size", "attachment.size")],
    );
    check(
        json!({ "slot": "opinion", "file_name": "a.png", "media_type": "image/png", "size": 200_000, "width": 511, "height": 9000 }),
        &[
            ("/attachments/1/width", "attachment.size"),
            ("/attachments/1/height", "attachment.size"),
        ],
    );
    check(
        json!({ "slot": "opinion", "file_name": "a.pdf", "media_type": "application/pdf", "size": 200_000, "width": 10 }),
        &[],
    );
    check(
        json!({ "slot": "opinion", "media_type": "application/pdf", "size": "big", "hash": "x" }),
        &[
            ("/attachments/1/file_name", "required"),
            ("/attachments/1/size", "type"),
            ("/attachments/1/hash", "unknown_field"),
        ],
    );
    check(
        json!({ "slot": 3, "file_name": "", "media_type": null, "size": -1 }),
        &[
            ("/attachments/1/slot", "type"),
            ("/attachments/1/file_name", "required"),
            ("/attachments/1/media_type", "required"),
            ("/attachments/1/size", "type"),
        ],
    );
    check(json!("a.pdf"), &[("/attachments/1", "type")]);
    // An image without its pixel size cannot be checked: both are required.
    check(
        json!({ "slot": "opinion", "file_name": "a.png", "media_type": "image/png", "size": 200_000 }),
        &[
            ("/attachments/1/width", "required"),
            ("/attachments/1/height", "required"),
        ],
    );
    check(
        json!({ "slot": "opinion", "file_name": "a.jpg", "media_type": "image/jpeg", "size": 200_000, "height": 800 }),
        &[("/attachments/1/width", "required")],
    );
    // The name's extension must say what the declared type says.
    for (name, media) in [
        ("virus.exe", "application/pdf"),
        ("photo.png", "image/jpeg"),
        ("scan", "application/pdf"),
        (".pdf", "application/pdf"),
        ("a.", "application/pdf"),
    ] {
        check(
            json!({ "slot": "opinion", "file_name": name, "media_type": media, "size": 200_000, "width": 600, "height": 800 }),
            &[("/attachments/1/file_name", "attachment.file_name")],
        );
    }
    for (name, media) in [
        ("意見書.PDF", "application/pdf"),
        ("意見書．ｐｄｆ", "application/pdf"),
        ("a.b.jpeg", "image/jpeg"),
        ("a.JPE", "image/jpeg"),
        ("a.jfif", "image/jpeg"),
    ] {
        check(
            json!({ "slot": "opinion", "file_name": name, "media_type": media, "size": 200_000, "width": 600, "height": 800 }),
            &[],
        );
    }
    // Control characters: the right-to-left override makes `a\u{202e}fdp.exe`
    // show as `aexe.pdf`; a NUL or line break has no place in a name.
    for name in ["a\u{202e}fdp.exe.pdf", "a\0.pdf", "a\n.pdf", "a\u{85}.pdf"] {
        check(
            json!({ "slot": "opinion", "file_name": name, "media_type": "application/pdf", "size": 200_000 }),
            &[("/attachments/1/file_name", "format.text")],
        );
    }
    check(
        json!({ "slot": "opinion", "file_name": "x".repeat(256), "media_type": "application/pdf", "size": 1 }),
        &[("/attachments/1/file_name", "length.max")],
    );
}

#[test]
fn attachment_count_is_reported_at_the_first_excess_entry() {
    let b = attachment_form();
    let r = run(
        &b,
        &with_files(
            json!({}),
            json!([
                pdf("opinion"),
                pdf("opinion"),
                pdf("opinion"),
                pdf("opinion")
            ]),
        ),
    );
    assert_errors(&r, &[("/attachments/2", "attachment.count")]);
}

#[test]
fn required_when_attachment_follows_the_condition() {
    let mut form = form("t", vec![field("n", "人数", int(None, None))]);
    form.attachments = vec![slot(
        "list",
        "名簿",
        &[MediaType::Pdf],
        1024 * 1024,
        1,
        Presence::RequiredWhen(bin(BinOp::Gt, f(&[0]), lint(3))),
    )];
    let b = bundle(vec![form]);
    assert_eq!(
        run(&b, &env(json!({ "n": 5 }))).attachments.missing,
        vec!["list"]
    );
    assert!(
        run(&b, &env(json!({ "n": 2 })))
            .attachments
            .required
            .is_empty()
    );
    assert!(run(&b, &env(json!({}))).attachments.required.is_empty());
}
