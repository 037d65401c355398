//! Visibility: hidden fields are not required, their values are ignored with
//! a warning, expressions see them as absent; conditions may chain and cycle.

mod common;

use common::*;
use serde_json::json;
use shinsei_ir::{AggOp, BinOp, FieldKind, ValueType};

fn paid_form() -> shinsei_ir::Bundle {
    let mut form = form(
        "t",
        vec![
            field("paid", "報酬を受けましたか", FieldKind::Bool).required(),
            field("paid_amount", "受けた報酬の額", yen())
                .required()
                .visible_when(f(&[0])),
        ],
    );
    form.computed
        .push(computed("amount", ValueType::Yen, f(&[1])));
    bundle(vec![form])
}

#[test]
fn hidden_field_is_not_required_and_its_value_is_ignored() {
    let b = paid_form();
    let r = run(&b, &env(json!({ "paid": true })));
    assert_errors(&r, &[("/fields/paid_amount", "required")]);
    let r = run(&b, &env(json!({ "paid": false })));
    assert_errors(&r, &[]);
    let r = run(&b, &env(json!({ "paid": false, "paid_amount": "abc" })));
    assert_errors(&r, &[]);
    assert_eq!(
        warnings(&r),
        vec![pc("/fields/paid_amount", "unknown_field")]
    );
    assert_eq!(
        r.warnings[0].message,
        "この項目は入力の条件に当てはまらないため無視されます"
    );
    let r = run(&b, &env(json!({ "paid": false, "paid_amount": "１００" })));
    assert!(
        r.normalized.is_empty(),
        "hidden values are not normalized: {:?}",
        r.normalized
    );
    assert_eq!(
        r.computed.get("amount"),
        None,
        "expressions see a hidden field as absent"
    );
    let r = run(&b, &env(json!({ "paid": true, "paid_amount": "１００" })));
    assert_eq!(r.computed.get("amount"), Some(&json!(100)));
    assert_eq!(r.normalized.get("/fields/paid_amount"), Some(&json!(100)));
    // Unknown condition hides, blank values are not "sent".
    let r = run(&b, &env(json!({ "paid_amount": 100 })));
    assert_errors(&r, &[("/fields/paid", "required")]);
    assert_eq!(
        warnings(&r),
        vec![pc("/fields/paid_amount", "unknown_field")]
    );
    let r = run(&b, &env(json!({ "paid": false, "paid_amount": " " })));
    assert!(r.warnings.is_empty());
}

#[test]
fn required_when() {
    let b = single(vec![
        field("kind", "種類", choice(&["self", "family"])).required(),
        field("relation", "続柄", text()).required_when(bin(BinOp::Eq, f(&[0]), ltext("family"))),
    ]);
    assert_errors(
        &run(&b, &env(json!({ "kind": "family" }))),
        &[("/fields/relation", "required")],
    );
    assert_errors(&run(&b, &env(json!({ "kind": "self" }))), &[]);
    assert_errors(
        &run(&b, &env(json!({ "kind": "other" }))),
        &[("/fields/kind", "choice")],
    );
}

#[test]
fn invisible_group_hides_its_members_and_rules() {
    let inner = vec![
        field(
            "bank_code",
            "金融機関コード",
            FieldKind::Digits { min: 4, max: 4 },
        )
        .required(),
    ];
    let mut form = form(
        "t",
        vec![
            field("pay_by_bank", "口座振込", FieldKind::Bool),
            field("bank", "振込先", group(inner))
                .required()
                .visible_when(f(&[0])),
        ],
    );
    form.rules.push(rule(
        "not_0000",
        &[1],
        bin(BinOp::Ne, ff(0, &[1, 0]), ltext("0000")),
        &[0],
    ));
    let b = bundle(vec![form]);
    let r = run(
        &b,
        &env(json!({ "pay_by_bank": false, "bank": { "bank_code": "0000", "zzz": 1 } })),
    );
    assert_errors(&r, &[]);
    assert_eq!(warnings(&r), vec![pc("/fields/bank", "unknown_field")]);
    let r = run(
        &b,
        &env(json!({ "pay_by_bank": true, "bank": { "bank_code": "0000" } })),
    );
    assert_errors(&r, &[("/fields/bank/bank_code", "rule.not_0000")]);
    let r = run(&b, &env(json!({ "pay_by_bank": true, "bank": {} })));
    assert_errors(&r, &[("/fields/bank/bank_code", "required")]);
}

