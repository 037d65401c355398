//! Every case file `forms/**/cases/*.json` expected valid must satisfy its
//! form version's envelope schema once put in canonical form.
//!
//! The schema describes the canonical data; cases may be typed the way people
//! type (和暦, full-width digits, hiragana, `03-1234-5678`). The runtime reports
//! each value it normalized (`normalized`: pointer → canonical value), so a
//! case is checked as the runtime normalizes it — and the runtime must agree
//! the case is valid.

use chrono::DateTime;
use serde_json::Value;
use shinsei_describe::envelope_schema;
use shinsei_runtime::Options;

use crate::common::{bundle, case_files, relative, schema_errors, validator};

#[test]
fn valid_cases_satisfy_the_envelope_schema() {
    let bundle = bundle();
    let cases = case_files();
    let mut checked = 0;
    let mut normalized = 0;
    let mut failures = Vec::new();
    for path in &cases {
        let name = relative(path);
        let case: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap())
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        if case["expect"]["valid"] != Value::Bool(true) {
            continue;
        }
        let submission = &case["submission"];
        // `now` defaults to `submitted_at`, as in `shinsei test`.
        let now = case["now"].as_str().or(submission["submitted_at"].as_str());
        let now = DateTime::parse_from_rfc3339(now.unwrap_or_else(|| panic!("{name}: no now")))
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let verdict =
            shinsei_runtime::validate(bundle, &submission.to_string(), now, &Options::default());
        if !verdict.valid {
            failures.push(format!(
                "{name}: the runtime finds it invalid: {:?}",
                verdict.errors
            ));
            continue;
        }
        // The version the runtime chose (by `version`, else by `submitted_at`).
        let form = crate::common::form(
            verdict.form.as_deref().unwrap_or_default(),
            verdict.version.as_deref().unwrap_or_default(),
        );
        let mut canonical = submission.clone();
        for (pointer, value) in &verdict.normalized {
            *canonical
                .pointer_mut(pointer)
                .unwrap_or_else(|| panic!("{name}: {pointer}")) = value.clone();
        }
        let validator = validator(&envelope_schema(form, bundle));
        if !schema_errors(&validator, submission).is_empty() {
            normalized += 1;
        }
        let errors = schema_errors(&validator, &canonical);
        if !errors.is_empty() {
            failures.push(format!("{name}:\n  {}", errors.join("\n  ")));
        }
        checked += 1;
    }
    eprintln!(
        "checked {checked} valid case(s) of {} case file(s) against their envelope schemas \
         ({normalized} canonical only after normalization)",
        cases.len()
    );
    assert!(
        failures.is_empty(),
        "valid cases rejected by the schema:\n{}",
        failures.join("\n")
    );
}
