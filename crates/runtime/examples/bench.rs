//! Rough timing of a typical submission (parse + validate + serialize):
//! `cargo run --release -p shinsei-runtime --example bench`.
//!
//! Budgets are measured here, never asserted in tests.

use std::collections::BTreeMap;
use std::time::Instant;

use chrono::{DateTime, NaiveDate};
use shinsei_ir::*;
use shinsei_runtime::{Options, validate};

fn field(id: &str, kind: FieldKind, presence: Presence) -> Field {
    Field {
        id: id.into(),
        label: Text::ja(id),
        help: None,
        kind,
        presence,
        visible_when: None,
        visible_src: None,
        required_src: None,
    }
}

fn r(frame: u8, path: &[u32]) -> Expr {
    Expr::Field(FieldRef {
        frame,
        path: path.to_vec(),
    })
}

fn bin(op: BinOp, a: Expr, b: Expr) -> Expr {
    Expr::Binary {
        op,
        lhs: Box::new(a),
        rhs: Box::new(b),
    }
}

fn rule(name: &str, scope: &[u32], check: Expr, at: &[u32]) -> Rule {
    Rule {
        name: name.into(),
        severity: Severity::Error,
        scope: scope.to_vec(),
        when: None,
        check,
        at: at.to_vec(),
        message: Text::ja("違反"),
        source: String::new(),
        basis: None,
    }
}

fn typical() -> Bundle {
    use FieldKind as K;
    use Presence::{Optional as O, Required as R};
    let date = |id: &str| field(id, K::Date, R);
    let leave = K::List {
        min: 1,
        max: 12,
        fields: vec![
            date("from"),
            date("to"),
            field(
                "note",
                K::Text {
                    min_len: None,
                    max_len: Some(100),
                    chars: None,
                    lines: None,
                },
                O,
            ),
        ],
    };
    let bank = K::Group {
        fields: vec![
            field("bank_code", K::Digits { min: 4, max: 4 }, R),
            field("branch_code", K::Digits { min: 3, max: 3 }, R),
            field(
                "account_type",
                K::Choice {
                    options: vec![
                        ChoiceOption {
                            key: "ordinary".into(),
                            label: Text::ja("普通"),
                        },
                        ChoiceOption {
                            key: "current".into(),
                            label: Text::ja("当座"),
                        },
                    ],
                },
                R,
            ),
            field("account_number", K::Digits { min: 7, max: 7 }, R),
            field(
                "holder_kana",
                K::Text {
                    min_len: None,
                    max_len: Some(30),
                    chars: Some(CharClass::Zengin),
                    lines: None,
                },
                R,
            ),
        ],
    };
    let addr = K::Group {
        fields: vec![
            field("postal", K::PostalCode, R),
            field("address", K::Address, R),
            field("phone", K::Phone, R),
        ],
    };
    let mut paid_amount = field(
        "paid_amount",
        K::Yen {
            min: None,
            max: None,
        },
        R,
    );
    paid_amount.visible_when = Some(r(0, &[1]));
    let fields = vec![
        field("leave", leave, R),
        field("paid", K::Bool, R),
        paid_amount,
        field("bank", bank, R),
        field("addr", addr, R),
        field(
            "occupation",
            K::Text {
                min_len: None,
                max_len: Some(50),
                chars: None,
                lines: None,
            },
            R,
        ),
        field("injury", K::Bool, R),
        field("injury_date", K::Date, O),
        field("first_visit", K::Date, R),
        field(
            "salary",
            K::Yen {
                min: None,
                max: Some(10_000_000),
            },
            R,
        ),
        field("email", K::Email, O),
        field("kana", K::Kana { max_len: Some(40) }, R),
        field(
            "children",
            K::Integer {
                min: Some(0),
                max: Some(20),
            },
            O,
        ),
        field("month", K::Month, O),
    ];
    let list = FieldRef {
        frame: 0,
        path: vec![0],
    };
    let form = Form {
        id: "shobyo_teate".into(),
        title: Text::ja("傷病手当金支給申請書"),
        version: "2026.1".into(),
        effective: DateRange {
            from: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
            to: None,
        },
        category: Category::Benefit,
        applicants: vec![Role::Insured, Role::Agent],
        qualification: QualField::ALL
            .into_iter()
            .map(|field| QualItem {
                field,
                required: true,
            })
            .collect(),
        fields,
        rules: vec![
            rule(
                "period_order",
                &[0],
                bin(BinOp::Ge, r(1, &[1]), r(1, &[0])),
                &[1],
            ),
            rule(
                "not_future",
                &[0],
                bin(BinOp::Le, r(1, &[1]), Expr::Today),
                &[1],
            ),
            rule(
                "visit_first",
                &[],
                bin(
                    BinOp::Le,
                    r(0, &[8]),
                    Expr::Aggregate {
                        op: AggOp::Max,
                        list: list.clone(),
                        body: Some(Box::new(r(1, &[1]))),
                    },
                ),
                &[8],
            ),
            rule(
                "disjoint",
                &[],
                Expr::Aggregate {
                    op: AggOp::Disjoint,
                    list: list.clone(),
                    body: Some(Box::new(Expr::Call {
                        func: Builtin::Period,
                        args: vec![r(1, &[0]), r(1, &[1])],
                    })),
                },
                &[0],
            ),
            rule(
                "paid_below",
                &[],
                bin(BinOp::Lt, r(0, &[2]), r(0, &[9])),
                &[2],
            ),
        ],
        computed: vec![Computed {
            name: "estimated_daily".into(),
            label: Text::ja("日額"),
            ty: ValueType::Yen,
            expr: Expr::Call {
                func: Builtin::Round,
                args: vec![
                    bin(
                        BinOp::Mul,
                        bin(BinOp::Div, r(0, &[9]), Expr::Lit(Literal::Int(30))),
                        Expr::Lit(Literal::Rate { num: 2, den: 3 }),
                    ),
                    Expr::Lit(Literal::Int(1)),
                ],
            },
            when: None,
            source: String::new(),
        }],
        attachments: vec![AttachmentSlot {
            id: "opinion".into(),
            label: Text::ja("意見書"),
            help: None,
            accept: vec![MediaType::Pdf, MediaType::Jpeg, MediaType::Png],
            max_size: 10 * 1024 * 1024,
            max_count: 3,
            presence: Presence::Required,
            required_src: None,
        }],
        params: vec![],
        source: "shobyo_teate.form".into(),
        basis: None,
        migration: None,
    };
    Bundle::new(vec![form], BTreeMap::new())
}

