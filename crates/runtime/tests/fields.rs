//! Decoding each field kind: type errors, formats, ranges, and normalization.

mod common;

use common::*;
use serde_json::json;
use shinsei_ir::{CharClass, FieldKind, Presence};

fn one(kind: FieldKind) -> shinsei_ir::Bundle {
    single(vec![field("v", "値", kind)])
}

/// Validates `{"v": value}` against a one-field form; returns (errors, normalized value).
fn check(
    kind: FieldKind,
    value: serde_json::Value,
) -> (Vec<(String, String)>, Option<serde_json::Value>) {
    let r = run(&one(kind), &env(json!({ "v": value })));
    (errors(&r), r.normalized.get("/fields/v").cloned())
}

fn ok(kind: FieldKind, value: serde_json::Value) -> Option<serde_json::Value> {
    let (errs, norm) = check(kind, value.clone());
    assert!(errs.is_empty(), "{value} → {errs:?}");
    norm
}

fn bad(kind: FieldKind, value: serde_json::Value, code: &str) {
    let (errs, _) = check(kind, value.clone());
    assert_eq!(errs, vec![pc("/fields/v", code)], "{value}");
}

#[test]
fn null_and_blank_are_absent() {
    let b = single(vec![field("v", "終了日", FieldKind::Date).required()]);
    for v in [json!(null), json!(""), json!("  \u{3000} ")] {
        let r = run(&b, &env(json!({ "v": v })));
        assert_errors(&r, &[("/fields/v", "required")]);
        assert_eq!(r.errors[0].message, "「終了日」は必須です");
    }
    assert_errors(&run(&b, &env(json!({}))), &[("/fields/v", "required")]);
    let r = run(
        &b,
        &json!({ "form": "t", "applicant": { "role": "insured" } }),
    );
    assert_errors(&r, &[("/fields/v", "required")]);
    let r = run(
        &b,
        &json!({ "form": "t", "applicant": { "role": "insured" }, "fields": [] }),
    );
    // One `type` error: no `required` at pointers that run through an array.
    assert_errors(&r, &[("/fields", "type")]);
}

#[test]
fn text_lengths_chars_and_trimming() {
    let k = FieldKind::Text {
        min_len: Some(2),
        max_len: Some(4),
        chars: None,
        lines: None,
    };
    assert_eq!(ok(k.clone(), json!("ab")), None);
    assert_eq!(
        ok(k.clone(), json!("\u{3000}あいう ")),
        Some(json!("あいう"))
    );
    bad(k.clone(), json!("a"), "length.min");
    bad(k.clone(), json!("あいうえお"), "length.max");
    bad(k.clone(), json!(12), "type");
    bad(k, json!(["ab"]), "type");
    let ascii = FieldKind::Text {
        min_len: None,
        max_len: None,
        chars: Some(CharClass::Ascii),
        lines: None,
    };
    assert_eq!(
        ok(ascii.clone(), json!("ＡＢＣ１２３")),
        Some(json!("ABC123"))
    );
    bad(ascii, json!("漢字"), "type");
    let kana = FieldKind::Text {
        min_len: None,
        max_len: None,
        chars: Some(CharClass::Katakana),
        lines: None,
    };
    assert_eq!(
        ok(kana.clone(), json!("きょうかい　ﾀﾛｳ")),
        Some(json!("キョウカイ\u{3000}タロウ"))
    );
    bad(kana, json!("協会"), "format.kana");
    let zengin = FieldKind::Text {
        min_len: None,
        max_len: Some(30),
        chars: Some(CharClass::Zengin),
        lines: None,
    };
    assert_eq!(
        ok(zengin.clone(), json!("ｷｮｳｶｲ ﾀﾛｳ")),
        Some(json!("キヨウカイ\u{3000}タロウ"))
    );
    bad(zengin, json!("ヤマダ・タロウ"), "format.kana");
    let jis = FieldKind::Text {
        min_len: None,
        max_len: Some(40),
        chars: Some(CharClass::Jis),
        lines: None,
    };
    assert_eq!(
        ok(jis.clone(), json!("協会 花子")),
        Some(json!("協会\u{3000}花子"))
    );
    assert_eq!(
        ok(jis.clone(), json!("ﾔﾏﾀﾞ Mary")),
        Some(json!("ヤマダ\u{3000}Ｍａｒｙ"))
    );
    assert_eq!(ok(jis.clone(), json!("渡邊　一郎")), None);
    // 塚 U+FA10 is 塚 U+585A by Unicode's definition: read as it.
    assert_eq!(
        ok(jis.clone(), json!("\u{FA10}本　一郎")),
        Some(json!("塚本　一郎"))
    );
    bad(jis.clone(), json!("髙橋 一郎"), "format.text");
    bad(jis, json!("花子😀"), "format.text");
}