#[test]
fn visibility_inside_list_items_uses_the_item_frame() {
    let item = vec![
        field("kind", "種類", choice(&["a", "b"])).required(),
        field("detail", "詳細", text()).required().visible_when(bin(
            BinOp::Eq,
            ff(1, &[0]),
            ltext("b"),
        )),
    ];
    let mut form = form("t", vec![field("items", "明細", list(1, 5, item))]);
    form.computed.push(computed(
        "details",
        ValueType::Int,
        agg(AggOp::Count, fr(0, &[0]), Some(Expr::Present(fr(1, &[1])))),
    ));
    let b = bundle(vec![form]);
    let r = run(
        &b,
        &env(
            json!({ "items": [{ "kind": "a", "detail": "x" }, { "kind": "b" }, { "kind": "b", "detail": "y" }] }),
        ),
    );
    assert_errors(&r, &[("/fields/items/1/detail", "required")]);
    assert_eq!(
        warnings(&r),
        vec![pc("/fields/items/0/detail", "unknown_field")]
    );
    assert_eq!(r.computed.get("details"), Some(&json!(1)));
}

use shinsei_ir::Expr;

#[test]
fn chained_conditions_and_cycles_terminate() {
    // c is shown when b is present, b when a is true: a chain.
    let chain = single(vec![
        field("a", "A", FieldKind::Bool),
        field("b", "B", text()).visible_when(f(&[0])),
        field("c", "C", text())
            .required()
            .visible_when(present(&[1])),
    ]);
    assert_errors(
        &run(&chain, &env(json!({ "a": true, "b": "x" }))),
        &[("/fields/c", "required")],
    );
    let r = run(&chain, &env(json!({ "a": false, "b": "x", "c": "y" })));
    assert_errors(&r, &[]);
    assert_eq!(
        warnings(&r),
        vec![
            pc("/fields/b", "unknown_field"),
            pc("/fields/c", "unknown_field")
        ]
    );

    // x is shown when y is present and y when x is present: a cycle ⇒ both hidden.
    let cycle = single(vec![
        field("x", "X", text())
            .required()
            .visible_when(present(&[1])),
        field("y", "Y", text())
            .required()
            .visible_when(present(&[0])),
        field("z", "Z", text()).required().visible_when(f(&[2])),
    ]);
    let r = run(&cycle, &env(json!({ "x": "1", "y": "2", "z": "3" })));
    assert_errors(&r, &[]);
    assert_eq!(warnings(&r).len(), 3);
}

#[test]
fn a_value_read_inside_a_visibility_cycle_is_not_reused_outside() {
    // x is shown when y is absent; y when `add_days(x, 1)` is after 2000-01-01.
    // Deciding x reads y, whose condition meets x while x is being decided:
    // there x reads as hidden, so `add_days(x, 1)` is unknown and y hidden;
    // x ends up shown. The computed value repeats y's `add_days(x, 1)` (the
    // plan gives both one memo slot): read after the cycle it is x + 1 day,
    // not the unknown met inside it.
    let next_day = || call(shinsei_ir::Builtin::AddDays, vec![f(&[0]), lint(1)]);
    let mut form = form(
        "t",
        vec![
            field("x", "X", FieldKind::Date).visible_when(not(present(&[1]))),
            field("y", "Y", FieldKind::Date).visible_when(bin(
                BinOp::Gt,
                next_day(),
                ldate(2000, 1, 1),
            )),
        ],
    );
    form.computed
        .push(computed("next", ValueType::Date, next_day()));
    let r = run(&bundle(vec![form]), &env(json!({ "x": "2026-01-05" })));
    assert_errors(&r, &[]);
    assert_eq!(r.computed.get("next"), Some(&json!("2026-01-06")));
}

#[test]
fn hidden_list_is_empty_for_aggregates() {
    let item = vec![field("amount", "額", yen())];
    let mut form = form(
        "t",
        vec![
            field("has", "あり", FieldKind::Bool),
            field("items", "明細", list(0, 5, item)).visible_when(f(&[0])),
        ],
    );
    form.computed.push(computed(
        "total",
        ValueType::Yen,
        agg(AggOp::Sum, fr(0, &[1]), Some(ff(1, &[0]))),
    ));
    form.rules.push(rule(
        "small",
        &[1],
        bin(BinOp::Lt, ff(1, &[0]), lyen(10)),
        &[0],
    ));
    let b = bundle(vec![form]);
    let r = run(
        &b,
        &env(json!({ "has": false, "items": [{ "amount": 100 }] })),
    );
    assert_eq!(r.computed.get("total"), Some(&json!(0)));
    assert_errors(&r, &[]);
    let r = run(
        &b,
        &env(json!({ "has": true, "items": [{ "amount": 100 }, { "amount": 5 }] })),
    );
    assert_eq!(r.computed.get("total"), Some(&json!(105)));
    assert_errors(&r, &[("/fields/items/0/amount", "rule.small")]);
}
