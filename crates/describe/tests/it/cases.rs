//! Every case file `forms/**/cases/*.json` the runtime finds valid must
//! satisfy its form version's input schema as typed (和暦, full-width digits,
//! hiragana, `03-1234-5678`…), and the runtime's canonical form of it the
//! canonical schema.

use chrono::DateTime;
use serde_json::Value;
use shinsei_describe::{SchemaKind, envelope_schema};
use shinsei_runtime::Options;

use crate::common::{bundle, case_files, relative, schema_errors, validator};

#[test]
fn valid_cases_satisfy_both_envelope_schemas() {
    let bundle = bundle();
    let cases = case_files();
    let mut checked = 0;
    let mut validators = std::collections::HashMap::new();
    let mut failures = Vec::new();
    for path in &cases {
        let name = relative(path);
        let case: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap())
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let submission = &case["submission"];
        // `now` defaults to `submitted_at`, as in `shinsei test`.
        let now = case["now"].as_str().or(submission["submitted_at"].as_str());
        let now = DateTime::parse_from_rfc3339(now.unwrap_or_else(|| panic!("{name}: no now")))
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let verdict =
            shinsei_runtime::validate(bundle, &submission.to_string(), now, &Options::default());
        if case["expect"]["valid"] == Value::Bool(true) && !verdict.valid {
            failures.push(format!(
                "{name}: the runtime finds it invalid: {:?}",
                verdict.errors
            ));
        }
        if !verdict.valid {
            continue;
        }
        // The version the runtime chose (by `version`, else by `submitted_at`).
        let form = crate::common::form(
            verdict.form.as_deref().unwrap_or_default(),
            verdict.version.as_deref().unwrap_or_default(),
        );
        let (input, schema) = validators
            .entry((&form.id, &form.version))
            .or_insert_with(|| {
                let of = |kind| validator(&envelope_schema(form, bundle, kind));
                (of(SchemaKind::Input), of(SchemaKind::Canonical))
            });
        for e in schema_errors(input, submission) {
            failures.push(format!("{name}: input schema: {e}"));
        }
        let canonical = verdict.canonical.as_ref().unwrap().to_value();
        for e in schema_errors(schema, &canonical) {
            failures.push(format!("{name}: canonical schema: {e}"));
        }
        checked += 1;
    }
    eprintln!(
        "checked {checked} valid case(s) of {} case file(s) against both envelope schemas",
        cases.len()
    );
    assert!(checked >= 200, "only {checked} valid cases");
    assert!(
        failures.is_empty(),
        "valid cases rejected by a schema:\n{}",
        failures.join("\n")
    );
}
