//! Field states (validate-as-you-type): shown and required fields with real
//! list indices, in declaration order, agreeing with `validate`.

mod common;

use common::*;
use serde_json::{Value as J, json};
use shinsei_ir::{BinOp, Bundle, FieldKind};
use shinsei_runtime::Options;
use shinsei_runtime::state::{FieldState, FieldStates, field_states};

fn states(b: &Bundle, submission: &J) -> FieldStates {
    field_states(b, &submission.to_string(), now(), &Options::default())
}

/// `(path, visible, required)` of every entry.
fn flags(s: &FieldStates) -> Vec<(&str, bool, bool)> {
    s.fields
        .iter()
        .map(|f| (f.path.as_str(), f.visible, f.required))
        .collect()
}

fn get<'a>(s: &'a FieldStates, path: &str) -> &'a FieldState {
    s.fields
        .iter()
        .find(|f| f.path == path)
        .unwrap_or_else(|| panic!("no state for {path}: {s:#?}"))
}

fn paid_form() -> Bundle {
    single(vec![
        field("paid", "報酬を受けましたか", FieldKind::Bool).required(),
        field("paid_amount", "受けた報酬の額", yen())
            .required()
            .visible_when(f(&[0])),
        field("note", "備考", text()),
    ])
}

#[test]
fn conditional_field_appears_and_disappears() {
    let b = paid_form();
    let s = states(&b, &env(json!({ "paid": true })));
    assert_eq!(s.form.as_deref(), Some("t"));
    assert_eq!(s.version.as_deref(), Some("2026.1"));
    assert_eq!(
        flags(&s),
        vec![
            ("/fields/paid", true, true),
            ("/fields/paid_amount", true, true),
            ("/fields/note", true, false),
        ]
    );
    let s = states(&b, &env(json!({ "paid": false, "paid_amount": 5 })));
    assert!(!get(&s, "/fields/paid_amount").visible);
    assert!(!get(&s, "/fields/paid_amount").required);
    // Unknown (absent or invalid) conditions hide, as in validate.
    let s = states(&b, &env(json!({ "paid": "たぶん" })));
    assert!(!get(&s, "/fields/paid_amount").visible);
    let s = states(&b, &env(json!({})));
    assert!(!get(&s, "/fields/paid_amount").visible);
}

#[test]
fn required_when_follows_its_condition() {
    let b = single(vec![
        field("kind", "種類", choice(&["self", "family"])).required(),
        field("relation", "続柄", text()).required_when(bin(BinOp::Eq, f(&[0]), ltext("family"))),
    ]);
    let s = states(&b, &env(json!({ "kind": "family" })));
    assert_eq!(
        get(&s, "/fields/relation"),
        &FieldState {
            path: "/fields/relation".into(),
            visible: true,
            required: true,
            items: None
        }
    );
    let s = states(&b, &env(json!({ "kind": "self" })));
    assert!(get(&s, "/fields/relation").visible);
    assert!(!get(&s, "/fields/relation").required);
}

#[test]
fn list_items_get_real_indices_and_their_own_frame() {
    let item = vec![
        field("kind", "種類", choice(&["a", "b"])).required(),
        field("detail", "詳細", text()).required().visible_when(bin(
            BinOp::Eq,
            ff(1, &[0]),
            ltext("b"),
        )),
    ];
    let b = single(vec![field("items", "明細", list(1, 2, item)).required()]);
    let s = states(
        &b,
        &env(json!({ "items": [{ "kind": "a" }, { "kind": "b" }, { "kind": "b" }] })),
    );
    assert_eq!(
        flags(&s),
        vec![
            ("/fields/items", true, true),
            ("/fields/items/0/kind", true, true),
            ("/fields/items/0/detail", false, false),
            ("/fields/items/1/kind", true, true),
            ("/fields/items/1/detail", true, true),
        ],
        "items past `max` are not decoded"
    );
    assert_eq!(get(&s, "/fields/items").items, Some(2));
    let s = states(&b, &env(json!({ "items": [] })));
    assert_eq!(flags(&s), vec![("/fields/items", true, true)]);
    assert_eq!(get(&s, "/fields/items").items, Some(0));
    // A list item that is not an object still has (absent) members.
    let s = states(&b, &env(json!({ "items": [7] })));
    assert!(get(&s, "/fields/items/0/kind").required);
}

