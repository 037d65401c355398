//! The compiler on fixtures from disk (`tests/fixtures/`, see its README).
//!
//! - `invalid/*.form`: each begins with `# expect: <code>[, <code>…]`, the
//!   diagnostic codes it must produce — exactly these, each as often as it is
//!   listed, in any order. The diagnostics as `shinsei check` prints them
//!   (without colour) are an insta snapshot, `fixtures__invalid@<file>.snap`.
//! - `valid/*.form`: must compile without any diagnostic; the IR of what the
//!   file defines (its forms and params) is a JSON snapshot,
//!   `fixtures__valid@<file>.snap`.
//!
//! A fixture is compiled alone, so that its snapshot shows the checker's
//! reaction to that file only, unless it has a line `# with: forms/shared`:
//! then `forms/shared/*.form` are compiled with it (for `use contact`,
//! `use bank_account as bank`, the shared params and fns). Paths in the
//! rendered output are relative to the repository root.

use std::path::Path;

use shinsei_syntax::SourceDb;
use shinsei_tests::{files_with_ext, relative, root, shared_sources};

/// The codes listed on the first line starting with `prefix` (`none` is no
/// code), sorted.
fn codes_line(text: &str, prefix: &str) -> Option<Vec<String>> {
    let list = text.lines().find_map(|l| l.strip_prefix(prefix))?;
    let mut codes: Vec<String> = list
        .split(',')
        .map(|c| c.trim().to_string())
        .filter(|c| !c.is_empty() && c != "none")
        .collect();
    codes.sort();
    Some(codes)
}

/// The `# expect:` codes of a fixture: its first line.
fn expected_codes(text: &str) -> Option<Vec<String>> {
    codes_line(text.lines().next()?, "# expect:")
}

/// The sorted codes of `diags`.
fn codes(diags: &[shinsei_syntax::Diagnostic]) -> Vec<String> {
    let mut got: Vec<String> = diags.iter().map(|d| d.code.to_string()).collect();
    got.sort();
    got
}

/// The number of `.form` files in `tests/fixtures/<dir>` (at least one).
fn fixtures_in(dir: &str) -> usize {
    let n = files_with_ext(&root().join("tests/fixtures").join(dir), "form").len();
    assert!(n > 0, "no fixtures in tests/fixtures/{dir}");
    n
}

/// Whether the fixture asks for the shared definitions.
fn with_shared(text: &str) -> bool {
    text.lines().any(|l| l.trim() == "# with: forms/shared")
}

/// The fixture (and, if asked for, `forms/shared/*.form`) in a source database.
fn sources(path: &Path, text: &str) -> SourceDb {
    let mut db = if with_shared(text) {
        shared_sources()
    } else {
        SourceDb::new()
    };
    db.add(relative(path), text);
    db
}

#[test]
fn invalid_fixtures_produce_their_expected_diagnostics() {
    let mut failures = Vec::new();
    let mut seen = 0;
    insta::glob!("fixtures/invalid/*.form", |path| {
        seen += 1;
        let text = std::fs::read_to_string(path).unwrap();
        let name = relative(path);
        let db = sources(path, &text);
        let out = shinsei_check::compile(&db);
        let rendered = shinsei_cli::render::text(&db, &out.diagnostics, false);
        let got = codes(&out.diagnostics);
        match expected_codes(&text) {
            None => failures.push(format!(
                "{name}: the first line must be `# expect: <code>[, <code>…]`"
            )),
            Some(want) if want.is_empty() => {
                failures.push(format!("{name}: `# expect:` lists no code"))
            }
            Some(want) if want != got => failures.push(format!(
                "{name}: expected codes {want:?}, got {got:?}\n{rendered}"
            )),
            Some(_) => {}
        }
        if out.bundle.is_some() {
            failures.push(format!(
                "{name}: compiled to a bundle, but an invalid fixture must not"
            ));
        }
        insta::assert_snapshot!("invalid", rendered);
    });
    assert_eq!(seen, fixtures_in("invalid"), "the glob saw every fixture");
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn valid_fixtures_compile_cleanly() {
    let mut failures = Vec::new();
    let mut seen = 0;
    insta::glob!("fixtures/valid/*.form", |path| {
        seen += 1;
        let text = std::fs::read_to_string(path).unwrap();
        let name = relative(path);
        let db = sources(path, &text);
        let out = shinsei_check::compile(&db);
        if !out.diagnostics.is_empty() {
            let rendered = shinsei_cli::render::text(&db, &out.diagnostics, false);
            failures.push(format!("{name}: expected no diagnostics, got:\n{rendered}"));
            return;
        }
        let Some(bundle) = out.bundle else {
            failures.push(format!("{name}: no bundle"));
            return;
        };
        // Only what this file defines: not the shared params it may use.
        let forms: Vec<_> = bundle.forms.iter().filter(|f| f.source == name).collect();
        let params: std::collections::BTreeMap<_, _> = bundle
            .params
            .iter()
            .filter(|(_, p)| p.source == name)
            .collect();
        if forms.is_empty() {
            failures.push(format!("{name}: defines no form"));
        }
        insta::assert_json_snapshot!(
            "valid",
            serde_json::json!({ "forms": forms, "params": params })
        );
    });
    assert_eq!(seen, fixtures_in("valid"), "the glob saw every fixture");
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn every_fixture_says_what_it_tests() {
    let mut silent = Vec::new();
    // Every folder of fixtures (invalid, valid, limits, fmt, and any added
    // later).
    let all = files_with_ext(&root().join("tests/fixtures"), "form");
    for path in &all {
        let text = std::fs::read_to_string(path).unwrap();
        // The leading comment lines, without the machine-read ones.
        let prose = text
            .lines()
            .take_while(|l| l.starts_with('#') || l.trim().is_empty())
            .filter(|l| l.starts_with('#'))
            .filter(|l| !l.starts_with("# expect:") && !l.starts_with("# with:"))
            .filter(|l| l.trim_start_matches('#').trim().len() > 10)
            .count();
        if prose == 0 {
            silent.push(relative(path));
        }
    }
    assert!(all.len() > 50, "{} fixtures", all.len());
    assert!(
        silent.is_empty(),
        "fixtures without a comment saying what they test: {silent:?}"
    );
}

/// Every case file of the bundled forms — validation cases (`cases/`) and
/// re-application cases (`reapply/`) — says what it shows in its
/// `description` (the snapshot's description, and what `shinsei test`
/// names a failing case by).
#[test]
fn every_case_says_what_it_shows() {
    let forms = root().join("forms");
    let mut files = shinsei_load::case_files(&[&forms]).unwrap();
    let reapply = shinsei_load::reapply_case_files(&[&forms]).unwrap();
    assert!(!reapply.is_empty());
    files.extend(reapply);
    let mut silent = Vec::new();
    for path in &files {
        let case: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        let said = case["description"].as_str().unwrap_or_default();
        if said.trim().chars().count() < 4 {
            silent.push(relative(path));
        }
    }
    assert!(files.len() > 600, "{}", files.len());
    assert!(
        silent.is_empty(),
        "case files without a description of what they show: {silent:?}"
    );
}