const SUBMISSION: &str = r#"{
  "form": "shobyo_teate", "version": "2026.1", "submitted_at": "2026-01-13T09:30:00+09:00",
  "applicant": { "role": "insured" },
  "qualification": { "insurer_number": "01130012", "branch": "東京", "symbol": "12345678", "number": "1",
    "branch_no": "00", "name_kanji": "協会 太郎", "name_kana": "キョウカイ　タロウ", "sex": "male", "birth_date": "1989-05-10" },
  "fields": {
    "leave": [ { "from": "2025-12-01", "to": "2025-12-20" }, { "from": "2025-12-21", "to": "2026-01-05", "note": "再発" } ],
    "paid": true, "paid_amount": 50000,
    "bank": { "bank_code": "0001", "branch_code": "001", "account_type": "ordinary", "account_number": "1234567", "holder_kana": "キヨウカイ　タロウ" },
    "addr": { "postal": "100-0001", "address": "東京都千代田区千代田1-1", "phone": "03-1234-5678" },
    "occupation": "事務", "injury": false, "first_visit": "2025-11-30", "salary": 300000,
    "email": "taro@example.jp", "kana": "キョウカイ", "children": 2, "month": "2025-12"
  },
  "attachments": [ { "slot": "opinion", "file_name": "ikensho.pdf", "media_type": "application/pdf", "size": 123456 } ]
}"#;

fn main() {
    let bundle = typical();
    let now = DateTime::parse_from_rfc3339("2026-01-13T09:30:00+09:00").unwrap();
    let options = Options::default();
    let first = validate(&bundle, SUBMISSION, now, &options);
    println!("{}", serde_json::to_string(&first).unwrap());
    if let Some(n) = std::env::var("BENCH_ONLY")
        .ok()
        .and_then(|n| n.parse::<usize>().ok())
    {
        // For instruction counting (e.g. under callgrind): n validations, no timing.
        for _ in 0..n {
            std::hint::black_box(validate(
                &bundle,
                std::hint::black_box(SUBMISSION),
                now,
                &options,
            ));
        }
        return;
    }
    let mut samples = Vec::new();
    for _ in 0..200 {
        let start = Instant::now();
        for _ in 0..100 {
            std::hint::black_box(validate(
                &bundle,
                std::hint::black_box(SUBMISSION),
                now,
                &options,
            ));
        }
        samples.push(start.elapsed().as_nanos() / 100);
    }
    samples.sort_unstable();
    let us = |ns: u128| ns as f64 / 1000.0;
    println!(
        "validate: min {:.2} µs, median {:.2} µs, p90 {:.2} µs",
        us(samples[0]),
        us(samples[100]),
        us(samples[180])
    );
    let mut ser = Vec::new();
    for _ in 0..200 {
        let start = Instant::now();
        for _ in 0..100 {
            let r = validate(&bundle, std::hint::black_box(SUBMISSION), now, &options);
            std::hint::black_box(serde_json::to_string(&r).unwrap());
        }
        ser.push(start.elapsed().as_nanos() / 100);
    }
    ser.sort_unstable();
    println!(
        "validate + serialize: min {:.2} µs, median {:.2} µs",
        us(ser[0]),
        us(ser[100])
    );
}
