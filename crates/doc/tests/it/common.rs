//! Shared helpers: the compiled `forms/` directory, and small forms compiled
//! from text.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use shinsei_doc::FormDoc;
use shinsei_ir::Bundle;
use shinsei_syntax::SourceDb;

/// The workspace root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Every `.form` file under `dir`, sorted.
fn form_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "form") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// The shared definitions (`forms/shared/*.form`) added to `db`.
fn add_shared(db: &mut SourceDb) {
    for path in form_files(&root().join("forms/shared")) {
        let name = format!(
            "forms/shared/{}",
            path.file_name().unwrap().to_string_lossy()
        );
        db.add(name, std::fs::read_to_string(&path).unwrap());
    }
}

/// The bundle compiled from `forms/` (once per test binary).
pub fn bundle() -> &'static Bundle {
    static BUNDLE: OnceLock<Bundle> = OnceLock::new();
    BUNDLE.get_or_init(|| {
        let mut db = SourceDb::new();
        let root = root();
        for path in form_files(&root.join("forms")) {
            let rel = path
                .strip_prefix(&root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            db.add(rel, std::fs::read_to_string(&path).unwrap());
        }
        compile(&db)
    })
}

fn compile(db: &SourceDb) -> Bundle {
    let out = shinsei_check::compile(db);
    let errors: Vec<_> = out.diagnostics.iter().filter(|d| d.is_error()).collect();
    assert!(errors.is_empty(), "does not compile: {errors:#?}");
    out.bundle.expect("a bundle when there are no errors")
}

/// A form given as text (with the shared definitions), compiled and documented.
pub fn doc(source: &str) -> (FormDoc, Bundle) {
    let mut db = SourceDb::new();
    add_shared(&mut db);
    db.add("test.form", source.to_owned());
    let bundle = compile(&db);
    let form = bundle
        .forms
        .iter()
        .find(|f| f.source == "test.form")
        .unwrap();
    (shinsei_doc::document(form, &bundle), bundle.clone())
}

/// A test form with `body` after a standard header.
pub fn form_with(body: &str) -> FormDoc {
    let source = format!(
        "form t \"見本\" {{\n  version \"1\"\n  effective 2026-01-13..\n  category 給付\n  applicants insured, dependent, agent\n{body}\n}}\n"
    );
    let doc = doc(&source).0;
    assert!(doc.problems.is_empty(), "{:?}", doc.problems);
    doc
}

/// The text of the only rule of a test form with `body`.
pub fn rule_text(body: &str) -> String {
    let d = form_with(body);
    assert_eq!(d.rules.len(), 1, "one rule expected");
    let r = &d.rules[0];
    let mut s = r.text.clone();
    for (i, item) in r.items.iter().enumerate() {
        s.push_str(&format!("（{}）{item}", i + 1));
    }
    s
}
