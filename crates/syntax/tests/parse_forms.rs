//! Every `.form` file under `forms/` parses.

use std::path::Path;

fn walk(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            walk(&path, out);
        } else if path.extension().is_some_and(|e| e == "form") {
            out.push(path);
        }
    }
}

#[test]
fn every_bundled_form_parses() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../forms");
    let mut files = Vec::new();
    walk(&root, &mut files);
    assert!(!files.is_empty());
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap();
        if let Err(d) = shinsei_syntax::parse(shinsei_syntax::FileId(0), &text) {
            let src = shinsei_syntax::Source::new(path.display().to_string(), text);
            let (l, c) = src.line_col(d.span.start);
            panic!("{}:{l}:{c}: {}", path.display(), d.message);
        }
    }
}
