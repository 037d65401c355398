//! Workspace-level tests live in `tests/*.rs` next to this file: every bundled
//! form's IR and every case's verdict as insta snapshots (`forms.rs`), the
//! compiler's diagnostics on fixtures (`fixtures.rs`), and the examples of
//! `docs/language.md` (`docs_examples.rs`). Shared helpers are here.

use std::path::{Path, PathBuf};

/// The repository root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Compiles `forms/` and returns the bundle; any diagnostic fails the test.
pub fn bundled_forms() -> shinsei_ir::Bundle {
    let sources =
        shinsei_load::Sources::load(&[root().join("forms")]).unwrap_or_else(|e| panic!("{e}"));
    let out = sources.compile();
    assert!(
        out.diagnostics.is_empty(),
        "forms/ has diagnostics: {:#?}",
        out.diagnostics
    );
    out.bundle
        .unwrap_or_else(|| shinsei_ir::Bundle::new(Vec::new(), Default::default()))
}

/// Every case file under `forms/` (`forms/<form>/cases/*.json`), sorted.
pub fn case_files() -> Vec<PathBuf> {
    shinsei_load::case_files(&[root().join("forms")]).unwrap_or_else(|e| panic!("{e}"))
}

/// `forms/shared/*.form` (the shared blocks, params and fns) in a source
/// database, for a test to add its own text to.
pub fn shared_sources() -> shinsei_syntax::SourceDb {
    shinsei_load::Sources::load(&[root().join("forms/shared")])
        .unwrap_or_else(|e| panic!("{e}"))
        .into_db()
}

/// Every file with extension `ext` under `dir`, sorted (the one walk:
/// [`shinsei_load::files_with`]).
pub fn files_with_ext(dir: &Path, ext: &str) -> Vec<PathBuf> {
    shinsei_load::files_with(&[dir], &[ext])
}

/// `path` relative to the repository root, `/`-separated.
pub fn relative(path: &Path) -> String {
    let root = root().canonicalize().unwrap_or_else(|_| root());
    let p = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    p.strip_prefix(&root)
        .unwrap_or(&p)
        .to_string_lossy()
        .replace('\\', "/")
}
