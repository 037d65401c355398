//! Shared helpers: the compiled `forms/` directory and schema validation.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use serde_json::Value;
use shinsei_ir::{Bundle, Form};

/// The workspace root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
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

/// Every case file under `forms/`, sorted.
pub fn case_files() -> Vec<PathBuf> {
    shinsei_load::case_files(&[root().join("forms")]).unwrap()
}

/// The bundle compiled from `forms/` (once per test binary).
pub fn bundle() -> &'static Bundle {
    static BUNDLE: OnceLock<Bundle> = OnceLock::new();
    BUNDLE.get_or_init(|| {
        shinsei_load::Sources::load(&[root().join("forms")])
            .and_then(|s| s.bundle())
            .unwrap_or_else(|e| panic!("{e}"))
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
