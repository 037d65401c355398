//! Nesting is bounded on every path (issue 15): a form nested deeper than
//! the limits gets one `nesting-too-deep` diagnostic — never a stack
//! overflow — and the same one whatever stack the caller runs on; a form at
//! the limits compiles, its bundle reads back through serde_json (128 levels)
//! and validates on a small stack; a bundle nested deeper than any compiler
//! writes is refused by the loaders.

use serde_json::{Value, json};
use shinsei_check::Compilation;
use shinsei_ir::limits::{self, MAX_EXPR_DEPTH, MAX_FIELD_DEPTH};
use shinsei_ir::{Bundle, Expr, UnOp};
use shinsei_syntax::SourceDb;
use shinsei_tests::root;

const HEADER: &str = "  version \"1\"  effective 2026-04-01..  category 給付  applicants insured\n";

/// A form with one integer field `a` and a rule checking `expr`.
fn form_checking(expr: &str) -> String {
    format!(
        "form deep \"深い\" {{\n{HEADER}  field a \"数\": integer\n  rule r {{ check {expr}  at a  message \"x\" }}\n}}\n"
    )
}

fn compile(text: &str) -> Compilation {
    let mut db = SourceDb::new();
    db.add("deep.form", text);
    shinsei_check::compile(&db)
}

/// Compiles on a thread with a 64 KiB stack: far too small for the
/// compiler, which must not care (it runs on a stack of its own).
fn compile_on_a_small_stack(text: &str) -> Compilation {
    let text = text.to_owned();
    std::thread::Builder::new()
        .stack_size(64 * 1024)
        .spawn(move || compile(&text))
        .unwrap()
        .join()
        .unwrap()
}

fn rendered(out: &Compilation) -> Vec<String> {
    out.diagnostics
        .iter()
        .map(|d| format!("{} {}..{} {}", d.code, d.span.start, d.span.end, d.message))
        .collect()
}

#[test]
fn input_nested_too_deeply_gets_one_diagnostic_whatever_the_callers_stack() {
    let groups = {
        let mut g = String::new();
        for i in 0..5_000 {
            g.push_str(&format!("group g{i} \"g\" {{ "));
        }
        g.push_str("field x \"x\": integer ");
        g.push_str(&"} ".repeat(5_000));
        format!("form deep \"深い\" {{\n{HEADER}{g}\n}}\n")
    };
    let cases = [
        // Passed `check` and killed `shinsei serve` on reload (issue 15).
        (
            "130 parentheses",
            form_checking(&format!("{}a > 1{}", "(".repeat(130), ")".repeat(130))),
        ),
        // Overflowed `shinsei check` itself.
        (
            "700 parentheses",
            form_checking(&format!("{}a > 1{}", "(".repeat(700), ")".repeat(700))),
        ),
        (
            "5,000 `not`s",
            form_checking(&format!("{}a > 1", "not ".repeat(5_000))),
        ),
        (
            "5,000 minus signs",
            form_checking(&format!("{}a > 1", "- ".repeat(5_000))),
        ),
        (
            "5,000 `+` in a row",
            form_checking(&format!("{} > 1", vec!["a"; 5_001].join(" + "))),
        ),
        (
            "5,000 nested calls",
            form_checking(&format!(
                "{}a{} > 1",
                "abs(".repeat(5_000),
                ")".repeat(5_000)
            )),
        ),
        (
            "5,000 nested `if`s",
            form_checking(&format!(
                "{}a > 1{}",
                "if true then ".repeat(5_000),
                " else false".repeat(5_000)
            )),
        ),
        ("5,000 nested groups", groups),
        // Beyond what the parser can read even on the compiler's stack: its
        // own guard stops it, with the same code.
        (
            "100,000 parentheses",
            form_checking(&format!(
                "{}a > 1{}",
                "(".repeat(100_000),
                ")".repeat(100_000)
            )),
        ),
    ];
    for (what, text) in cases {
        let out = compile(&text);
        assert!(out.bundle.is_none(), "{what}: compiled");
        let codes: Vec<&str> = out.diagnostics.iter().map(|d| d.code.as_str()).collect();
        assert_eq!(codes, ["nesting-too-deep"], "{what}: {:?}", rendered(&out));
        assert_eq!(
            rendered(&compile_on_a_small_stack(&text)),
            rendered(&out),
            "{what}: the caller's stack changed the result"
        );
    }
}

#[test]
fn the_limit_is_exact() {
    let parens = |n: usize| form_checking(&format!("{}a > 1{}", "(".repeat(n), ")".repeat(n)));
    // `a > 1` is 2 levels; each pair of parentheses adds one.
    assert!(compile(&parens(MAX_EXPR_DEPTH - 2)).diagnostics.is_empty());
    let out = compile(&parens(MAX_EXPR_DEPTH - 1));
    assert_eq!(rendered(&out).len(), 1);
    let d = &out.diagnostics[0];
    assert_eq!(d.code, "nesting-too-deep");
    // At the parenthesis that opens level 33, one character wide.
    let text = parens(MAX_EXPR_DEPTH - 1);
    let at = text.find("(((").unwrap() + MAX_EXPR_DEPTH - 1;
    assert_eq!((d.span.start as usize, d.span.end as usize), (at, at + 1));
}

