//! The engine behind the JS entry points, natively: the embedded bundle is
//! exactly the compiler's (without the source texts), a bundle from elsewhere
//! is checked, and every entry point's edge cases give structured errors.

use chrono::{DateTime, FixedOffset};
use serde_json::{Value, json};
use shinsei_ir::Bundle;
use shinsei_runtime::{Options, ValidationResult};
use shinsei_wasm::{BUNDLE_JSON, Engine, ErrorCode};

fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-03-02T10:00:00+09:00").unwrap()
}

fn serde_bundle() -> Bundle {
    serde_json::from_str(BUNDLE_JSON).unwrap()
}

/// The serde bundle as the module embeds it (without source texts).
fn slim_bundle() -> Bundle {
    let mut b = serde_bundle();
    shinsei_wasm::slim::strip_sources(&mut b);
    b
}

fn engine() -> Engine {
    Engine::embedded().unwrap()
}

fn case(path: &str) -> Value {
    let text =
        std::fs::read_to_string(format!("{}/../{path}", env!("CARGO_MANIFEST_DIR"))).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// Every case file under `dir` (a form's `cases/`, none if it has none): its
/// path, its submission as JSON text and the time it is validated at.
fn cases_in(dir: &std::path::Path) -> Vec<(std::path::PathBuf, String, DateTime<FixedOffset>)> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "json"))
        .map(|path| {
            let c: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
            let at = c["now"]
                .as_str()
                .or(c["submission"]["submitted_at"].as_str())
                .and_then(|t| DateTime::parse_from_rfc3339(t).ok())
                .unwrap_or_else(now);
            (path, c["submission"].to_string(), at)
        })
        .collect()
}

#[test]
fn the_embedded_bundle_is_the_compilers() {
    let forms = concat!(env!("CARGO_MANIFEST_DIR"), "/../forms");
    let compiled = shinsei_load::Sources::load(&[forms])
        .unwrap()
        .bundle()
        .unwrap();
    let embedded = serde_bundle();
    assert_eq!(
        embedded.hash,
        shinsei_check::hash(&embedded),
        "hash covers the content"
    );
    assert_eq!(
        embedded.hash, compiled.hash,
        "rebuild shinsei-wasm after editing forms/"
    );
    assert_eq!(embedded, compiled);
}

#[test]
fn the_embedded_bundle_reads_back_as_the_compilers_without_sources() {
    assert_eq!(
        engine().bundle().unwrap(),
        &slim_bundle(),
        "binary, embedded"
    );
    assert!(!engine().info().source_texts);
    let serde = serde_bundle();
    let loaded = Engine::load(&shinsei_ir::binary::encode(&serde)).unwrap();
    assert_eq!(loaded.bundle().unwrap(), &serde, "loaded");
    assert!(loaded.info().source_texts);
}

#[test]
fn broken_bundles_say_why() {
    let err = |bytes: &[u8]| Engine::load(bytes).unwrap_err();
    let e = err(BUNDLE_JSON.as_bytes());
    assert_eq!(e.code, ErrorCode::BundleMalformed);
    assert_eq!(
        e.message,
        "a bundle in JSON: the module reads the binary form (`shinsei compile --binary`)"
    );
    assert_eq!(err(b"").code, ErrorCode::BundleMalformed);

    let bytes = shinsei_ir::binary::encode(&serde_bundle());
    let mut other = bytes.clone();
    other[4..8].copy_from_slice(&99_u32.to_le_bytes());
    let e = err(&other);
    assert_eq!(e.code, ErrorCode::BundleIrVersion);
    assert_eq!(
        e.message,
        format!(
            "the bundle has IR version 99, this runtime reads {}",
            shinsei_ir::IR_VERSION
        )
    );
    let e = err(&bytes[..bytes.len() - 10]);
    assert_eq!(e.code, ErrorCode::BundleMalformed);
    assert!(e.message.starts_with("not a bundle: "), "{}", e.message);
}

