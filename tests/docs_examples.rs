//! The examples of `docs/language.md` and `docs/diagnostics.md` are tests.
//!
//! Every fenced block is compiled together with `forms/shared/*.form` (so it
//! may `use contact`, `use bank_account as bank`, call `jikou_last_day`, …):
//!
//! - ```` ```form ```` — must compile without a single diagnostic;
//! - ```` ```form-error <code> [<code>…] ```` — must produce diagnostics with
//!   exactly these codes (as a set); the rendered output is an insta snapshot
//!   `docs_examples__<doc>__<code>[_<n>].snap`;
//! - ```` ```json case ```` — a test case (`forms/<id>/cases/*.json` format)
//!   run against the nearest ```` ```form ```` block above it; it must meet
//!   its `expect`.
//!
//! A failure names the document and the line of the block (and of each
//! diagnostic inside it), e.g. `docs/language.md:212`.
//!
//! Completeness is checked too: every code the checker can emit has a section
//! and an example in `docs/diagnostics.md`, every validation code of the
//! runtime is listed there, and every built-in function and aggregate, and
//! every block, enum, param and fn of `forms/shared/`, is described in
//! `docs/language.md`.

use std::collections::{BTreeMap, BTreeSet};

use shinsei_cli::cases::Case;
use shinsei_syntax::{Diagnostic, DiagnosticCode, SourceDb};
use shinsei_tests::{root, shared_sources};

const LANGUAGE: &str = "docs/language.md";
const DIAGNOSTICS: &str = "docs/diagnostics.md";

/// What a fenced block is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Form,
    FormError,
    Case,
    Other,
}

/// A fenced code block of a Markdown document.
struct Block {
    /// The document, relative to the repository root.
    doc: &'static str,
    /// 1-based line of the opening fence.
    line: usize,
    kind: Kind,
    /// Words of the info string after the first (`form-error` codes).
    args: Vec<String>,
    body: String,
}

impl Block {
    fn at(&self) -> String {
        format!("{}:{}", self.doc, self.line)
    }
}

fn read_doc(doc: &'static str) -> String {
    std::fs::read_to_string(root().join(doc)).unwrap_or_else(|e| panic!("{doc}: {e}"))
}

/// The fenced blocks of `doc` (``` fences, possibly indented, any length ≥ 3).
fn blocks(doc: &'static str) -> Vec<Block> {
    let text = read_doc(doc);
    let mut out = Vec::new();
    let mut open: Option<(usize, usize, usize, String, Vec<&str>)> = None; // line, indent, ticks, info, body
    for (i, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        let ticks = trimmed.chars().take_while(|c| *c == '`').count();
        match &mut open {
            None if ticks >= 3 => {
                open = Some((
                    i + 1,
                    indent,
                    ticks,
                    trimmed[ticks..].trim().to_string(),
                    Vec::new(),
                ))
            }
            None => {}
            Some((start, _, n, info, body))
                if ticks >= *n && trimmed[ticks..].trim().is_empty() =>
            {
                let mut words = info.split_whitespace().map(str::to_string);
                let first = words.next().unwrap_or_default();
                let args: Vec<String> = words.collect();
                let kind = match (first.as_str(), args.first().map(String::as_str)) {
                    ("form", _) => Kind::Form,
                    ("form-error", _) => Kind::FormError,
                    ("json", Some("case")) => Kind::Case,
                    _ => Kind::Other,
                };
                out.push(Block {
                    doc,
                    line: *start,
                    kind,
                    args,
                    body: body.join("\n") + "\n",
                });
                open = None;
            }
            Some((_, indent, _, _, body)) => {
                let cut = line.len() - line.trim_start().len();
                body.push(&line[cut.min(*indent)..]);
            }
        }
    }
    assert!(open.is_none(), "{doc}: a fenced block is not closed");
    out
}

/// `forms/shared/*.form` plus the block as `example.form` (the last file).
fn sources(block: &Block) -> SourceDb {
    let mut db = shared_sources();
    db.add("example.form", block.body.clone());
    db
}