fn at_the_limits() -> (Bundle, String) {
    let path = root().join("tests/fixtures/limits/at_the_limits.form");
    let text = std::fs::read_to_string(&path).unwrap();
    let out = compile(&text);
    assert!(out.diagnostics.is_empty(), "{:#?}", out.diagnostics);
    (out.bundle.unwrap(), text)
}

fn json_depth(v: &Value) -> usize {
    match v {
        Value::Array(items) => 1 + items.iter().map(json_depth).max().unwrap_or(0),
        Value::Object(members) => 1 + members.values().map(json_depth).max().unwrap_or(0),
        _ => 0,
    }
}

#[test]
fn a_form_at_the_limits_compiles_and_its_bundle_reads_back() {
    let (bundle, _) = at_the_limits();
    limits::check(&bundle).unwrap();
    let form = &bundle.forms[0];
    // The fixture really is at both limits.
    assert_eq!(limits::expr_depth(&form.rules[0].check), MAX_EXPR_DEPTH);
    let mut fields = &form.fields;
    let mut depth = 1;
    while let Some(shinsei_ir::FieldKind::Group { fields: inner }) = fields
        .iter()
        .map(|f| &f.kind)
        .find(|k| matches!(k, shinsei_ir::FieldKind::Group { .. }))
    {
        fields = inner;
        depth += 1;
    }
    assert_eq!(depth, MAX_FIELD_DEPTH);
    let deepest = fields.iter().find(|f| f.id == "c").unwrap();
    assert_eq!(
        limits::expr_depth(deepest.visible_when.as_ref().unwrap()),
        MAX_EXPR_DEPTH
    );

    // The worst bundle reads back from a file in both forms. Its JSON is
    // deeper than serde_json's own limit of 128 levels; the loader bounds
    // the nesting with the IR's counter instead.
    let text = serde_json::to_string(&bundle).unwrap();
    let mut de = serde_json::Deserializer::from_str(&text);
    de.disable_recursion_limit();
    let depth = json_depth(&serde::Deserialize::deserialize(&mut de).unwrap());
    assert!(depth > 128, "the bundle's JSON is {depth} levels deep");
    for (name, bytes) in [
        ("json", text.into_bytes()),
        ("bin", shinsei_ir::binary::encode(&bundle)),
    ] {
        let path = std::env::temp_dir().join(format!(
            "shinsei-at-the-limits-{}.{name}",
            std::process::id()
        ));
        std::fs::write(&path, bytes).unwrap();
        let back = shinsei_load::read_bundle(&path);
        let _ = std::fs::remove_file(&path);
        assert_eq!(back.unwrap(), bundle, "{name}");
    }
}

fn submission_at_the_limits() -> String {
    let mut inner = json!({ "b": 1, "c": 2 });
    for i in (2..=7).rev() {
        inner = json!({ format!("g{i}"): inner });
    }
    json!({
        "form": "at_the_limits",
        "submitted_at": "2026-04-01T10:00:00+09:00",
        "applicant": { "role": "insured" },
        "fields": { "a": 1, "g1": inner }
    })
    .to_string()
}

#[test]
fn a_form_at_the_limits_validates_on_a_small_stack() {
    let (bundle, _) = at_the_limits();
    let now = chrono::DateTime::parse_from_rfc3339("2026-04-01T10:00:00+09:00").unwrap();
    // Every deep expression is evaluated (the field `c` is shown and
    // required, the rule checked) on a quarter of a WASM module's stack.
    let result = std::thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(move || {
            let options = shinsei_runtime::Options::default();
            shinsei_runtime::validate(&bundle, &submission_at_the_limits(), now, &options)
        })
        .unwrap()
        .join()
        .unwrap();
    let result = serde_json::to_value(&result).unwrap();
    assert_eq!(result["valid"], true, "{result:#}");
}

#[test]
fn a_bundle_nested_deeper_than_the_limits_is_refused_by_the_loader() {
    let (mut bundle, _) = at_the_limits();
    let check = &mut bundle.forms[0].rules[0].check;
    *check = Expr::Unary {
        op: UnOp::Not,
        arg: Box::new(std::mem::replace(check, Expr::Today)),
    };
    bundle.hash = shinsei_check::hash(&bundle);
    let path = std::env::temp_dir().join(format!("shinsei-too-deep-{}.json", std::process::id()));
    std::fs::write(&path, serde_json::to_string(&bundle).unwrap()).unwrap();
    // What `shinsei … --bundle`, `shinsei serve --bundle` and its reload use.
    let err = shinsei_load::BundleSource::Bundle(path.clone())
        .load()
        .expect_err("a bundle 33 levels deep");
    let _ = std::fs::remove_file(&path);
    let message = err.to_string();
    assert!(
        message.contains("/forms/0/rules/0/check nests 33 levels deep (at most 32)"),
        "{message}"
    );
}
