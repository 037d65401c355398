//! The JSON reader and the envelope: malformed input, form, version, dates,
//! service hours, applicant.

mod common;

use common::*;
use serde_json::json;
use shinsei_ir::SelectError;
use shinsei_ir::{DateRange, Role};
use shinsei_runtime::{Lang, Options, validate, validate_bytes};

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
    // The value of a key the form does not define is checked, not stored.
    let input = format!("{{\"form\":\"t\",\"x\":{{{}}}}}", members.join(","));
    let r = run_str(&single(vec![]), &input);
    assert_errors(&r, &[("/x/k4321", "envelope.malformed")]);
}

#[test]
fn an_object_may_have_a_bounded_number_of_keys_its_position_does_not_define() {
    let limit = shinsei_runtime::MAX_UNKNOWN_MEMBERS;
    let unknown = |n: usize| -> String { (0..n).map(|i| format!(",\"u{i}\":[{{}}]")).collect() };
    let bundle = single(vec![
        field("a", "A", text()),
        field("g", "G", group(vec![field("b", "B", text())])),
    ]);
    let head = r#"{"form":"t","applicant":{"role":"insured"}"#;
    // At the limit: one `unknown_field` each, as before.
    let at_limit = format!("{head},\"fields\":{{\"a\":\"x\"{}}}}}", unknown(limit));
    let r = run_str(&bundle, &at_limit);
    assert_eq!(r.errors.len(), limit);
    assert!(r.errors.iter().all(|e| e.code == "unknown_field"), "{r:#?}");
    // One more refuses the submission at the first key over the limit, in
    // every kind of object: the envelope, fields, a group, 資格, the applicant.
    let over = unknown(limit + 1);
    let cases = [
        (format!(r#"{{"form":"t"{over}}}"#), format!("/u{limit}")),
        (
            format!("{head},\"fields\":{{\"a\":\"x\"{over}}}}}"),
            format!("/fields/u{limit}"),
        ),
        (
            format!("{head},\"fields\":{{\"g\":{{\"b\":\"x\"{over}}}}}}}"),
            format!("/fields/g/u{limit}"),
        ),
        (
            format!("{head},\"qualification\":{{\"sex\":\"male\"{over}}}}}"),
            format!("/qualification/u{limit}"),
        ),
        (
            format!(r#"{{"form":"t","applicant":{{"role":"insured"{over}}}}}"#),
            format!("/applicant/u{limit}"),
        ),
    ];
    for (input, pointer) in cases {
        let r = run_str(&bundle, &input);
        assert_errors(&r, &[(&pointer, "envelope.malformed")]);
        assert!(r.errors[0].message.contains(&limit.to_string()), "{r:#?}");
    }
}

#[test]
fn attachments_are_bounded_by_the_slots_counts() {
    let mut form = form("t", vec![]);
    form.attachments = vec![
        slot(
            "a",
            "A",
            &[shinsei_ir::MediaType::Pdf],
            1_000_000,
            2,
            shinsei_ir::Presence::Optional,
        ),
        slot(
            "b",
            "B",
            &[shinsei_ir::MediaType::Pdf],
            1_000_000,
            3,
            shinsei_ir::Presence::Optional,
        ),
    ];
    let bundle = bundle(vec![form]);
    let cap = 2 + 3 + shinsei_runtime::MAX_UNKNOWN_MEMBERS;
    let entries = |n: usize| vec!["{}"; n].join(",");
    let head = r#"{"form":"t","applicant":{"role":"insured"}"#;
    let r = run_str(
        &bundle,
        &format!("{head},\"attachments\":[{}]}}", entries(cap)),
    );
    assert!(r.errors.iter().all(|e| e.code == "required"), "{r:#?}");
    assert_eq!(r.errors.len(), cap * 4); // slot, file_name, media_type, size
    let r = run_str(
        &bundle,
        &format!("{head},\"attachments\":[{}]}}", entries(cap + 1)),
    );
    assert_errors(
        &r,
        &[(&format!("/attachments/{cap}"), "envelope.malformed")],
    );
}

#[test]
fn what_the_form_never_reads_is_still_checked() {
    let item = vec![field("from", "開始日", shinsei_ir::FieldKind::Date)];
    let bundle = single(vec![
        field("leave", "期間", list(0, 2, item)),
        field("a", "A", text()),
    ]);
    let head = r#"{"form":"t","applicant":{"role":"insured"}"#;
    // Items past the list's max: counted, not read, but a duplicate key or
    // a syntax error in them is found at its place.
    let many =
        format!("{head},\"fields\":{{\"leave\":[{{}},{{}},{{}},[1,{{\"x\":1,\"x\":2}}]]}}}}");
    assert_errors(
        &run_str(&bundle, &many),
        &[("/fields/leave/3/1/x", "envelope.malformed")],
    );
    let broken = format!("{head},\"fields\":{{\"leave\":[{{}},{{}},{{}},[1,}}]}}}}");
    assert_errors(&run_str(&bundle, &broken), &[("", "envelope.malformed")]);
    let fine = format!("{head},\"fields\":{{\"leave\":[{{}},{{}},{{}},[1,{{\"x\":[]}}]]}}}}");
    assert_errors(&run_str(&bundle, &fine), &[("/fields/leave", "items.max")]);
    // A container where a string belongs: only its type matters.
    let r = run_str(
        &bundle,
        &format!("{head},\"fields\":{{\"a\":{{\"x\":[1,2]}}}}}}"),
    );
    assert_errors(&r, &[("/fields/a", "type")]);
    // The root is not an object: one `type` error, whatever it holds.
    assert_errors(
        &run_str(&bundle, "[{}, [], 1, {\"a\": [null]}]"),
        &[("", "type")],
    );
    assert_errors(
        &run_str(&bundle, "[{\"a\":1,\"a\":1}]"),
        &[("/0/a", "envelope.malformed")],
    );
}

#[test]
fn members_before_the_form_are_read_against_the_version_the_envelope_selects() {
    // Two versions with different fields: `fields` comes before `form`,
    // `version` and `submitted_at`, so the reader looks ahead for them.
    let bundle = two_versions();
    for (version, at, expected) in [
        ("2025.1", "2025-06-02T10:00:00+09:00", "/fields/b"),
        ("2026.1", "2026-01-13T10:00:00+09:00", "/fields/a"),
    ] {
        let late = format!(
            r#"{{"fields":{{"a":"x","b":"y"}},"applicant":{{"role":"insured"}},"form":"t","version":"{version}","submitted_at":"{at}"}}"#
        );
        let early = format!(
            r#"{{"form":"t","version":"{version}","submitted_at":"{at}","applicant":{{"role":"insured"}},"fields":{{"a":"x","b":"y"}}}}"#
        );
        let (late, early) = (run_str(&bundle, &late), run_str(&bundle, &early));
        assert_eq!(errors(&late), errors(&early));
        assert!(
            errors(&late).contains(&pc(expected, "unknown_field")),
            "{late:#?}"
        );
    }
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
    assert_errors(&r, &[("", "envelope.too_large")]);
    assert!(r.errors[0].message.contains("1048576"));
    // With a larger limit the 5 MB string is read and checked.
    let mut f = field("a", "A", text());
    f.kind = shinsei_ir::FieldKind::Text {
        min_len: None,
        max_len: Some(100),
        chars: None,
        lines: None,
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
    assert_errors(&r, &[("", "envelope.too_large")]);
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
        b.select("t", None, Some(d(2026, 1, 13))),
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
        b.select("t", None, Some(d(2024, 1, 1))),
        Err(SelectError::NoneEffective { .. })
    ));
    assert!(matches!(
        b.select("t", Some("x"), Some(d(2026, 1, 1))),
        Err(SelectError::UnknownVersion { .. })
    ));
    assert!(matches!(
        b.select("t", Some("2025.1"), Some(d(2026, 1, 1))),
        Err(SelectError::NotEffective { .. })
    ));
    assert!(matches!(
        b.select("u", None, Some(d(2026, 1, 1))),
        Err(SelectError::UnknownForm { .. })
    ));
    assert_eq!(
        b.select("t", Some("2025.1"), Some(d(2025, 12, 31)))
            .unwrap()
            .version,
        "2025.1"
    );
    // Without a date: a named version whatever its dates, else the newest.
    assert_eq!(
        b.select("t", Some("2025.1"), None).unwrap().version,
        "2025.1"
    );
    assert_eq!(b.select("t", None, None).unwrap().version, "2026.1");
    assert!(matches!(
        b.select("t", Some("x"), None),
        Err(SelectError::UnknownVersion { .. })
    ));
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

/// The filing date in `envelope.version`'s message is the date's Display
/// (the module leaves chrono's strftime out): the same text as `%Y-%m-%d`,
/// a sign past four digits included.
#[test]
fn dates_in_messages_read_as_year_month_day() {
    for (y, m, d) in [
        (1, 1, 1),
        (999, 12, 31),
        (2026, 3, 2),
        (9999, 12, 31),
        (10_000, 1, 1),
        (-1, 1, 1),
    ] {
        let on = chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(on.to_string(), on.format("%Y-%m-%d").to_string());
    }
}

/// `envelope_form` finds the root's `form` wherever it stands, as the reader
/// reads it (escapes included), and nothing where the root does not name
/// one as a string.
#[test]
fn the_envelope_form_is_found_as_validation_reads_it() {
    use shinsei_runtime::envelope_form as form;
    let id = |text| form(text).map(|id| id.into_owned());
    assert_eq!(
        id(r#"{"form":"shobyo_teate","fields":{}}"#).as_deref(),
        Some("shobyo_teate")
    );
    assert_eq!(
        id(r#" { "version" : "2026.1", "applicant": {"role": "insured", "x": [1, {"a": "}"}]}, "n": -1.5e3, "t": true, "form" : "maisoryo" } "#)
            .as_deref(),
        Some("maisoryo")
    );
    assert_eq!(
        id(r#"{"fields":{"form":"x"},"form":"y"}"#).as_deref(),
        Some("y")
    );
    assert_eq!(id(r#"{"s":"a\"b","form":"y"}"#).as_deref(), Some("y"));
    assert_eq!(
        id(r#"{"form":"sho\u0062yo_teate"}"#).as_deref(),
        Some("shobyo_teate")
    );
    // Read no further than `form`: what follows it does not matter.
    assert_eq!(id(r#"{"form":"y","fields":{"#).as_deref(), Some("y"));
    // Not a string, not there, not an object, broken before it: no hint.
    assert_eq!(id(r#"{"form":1}"#), None);
    assert_eq!(id(r#"{"form":null}"#), None);
    assert_eq!(id(r#"{"fields":{}}"#), None);
    assert_eq!(id(r#"["form","x"]"#), None);
    assert_eq!(id(r#"{"fields":{"#), None);
    assert_eq!(id(""), None);
    assert_eq!(id("{\"form"), None);
}
