//! `Sources::load`, `read_bundle` and `case_files` on scratch directories.

use std::path::{Path, PathBuf};

use shinsei_load::{BundleSource, LoadError, Sources, case_files, json_files, read_bundle};

const FORM: &str = r#"form demo "見本" {
  version "1"  effective 2026-01-13..  category 給付  applicants insured
  field paid "報酬を受けましたか": bool
}
"#;

/// A fresh scratch directory for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("shinsei-load-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

#[test]
fn names_are_relative_to_the_directory_given_so_the_hash_is_too() {
    let a = scratch("a");
    let b = scratch("b");
    write(&a.join("forms/demo/demo.form"), FORM);
    write(&b.join("elsewhere/deeper/demo/demo.form"), FORM);
    let one = Sources::load(&[a.join("forms")]).unwrap().bundle().unwrap();
    let two = Sources::load(&[b.join("elsewhere/deeper")])
        .unwrap()
        .bundle()
        .unwrap();
    assert_eq!(one.forms[0].source, "demo/demo.form");
    assert_eq!(one.hash, two.hash);
    // A file given directly is named by its file name.
    let file = Sources::load(&[a.join("forms/demo/demo.form")]).unwrap();
    assert_eq!(
        file.db().get(shinsei_syntax::FileId(0)).unwrap().name,
        "demo.form"
    );
    std::fs::remove_dir_all(&a).unwrap();
    std::fs::remove_dir_all(&b).unwrap();
}