#[test]
fn a_kanji_name_outside_jis_x0208_names_the_character_and_what_to_write() {
    let mut f = field(
        "name",
        "氏名",
        FieldKind::Text {
            min_len: None,
            max_len: Some(40),
            chars: Some(CharClass::Jis),
            lines: None,
        },
    );
    f.presence = Presence::Required;
    let b = single(vec![f]);
    let r = run(&b, &env(json!({ "name": "吉田 𠮷男" })));
    assert_eq!(r.errors[0].code, "format.text");
    assert_eq!(
        r.errors[0].message,
        "「氏名」の「𠮷」（4文字目）は使えない文字です。「吉」で入力してください"
    );
}

#[test]
fn control_characters_are_refused_and_multi_line_texts_take_line_breaks() {
    let one_line = FieldKind::Text {
        min_len: None,
        max_len: Some(100),
        chars: None,
        lines: None,
    };
    for bad_text in [
        "協会\u{0}太郎",
        "協会\n太郎",
        "協会\t太郎",
        "協会\r太郎",
        "協会\u{7f}",
        "協会\u{9b}",
        "請求書\u{202e}fdp.exe",
        "\u{2067}協会",
        "協会\u{200f}",
        "協会\u{2028}太郎",
    ] {
        bad(one_line.clone(), json!(bad_text), "format.text");
    }
    // Trimmed before the check: a trailing line break is spacing.
    assert_eq!(
        ok(one_line.clone(), json!("協会 太郎\n")),
        Some(json!("協会 太郎"))
    );
    assert_eq!(
        ok(one_line, json!("👨\u{200d}👩\u{200d}👧 葛\u{e0100}")),
        None
    );
    bad(FieldKind::Address, json!("東京都\n千代田区"), "format.text");

    let three_lines = FieldKind::Text {
        min_len: None,
        max_len: Some(100),
        chars: None,
        lines: Some(3),
    };
    assert_eq!(
        ok(three_lines.clone(), json!("一行目\n\t二行目\n三行目")),
        None
    );
    assert_eq!(
        ok(three_lines.clone(), json!("一行目\r\n二行目")),
        Some(json!("一行目\n二行目"))
    );
    bad(three_lines.clone(), json!("1\n2\n3\n4"), "length.max");
    bad(three_lines.clone(), json!("一行目\r二行目"), "format.text");
    bad(three_lines, json!("一行目\n\u{202e}二行目"), "format.text");
}

#[test]
fn kana_normalizes_hiragana() {
    let k = FieldKind::Kana { max_len: Some(5) };
    assert_eq!(ok(k.clone(), json!("たろう")), Some(json!("タロウ")));
    assert_eq!(ok(k.clone(), json!("タロウ")), None);
    bad(k.clone(), json!("Taro"), "format.kana");
    bad(k, json!("キョウカイタロウ"), "length.max");
}

