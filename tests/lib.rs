//! Workspace-level tests live in `tests/*.rs` next to this file: every bundled
//! form's IR and every case's verdict as insta snapshots (`forms.rs`), the
//! compiler's diagnostics on fixtures (`fixtures.rs`), and the examples of
//! `docs/language.md` (`docs_examples.rs`). Shared helpers are here.

use std::path::{Path, PathBuf};

/// The repository root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Compiles `forms/` (relative paths in diagnostics) and returns the bundle.
pub fn bundled_forms() -> shinsei_ir::Bundle {
    let mut db = shinsei_syntax::SourceDb::new();
    for path in files_with_ext(&root().join("forms"), "form") {
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        db.add(relative(&path), text);
    }
    let out = shinsei_check::compile(&db);
    assert!(
        out.diagnostics.is_empty(),
        "forms/ has diagnostics: {:#?}",
        out.diagnostics
    );
    out.bundle
        .unwrap_or_else(|| shinsei_ir::Bundle::new(Vec::new(), Default::default()))
}

/// Every file with extension `ext` under `dir`, sorted.
pub fn files_with_ext(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == ext) {
                out.push(p);
            }
        }
    }
    out.sort();
    out
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
