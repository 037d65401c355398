//! The bundle does not depend on where it was compiled: `shinsei compile` in
//! the repository and `shinsei compile --forms <repo>/forms` from another
//! directory write the same bundle, hash included.

use std::path::{Path, PathBuf};
use std::process::Command;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

fn compile(cwd: &Path, args: &[&str]) -> serde_json::Value {
    let out = Command::new(env!("CARGO_BIN_EXE_shinsei"))
        .arg("compile")
        .args(args)
        .current_dir(cwd)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn compile_in_the_repo_equals_compile_from_elsewhere() {
    let repo = repo();
    let elsewhere =
        std::env::temp_dir().join(format!("shinsei-cli-elsewhere-{}", std::process::id()));
    std::fs::create_dir_all(&elsewhere).unwrap();
    let forms = repo.join("forms");
    let here = compile(&repo, &[]);
    let there = compile(&elsewhere, &["--forms", forms.to_str().unwrap()]);
    let relative = compile(&repo.join("crates"), &["--forms", "../forms"]);
    std::fs::remove_dir_all(&elsewhere).unwrap();
    assert!(here["hash"].as_str().unwrap().starts_with("sha256:"));
    assert_eq!(here["hash"], there["hash"]);
    assert_eq!(here["hash"], relative["hash"]);
    assert_eq!(here, there, "the whole bundle, not only its hash");
    assert_eq!(
        here["forms"][0]["source"]
            .as_str()
            .unwrap()
            .split('/')
            .count(),
        2,
        "named relative to forms/: <form>/<form>.form"
    );
}

/// `--binary` writes what `--bundle` reads back; `--only` keeps one form
/// (every version) and the parameters it reads, under its own hash.
#[test]
fn compile_binary_and_one_form() {
    let repo = repo();
    let dir = std::env::temp_dir().join(format!("shinsei-cli-binary-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_shinsei"))
            .args(args)
            .current_dir(&repo)
            .output()
            .unwrap()
    };
    let whole = compile(&repo, &[]);
    let file = dir.join("shobyo_teate.bin");
    let out = run(&[
        "compile",
        "--binary",
        "--only",
        "shobyo_teate",
        "-o",
        file.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let bytes = std::fs::read(&file).unwrap();
    assert_eq!(&bytes[..4], b"SHNS");
    let own = shinsei_load::read_bundle(&file).unwrap();
    assert!(own.forms.iter().all(|f| f.id == "shobyo_teate"));
    assert!(!own.forms.is_empty());
    assert!(own.params.len() < whole["params"].as_object().unwrap().len());
    assert_ne!(own.hash, whole["hash"].as_str().unwrap());

    // The form's case validates the same with its own bundle.
    let case = "forms/shobyo_teate/cases/valid_insured_first_claim.json";
    let with_own = run(&["validate", "--bundle", file.to_str().unwrap(), case]);
    let with_all = run(&["validate", case]);
    assert!(with_own.status.success());
    assert_eq!(with_own.stdout, with_all.stdout);

    let unknown = run(&["compile", "--binary", "--only", "nope"]);
    assert_eq!(unknown.status.code(), Some(2), "a usage error");
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("no form `nope`"));
    std::fs::remove_dir_all(&dir).unwrap();
}