#[test]
fn integers_and_yen() {
    let k = int(Some(1), Some(100));
    assert_eq!(ok(k.clone(), json!(5)), None);
    assert_eq!(ok(k.clone(), json!("５")), Some(json!(5)));
    assert_eq!(ok(k.clone(), json!(5.0)), Some(json!(5)));
    bad(k.clone(), json!(0), "range.min");
    bad(k.clone(), json!(101), "range.max");
    bad(k.clone(), json!(1.5), "type");
    bad(k.clone(), json!("abc"), "type");
    bad(k.clone(), json!(true), "type");
    bad(k, json!({}), "type");
    assert_eq!(ok(yen(), json!("１２，０００")), Some(json!(12000)));
    assert_eq!(ok(yen(), json!("1,234,567")), Some(json!(1_234_567)));
    assert_eq!(ok(yen(), json!(" 500000 ")), Some(json!(500_000)));
    bad(yen(), json!("1,2345"), "type");
    bad(yen(), json!("12,00"), "type");
    bad(yen(), json!(-1), "range.min");
    bad(yen(), json!("-1"), "range.min");
    bad(yen(), json!(10_000_000_000_001_i64), "range.max");
    bad(yen(), json!(u64::MAX), "range.max");
    bad(yen(), json!(1e300), "range.max");
    bad(yen(), json!(-1e300), "range.min");
    bad(yen(), json!("123456789012345678901234567890"), "type");
    assert_eq!(ok(yen(), json!(10_000_000_000_000_i64)), None);
    let neg = FieldKind::Yen {
        min: Some(-100),
        max: None,
    };
    assert_eq!(ok(neg.clone(), json!("－５０")), Some(json!(-50)));
    bad(neg, json!(i64::MIN), "range.min");
    let unbounded = int(None, None);
    bad(unbounded, json!(-10_000_000_000_001_i64), "range.min");
}

#[test]
fn rates() {
    assert_eq!(ok(FieldKind::Rate, json!("3/10")), None);
    assert_eq!(ok(FieldKind::Rate, json!("0.3")), None);
    assert_eq!(ok(FieldKind::Rate, json!(2)), None);
    bad(FieldKind::Rate, json!("1/0"), "type");
    bad(FieldKind::Rate, json!("x"), "type");
    bad(FieldKind::Rate, json!(0.3), "type");
}

#[test]
fn dates_months_and_periods() {
    assert_eq!(ok(FieldKind::Date, json!("2026-01-05")), None);
    assert_eq!(
        ok(FieldKind::Date, json!("令和7年12月2日")),
        Some(json!("2025-12-02"))
    );
    assert_eq!(
        ok(FieldKind::Date, json!("R7.12.2")),
        Some(json!("2025-12-02"))
    );
    assert_eq!(
        ok(FieldKind::Date, json!("令和７年１２月２日")),
        Some(json!("2025-12-02"))
    );
    assert_eq!(
        ok(FieldKind::Date, json!("2026/1/5")),
        Some(json!("2026-01-05"))
    );
    bad(FieldKind::Date, json!("2023-02-29"), "format.date");
    bad(FieldKind::Date, json!("平成31年5月1日"), "format.date");
    bad(FieldKind::Date, json!(20260105), "type");
    assert_eq!(
        ok(FieldKind::Month, json!("令和8年1月")),
        Some(json!("2026-01"))
    );
    assert_eq!(ok(FieldKind::Month, json!("2026-01")), None);
    bad(FieldKind::Month, json!("2026-13"), "format.date");

    let b = one(FieldKind::Period);
    let r = run(
        &b,
        &env(json!({ "v": { "from": "R8.1.5", "to": "2026-01-20" } })),
    );
    assert_errors(&r, &[]);
    assert_eq!(
        r.normalized.get("/fields/v/from"),
        Some(&json!("2026-01-05"))
    );
    let r = run(
        &b,
        &env(json!({ "v": { "from": "2026-01-05", "to": "2026-01-04" } })),
    );
    assert_errors(&r, &[("/fields/v/to", "range.min")]);
    let r = run(&b, &env(json!({ "v": { "from": "2026-01-05" } })));
    assert_errors(&r, &[("/fields/v/to", "required")]);
    let r = run(&b, &env(json!({ "v": { "to": "x", "days": 3 } })));
    assert_errors(
        &r,
        &[
            ("/fields/v/days", "unknown_field"),
            ("/fields/v/to", "format.date"),
            ("/fields/v/from", "required"),
        ],
    );
    let r = run(&b, &env(json!({ "v": { "from": null, "to": "" } })));
    assert_errors(&r, &[]);
    let r = run(&b, &env(json!({ "v": "2026-01-05" })));
    assert_errors(&r, &[("/fields/v", "type")]);
}