/// Where each diagnostic is, as a line of the document when it is in the block.
fn locate(block: &Block, db: &SourceDb, diags: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diags {
        let src = db.get(d.span.file).unwrap();
        let (line, col) = src.line_col(d.span.start);
        let place = if src.path == "example.form" {
            format!("{}:{}:{col}", block.doc, block.line + line)
        } else {
            format!("{}:{line}:{col}", src.path)
        };
        out.push_str(&format!(
            "  {place}: {}[{}]: {}\n",
            level(d),
            d.code,
            d.message
        ));
    }
    out
}

fn level(d: &Diagnostic) -> &'static str {
    if d.is_error() { "error" } else { "warning" }
}

fn all_blocks() -> Vec<Block> {
    let mut out = blocks(LANGUAGE);
    out.extend(blocks(DIAGNOSTICS));
    out
}

#[test]
fn form_examples_compile_without_diagnostics() {
    let all = all_blocks();
    let forms: Vec<&Block> = all.iter().filter(|b| b.kind == Kind::Form).collect();
    assert!(
        forms.iter().filter(|b| b.doc == LANGUAGE).count() >= 20,
        "{LANGUAGE} should have an example per construct"
    );
    let mut failures = Vec::new();
    for block in forms {
        let db = sources(block);
        let out = shinsei_check::compile(&db);
        if !out.diagnostics.is_empty() {
            failures.push(format!(
                "{}: this ```form block does not compile cleanly:\n{}\n{}",
                block.at(),
                locate(block, &db, &out.diagnostics),
                shinsei_cli::render::text(&db, &out.diagnostics, false)
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn error_examples_produce_their_diagnostics() {
    let mut failures = Vec::new();
    let mut names: BTreeMap<String, usize> = BTreeMap::new();
    for block in all_blocks().iter().filter(|b| b.kind == Kind::FormError) {
        let Some(first) = block.args.first() else {
            failures.push(format!(
                "{}: write the expected codes after ```form-error",
                block.at()
            ));
            continue;
        };
        let db = sources(block);
        let out = shinsei_check::compile(&db);
        let want: BTreeSet<&str> = block.args.iter().map(String::as_str).collect();
        let got: BTreeSet<&str> = out.diagnostics.iter().map(|d| d.code.as_str()).collect();
        let rendered = shinsei_cli::render::text(&db, &out.diagnostics, false);
        if want != got {
            failures.push(format!(
                "{}: expected the codes {want:?}, got {got:?}:\n{}",
                block.at(),
                locate(block, &db, &out.diagnostics)
            ));
        }
        let stem = block
            .doc
            .trim_start_matches("docs/")
            .trim_end_matches(".md");
        let key = format!("{stem}__{first}");
        let n = names.entry(key.clone()).or_default();
        *n += 1;
        let name = if *n == 1 { key } else { format!("{key}_{n}") };
        insta::with_settings!({ omit_expression => true }, {
            insta::assert_snapshot!(name, rendered);
        });
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn case_examples_meet_their_expectation() {
    let all = all_blocks();
    let mut failures = Vec::new();
    let mut ran = 0;
    for (i, block) in all.iter().enumerate().filter(|(_, b)| b.kind == Kind::Case) {
        let Some(form) = all[..i]
            .iter()
            .rev()
            .find(|b| b.kind == Kind::Form && b.doc == block.doc)
        else {
            failures.push(format!("{}: no ```form block above this case", block.at()));
            continue;
        };
        let case: Case = match serde_json::from_str(&block.body) {
            Ok(c) => c,
            Err(e) => {
                failures.push(format!("{}: not a case: {e}", block.at()));
                continue;
            }
        };
        let Some(bundle) = shinsei_check::compile(&sources(form)).bundle else {
            failures.push(format!(
                "{}: the form at {} does not compile",
                block.at(),
                form.at()
            ));
            continue;
        };
        let now = match case.now() {
            Ok(n) => n,
            Err(e) => {
                failures.push(format!("{}: {e}", block.at()));
                continue;
            }
        };
        let submission = serde_json::to_string(&case.submission).unwrap();
        let result = shinsei_runtime::validate(&bundle, &submission, now, &Default::default());
        let problems = case.compare(&result);
        if !problems.is_empty() {
            failures.push(format!(
                "{} (form at {}):\n  {}\nresult: {}",
                block.at(),
                form.at(),
                problems.join("\n  "),
                serde_json::to_string_pretty(&result).unwrap()
            ));
        }
        ran += 1;
    }
    assert!(
        ran >= 3,
        "expected at least 3 ```json case blocks, found {ran}"
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_checker_code_has_a_section_and_an_example() {
    let codes: BTreeSet<String> = DiagnosticCode::ALL
        .iter()
        .map(|c| c.as_str().to_owned())
        .collect();
    let doc = read_doc(DIAGNOSTICS);
    // The other way round: every code section names a code of the enum.
    let sections: BTreeSet<String> = doc
        .lines()
        .filter_map(|l| l.strip_prefix("### `")?.strip_suffix('`'))
        .map(str::to_owned)
        .collect();
    let unknown: Vec<_> = sections.difference(&codes).collect();
    assert!(
        unknown.is_empty(),
        "sections in {DIAGNOSTICS} for codes the compiler does not have: {unknown:?}"
    );
    let examples: BTreeSet<String> = blocks(DIAGNOSTICS)
        .into_iter()
        .filter(|b| b.kind == Kind::FormError)
        .flat_map(|b| b.args)
        .collect();
    let mut missing = Vec::new();
    for code in &codes {
        if !doc.contains(&format!("### `{code}`")) {
            missing.push(format!(
                "{code}: no `### `{code}`` section in {DIAGNOSTICS}"
            ));
        }
        // `internal` is a bug in shinsei: no form can show it on purpose.
        if code != DiagnosticCode::Internal.as_str() && !examples.contains(code) {
            missing.push(format!(
                "{code}: no ```form-error example producing it in {DIAGNOSTICS}"
            ));
        }
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}

#[test]
fn every_validation_code_is_listed() {
    let doc = read_doc(DIAGNOSTICS);
    let missing: Vec<&str> = shinsei_runtime::Code::ALL
        .iter()
        .map(|c| c.as_str())
        .filter(|c| !doc.contains(&format!("| `{c}` |")))
        .collect();
    assert!(
        missing.is_empty(),
        "validation codes without a row in {DIAGNOSTICS}: {missing:?}"
    );
}

/// The VS Code grammar colours built-ins from a list of its own: every
/// built-in of the checker is in it, and nothing else.
#[test]
fn every_builtin_is_highlighted() {
    let path = "editors/vscode/syntaxes/shinsei-form.tmLanguage.json";
    let grammar: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root().join(path)).unwrap()).unwrap();
    let patterns = grammar["repository"]["code"]["patterns"]
        .as_array()
        .unwrap();
    let builtin = patterns
        .iter()
        .find(|p| {
            p["name"]
                .as_str()
                .is_some_and(|n| n.starts_with("support.function.builtin"))
        })
        .unwrap_or_else(|| panic!("{path}: no support.function.builtin pattern"));
    let regex = builtin["match"].as_str().unwrap();
    let alternation = regex
        .split_once('(')
        .and_then(|(_, rest)| rest.split_once(')'))
        .map(|(names, _)| names)
        .unwrap_or_else(|| panic!("{path}: {regex}"));
    let highlighted: BTreeSet<&str> = alternation.split('|').collect();
    let builtins: BTreeSet<&str> = shinsei_check::builtin_names().collect();
    assert_eq!(
        highlighted, builtins,
        "{path} against the checker's built-ins"
    );
}

#[test]
fn every_builtin_is_described() {
    let doc = read_doc(LANGUAGE);
    let names = shinsei_check::builtin_names();
    let missing: Vec<&str> = names.filter(|n| !doc.contains(&format!("`{n}("))).collect();
    assert!(
        missing.is_empty(),
        "built-ins not described in {LANGUAGE}: {missing:?}"
    );
}

#[test]
fn every_shared_declaration_is_named() {
    let doc = read_doc(LANGUAGE);
    let dir = root().join("forms/shared");
    let mut missing = Vec::new();
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    for file in files {
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        if !doc.contains(&format!("`{name}`")) {
            missing.push(name.clone());
        }
        for line in std::fs::read_to_string(&file).unwrap().lines() {
            let mut words = line.split([' ', '(']);
            if let (Some("block" | "enum" | "param" | "fn"), Some(id)) =
                (words.next(), words.next())
                && !doc.contains(&format!("`{id}`"))
                && !doc.contains(&format!("`{id}("))
            {
                missing.push(format!("{name}: {id}"));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "docs/language.md does not name these of forms/shared: {missing:?}"
    );
}
