//! `shinsei fmt` on every bundled form, every valid fixture and the layout
//! fixtures of `tests/fixtures/fmt/`:
//!
//! - formatting is idempotent: `fmt(fmt(x)) == fmt(x)`;
//! - it keeps the meaning: the syntax tree is the same (spans aside) and the
//!   compiled bundle of the forms (with their shared files) is identical,
//!   but for the layout of the rules' source text the IR keeps for the
//!   reviewer's catalog;
//! - it keeps every comment, in order.
//!
//! The layout fixtures are written badly on purpose (comments in odd places,
//! one-line rules, long expressions); their formatted text is a snapshot,
//! `fmt__layout@<file>.snap`.

use std::path::PathBuf;

use shinsei_syntax::{FileId, SourceDb};
use shinsei_tests::{files_with_ext, relative, root};

/// The syntax tree's debug text without its spans.
fn tree_without_spans(text: &str) -> String {
    let ast = shinsei_syntax::parse(FileId(0), text).expect("parses");
    let debug = format!("{ast:?}");
    let mut out = String::with_capacity(debug.len());
    let mut rest = debug.as_str();
    while let Some(i) = rest.find("Span { file:") {
        out.push_str(&rest[..i]);
        out.push_str("Span");
        let after = &rest[i..];
        let end = after.find('}').map_or(after.len(), |e| e + 1);
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

/// The `#` comments of a file, in order (strings cannot hold a newline, so a
/// `#` outside quotes starts one).
fn comments(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in text.lines() {
        let mut in_string = false;
        let mut escaped = false;
        for (i, c) in line.char_indices() {
            match c {
                _ if escaped => escaped = false,
                '\\' if in_string => escaped = true,
                '"' => in_string = !in_string,
                '#' if !in_string => {
                    out.push(line[i..].trim_end().to_string());
                    break;
                }
                _ => {}
            }
        }
    }
    out
}

/// Formats `text` and checks idempotence, the tree and the comments.
fn format_checked(name: &str, text: &str, failures: &mut Vec<String>) -> Option<String> {
    let once = match shinsei_syntax::format(text) {
        Ok(f) => f,
        Err(d) => {
            failures.push(format!("{name}: does not format: {}", d.message));
            return None;
        }
    };
    match shinsei_syntax::format(&once) {
        Ok(twice) if twice == once => {}
        Ok(twice) => failures.push(format!(
            "{name}: formatting twice changes it:\n{}",
            first_difference(&once, &twice)
        )),
        Err(d) => failures.push(format!(
            "{name}: the formatted text does not parse: {}",
            d.message
        )),
    }
    if shinsei_syntax::parse(FileId(0), &once).is_ok()
        && tree_without_spans(text) != tree_without_spans(&once)
    {
        failures.push(format!("{name}: formatting changed the syntax tree"));
    }
    if comments(text) != comments(&once) {
        failures.push(format!(
            "{name}: comments changed:\n  before {:?}\n  after  {:?}",
            comments(text),
            comments(&once)
        ));
    }
    Some(once)
}

fn first_difference(a: &str, b: &str) -> String {
    for (i, (x, y)) in a.lines().zip(b.lines()).enumerate() {
        if x != y {
            return format!("  line {}:\n  - {x}\n  + {y}", i + 1);
        }
    }
    format!(
        "  lengths differ: {} vs {} lines",
        a.lines().count(),
        b.lines().count()
    )
}

/// Compiles `files` (path, text) and returns the bundle as JSON with the
/// layout of its source texts (`source`, `*_src`) removed, or the
/// diagnostics' codes.
fn compiled(files: &[(String, String)]) -> Result<serde_json::Value, Vec<&'static str>> {
    let mut db = SourceDb::new();
    for (path, text) in files {
        db.add(path.clone(), text.clone());
    }
    let out = shinsei_check::compile(&db);
    match out.bundle {
        Some(b) if out.diagnostics.is_empty() => {
            let mut json = serde_json::json!({ "forms": b.forms, "params": b.params });
            collapse_sources(&mut json);
            Ok(json)
        }
        _ => Err(out.diagnostics.iter().map(|d| d.code.as_str()).collect()),
    }
}

fn collapse_sources(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::Object(map) => {
            for (k, x) in map.iter_mut() {
                match x {
                    serde_json::Value::String(s) if k == "source" || k.ends_with("_src") => {
                        *s = without_layout(s);
                    }
                    _ => collapse_sources(x),
                }
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(collapse_sources),
        _ => {}
    }
}

/// Source text without the whitespace outside string literals (the syntax
/// tree, compared separately, keeps the tokens apart).
fn without_layout(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_string = false;
    let mut escaped = false;
    for c in text.chars() {
        match c {
            _ if escaped => escaped = false,
            '\\' if in_string => escaped = true,
            '"' => in_string = !in_string,
            c if c.is_whitespace() && !in_string => continue,
            _ => {}
        }
        out.push(c);
    }
    out
}

/// The JSON pointer of the first difference between two values.
fn first_change(a: &serde_json::Value, b: &serde_json::Value, at: String) -> Option<String> {
    use serde_json::Value::{Array, Object};
    match (a, b) {
        (Object(x), Object(y)) => {
            if x.len() != y.len() {
                return Some(at);
            }
            x.iter().find_map(|(k, v)| match y.get(k) {
                Some(w) => first_change(v, w, format!("{at}/{k}")),
                None => Some(format!("{at}/{k}")),
            })
        }
        (Array(x), Array(y)) if x.len() == y.len() => x
            .iter()
            .zip(y)
            .enumerate()
            .find_map(|(i, (v, w))| first_change(v, w, format!("{at}/{i}"))),
        _ => (a != b).then_some(at),
    }
}

fn read(paths: &[PathBuf]) -> Vec<(String, String)> {
    paths
        .iter()
        .map(|p| (relative(p), std::fs::read_to_string(p).unwrap()))
        .collect()
}

#[test]
fn every_bundled_form_formats_idempotently_to_the_same_bundle() {
    let files = read(&files_with_ext(&root().join("forms"), "form"));
    assert!(
        files.len() >= 40,
        "expected the 30 forms and the shared files"
    );
    let mut failures = Vec::new();
    let formatted: Vec<(String, String)> = files
        .iter()
        .filter_map(|(p, t)| Some((p.clone(), format_checked(p, t, &mut failures)?)))
        .collect();
    let before = compiled(&files).expect("forms/ compiles");
    let after = compiled(&formatted).expect("the formatted forms compile");
    if let Some(path) = first_change(&before, &after, String::new()) {
        failures.push(format!(
            "the formatted forms compile to another bundle, at {path}"
        ));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_valid_fixture_formats_idempotently_to_the_same_bundle() {
    let shared = read(&files_with_ext(&root().join("forms/shared"), "form"));
    let mut failures = Vec::new();
    let fixtures = files_with_ext(&root().join("tests/fixtures/valid"), "form");
    assert!(fixtures.len() >= 3);
    for path in fixtures {
        let name = relative(&path);
        let text = std::fs::read_to_string(&path).unwrap();
        let Some(formatted) = format_checked(&name, &text, &mut failures) else {
            continue;
        };
        let with_shared = text.lines().any(|l| l.trim() == "# with: forms/shared");
        let set = |t: &str| {
            let mut files = if with_shared {
                shared.clone()
            } else {
                Vec::new()
            };
            files.push((name.clone(), t.to_string()));
            files
        };
        match (compiled(&set(&text)), compiled(&set(&formatted))) {
            (Ok(before), Ok(after)) => {
                if let Some(path) = first_change(&before, &after, String::new()) {
                    failures.push(format!(
                        "{name}: compiles differently once formatted, at {path}"
                    ));
                }
            }
            (before, after) => failures.push(format!(
                "{name}: does not compile: before {:?}, after {:?}",
                before.err(),
                after.err()
            )),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn layout_fixtures_format_as_recorded() {
    let mut failures = Vec::new();
    let mut seen = 0;
    insta::glob!("fixtures/fmt/*.form", |path| {
        seen += 1;
        let text = std::fs::read_to_string(path).unwrap();
        let name = relative(path);
        if let Some(formatted) = format_checked(&name, &text, &mut failures) {
            insta::assert_snapshot!("layout", formatted);
        }
    });
    assert!(seen >= 2, "expected layout fixtures in tests/fixtures/fmt/");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_file_that_does_not_parse_is_refused_with_its_syntax_error() {
    let err = shinsei_syntax::format("form x \"x\" {\n  field a \"a\": date\n").unwrap_err();
    assert_eq!(err.code, "syntax");
}
