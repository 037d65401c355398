//! Shared fixtures of the fuzz targets: the bundle of every form in
//! `forms/`, compiled once per process, the instant submissions are judged
//! at, and the submissions of the cases (the structure-aware target mutates
//! their values).

use std::path::PathBuf;
use std::sync::LazyLock;

use chrono::{DateTime, FixedOffset};
use shinsei_ir::Bundle;

/// The repository's root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Every form of `forms/`, compiled (once).
pub static BUNDLE: LazyLock<Bundle> = LazyLock::new(|| {
    let forms = repo().join("forms");
    shinsei_load::Sources::load(&[forms])
        .and_then(|s| s.bundle())
        .unwrap_or_else(|e| panic!("forms/ does not compile: {e}"))
});

/// A fixed instant inside every form's validity (a weekday in service hours).
pub fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-03-02T10:00:00+09:00")
        .unwrap_or_else(|e| panic!("fixed instant: {e}"))
}

/// The submission of every case under `forms/`, as JSON values.
pub static CASES: LazyLock<Vec<serde_json::Value>> = LazyLock::new(|| {
    let files =
        shinsei_load::case_files(&[repo().join("forms")]).unwrap_or_else(|e| panic!("cases: {e}"));
    files
        .iter()
        .filter_map(|f| {
            let text = std::fs::read_to_string(f).ok()?;
            let case: serde_json::Value = serde_json::from_str(&text).ok()?;
            case.get("submission").cloned()
        })
        .collect()
});
