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

/// The shared definitions (`forms/shared/*.form`) in a source database.
fn shared() -> SourceDb {
    shinsei_load::Sources::load(&[root().join("forms/shared")])
        .unwrap()
        .into_db()
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

fn compile(db: &SourceDb) -> Bundle {
    let out = shinsei_check::compile(db);
    let errors: Vec<_> = out.diagnostics.iter().filter(|d| d.is_error()).collect();
    assert!(errors.is_empty(), "does not compile: {errors:#?}");
    out.bundle.expect("a bundle when there are no errors")
}

/// A form given as text (with the shared definitions), compiled and documented.
pub fn doc(source: &str) -> (FormDoc, Bundle) {
    let mut db = shared();
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
