//! Every bundled form's IR and every case's verdict, as insta snapshots: a
//! rule change shows up as a snapshot diff in review. Each case must also meet
//! its own expectation (the same comparison `shinsei test` makes).

use shinsei_cli::cases::Case;
use shinsei_runtime::{
    Options, ValidationResult, validate, validate_as_you_type, validate_with_states,
};
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
        // validateField's pass leaves out the canonical submission, nothing else.
        let (typed, typed_states) =
            validate_as_you_type(&bundle, &submission, now, &Options::default());
        let without_canonical = ValidationResult {
            canonical: None,
            ..result.clone()
        };
        assert_eq!(typed, without_canonical, "{}", relative(path));
        assert_eq!(typed_states, states, "{}", relative(path));
        let problems = case.compare(&result);
        if !problems.is_empty() {
            failures.push(format!("{}:\n  {}", relative(path), problems.join("\n  ")));
        }
        if let Some(problem) = canonical_problem(&bundle, &result, now) {
            failures.push(format!("{}:\n  {problem}", relative(path)));
        }
        let form = case.form_id().unwrap_or("unknown");
        let stem = path.file_stem().unwrap().to_string_lossy();
        assert_eq!(
            result.to_json(),
            serde_json::to_string(&result).unwrap(),
            "{}: the shells' bytes are serde's",
            relative(path)
        );
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

/// What is wrong with the canonical form of a verdict, if anything: it must
/// be there once a version was chosen, and the canonical form of a valid
/// submission must get the same verdict with nothing left to normalize (and
/// be its own canonical form).
fn canonical_problem(
    bundle: &shinsei_ir::Bundle,
    result: &ValidationResult,
    now: chrono::DateTime<chrono::FixedOffset>,
) -> Option<String> {
    let Some(canonical) = &result.canonical else {
        return result
            .version
            .is_some()
            .then(|| "no canonical submission although a version was chosen".to_owned());
    };
    let text = canonical.as_str();
    if !result.valid {
        return None;
    }
    let again = validate(bundle, text, now, &Options::default());
    // Values sent to hidden fields are left out: their warnings go away.
    let hidden = shinsei_runtime::Code::UnknownField.as_str();
    let expected: Vec<_> = result
        .warnings
        .iter()
        .filter(|w| w.code != hidden)
        .collect();
    let warnings: Vec<_> = again.warnings.iter().collect();
    if !again.valid
        || again.computed != result.computed
        || again.attachments != result.attachments
        || warnings != expected
        || !again.normalized.is_empty()
        || again.canonical.as_ref() != Some(canonical)
    {
        return Some(format!(
            "revalidating the canonical submission changes the verdict:\n  {text}\n  gave {}",
            serde_json::to_string(&again).unwrap()
        ));
    }
    None
}