#[test]
fn describe_is_the_servers_description() {
    let serde = serde_bundle();
    let loaded = Engine::load(&shinsei_ir::binary::encode(&serde)).unwrap();
    for form in &serde.forms {
        let d = loaded
            .describe_form(&form.id, Some(&form.version), None)
            .unwrap();
        assert_eq!(d, shinsei_describe::describe(form, &serde));
    }
    // Embedded: the same but for the source texts.
    let slim = slim_bundle();
    let e = engine();
    for form in &slim.forms {
        let d = e
            .describe_form(&form.id, Some(&form.version), None)
            .unwrap();
        assert_eq!(d, shinsei_describe::describe(form, &slim));
    }
    let err = e.describe_form("nope", None, None).unwrap_err();
    assert_eq!(err.code, ErrorCode::EnvelopeForm);
    let err = e
        .describe_form("shobyo_teate", Some("1999.1"), None)
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::EnvelopeVersion);
    let old = DateTime::parse_from_rfc3339("2000-01-01T00:00:00+09:00").unwrap();
    let err = e
        .describe_form("shobyo_teate", None, Some(old))
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::EnvelopeVersion);
    let d = e.describe_form("shobyo_teate", None, Some(now())).unwrap();
    assert_eq!(d.version, "2026.1");
}

#[test]
fn list_forms_has_every_form_version() {
    let e = engine();
    let list = e.list_forms().unwrap();
    let whole: Vec<_> = serde_bundle()
        .forms
        .iter()
        .map(shinsei_describe::summary)
        .collect();
    assert_eq!(
        list, whole,
        "the embedded bundle's forms, read one at a time, in order"
    );
    let s = list.iter().find(|f| f.id == "shobyo_teate").unwrap();
    assert_eq!(s.title.ja, "傷病手当金支給申請書");
    assert_eq!(s.category.ja, "給付");
}

#[test]
fn validate_json_is_the_runtimes_output() {
    let e = engine();
    let c = case("forms/shobyo_teate/cases/valid_insured_first_claim.json");
    let text = c["submission"].to_string();
    let native = shinsei_runtime::validate(&serde_bundle(), &text, now(), &Options::default());
    assert!(native.valid);
    assert_eq!(
        e.validate_json(&text, now(), &Options::default()).unwrap(),
        serde_json::to_string(&native).unwrap()
    );
}

#[test]
fn validate_field_filters_by_pointer_and_reports_states() {
    let e = engine();
    let mut c = case("forms/shobyo_teate/cases/valid_insured_first_claim.json");
    c["submission"]["fields"]["leave"][0]["to"] = json!("2026-02-01");
    c["submission"]["fields"]["paid"] = json!(true);
    let text = c["submission"].to_string();
    let v = e
        .validate_field(&text, "/fields/leave/0/to", now(), &Options::default())
        .unwrap();
    assert!(!v.valid && !v.form_valid);
    let codes: Vec<&str> = v.errors.iter().map(|i| i.code.as_str()).collect();
    assert_eq!(codes, ["rule.period_order"]);
    assert_eq!(
        v.errors[0].message,
        "終了日は開始日以降の日付にしてください"
    );
    let full: ValidationResult = e.validate(&text, now(), &Options::default()).unwrap();
    assert_eq!(v.form_errors as usize, full.errors.len());
    assert!(full.errors.len() > 1, "payments are now required too");
    let state = |p: &str| v.fields.iter().find(|s| s.path == p).cloned();
    assert!(
        state("/fields/payments").unwrap().visible,
        "paid shows payments"
    );
    assert!(state("/fields/leave/0/to").unwrap().required);

    let v = e
        .validate_field(&text, "/fields/bank", now(), &Options::default())
        .unwrap();
    assert!(v.valid && v.errors.is_empty());
    let bad = e
        .validate_field(&text, "fields", now(), &Options::default())
        .unwrap_err();
    assert_eq!(bad.code, ErrorCode::ArgumentPath);
}

