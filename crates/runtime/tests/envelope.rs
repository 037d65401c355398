//! The JSON reader and the envelope: malformed input, form, version, dates,
//! service hours, applicant.

mod common;

use common::*;
use serde_json::json;
use shinsei_ir::{DateRange, Role};
use shinsei_runtime::{Lang, Options, SelectError, select_form, validate, validate_bytes};

fn two_versions() -> shinsei_ir::Bundle {
    let mut old = form("t", vec![field("a", "旧", text())]);
    old.version = "2025.1".into();
    old.effective = DateRange {
        from: d(2025, 1, 1),
        to: Some(d(2025, 12, 31)),
    };
    let new = form("t", vec![field("b", "新", text())]);
    bundle(vec![old, new])
}

#[test]
fn syntax_error_has_line_and_column() {
    let r = run_str(&single(vec![]), "{\n  \"form\": \"t\",\n  oops\n}");
    assert_errors(&r, &[("", "envelope.malformed")]);
    assert!(
        r.errors[0].message.contains("3行3列"),
        "{}",
        r.errors[0].message
    );
    assert_eq!(r.form, None);
    let en = validate(
        &single(vec![]),
        "[1,",
        now(),
        &Options {
            lang: Lang::En,
            ..Options::default()
        },
    );
    assert!(
        en.errors[0].message.contains("line 1"),
        "{}",
        en.errors[0].message
    );
}

#[test]
fn empty_and_trailing_input_are_malformed() {
    for input in ["", "   ", "{} {}", "{\"form\":\"t\"}x", "nul", "\u{feff}{}"] {
        let r = run_str(&single(vec![]), input);
        assert_errors(&r, &[("", "envelope.malformed")]);
    }
}

