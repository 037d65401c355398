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