#[test]
fn bools_choices_and_multi() {
    assert_eq!(ok(FieldKind::Bool, json!(false)), None);
    bad(FieldKind::Bool, json!("true"), "type");
    let c = choice(&["a", "b"]);
    assert_eq!(ok(c.clone(), json!("a")), None);
    assert_eq!(ok(c.clone(), json!(" b ")), Some(json!("b")));
    bad(c.clone(), json!("c"), "choice");
    bad(c, json!(1), "type");
    let m = FieldKind::Multi {
        options: options(&["a", "b", "c"]),
        min: 1,
        max: Some(2),
    };
    assert_eq!(ok(m.clone(), json!(["a", "c"])), None);
    bad(m.clone(), json!([]), "items.min");
    bad(m.clone(), json!(["a", "b", "c"]), "items.max");
    bad(m.clone(), json!("a"), "type");
    let (errs, _) = check(m.clone(), json!(["a", "a"]));
    assert_eq!(errs, vec![pc("/fields/v/1", "choice")]);
    let (errs, _) = check(m.clone(), json!(["z", 1]));
    assert_eq!(
        errs,
        vec![pc("/fields/v/0", "choice"), pc("/fields/v/1", "type")]
    );
    // Bounded work: a huge array stops after options + 1 entries.
    let huge: Vec<&str> = vec!["a"; 100_000];
    let (errs, _) = check(m, json!(huge));
    assert_eq!(errs.len(), 4, "{errs:?}");
}

#[test]
fn postal_phone_email_digits_address() {
    assert_eq!(ok(FieldKind::PostalCode, json!("1000001")), None);
    assert_eq!(
        ok(FieldKind::PostalCode, json!("〒100-0001")),
        Some(json!("1000001"))
    );
    assert_eq!(
        ok(FieldKind::PostalCode, json!("１００－０００１")),
        Some(json!("1000001"))
    );
    assert_eq!(
        ok(FieldKind::PostalCode, json!("〒 100ー0001")),
        Some(json!("1000001"))
    );
    bad(
        FieldKind::PostalCode,
        json!("100-00011"),
        "format.postal_code",
    );
    bad(
        FieldKind::PostalCode,
        json!("10-00001"),
        "format.postal_code",
    );
    bad(FieldKind::PostalCode, json!(1000001), "type");

    assert_eq!(
        ok(FieldKind::Phone, json!("03-1234-5678")),
        Some(json!("0312345678"))
    );
    assert_eq!(
        ok(FieldKind::Phone, json!("０９０（１２３４）５６７８")),
        Some(json!("09012345678"))
    );
    assert_eq!(ok(FieldKind::Phone, json!("0312345678")), None);
    bad(FieldKind::Phone, json!("1234567890"), "format.phone");
    bad(FieldKind::Phone, json!("03-1234-567"), "format.phone");
    bad(FieldKind::Phone, json!("+81-3-1234-5678"), "format.phone");

    assert_eq!(ok(FieldKind::Email, json!("taro@example.jp")), None);
    assert_eq!(
        ok(FieldKind::Email, json!("ｔａｒｏ＠example.jp")),
        Some(json!("taro@example.jp"))
    );
    for e in [
        "taro",
        "taro@",
        "@example.jp",
        "ta ro@example.jp",
        "taro@example",
        "a@b@c.jp",
        "taro@-x.jp",
        "a..b@x.jp",
    ] {
        bad(FieldKind::Email, json!(e), "format.email");
    }

    let k = FieldKind::Digits { min: 7, max: 7 };
    assert_eq!(
        ok(k.clone(), json!("０１２３４５６")),
        Some(json!("0123456"))
    );
    bad(k.clone(), json!("012345"), "format.digits");
    bad(k.clone(), json!("01234a6"), "format.digits");
    bad(k, json!(123456), "type");

    assert_eq!(ok(FieldKind::Address, json!("東京都千代田区")), None);
    bad(FieldKind::Address, json!("あ".repeat(201)), "length.max");
}

