//! The application file (申請ファイル) on every case of every bundled form:
//! a valid case exports to a file that meets the committed JSON Schema
//! (`docs/schemas/application-file.schema.json`, regenerated from the Rust
//! type: `UPDATE_SCHEMAS=1` rewrites it), reads back to the same value, and
//! whose canonical envelope is valid and needs no further normalization; an
//! invalid case is refused with its ordinary verdict.

use shinsei_cli::cases::Case;
use shinsei_runtime::{
    ApplicationFile, ExportError, Options, export_application, read_application, validate,
};
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
                // The runtime's reader takes it, written compactly (the most
                // values per byte) or indented: its tree is within the bound.
                for text in [
                    serde_json::to_string(&file).unwrap(),
                    serde_json::to_string_pretty(&file).unwrap(),
                ] {
                    let read = read_application(&text, options.max_bytes)
                        .unwrap_or_else(|e| panic!("{name}: {e}"));
                    assert_eq!(read, file, "{name}: read_application differs");
                }
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

/// Every re-application case (`forms/<id>/reapply/*.json`) meets its
/// expectation; the whole re-application is an insta snapshot.
#[test]
fn every_reapply_case() {
    use shinsei_cli::reapply_cases::ReapplyCase;
    let bundle = bundled_forms();
    let files = shinsei_load::reapply_case_files(&[root().join("forms")]).unwrap();
    assert!(
        files.len() >= 6,
        "only {} re-application cases",
        files.len()
    );
    let mut forms = std::collections::BTreeSet::new();
    let mut codes = std::collections::BTreeSet::new();
    let mut failures = Vec::new();
    for path in &files {
        let name = relative(path);
        let case: ReapplyCase = serde_json::from_str(&std::fs::read_to_string(path).unwrap())
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let out = case.run(&bundle).unwrap_or_else(|e| panic!("{name}: {e}"));
        let problems = case.compare(&out);
        if !problems.is_empty() {
            failures.push(format!("{name}:\n  {}", problems.join("\n  ")));
        }
        let form = case.form_id().unwrap().to_owned();
        let stem = path.file_stem().unwrap().to_string_lossy();
        insta::with_settings!({ description => case.description.clone() }, {
            insta::assert_json_snapshot!(format!("reapply__{form}__{stem}"), out);
        });
        if out.from_version != out.version {
            forms.insert(form);
        }
        for c in &out.changes {
            assert!(
                shinsei_runtime::is_known_code(&c.code),
                "{name}: {}",
                c.code
            );
            assert_eq!(
                c.severity,
                shinsei_runtime::IssueSeverity::Warning,
                "{name}"
            );
            codes.insert(c.code.clone());
        }
    }
    let every: std::collections::BTreeSet<String> = shinsei_runtime::Code::REAPPLY
        .iter()
        .map(|c| c.as_str().to_owned())
        .collect();
    assert_eq!(codes, every, "every notice code is produced by some case");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(
        forms.len() >= 3,
        "re-applied across versions for {forms:?} only"
    );
}

/// Three versions of one form: a file made under the first is migrated
/// through both later ones; pointers of notices follow every rename, and a
/// removed value points back into the file.
const CHAIN: &str = r#"
form chain "見本" {
  version "1"  effective 2026-01-13..2026-12-31  category 給付  applicants insured
  list leave "期間" min 1 max 3 {
    field from "開始日": date
    field kind "区分": choice { a "A", b "B", c "C" }
    field memo "メモ": text(max 10) optional
  }
  field note "備考": text(max 20)
}
form chain "見本" {
  version "2"  effective 2027-01-01..2027-12-31  category 給付  applicants insured
  migrate from "1" {
    rename leave -> periods
    rename leave.kind -> category
    choice leave.kind { c -> b, remove b "Bは廃止" }
  }
  list periods "期間" min 1 max 3 {
    field from "開始日": date
    field category "区分": choice { a "A", b "B（旧C）" }
    field memo "メモ": text(max 10) optional
  }
  field note "備考": text(max 20)
}
form chain "見本" {
  version "3"  effective 2028-01-01..  category 給付  applicants insured
  migrate from "2" {
    rename periods.from -> start
    remove periods.memo
    rename note -> remarks
    add extra "新しい項目"
  }
  list periods "期間" min 1 max 3 {
    field start "開始日": date
    field category "区分": choice { a "A", b "B（旧C）" }
  }
  field remarks "備考": text(max 20)
  field extra "追加": text(max 10)
}
"#;

fn chain_bundle() -> shinsei_ir::Bundle {
    let mut db = shinsei_syntax::SourceDb::new();
    db.add("chain.form", CHAIN);
    let out = shinsei_check::compile(&db);
    assert!(out.diagnostics.is_empty(), "{:#?}", out.diagnostics);
    out.bundle.unwrap()
}