#[test]
fn files_are_sorted_and_diagnostics_show_the_path_given() {
    let dir = scratch("sorted");
    write(&dir.join("b/b.form"), &FORM.replace("demo", "b"));
    write(
        &dir.join("a/a.form"),
        &FORM.replace("demo", "a").replace("bool", "boool"),
    );
    write(&dir.join("a/notes.txt"), "not a form");
    let sources = Sources::load(&[&dir]).unwrap();
    let names: Vec<_> = sources.db().iter().map(|(_, s)| s.name.as_str()).collect();
    assert_eq!(names, ["a/a.form", "b/b.form"]);
    assert_eq!(sources.files().len(), 2);
    match sources.bundle() {
        Err(LoadError::DoNotCompile { count: 1, first }) => {
            assert!(first.contains("a/a.form:3:"), "{first}");
            assert!(first.contains("unknown-type"), "{first}");
        }
        other => panic!("expected DoNotCompile, got {other:?}"),
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn nothing_to_load_is_an_error() {
    let dir = scratch("empty");
    assert!(matches!(
        Sources::load(&[&dir]),
        Err(LoadError::NoForms { .. })
    ));
    assert!(matches!(
        Sources::load(&[dir.join("missing")]),
        Err(LoadError::Read { .. })
    ));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_bundle_file_is_checked_for_version_and_hash() {
    let dir = scratch("bundle");
    write(&dir.join("forms/demo.form"), FORM);
    let bundle = BundleSource::Forms(vec![dir.join("forms")]).load().unwrap();
    let file = dir.join("bundle.json");
    let json = serde_json::to_string(&bundle).unwrap();
    std::fs::write(&file, &json).unwrap();
    assert_eq!(read_bundle(&file).unwrap(), bundle);
    assert_eq!(BundleSource::Bundle(file.clone()).load().unwrap(), bundle);

    std::fs::write(&file, json.replace("見本", "改竄")).unwrap();
    assert!(matches!(read_bundle(&file), Err(LoadError::Hash { .. })));

    let mut other: serde_json::Value = serde_json::from_str(&json).unwrap();
    other["ir_version"] = 999.into();
    other["forms"] = "a field this build does not know".into();
    std::fs::write(&file, other.to_string()).unwrap();
    assert!(matches!(
        read_bundle(&file),
        Err(LoadError::IrVersion { found: 999, .. })
    ));

    std::fs::write(&file, "{").unwrap();
    assert!(matches!(
        read_bundle(&file),
        Err(LoadError::BadBundle { .. })
    ));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_binary_bundle_file_is_checked_the_same_way() {
    let dir = scratch("binary");
    write(&dir.join("forms/demo.form"), FORM);
    let bundle = BundleSource::Forms(vec![dir.join("forms")]).load().unwrap();
    let file = dir.join("bundle.bin");
    let bytes = shinsei_ir::binary::encode(&bundle);
    std::fs::write(&file, &bytes).unwrap();
    assert_eq!(read_bundle(&file).unwrap(), bundle);

    let mut edited = bundle.clone();
    edited.forms[0].title.ja = "改竄".into();
    std::fs::write(&file, shinsei_ir::binary::encode(&edited)).unwrap();
    assert!(matches!(read_bundle(&file), Err(LoadError::Hash { .. })));

    let mut other = bytes.clone();
    other[4..8].copy_from_slice(&999_u32.to_le_bytes());
    std::fs::write(&file, &other).unwrap();
    assert!(matches!(
        read_bundle(&file),
        Err(LoadError::IrVersion { found: 999, .. })
    ));

    std::fs::write(&file, &bytes[..bytes.len() / 2]).unwrap();
    assert!(matches!(
        read_bundle(&file),
        Err(LoadError::BadBundle { .. })
    ));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn case_files_are_json_files_in_a_cases_directory() {
    let dir = scratch("cases");
    write(&dir.join("demo/cases/b.json"), "{}");
    write(&dir.join("demo/cases/a.json"), "{}");
    write(&dir.join("demo/other.json"), "{}");
    write(&dir.join("demo/cases/readme.txt"), "");
    let found = case_files(&[&dir]).unwrap();
    let names: Vec<_> = found
        .iter()
        .map(|p| p.strip_prefix(&dir).unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["demo/cases/a.json", "demo/cases/b.json"]);

    // A file given directly counts wherever it is; json_files takes every
    // `.json` at any depth (one walk for both).
    let given = case_files(&[dir.join("demo/other.json")]).unwrap();
    assert_eq!(given, [dir.join("demo/other.json")]);
    let all: Vec<_> = json_files(&[&dir])
        .unwrap()
        .iter()
        .map(|p| p.strip_prefix(&dir).unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        all,
        ["demo/cases/a.json", "demo/cases/b.json", "demo/other.json"]
    );
    assert!(matches!(
        json_files(&[dir.join("missing")]),
        Err(LoadError::Read { .. })
    ));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_json_bundle_nested_without_end_is_refused_while_it_is_read() {
    let dir = scratch("endless");
    write(&dir.join("forms/demo.form"), FORM);
    let mut bundle = BundleSource::Forms(vec![dir.join("forms")]).load().unwrap();
    bundle.forms[0].fields[0].visible_when = Some(shinsei_ir::Expr::Role);
    let text = serde_json::to_string(&bundle).unwrap();
    // 100,000 levels: far past the stack of a test thread if nothing counted.
    let n = 100_000;
    let deep = format!(
        "{}\"role\"{}",
        r#"{"unary":{"op":"not","arg":"#.repeat(n),
        "}}".repeat(n)
    );
    let text = text.replacen(
        r#""visible_when":"role""#,
        &format!(r#""visible_when":{deep}"#),
        1,
    );
    assert!(text.len() > 2_000_000);
    let file = dir.join("bundle.json");
    std::fs::write(&file, &text).unwrap();
    let err = read_bundle(&file).unwrap_err();
    assert!(
        matches!(&err, LoadError::BadBundle { reason, .. } if reason.contains("nested more than")),
        "{err}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Hidden entries — an editor's lock file (Emacs's `.#demo.form`, a link to
/// nowhere), a `.git` folder — are neither compiled nor watched.
#[test]
fn hidden_entries_are_passed_over() {
    let dir = scratch("hidden");
    write(&dir.join("forms/demo/demo.form"), FORM);
    write(&dir.join("forms/demo/cases/ok.json"), "{}");
    write(&dir.join("forms/.git/x.form"), "not a form");
    write(&dir.join("forms/demo/cases/.draft.json"), "{");
    #[cfg(unix)]
    std::os::unix::fs::symlink(dir.join("nowhere"), dir.join("forms/demo/.#demo.form")).unwrap();
    let sources = Sources::load(&[dir.join("forms")]).unwrap();
    assert_eq!(sources.files(), [dir.join("forms/demo/demo.form")]);
    assert_eq!(
        case_files(&[dir.join("forms")]).unwrap(),
        [dir.join("forms/demo/cases/ok.json")]
    );
    assert_eq!(
        shinsei_load::watched_files(&[dir.join("forms")]),
        [
            dir.join("forms/demo/cases/ok.json"),
            dir.join("forms/demo/demo.form")
        ]
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// What `--watch` polls: what `check` and `test` read (a case file stands
/// for its form's folder, `shared/` comes along), and a path that cannot
/// be read — gone, or not there yet — has no files instead of an error.
#[test]
fn watched_files_pass_over_what_cannot_be_read() {
    let dir = scratch("watched");
    write(&dir.join("forms/demo/demo.form"), FORM);
    write(&dir.join("forms/demo/cases/ok.json"), "{}");
    write(&dir.join("forms/shared/blocks.form"), "");
    write(&dir.join("forms/other/other.form"), FORM);
    let gone = dir.join("forms/gone");
    assert_eq!(
        shinsei_load::watched_files(&[dir.join("forms/demo/cases/ok.json"), gone.clone()]),
        [
            dir.join("forms/demo/cases/ok.json"),
            dir.join("forms/demo/demo.form"),
            dir.join("forms/shared/blocks.form"),
        ]
    );
    assert!(Sources::load(&[&gone]).is_err(), "compiling it is an error");
    // Coming back, it is seen.
    write(&gone.join("gone.form"), FORM);
    assert!(shinsei_load::watched_files(&[&gone]).contains(&gone.join("gone.form")));
    std::fs::remove_dir_all(&dir).unwrap();
}
