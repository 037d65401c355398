//! insta snapshots of `describe()` and `envelope_schema()` for every form
//! version in the bundle, and of the description's own JSON Schema.

use serde_json::Value;
use shinsei_describe::{FormDescription, SchemaKind, describe, envelope_schema};

use crate::common::bundle;

/// The hash covers every form: keep it out of the per-form snapshots so that
/// editing one form does not touch the others' (it is asserted instead).
const HASH: &str = "[bundle hash]";

fn settings() -> insta::Settings {
    let mut s = insta::Settings::clone_current();
    // serde_json's map order depends on features other crates may turn on.
    s.set_sort_maps(true);
    s.set_prepend_module_to_snapshot(false);
    s
}

#[test]
fn describe_every_form_version() {
    let bundle = bundle();
    assert!(!bundle.forms.is_empty());
    for form in &bundle.forms {
        let mut d = describe(form, bundle);
        assert_eq!(d.bundle_hash, bundle.hash);
        d.bundle_hash = HASH.to_owned();
        // Round trip: the contract type reads back what it writes.
        let json = serde_json::to_string(&d).unwrap();
        assert_eq!(serde_json::from_str::<FormDescription>(&json).unwrap(), d);
        settings().bind(|| {
            insta::assert_json_snapshot!(format!("describe__{}__{}", form.id, form.version), d);
        });
    }
}

#[test]
fn envelope_schema_every_form_version() {
    let bundle = bundle();
    for form in &bundle.forms {
        for (kind, name) in [
            (SchemaKind::Input, "schema"),
            (SchemaKind::Canonical, "canonical_schema"),
        ] {
            let mut schema = envelope_schema(form, bundle, kind);
            let comment = schema["$comment"].as_str().unwrap().to_owned();
            assert!(comment.contains(&bundle.hash), "{comment}");
            schema["$comment"] = Value::from(comment.replace(&bundle.hash, HASH));
            settings().bind(|| {
                insta::assert_json_snapshot!(
                    format!("{name}__{}__{}", form.id, form.version),
                    schema
                );
            });
        }
    }
}

#[test]
fn description_type_schema() {
    let schema = schemars::schema_for!(FormDescription);
    jsonschema::meta::validate(schema.as_value()).unwrap();
    settings().bind(|| insta::assert_json_snapshot!("form_description_schema", schema));
}

#[test]
fn every_description_matches_its_type_schema() {
    let schema = schemars::schema_for!(FormDescription);
    let validator = crate::common::validator(schema.as_value());
    let bundle = bundle();
    for form in &bundle.forms {
        let json = serde_json::to_value(describe(form, bundle)).unwrap();
        let errors = crate::common::schema_errors(&validator, &json);
        assert!(
            errors.is_empty(),
            "{} {}: {errors:#?}",
            form.id,
            form.version
        );
    }
}