#[test]
fn prefill_takes_the_forms_subset() {
    let e = engine();
    let record = json!({
        "insurer_number": "01130012", "branch": "東京", "symbol": "12345678",
        "number": "1", "name_kanji": "協会 太郎", "name_kana": "キョウカイ タロウ",
        "sex": "male", "birth_date": "1989-05-10", "address": "not a 資格 field"
    });
    let p = e.prefill("shobyo_teate", &record, None, None).unwrap();
    let form = e.describe_form("shobyo_teate", None, None).unwrap();
    let shown: Vec<_> = form.qualification.iter().map(|q| q.id).collect();
    assert_eq!(p.entries.iter().map(|x| x.id).collect::<Vec<_>>(), shown);
    assert!(
        !p.qualification.contains_key("sex"),
        "傷病手当金 does not show 性別"
    );
    assert!(!p.qualification.contains_key("address"));
    assert_eq!(p.qualification["symbol"], "12345678");
    assert!(
        p.missing.is_empty(),
        "branch_no is optional: {:?}",
        p.missing
    );

    let p = e
        .prefill("shobyo_teate", &json!({"symbol": "1"}), None, None)
        .unwrap();
    assert!(p.missing.contains(&shinsei_ir::QualField::NameKanji));
    let err = e
        .prefill("shobyo_teate", &json!({"symbol": 1}), None, None)
        .unwrap_err();
    assert_eq!(
        (err.code, err.path.as_str()),
        (ErrorCode::ArgumentType, "/symbol")
    );
    let err = e
        .prefill("shobyo_teate", &json!([1]), None, None)
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::ArgumentType);
}

/// The bundle of `tests/fixtures/limits/at_the_limits.form` (expressions
/// and fields at the nesting limits).
fn at_the_limits() -> Bundle {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures/limits/at_the_limits.form");
    shinsei_load::Sources::load(&[path])
        .unwrap()
        .bundle()
        .unwrap()
}

#[test]
fn a_bundle_at_the_limits_loads_and_one_deeper_is_refused() {
    let at_limits = at_the_limits();
    let engine = Engine::load(&shinsei_ir::binary::encode(&at_limits)).unwrap();
    assert_eq!(engine.bundle().unwrap().forms[0].id, "at_the_limits");

    // One more level on the deepest rule: no compiler writes it, so a
    // bundle from elsewhere that does is refused before anything runs it.
    let mut deeper = at_limits;
    let rule = &mut deeper.forms[0].rules[0];
    rule.check = shinsei_ir::Expr::Unary {
        op: shinsei_ir::UnOp::Not,
        arg: Box::new(rule.check.clone()),
    };
    let e = Engine::load(&shinsei_ir::binary::encode(&deeper)).unwrap_err();
    assert_eq!(
        (e.code, e.path.as_str()),
        (ErrorCode::BundleMalformed, "/forms/0/rules/0/check")
    );
    assert_eq!(e.message, "not a bundle: nested 33 levels deep, at most 32");
}

/// A form's own bundle (`shinsei compile --binary --only ID`, what an app
/// fetches on demand for the core module) gives every case of the form the
/// verdict the whole bundle gives, byte for byte.
#[test]
fn a_forms_own_bundle_gives_its_cases_the_same_verdicts() {
    let whole = serde_bundle();
    let full = Engine::load(&shinsei_ir::binary::encode(&whole)).unwrap();
    let forms = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../forms");
    let mut checked = 0;
    let mut ids: Vec<&str> = whole.forms.iter().map(|f| f.id.as_str()).collect();
    ids.dedup();
    for id in ids {
        let own = shinsei_check::subset(&whole, &[id]);
        assert!(own.forms.iter().all(|f| f.id == id));
        assert!(own.params.len() <= whole.params.len());
        let part = Engine::load(&shinsei_ir::binary::encode(&own)).unwrap();
        for (path, text, at) in cases_in(&forms.join(id).join("cases")) {
            let options = Options::default();
            assert_eq!(
                part.validate_json(&text, at, &options).unwrap(),
                full.validate_json(&text, at, &options).unwrap(),
                "{}",
                path.display()
            );
            checked += 1;
        }
    }
    assert!(checked > 600, "{checked} cases");
}

