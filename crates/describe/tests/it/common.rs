//! Shared helpers: the compiled `forms/` directory and schema validation.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use serde_json::Value;
use shinsei_ir::{Bundle, Form};
use shinsei_syntax::SourceDb;

/// The workspace root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Every file under `dir` whose name ends with `suffix`, sorted.
pub fn files(dir: &Path, suffix: &str) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.to_string_lossy().ends_with(suffix) {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// `path` relative to the workspace root, `/`-separated.
pub fn relative(path: &Path) -> String {
    let root = root().canonicalize().unwrap();
    let path = path.canonicalize().unwrap();
    path.strip_prefix(&root)
        .unwrap()
        .to_string_lossy()
        .replace('\\', "/")
}

/// The bundle compiled from `forms/` (once per test binary).
pub fn bundle() -> &'static Bundle {
    static BUNDLE: OnceLock<Bundle> = OnceLock::new();
    BUNDLE.get_or_init(|| {
        let mut db = SourceDb::new();
        for path in files(&root().join("forms"), ".form") {
            db.add(relative(&path), std::fs::read_to_string(&path).unwrap());
        }
        let out = shinsei_check::compile(&db);
        let errors: Vec<_> = out.diagnostics.iter().filter(|d| d.is_error()).collect();
        assert!(errors.is_empty(), "forms/ does not compile: {errors:#?}");
        out.bundle.expect("a bundle when there are no errors")
    })
}

/// The form version `id`/`version` of the bundle.
pub fn form(id: &str, version: &str) -> &'static Form {
    bundle()
        .forms
        .iter()
        .find(|f| f.id == id && f.version == version)
        .unwrap_or_else(|| panic!("no form {id} {version}"))
}

/// A validator of `schema` that also checks `format`s.
pub fn validator(schema: &Value) -> jsonschema::Validator {
    jsonschema::options()
        .should_validate_formats(true)
        .build(schema)
        .unwrap_or_else(|e| panic!("schema does not compile: {e}"))
}

/// The schema errors of `instance`, as `path: message` lines.
pub fn schema_errors(validator: &jsonschema::Validator, instance: &Value) -> Vec<String> {
    validator
        .iter_errors(instance)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect()
}