#[test]
fn groups_list_their_members_when_shown_even_if_not_sent() {
    let inner = vec![
        field(
            "bank_code",
            "金融機関コード",
            FieldKind::Digits { min: 4, max: 4 },
        )
        .required(),
        field("branch", "支店", text()).required().visible_when(bin(
            BinOp::Eq,
            f(&[0]),
            lbool(true),
        )),
    ];
    let b = single(vec![
        field("pay_by_bank", "口座振込", FieldKind::Bool),
        field("bank", "振込先", group(inner))
            .required()
            .visible_when(f(&[0])),
    ]);
    let s = states(&b, &env(json!({ "pay_by_bank": true })));
    assert_eq!(
        flags(&s),
        vec![
            ("/fields/pay_by_bank", true, false),
            ("/fields/bank", true, true),
            ("/fields/bank/bank_code", true, true),
            ("/fields/bank/branch", true, true),
        ]
    );
    let sent = states(
        &b,
        &env(json!({ "pay_by_bank": true, "bank": { "bank_code": "0001" } })),
    );
    assert_eq!(flags(&sent), flags(&s));
    let hidden = states(
        &b,
        &env(json!({ "pay_by_bank": false, "bank": { "bank_code": "0001" } })),
    );
    assert_eq!(
        flags(&hidden),
        vec![
            ("/fields/pay_by_bank", true, false),
            ("/fields/bank", false, false),
        ],
        "members of a hidden group are left out"
    );
}

#[test]
fn unreadable_envelopes_give_no_fields() {
    let b = paid_form();
    let none = |s: &str| field_states(&b, s, now(), &Options::default());
    assert_eq!(none("{"), FieldStates::default());
    assert_eq!(none("[]"), FieldStates::default());
    assert_eq!(none(r#"{"fields": {}}"#), FieldStates::default());
    let unknown = none(r#"{"form": "nope"}"#);
    assert_eq!(unknown.form.as_deref(), Some("nope"));
    assert!(unknown.fields.is_empty());
    // Fields that are not an object: the tree with everything absent.
    let s = none(r#"{"form": "t", "fields": 3}"#);
    assert_eq!(s.fields.len(), 3);
}

#[test]
fn required_errors_are_exactly_the_required_absent_fields() {
    let b = paid_form();
    for fields in [
        json!({}),
        json!({ "paid": true }),
        json!({ "paid": true, "paid_amount": 10 }),
        json!({ "paid": false, "note": "x" }),
    ] {
        let submission = env(fields.clone());
        let s = states(&b, &submission);
        let r = run(&b, &submission);
        let required: Vec<&str> = r
            .errors
            .iter()
            .filter(|i| i.code == "required")
            .map(|i| i.path.as_str())
            .collect();
        let expected: Vec<&str> = s
            .fields
            .iter()
            .filter(|st| {
                let key = st.path.trim_start_matches("/fields/");
                st.required && fields.get(key).is_none()
            })
            .map(|st| st.path.as_str())
            .collect();
        assert_eq!(required, expected, "fields {fields}");
    }
}

#[test]
fn serializes_items_only_for_lists() {
    let b = single(vec![
        field("a", "A", text()),
        field("l", "L", list(0, 3, vec![field("x", "X", text())])),
    ]);
    let s = states(&b, &env(json!({ "l": [{}] })));
    assert_eq!(
        serde_json::to_value(&s).unwrap(),
        json!({
            "form": "t",
            "version": "2026.1",
            "fields": [
                { "path": "/fields/a", "visible": true, "required": false },
                { "path": "/fields/l", "visible": true, "required": false, "items": 1 },
                { "path": "/fields/l/0/x", "visible": true, "required": false },
            ]
        })
    );
}