#[test]
fn duplicate_key_points_at_the_second_occurrence() {
    let r = run_str(
        &single(vec![]),
        r#"{"form":"t","fields":{"a":1,"b":[{"x":1},{"y/z~":1,"y/z~":2}]}}"#,
    );
    assert_errors(&r, &[("/fields/b/1/y~1z~0", "envelope.malformed")]);
    let top = run_str(&single(vec![]), r#"{"form":"t","form":"u"}"#);
    assert_errors(&top, &[("/form", "envelope.malformed")]);
}

#[test]
fn duplicate_keys_in_large_objects_are_found() {
    let mut members: Vec<String> = (0..5000).map(|i| format!("\"k{i}\":{i}")).collect();
    members.push("\"k4321\":0".into());
    let input = format!("{{\"form\":\"t\",\"fields\":{{{}}}}}", members.join(","));
    let r = run_str(&single(vec![]), &input);
    assert_errors(&r, &[("/fields/k4321", "envelope.malformed")]);
}

#[test]
fn nesting_depth_is_limited_without_crashing() {
    for depth in [65, 129, 10_000, 200_000] {
        let input = "[".repeat(depth);
        let r = run_str(&single(vec![]), &input);
        assert_errors(&r, &[("", "envelope.malformed")]);
        let objects = "{\"a\":".repeat(depth);
        let r = run_str(&single(vec![]), &objects);
        assert_errors(&r, &[("", "envelope.malformed")]);
    }
    // 64 levels are fine as far as the reader goes.
    let ok = format!("{}{}", "[".repeat(63), "]".repeat(63));
    let input = format!("{{\"form\":\"t\",\"x\":{ok}}}");
    let r = run_str(&single(vec![]), &input);
    assert_errors(&r, &[("/x", "unknown_field"), ("/applicant", "required")]);
    let too_deep = format!(
        "{{\"form\":\"t\",\"x\":{}{}}}",
        "[".repeat(64),
        "]".repeat(64)
    );
    assert_errors(
        &run_str(&single(vec![]), &too_deep),
        &[("", "envelope.malformed")],
    );
}

#[test]
fn nesting_depth_is_limited_on_a_small_stack() {
    let handle = std::thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(|| run_str(&single(vec![]), &"[".repeat(100_000)))
        .unwrap();
    assert_errors(&handle.join().unwrap(), &[("", "envelope.malformed")]);
}

#[test]
fn size_limit() {
    let big = format!(
        "{{\"form\":\"t\",\"fields\":{{\"a\":\"{}\"}}}}",
        "x".repeat(5 * 1024 * 1024)
    );
    let r = run_str(&single(vec![field("a", "A", text())]), &big);
    assert_errors(&r, &[("", "envelope.malformed")]);
    assert!(r.errors[0].message.contains("1048576"));
    // With a larger limit the 5 MB string is read and checked.
    let mut f = field("a", "A", text());
    f.kind = shinsei_ir::FieldKind::Text {
        min_len: None,
        max_len: Some(100),
        chars: None,
    };
    let opts = Options {
        max_bytes: 8 * 1024 * 1024,
        ..Options::default()
    };
    let big = format!(
        "{{\"form\":\"t\",\"applicant\":{{\"role\":\"insured\"}},\"fields\":{{\"a\":\"{}\"}}}}",
        "あ".repeat(2 * 1024 * 1024)
    );
    let r = validate(&single(vec![f]), &big, now(), &opts);
    assert_errors(&r, &[("/fields/a", "length.max")]);
    let r = validate_bytes(&single(vec![]), big.as_bytes(), now(), &Options::default());
    assert_errors(&r, &[("", "envelope.malformed")]);
}

#[test]
fn invalid_utf8() {
    let r = validate_bytes(
        &single(vec![]),
        b"{\"form\":\"t\xff\"}",
        now(),
        &Options::default(),
    );
    assert_errors(&r, &[("", "envelope.malformed")]);
    assert!(
        r.errors[0].message.contains("10"),
        "{}",
        r.errors[0].message
    );
}

#[test]
fn root_must_be_an_object() {
    for input in ["[]", "1", "\"form\"", "null", "true"] {
        assert_errors(&run_str(&single(vec![]), input), &[("", "type")]);
    }
}

#[test]
fn form_missing_or_unknown_stops() {
    let b = single(vec![]);
    let r = run(&b, &json!({ "fields": { "zzz": 1 }, "extra": 1 }));
    assert_errors(&r, &[("/form", "envelope.form")]);
    assert_eq!(r.form, None);
    let r = run(&b, &json!({ "form": 7 }));
    assert_errors(&r, &[("/form", "envelope.form")]);
    let r = run(&b, &json!({ "form": "nope", "extra": 1 }));
    assert_errors(&r, &[("/form", "envelope.form")]);
    assert_eq!(r.form.as_deref(), Some("nope"));
    assert_eq!(r.version, None);
    assert!(r.warnings.is_empty() && r.computed.is_empty());
}

#[test]
fn unsupported_bundle_is_an_envelope_form_error() {
    let mut b = single(vec![]);
    b.ir_version = 999;
    assert_errors(&run(&b, &env(json!({}))), &[("/form", "envelope.form")]);
    assert!(matches!(
        select_form(&b, "t", None, d(2026, 1, 13)),
        Err(SelectError::UnsupportedBundle { .. })
    ));
}

#[test]
fn version_is_selected_by_submission_date() {
    let b = two_versions();
    let mut s = env(json!({ "b": "x" }));
    let r = run(&b, &s);
    assert_errors(&r, &[]);
    assert_eq!(r.version.as_deref(), Some("2026.1"));
    s["submitted_at"] = json!("2025-06-01T10:00:00+09:00");
    s["fields"] = json!({ "a": "x" });
    let r = run(&b, &s);
    assert_errors(&r, &[]);
    assert_eq!(r.version.as_deref(), Some("2025.1"));
    // 2025-12-31T15:30Z is 2026-01-01 in Japan.
    s["submitted_at"] = json!("2025-12-31T15:30:00Z");
    assert_eq!(run(&b, &s).version.as_deref(), Some("2026.1"));
}

#[test]
fn version_must_exist_and_be_effective() {
    let b = two_versions();
    let mut s = env(json!({}));
    s["version"] = json!("2025.1");
    let r = run(&b, &s);
    assert_errors(&r, &[("/version", "envelope.version")]);
    assert_eq!(r.form.as_deref(), Some("t"));
    assert_eq!(r.version, None);
    s["version"] = json!("9.9");
    assert_errors(&run(&b, &s), &[("/version", "envelope.version")]);
    s["version"] = json!(2026.1);
    assert_errors(&run(&b, &s), &[("/version", "envelope.version")]);
    s["version"] = json!("2026.1");
    assert_errors(&run(&b, &s), &[]);
    // Nothing effective before 2025.
    let mut s = env(json!({}));
    s["submitted_at"] = json!("2024-06-01T10:00:00+09:00");
    assert_errors(&run(&b, &s), &[("/version", "envelope.version")]);
    assert!(matches!(
        select_form(&b, "t", None, d(2024, 1, 1)),
        Err(SelectError::NoneEffective { .. })
    ));
    assert!(matches!(
        select_form(&b, "t", Some("x"), d(2026, 1, 1)),
        Err(SelectError::UnknownVersion { .. })
    ));
    assert!(matches!(
        select_form(&b, "t", Some("2025.1"), d(2026, 1, 1)),
        Err(SelectError::NotEffective { .. })
    ));
    assert!(matches!(
        select_form(&b, "u", None, d(2026, 1, 1)),
        Err(SelectError::UnknownForm { .. })
    ));
    assert_eq!(
        select_form(&b, "t", Some("2025.1"), d(2025, 12, 31))
            .unwrap()
            .version,
        "2025.1"
    );
}

#[test]
fn submitted_at_must_be_rfc3339_with_offset() {
    let b = single(vec![]);
    for bad in [
        json!("2026-01-13"),
        json!("2026-01-13T09:30:00"),
        json!(12345),
        json!("yesterday"),
    ] {
        let mut s = env(json!({}));
        s["submitted_at"] = bad;
        assert_errors(&run(&b, &s), &[("/submitted_at", "format.date")]);
    }
}

#[test]
fn unknown_envelope_keys() {
    let s = r#"{"form":"t","extra":1,"applicant":{"role":"insured"},"a/b":2}"#;
    assert_errors(
        &run_str(&single(vec![]), s),
        &[("/extra", "unknown_field"), ("/a~1b", "unknown_field")],
    );
}

#[test]
fn service_closed_keeps_validating() {
    let b = single(vec![field("a", "A", text()).required()]);
    for closed in [
        "2026-01-13T21:00:00+09:00",
        "2026-01-12T10:00:00+09:00",
        "2026-01-17T10:00:00+09:00",
        "2026-01-02T10:00:00+09:00",
    ] {
        let r = validate(
            &b,
            &env(json!({})).to_string(),
            at(closed),
            &Options::default(),
        );
        assert_errors(&r, &[("", "service.closed"), ("/fields/a", "required")]);
    }
    let r = validate(
        &b,
        &env(json!({ "a": "x" })).to_string(),
        at("2026-01-13T00:30:00+01:00"),
        &Options::default(),
    );
    assert_errors(&r, &[]);
}

#[test]
fn applicant_role() {
    let b = single(vec![]);
    let mut s = env(json!({}));
    s.as_object_mut().unwrap().remove("applicant");
    assert_errors(&run(&b, &s), &[("/applicant", "required")]);
    s["applicant"] = json!({});
    assert_errors(&run(&b, &s), &[("/applicant/role", "required")]);
    s["applicant"] = json!({ "role": "boss", "name": "x" });
    assert_errors(
        &run(&b, &s),
        &[
            ("/applicant/role", "choice"),
            ("/applicant/name", "unknown_field"),
        ],
    );
    s["applicant"] = json!({ "role": "dependent" });
    let r = run(&b, &s);
    assert_errors(&r, &[("/applicant/role", "applicant.role")]);
    assert!(r.errors[0].message.contains(Role::Dependent.ja()));
    s["applicant"] = json!("insured");
    assert_errors(&run(&b, &s), &[("/applicant", "type")]);
    s["applicant"] = json!({ "role": 1 });
    assert_errors(&run(&b, &s), &[("/applicant/role", "type")]);
    s["applicant"] = json!({ "role": "agent" });
    assert_errors(&run(&b, &s), &[]);
}
