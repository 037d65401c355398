//! Every bundled form's IR and every case's verdict, as insta snapshots: a
//! rule change shows up as a snapshot diff in review. Each case must also meet
//! its own expectation (the same comparison `shinsei test` makes).

use shinsei_cli::cases::Case;
use shinsei_runtime::{Options, validate, validate_with_states};
use shinsei_tests::{bundled_forms, case_files, relative};

#[test]
fn ir_of_every_form_version() {
    let bundle = bundled_forms();
    assert!(!bundle.forms.is_empty());
    for form in &bundle.forms {
        insta::assert_json_snapshot!(format!("ir__{}__{}", form.id, form.version), form);
    }
    insta::assert_json_snapshot!("params", bundle.params);
}

#[test]
fn verdict_of_every_case() {
    let bundle = bundled_forms();
    let cases = case_files();
    assert!(!cases.is_empty(), "no cases under forms/*/cases");
    let mut failures = Vec::new();
    for path in &cases {
        let text = std::fs::read_to_string(path).unwrap();
        let case: Case =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", relative(path)));
        let now = case
            .now()
            .unwrap_or_else(|e| panic!("{}: {e}", relative(path)));
        let submission = serde_json::to_string(&case.submission).unwrap();
        let result = validate(&bundle, &submission, now, &Options::default());
        // validate-as-you-type's single pass gives the very same verdict.
        let (same, states) = validate_with_states(&bundle, &submission, now, &Options::default());
        assert_eq!(same, result, "{}", relative(path));
        assert_eq!(states.form, result.form, "{}", relative(path));
        let problems = case.compare(&result);
        if !problems.is_empty() {
            failures.push(format!("{}:\n  {}", relative(path), problems.join("\n  ")));
        }
        let form = case.form_id().unwrap_or("unknown");
        let stem = path.file_stem().unwrap().to_string_lossy();
        insta::with_settings!({ description => case.description.clone() }, {
            insta::assert_json_snapshot!(format!("verdict__{form}__{stem}"), result);
        });
    }
    assert!(
        failures.is_empty(),
        "cases that do not meet their expectation:\n{}",
        failures.join("\n")
    );
}
