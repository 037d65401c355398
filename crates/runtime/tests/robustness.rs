//! No input panics: random bytes, mutated submissions, random JSON trees.

mod common;

use common::*;
use serde_json::json;
use shinsei_ir::{AggOp, BinOp, Builtin, FieldKind, MediaType, Presence, QualField, QualItem};
use shinsei_runtime::{Options, validate, validate_bytes};

/// xorshift64*: deterministic, no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn rich() -> shinsei_ir::Bundle {
    let item = vec![
        field("from", "開始日", FieldKind::Date).required(),
        field("to", "終了日", FieldKind::Date).required(),
        field("amount", "額", yen()).visible_when(present(&[0])),
        field("p", "期間", FieldKind::Period),
    ];
    let mut form = form(
        "t",
        vec![
            field("leave", "期間", list(1, 4, item)).required(),
            field("paid", "報酬", FieldKind::Bool),
            field("kana", "カナ", FieldKind::Kana { max_len: Some(10) }).required_when(f(&[1])),
            field(
                "bank",
                "口座",
                group(vec![field(
                    "code",
                    "コード",
                    FieldKind::Digits { min: 4, max: 4 },
                )]),
            ),
            field(
                "tags",
                "タグ",
                FieldKind::Multi {
                    options: options(&["a", "b"]),
                    min: 0,
                    max: None,
                },
            ),
            field("rate", "率", FieldKind::Rate),
            field("postal", "郵便番号", FieldKind::PostalCode),
            field("month", "月", FieldKind::Month),
        ],
    );
    form.qualification = vec![QualItem {
        field: QualField::BirthDate,
        required: true,
    }];
    let sum = agg(AggOp::Sum, fr(0, &[0]), Some(ff(1, &[2])));
    form.rules.push(rule(
        "order",
        &[0],
        bin(BinOp::Ge, ff(1, &[1]), ff(1, &[0])),
        &[1],
    ));
    form.rules.push(rule(
        "cap",
        &[],
        bin(BinOp::Le, sum.clone(), bin(BinOp::Mul, f(&[5]), lyen(1000))),
        &[],
    ));
    form.computed.push(computed(
        "total",
        shinsei_ir::ValueType::Yen,
        call(Builtin::Round, vec![sum, lint(10)]),
    ));
    form.attachments.push(slot(
        "doc",
        "書類",
        &[MediaType::Pdf, MediaType::Png],
        1024 * 1024,
        2,
        Presence::RequiredWhen(f(&[1])),
    ));
    bundle(vec![form])
}

fn valid_submission() -> String {
    json!({
        "form": "t", "applicant": { "role": "insured" },
        "qualification": { "birth_date": "1990-01-01" },
        "fields": {
            "leave": [{ "from": "2026-01-05", "to": "2026-01-06", "amount": "1,000", "p": { "from": "R8.1.1", "to": "R8.1.2" } }],
            "paid": true, "kana": "たろう", "bank": { "code": "0001" }, "tags": ["a"], "rate": "2",
            "postal": "100-0001", "month": "2026-01"
        },
        "attachments": [{ "slot": "doc", "file_name": "a.pdf", "media_type": "application/pdf", "size": 10 }]
    })
    .to_string()
}

#[test]
fn random_bytes_never_panic() {
    let b = rich();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for _ in 0..5_000 {
        let len = rng.below(200);
        let bytes: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
        let r = validate_bytes(&b, &bytes, now(), &Options::default());
        assert_eq!(r.valid, r.errors.is_empty());
    }
}

#[test]
fn mutated_submissions_never_panic() {
    let b = rich();
    let base = valid_submission();
    assert_errors(&run_str(&b, &base), &[]);
    let tokens: [&[u8]; 14] = [
        b"{",
        b"}",
        b"[",
        b"]",
        b",",
        b":",
        b"\"",
        b"null",
        b"-1e999",
        b"1e308",
        b"18446744073709551616",
        b"\"\\ud800\"",
        "\u{3000}".as_bytes(),
        b"0.5",
    ];
    let mut rng = Rng(42);
    for _ in 0..20_000 {
        let mut bytes = base.clone().into_bytes();
        for _ in 0..=rng.below(4) {
            let pos = rng.below(bytes.len() + 1);
            match rng.below(4) {
                0 if pos < bytes.len() => {
                    bytes.remove(pos);
                }
                1 => bytes
                    .splice(pos..pos, tokens[rng.below(tokens.len())].iter().copied())
                    .for_each(drop),
                2 if pos < bytes.len() => bytes[pos] = rng.next() as u8,
                _ => bytes.truncate(pos),
            }
        }
        let r = validate_bytes(&b, &bytes, now(), &Options::default());
        assert_eq!(r.valid, r.errors.is_empty());
    }
}

fn random_json(rng: &mut Rng, depth: u32) -> serde_json::Value {
    let strings = [
        "",
        " ",
        "2026-01-05",
        "R8.1.1",
        "１２３",
        "a",
        "b",
        "たろう",
        "100-0001",
        "1/0",
        "-5",
        "x@y.jp",
        "from",
        "to",
    ];
    match if depth > 5 {
        rng.below(5)
    } else {
        rng.below(8)
    } {
        0 => json!(null),
        1 => json!(rng.below(2) == 0),
        2 => json!(rng.next() as i64),
        3 => json!(strings[rng.below(strings.len())]),
        4 => json!((rng.next() as f64) / 7.0),
        5 | 6 => {
            let keys = [
                "from", "to", "amount", "p", "code", "x", "leave", "paid", "kana", "bank", "tags",
                "rate",
            ];
            let mut m = serde_json::Map::new();
            for _ in 0..rng.below(5) {
                m.insert(
                    keys[rng.below(keys.len())].to_owned(),
                    random_json(rng, depth + 1),
                );
            }
            serde_json::Value::Object(m)
        }
        _ => serde_json::Value::Array(
            (0..rng.below(6))
                .map(|_| random_json(rng, depth + 1))
                .collect(),
        ),
    }
}

#[test]
fn random_trees_in_every_section_never_panic() {
    let b = rich();
    let mut rng = Rng(7);
    let sections = [
        "fields",
        "qualification",
        "attachments",
        "applicant",
        "version",
        "submitted_at",
    ];
    for i in 0..5_000 {
        let mut s: serde_json::Value = serde_json::from_str(&valid_submission()).unwrap();
        let section = sections[i % sections.len()];
        s[section] = random_json(&mut rng, 0);
        if i % 3 == 0 && s["fields"].is_object() {
            s["fields"]["leave"] = random_json(&mut rng, 1);
        }
        let r = validate(&b, &s.to_string(), now(), &Options::default());
        assert_eq!(r.valid, r.errors.is_empty());
    }
}