fn chain_file(bundle: &shinsei_ir::Bundle) -> ApplicationFile {
    let envelope = r#"{"form": "chain", "submitted_at": "2026-03-02T10:00:00+09:00",
        "applicant": {"role": "insured"},
        "fields": {"note": "なし", "leave": [
            {"from": "令和8年2月1日", "kind": "b", "memo": "x"},
            {"from": "2026-02-10", "kind": "c"}]}}"#;
    export_application(bundle, envelope, None, &Options::default()).unwrap()
}

#[test]
fn a_file_goes_through_every_version_since() {
    let bundle = chain_bundle();
    let file = chain_file(&bundle);
    assert_eq!(file.normalized["/fields/leave/0/from"], "2026-02-01");
    let now = chrono::DateTime::parse_from_rfc3339("2028-03-01T10:00:00+09:00").unwrap();
    let out = shinsei_runtime::reapply(
        &bundle,
        &file,
        &serde_json::json!({}),
        now,
        &Options::default(),
    )
    .unwrap();
    assert_eq!(
        (out.from_version.as_str(), out.version.as_str()),
        ("1", "3")
    );
    let changes: Vec<(&str, &str)> = out
        .changes
        .iter()
        .map(|c| (c.path.as_str(), c.code.as_str()))
        .collect();
    assert_eq!(
        changes,
        [
            ("/fields/extra", "migration.added"),
            // `leave.memo` was removed by version 3: the pointer is the file's.
            ("/fields/leave/0/memo", "migration.removed"),
            // `leave.kind` = b, removed by version 2, renamed twice since.
            ("/fields/periods/0/category", "migration.choice"),
        ]
    );
    assert!(out.changes[2].message.contains("Bは廃止"));
    assert_eq!(
        out.envelope["fields"],
        serde_json::json!({
            "remarks": "なし",
            "periods": [{"start": "2026-02-01"}, {"start": "2026-02-10", "category": "b"}]
        })
    );
    let errors: Vec<(&str, &str)> = out
        .result
        .errors
        .iter()
        .map(|e| (e.path.as_str(), e.code.as_str()))
        .collect();
    assert_eq!(
        errors,
        [
            ("/fields/periods/0/category", "required"),
            ("/fields/extra", "required")
        ]
    );
}

#[test]
fn reapplication_refuses_what_it_cannot_do() {
    use shinsei_runtime::{ReapplyError, read_application, reapply};
    let bundle = chain_bundle();
    let file = chain_file(&bundle);
    let record = serde_json::json!({});
    let at = |s: &str| chrono::DateTime::parse_from_rfc3339(s).unwrap();
    let o = Options::default();
    let err =
        |f: &ApplicationFile, now: &str| reapply(&bundle, f, &record, at(now), &o).unwrap_err();

    let mut unknown = file.clone();
    unknown.version = "0".into();
    assert!(matches!(
        err(&unknown, "2027-03-01T10:00:00+09:00"),
        ReapplyError::UnknownVersion { .. }
    ));
    let mut newer = file.clone();
    newer.version = "3".into();
    assert!(matches!(
        err(&newer, "2027-03-01T10:00:00+09:00"),
        ReapplyError::FileIsNewer { .. }
    ));
    assert!(matches!(
        err(&file, "2025-03-01T10:00:00+09:00"),
        ReapplyError::NoneInForce { .. }
    ));
    let mut other = file.clone();
    other.form = "nothing".into();
    assert!(matches!(
        err(&other, "2027-03-01T10:00:00+09:00"),
        ReapplyError::UnknownForm(_)
    ));
    assert!(matches!(
        reapply(
            &bundle,
            &file,
            &serde_json::json!([]),
            at("2027-03-01T10:00:00+09:00"),
            &o
        ),
        Err(ReapplyError::Record(_))
    ));

    let text = serde_json::to_string(&file).unwrap();
    assert_eq!(read_application(&text, 1 << 20).unwrap(), file);
    for (bad, why) in [
        ("{", "not JSON"),
        (r#"{"format": "x"}"#, "format"),
        (
            &text.replace("\"format_version\":1", "\"format_version\":2"),
            "format version 2",
        ),
        (
            &text.replace("\"title\"", "\"extra\":1,\"title\""),
            "unknown member",
        ),
        (
            &text.replace("\"bundle_hash\"", "\"bundle_hashes\""),
            "unknown member",
        ),
    ] {
        let e = read_application(bad, 1 << 20).unwrap_err();
        assert!(e.to_string().contains(why), "{bad}: {e}");
    }
    assert!(read_application(&text, 10).is_err(), "size limit");
}