/// The embedded bundle is read one form at a time: nothing to answer
/// `bundleInfo`, only the form a submission names to validate it (its
/// verdict the whole bundle's), every form for what needs them all.
#[test]
fn the_embedded_bundle_is_read_one_form_at_a_time() {
    let e = engine();
    let info = e.info();
    assert_eq!(info.hash, serde_bundle().hash);
    assert_eq!(info.forms as usize, serde_bundle().forms.len());
    assert!(e.forms_read().is_empty(), "{:?}", e.forms_read());

    let whole = Engine::load(&shinsei_ir::binary::encode(&slim_bundle())).unwrap();
    let c = case("forms/shobyo_teate/cases/valid_insured_first_claim.json");
    let text = c["submission"].to_string();
    let options = Options::default();
    assert_eq!(
        e.validate_json(&text, now(), &options).unwrap(),
        whole.validate_json(&text, now(), &options).unwrap()
    );
    assert_eq!(e.forms_read(), ["shobyo_teate"]);
    let field = |e: &Engine| {
        serde_json::to_string(
            &e.validate_field(&text, "/fields/leave", now(), &options)
                .unwrap(),
        )
        .unwrap()
    };
    assert_eq!(field(&e), field(&whole));
    for returned in [false, true] {
        assert_eq!(
            e.render_html(&text, now(), returned, 1 << 20).unwrap(),
            whole.render_html(&text, now(), returned, 1 << 20).unwrap()
        );
    }
    let file = |e: &Engine| {
        serde_json::to_string(&e.export_application(&text, Some(now()), &options).unwrap()).unwrap()
    };
    assert_eq!(file(&e), file(&whole));
    let record = c["submission"]["qualification"].clone();
    let again = |e: &Engine| {
        serde_json::to_string(&e.reapply(&file(&whole), &record, now(), &options).unwrap()).unwrap()
    };
    assert_eq!(again(&e), again(&whole));
    let states = |e: &Engine| {
        serde_json::to_string(&e.field_states(&text, now(), &options).unwrap()).unwrap()
    };
    assert_eq!(states(&e), states(&whole));
    assert_eq!(e.forms_read(), ["shobyo_teate"]);
    e.describe_form("maisoryo", None, None).unwrap();
    assert_eq!(e.forms_read(), ["maisoryo", "shobyo_teate"]);

    // A submission naming no form, or one the bundle does not have, or the
    // form where the quick look does not find it: the whole bundle's verdict.
    let fresh = engine();
    for text in [
        r#"{"fields":{}}"#.to_owned(),
        r#"{"form":"nope"}"#.to_owned(),
        r#"{"form":"sho\u0062yo_teate","fields":{}}"#.to_owned(),
        r#"{"form":"maisoryo","form":"shobyo_teate"}"#.to_owned(),
        r#"{"form":"maisoryo"#.to_owned(),
        text.replace(r#""form":"shobyo_teate""#, r#""form":"maisoryo""#),
    ] {
        assert_eq!(
            fresh.validate_json(&text, now(), &options).unwrap(),
            whole.validate_json(&text, now(), &options).unwrap(),
            "{text}"
        );
    }
    assert_eq!(engine().list_forms().unwrap(), whole.list_forms().unwrap());
    // listForms (what the module's listForms writes) reads no form.
    let listing = engine();
    assert_eq!(
        listing.list_forms_json().unwrap(),
        whole.list_forms_json().unwrap()
    );
    assert!(listing.forms_read().is_empty());

    // Once every form is read (Engine::list_forms), the whole bundle serves the rest.
    let listed = engine();
    listed.list_forms().unwrap();
    let mut ids: Vec<String> = serde_bundle().forms.into_iter().map(|f| f.id).collect();
    ids.dedup();
    assert_eq!(listed.forms_read(), ids);
    assert_eq!(
        listed.validate_json(&text, now(), &options).unwrap(),
        whole.validate_json(&text, now(), &options).unwrap()
    );
}

/// Every case of every form gets the same verdict and field answer from the
/// embedded bundle (one form read) as from the whole bundle.
#[test]
fn every_case_gets_the_whole_bundles_verdict_from_its_form_alone() {
    let whole = Engine::load(&shinsei_ir::binary::encode(&slim_bundle())).unwrap();
    let forms = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../forms");
    let options = Options::default();
    let mut checked = 0;
    for dir in std::fs::read_dir(&forms).unwrap() {
        for (path, text, at) in cases_in(&dir.unwrap().path().join("cases")) {
            let e = engine();
            assert_eq!(
                e.validate_json(&text, at, &options).unwrap(),
                whole.validate_json(&text, at, &options).unwrap(),
                "{}",
                path.display()
            );
            assert!(e.forms_read().len() <= 1, "{}", path.display());
            let field = |e: &Engine| {
                e.validate_field(&text, "", at, &options)
                    .map(|v| serde_json::to_string(&v).unwrap())
            };
            assert_eq!(field(&e), field(&whole), "{}", path.display());
            checked += 1;
        }
    }
    assert!(checked > 600, "{checked} cases");
}
