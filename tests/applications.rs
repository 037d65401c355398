//! The application file (申請ファイル) on every case of every bundled form:
//! a valid case exports to a file that meets the committed JSON Schema
//! (`docs/schemas/application-file.schema.json`, regenerated from the Rust
//! type: `UPDATE_SCHEMAS=1` rewrites it), reads back to the same value, and
//! whose canonical envelope is valid and needs no further normalization; an
//! invalid case is refused with its ordinary verdict.

use shinsei_cli::cases::Case;
use shinsei_runtime::{ApplicationFile, ExportError, Options, export_application, validate};
use shinsei_tests::{bundled_forms, case_files, relative, root};

fn schema_path() -> std::path::PathBuf {
    root().join("docs/schemas/application-file.schema.json")
}

#[test]
fn the_committed_schema_is_generated_from_the_type() {
    let schema = schemars::schema_for!(ApplicationFile);
    let text = format!("{}\n", serde_json::to_string_pretty(&schema).unwrap());
    if std::env::var_os("UPDATE_SCHEMAS").is_some() {
        std::fs::create_dir_all(schema_path().parent().unwrap()).unwrap();
        std::fs::write(schema_path(), &text).unwrap();
    }
    let committed = std::fs::read_to_string(schema_path()).unwrap_or_default();
    assert_eq!(
        committed, text,
        "docs/schemas/application-file.schema.json is out of date: UPDATE_SCHEMAS=1 cargo test -p shinsei-tests --test applications"
    );
}

fn cases() -> Vec<(String, Case)> {
    case_files()
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap();
            let case: Case =
                serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", relative(&p)));
            (relative(&p), case)
        })
        .collect()
}

#[test]
fn every_valid_case_exports_and_every_invalid_case_is_refused() {
    let bundle = bundled_forms();
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(schema_path()).unwrap()).unwrap();
    let checker = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the schema compiles");
    let options = Options::default();
    let (mut exported, mut refused) = (0, 0);
    for (name, case) in cases() {
        let now = case.now().unwrap();
        let text = serde_json::to_string(&case.submission).unwrap();
        let verdict = validate(&bundle, &text, now, &options);
        match export_application(&bundle, &text, Some(now), &options) {
            Ok(file) => {
                exported += 1;
                assert!(verdict.valid, "{name}: exported an invalid submission");
                assert_eq!(file.form, verdict.form.clone().unwrap(), "{name}");
                assert_eq!(file.version, verdict.version.clone().unwrap(), "{name}");
                assert_eq!(file.bundle_hash, bundle.hash, "{name}");
                assert_eq!(file.normalized, verdict.normalized, "{name}");
                let json = serde_json::to_value(&file).unwrap();
                let errors: Vec<String> =
                    checker.iter_errors(&json).map(|e| e.to_string()).collect();
                assert!(
                    errors.is_empty(),
                    "{name}: the file does not meet the schema: {errors:?}"
                );
                let back: ApplicationFile = serde_json::from_value(json).unwrap();
                assert_eq!(back, file, "{name}: the file does not read back");
                // The canonical values are accepted as they are.
                let canonical = serde_json::to_string(&file.canonical_envelope()).unwrap();
                let again = validate(&bundle, &canonical, now, &options);
                assert!(
                    again.valid,
                    "{name}: the canonical envelope is not valid: {:?}",
                    again.errors
                );
                assert!(
                    again.normalized.is_empty(),
                    "{name}: canonical values were normalized again: {:?}",
                    again.normalized
                );
            }
            Err(ExportError::Invalid(result)) => {
                refused += 1;
                assert_eq!(*result, verdict, "{name}: refused with another verdict");
                assert!(!verdict.valid, "{name}: a valid submission was refused");
            }
            Err(e) => panic!("{name}: {e}"),
        }
    }
    assert!(
        exported >= 30 && refused >= 30,
        "exported {exported}, refused {refused}"
    );
}

#[test]
fn the_time_of_submission_comes_from_now_or_submitted_at() {
    let bundle = bundled_forms();
    let case: Case = serde_json::from_str(
        &std::fs::read_to_string(
            root().join("forms/shobyo_teate/cases/valid_insured_first_claim.json"),
        )
        .unwrap(),
    )
    .unwrap();
    let mut envelope = case.submission.clone();
    let text = serde_json::to_string(&envelope).unwrap();
    let file = export_application(&bundle, &text, None, &Options::default()).unwrap();
    assert_eq!(file.submitted_at, "2026-03-02T10:00:00+09:00");
    assert_eq!(file.envelope["submitted_at"], file.submitted_at.as_str());

    envelope.as_object_mut().unwrap().remove("submitted_at");
    envelope.as_object_mut().unwrap().remove("version");
    let text = serde_json::to_string(&envelope).unwrap();
    assert_eq!(
        export_application(&bundle, &text, None, &Options::default()),
        Err(ExportError::NoTime)
    );
    let now = chrono::DateTime::parse_from_rfc3339("2026-03-03T09:15:00+09:00").unwrap();
    let file = export_application(&bundle, &text, Some(now), &Options::default()).unwrap();
    assert_eq!(file.submitted_at, "2026-03-03T09:15:00+09:00");
    assert_eq!(file.envelope["submitted_at"], "2026-03-03T09:15:00+09:00");
    assert_eq!(
        file.envelope["version"], "2026.1",
        "the version it was judged under is recorded"
    );
}