#[test]
fn groups_and_unknown_keys() {
    let bank = vec![
        field(
            "bank_code",
            "金融機関コード",
            FieldKind::Digits { min: 4, max: 4 },
        )
        .required(),
        field(
            "branch_code",
            "支店コード",
            FieldKind::Digits { min: 3, max: 3 },
        )
        .required(),
    ];
    let b = single(vec![
        field("bank", "振込先", group(bank)).required(),
        field("memo", "メモ", text()),
    ]);
    let r = run(
        &b,
        &env(json!({ "bank": { "bank_code": "０００１", "x": 1 }, "y~": 2 })),
    );
    assert_errors(
        &r,
        &[
            ("/fields/bank/branch_code", "required"),
            ("/fields/bank/x", "unknown_field"),
            ("/fields/y~0", "unknown_field"),
        ],
    );
    assert_eq!(
        r.normalized.get("/fields/bank/bank_code"),
        Some(&json!("0001"))
    );
    assert_errors(&run(&b, &env(json!({}))), &[("/fields/bank", "required")]);
    assert_errors(
        &run(&b, &env(json!({ "bank": [1] }))),
        &[("/fields/bank", "type")],
    );
}

#[test]
fn lists_bound_items() {
    let item = vec![field("from", "開始日", FieldKind::Date).required()];
    let b = single(vec![
        field("leave", "休んだ期間", list(2, 3, item)).required(),
    ]);
    assert_errors(
        &run(&b, &env(json!({ "leave": [] }))),
        &[("/fields/leave", "required")],
    );
    assert_errors(
        &run(&b, &env(json!({ "leave": [{ "from": "2026-01-05" }] }))),
        &[("/fields/leave", "items.min")],
    );
    let many: Vec<_> = (0..1000).map(|_| json!({ "from": "bad" })).collect();
    let r = run(&b, &env(json!({ "leave": many })));
    assert_errors(
        &r,
        &[
            ("/fields/leave", "items.max"),
            ("/fields/leave/0/from", "format.date"),
            ("/fields/leave/1/from", "format.date"),
            ("/fields/leave/2/from", "format.date"),
        ],
    );
    let r = run(
        &b,
        &env(json!({ "leave": [{ "from": "2026-01-05" }, 3, { "to": 1 }] })),
    );
    assert_errors(
        &r,
        &[
            ("/fields/leave/1", "type"),
            ("/fields/leave/2/from", "required"),
            ("/fields/leave/2/to", "unknown_field"),
        ],
    );
    assert_errors(
        &run(&b, &env(json!({ "leave": {} }))),
        &[("/fields/leave", "type")],
    );
}

#[test]
fn english_messages_use_labels() {
    let mut f = field("v", "終了日", FieldKind::Date).required();
    f.label.en = Some("end date".into());
    let b = single(vec![f]);
    let opts = shinsei_runtime::Options {
        lang: shinsei_runtime::Lang::En,
        ..Default::default()
    };
    let r = shinsei_runtime::validate(&b, &env(json!({})).to_string(), now(), &opts);
    assert_eq!(r.errors[0].message, "end date is required");
    let r = shinsei_runtime::validate(&b, &env(json!({ "v": 1 })).to_string(), now(), &opts);
    assert_eq!(
        r.errors[0].message,
        "end date: expected a string, found a number"
    );
}
