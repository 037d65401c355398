//! Every rule, condition and computed value of every bundled form renders in
//! plain Japanese: field references resolved to labels (never indices), no
//! fallback marker, no broken sentence endings.

use shinsei_doc::{FormDoc, UNKNOWN_FIELD};

use crate::common::bundle;

/// Fragments that would mean an IR detail leaked into the text or two
/// sentence endings were glued together.
const FORBIDDEN: [&str; 12] = [
    UNKNOWN_FIELD,
    "frame",
    "path",
    "FieldRef",
    "Some(",
    "None",
    "であるである",
    "であるであり",
    "であるのとき",
    "ことこと",
    "とき、とき",
    "「」",
];

fn r_notes(notes: &[String]) -> impl Iterator<Item = &str> {
    notes.iter().map(String::as_str)
}

/// Every text of `d` that the phrase renderer wrote, with where it comes from.
fn rendered(d: &FormDoc) -> Vec<(String, &str)> {
    let mut out = Vec::new();
    for f in &d.fields {
        out.push((format!("field {} presence", f.key), f.presence.as_str()));
        if let Some(v) = &f.visible {
            out.push((format!("field {} visible", f.key), v.as_str()));
        }
    }
    for a in &d.attachments {
        out.push((format!("attachment {}", a.id), a.presence.as_str()));
    }
    for r in &d.rules {
        out.push((r.code.clone(), r.text.as_str()));
        for i in &r.items {
            out.push((format!("{} item", r.code), i.as_str()));
        }
        out.push((format!("{} at", r.code), r.at.as_str()));
        for n in r_notes(&r.notes) {
            out.push((format!("{} note", r.code), n));
        }
    }
    for c in &d.computed {
        out.push((format!("computed {}", c.name), c.text.as_str()));
        if let Some(v) = &c.visible {
            out.push((format!("computed {} visible", c.name), v.as_str()));
        }
        for n in r_notes(&c.notes) {
            out.push((format!("computed {} note", c.name), n));
        }
    }
    out
}

#[test]
fn every_bundled_rule_and_condition_renders() {
    let bundle = bundle();
    assert!(!bundle.forms.is_empty());
    let mut failures = Vec::new();
    for form in &bundle.forms {
        let d = shinsei_doc::document(form, bundle);
        let whence = format!("{} {}", d.id, d.version);
        for p in &d.problems {
            failures.push(format!("{whence}: {p}"));
        }
        for (what, text) in rendered(&d) {
            for bad in FORBIDDEN {
                if text.contains(bad) {
                    failures.push(format!("{whence} {what}: contains {bad:?}: {text}"));
                }
            }
        }
        for r in &d.rules {
            let ends = if r.items.is_empty() { "。" } else { "：" };
            if !r.text.ends_with(ends) {
                failures.push(format!(
                    "{whence} {}: does not end in {ends}: {}",
                    r.code, r.text
                ));
            }
            if !r.at_path.starts_with("/fields") {
                failures.push(format!("{whence} {}: at path {}", r.code, r.at_path));
            }
        }
        assert_eq!(d.rules.len(), form.rules.len());
        assert_eq!(d.attachments.len(), form.attachments.len());
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(shinsei_doc::problems(bundle).is_empty());
}

#[test]
fn every_form_has_a_page_and_a_section() {
    let bundle = bundle();
    let files = shinsei_doc::catalog(bundle);
    let index = &files[0];
    assert_eq!(index.path, "index.html");
    for form in &bundle.forms {
        let page = format!("{}.html", form.id);
        assert!(files.iter().any(|f| f.path == page), "{page}");
        assert!(
            index.contents.contains(&format!("href=\"{page}\"")),
            "index links {page}"
        );
    }
    assert_eq!(files.last().map(|f| f.path.as_str()), Some("catalog.md"));
}
