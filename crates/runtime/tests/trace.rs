//! The trace of what a validation evaluated (`validate_traced`): which rules
//! held, fired, did not apply or stayed unknown, and which param periods were
//! read; the result beside it is exactly `validate`'s.

mod common;

use std::collections::BTreeMap;

use common::*;
use serde_json::json;
use shinsei_ir::*;
use shinsei_runtime::{Options, RuleTrace, validate, validate_traced};

/// A form with a date `on`, a flag `claim`, a list `items` of amounts, a
/// form-level rule with a `when`, a rule per item and a computed param value.
fn traced_bundle() -> Bundle {
    let mut form = form(
        "t",
        vec![
            field("on", "日", FieldKind::Date).required(),
            field("claim", "請求", FieldKind::Bool),
            field(
                "items",
                "明細",
                list(0, 5, vec![field("amount", "額", yen()).required()]),
            ),
        ],
    );
    let mut when_claim = rule(
        "on_or_after_2025",
        &[],
        bin(BinOp::Ge, f(&[0]), ldate(2025, 1, 1)),
        &[0],
    );
    when_claim.when = Some(f(&[1]));
    form.rules = vec![
        when_claim,
        rule("positive", &[2], bin(BinOp::Gt, ff(1, &[0]), lyen(0)), &[0]),
    ];
    form.computed = vec![computed("lump", ValueType::Yen, param("lump_sum", f(&[0])))];
    form.params = vec!["lump_sum".into()];
    let period = |from, yen| ParamPeriod {
        from,
        value: ParamValue::Single(Literal::Yen(yen)),
        note: None,
    };
    let lump = Param {
        name: "lump_sum".into(),
        label: Text::ja("一時金"),
        ty: ValueType::Yen,
        keys: vec![],
        periods: vec![
            period(d(2023, 4, 1), 500_000),
            period(d(2027, 4, 1), 550_000),
        ],
        source: "params.form".into(),
    };
    Bundle::new(vec![form], BTreeMap::from([("lump_sum".to_string(), lump)]))
}

fn trace_of(fields: serde_json::Value) -> shinsei_runtime::Trace {
    let b = traced_bundle();
    let sub = env(fields).to_string();
    let (result, states, trace) = validate_traced(&b, &sub, now(), &Options::default());
    assert_eq!(result, validate(&b, &sub, now(), &Options::default()));
    assert_eq!(
        states,
        shinsei_runtime::state::field_states(&b, &sub, now(), &Options::default())
    );
    trace
}

fn rt(held: u32, fired: u32, not_applicable: u32, unknown: u32) -> RuleTrace {
    RuleTrace {
        held,
        fired,
        not_applicable,
        unknown,
    }
}

#[test]
fn counts_each_outcome_per_evaluation() {
    let t = trace_of(json!({
        "on": "2024-12-31", "claim": true,
        "items": [ {"amount": 1}, {"amount": 0}, {"amount": 3}, {} ]
    }));
    assert_eq!(t.rules["on_or_after_2025"], rt(0, 1, 0, 0));
    // once per item: two held, one fired, the missing amount is unknown
    assert_eq!(t.rules["positive"], rt(2, 1, 0, 1));

    let t = trace_of(json!({ "on": "2025-01-01", "claim": false }));
    assert_eq!(t.rules["on_or_after_2025"], rt(0, 0, 1, 0));
    assert!(!t.rules.contains_key("positive"), "no items, no evaluation");

    let t = trace_of(json!({ "on": "2025-01-01", "claim": true }));
    assert_eq!(t.rules["on_or_after_2025"], rt(1, 0, 0, 0));

    let t = trace_of(json!({ "claim": true }));
    assert_eq!(t.rules["on_or_after_2025"], rt(0, 0, 0, 1));
}

#[test]
fn records_the_param_period_read() {
    let periods = |on: &str| {
        let t = trace_of(json!({ "on": on, "claim": false }));
        t.params.get("lump_sum").cloned().unwrap_or_default()
    };
    assert_eq!(
        periods("2027-03-31").into_iter().collect::<Vec<_>>(),
        vec![d(2023, 4, 1)]
    );
    assert_eq!(
        periods("2027-04-01").into_iter().collect::<Vec<_>>(),
        vec![d(2027, 4, 1)]
    );
    assert!(
        periods("2020-01-01").is_empty(),
        "before the first period: nothing read"
    );
}

#[test]
fn a_malformed_submission_has_an_empty_trace() {
    let (result, _, trace) = validate_traced(&traced_bundle(), "{", now(), &Options::default());
    assert!(!result.valid);
    assert_eq!(trace, shinsei_runtime::Trace::default());
}
