//! The native side of the differential test (`wasm/tests/differential.test.mjs`):
//! validates JSON Lines from standard input with the native runtime over the
//! embedded bundle and writes one result (JSON text) per line.
//!
//! Each input line is `{"now": "<RFC 3339>", "submission": "<JSON text>"}`,
//! optionally with `"lang": "en"`. The output is exactly what the server
//! writes: `serde_json::to_string(&shinsei_runtime::validate(...))`.
//!
//! With `"op": "export"` the line is exported as an application file
//! instead (`now` may be `null`): the output is the file's JSON text, or
//! `{"error": "<code>", "path": "<pointer>"}` — what `exportApplicationJson`
//! returns or throws. With `"op": "reapply"`, `submission` is an
//! application file and `record` the qualification record (both JSON text):
//! the output is what `reapplyJson` returns or throws. With `"op": "render"`
//! (`"returned"`) the output is the 申請書情報 (the 返戻理由のお知らせ) as
//! HTML from shinsei-render over the full bundle — what `shinsei render`
//! writes — as a JSON string, or the error line `renderHtml` throws.
//!
//! ```text
//! cargo run -p shinsei-wasm --example batch < corpus.jsonl > native.jsonl
//! cargo run -p shinsei-wasm --example batch -- --bundle [--form ID]…  # the binary bundle (of some forms)
//! cargo run -p shinsei-wasm --example batch -- --describe [--slim] # describe() of every form version
//! cargo run -p shinsei-wasm --example batch -- --schemas          # both envelope schemas of every form version
//! cargo run -p shinsei-wasm --example batch -- --types            # the schemas the package's .d.ts is generated from
//! cargo run -p shinsei-wasm --example batch -- --compile FILE.form [--deeper]  # the binary bundle of one file
//! ```
//! `--deeper` nests the first rule's check one level deeper than the
//! compiler allows (a bundle the module must refuse).
//! `--slim` describes the bundle as the module embeds it (without the
//! documentation source texts).

use std::io::{BufRead, BufWriter, Write};

use chrono::DateTime;
use serde::Deserialize;
use shinsei_ir::Bundle;
use shinsei_runtime::{DEFAULT_MAX_BYTES, Lang, Options};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Line {
    #[serde(default)]
    op: Option<String>,
    now: Option<String>,
    submission: String,
    #[serde(default)]
    lang: Option<Lang>,
    #[serde(default)]
    record: Option<String>,
}

/// A boundary error as the JS side reports it.
fn error_line(e: &shinsei_wasm::ApiError) -> String {
    serde_json::json!({"error": e.code.as_str(), "path": e.path}).to_string()
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut bundle: Bundle = serde_json::from_str(shinsei_wasm::BUNDLE_JSON)?;
    let args: Vec<String> = std::env::args().skip(1).collect();
    let has = |flag: &str| args.iter().any(|a| a == flag);
    let after = |flag: &'static str| {
        args.iter()
            .zip(args.iter().skip(1))
            .filter(move |(a, _)| *a == flag)
            .map(|(_, v)| v.as_str())
    };
    let binary_out = |b: &Bundle| -> std::io::Result<()> {
        let mut out = std::io::stdout().lock();
        out.write_all(&shinsei_ir::binary::encode(b))?;
        out.flush()
    };
    if has("--bundle") {
        let ids: Vec<&str> = after("--form").collect();
        if !ids.is_empty() {
            bundle = shinsei_check::subset(&bundle, &ids);
        }
        binary_out(&bundle)?;
        return Ok(());
    }
    if let Some(path) = after("--compile").next() {
        let mut bundle = shinsei_load::Sources::load(&[path])?.bundle()?;
        if has("--deeper")
            && let Some(rule) = bundle.forms.first_mut().and_then(|f| f.rules.first_mut())
        {
            rule.check = shinsei_ir::Expr::Unary {
                op: shinsei_ir::UnOp::Not,
                arg: Box::new(rule.check.clone()),
            };
        }
        binary_out(&bundle)?;
        return Ok(());
    }
    let engine = shinsei_wasm::Engine::load(&shinsei_ir::binary::encode(&bundle))
        .map_err(|e| format!("the bundle: {}", e.message))?;
    if has("--describe") {
        if has("--slim") {
            shinsei_wasm::slim::strip_sources(&mut bundle);
        }
        let mut out = BufWriter::new(std::io::stdout().lock());
        for form in &bundle.forms {
            serde_json::to_writer(&mut out, &shinsei_describe::describe(form, &bundle))?;
            out.write_all(b"\n")?;
        }
        out.flush()?;
        return Ok(());
    }
    if has("--types") {
        // The schemas of the values the module returns (its .d.ts), as one document.
        let defs = shinsei_wasm::boundary_schemas();
        serde_json::to_writer(
            std::io::stdout().lock(),
            &serde_json::json!({ "$defs": defs }),
        )?;
        return Ok(());
    }
    if has("--schemas") {
        use shinsei_describe::{SchemaKind, envelope_schema};
        let mut out = BufWriter::new(std::io::stdout().lock());
        for form in &bundle.forms {
            let line = serde_json::json!({
                "form": form.id,
                "version": form.version,
                "input": envelope_schema(form, &bundle, SchemaKind::Input),
                "canonical": envelope_schema(form, &bundle, SchemaKind::Canonical),
            });
            serde_json::to_writer(&mut out, &line)?;
            out.write_all(b"\n")?;
        }
        out.flush()?;
        return Ok(());
    }
    let stdin = std::io::stdin().lock();
    let mut out = BufWriter::new(std::io::stdout().lock());
    for (n, line) in stdin.lines().enumerate() {
        let line = line?;
        if line.is_empty() {
            continue;
        }
        let input: Line =
            serde_json::from_str(&line).map_err(|e| format!("input line {}: {e}", n + 1))?;
        let now = input
            .now
            .as_deref()
            .map(DateTime::parse_from_rfc3339)
            .transpose()
            .map_err(|e| format!("input line {}: now: {e}", n + 1))?;
        let options = Options {
            lang: input.lang.unwrap_or_default(),
            ..Options::default()
        };
        let text = match (input.op.as_deref(), now) {
            (Some("export"), now) => {
                match engine.export_application(&input.submission, now, &options) {
                    Ok(file) => shinsei_wasm::to_json(&file),
                    Err(e) => error_line(&e),
                }
            }
            (Some("reapply"), Some(now)) => {
                let record: serde_json::Value =
                    serde_json::from_str(input.record.as_deref().unwrap_or("null"))?;
                match engine.reapply(&input.submission, &record, now, &options) {
                    Ok(out) => shinsei_wasm::to_json(&out),
                    Err(e) => error_line(&e),
                }
            }
            (Some(op @ ("render" | "returned")), Some(now)) => {
                let made = if op == "returned" {
                    shinsei_render::notice_html(&bundle, &input.submission, now, DEFAULT_MAX_BYTES)
                } else {
                    shinsei_render::document_html(
                        &bundle,
                        &input.submission,
                        now,
                        DEFAULT_MAX_BYTES,
                    )
                };
                match made {
                    Ok(page) => serde_json::Value::String(page).to_string(),
                    // The code the module throws, from the same verdict.
                    Err(_) => match engine.render_html(
                        &input.submission,
                        now,
                        op == "returned",
                        DEFAULT_MAX_BYTES,
                    ) {
                        Ok(page) => serde_json::Value::String(page).to_string(),
                        Err(e) => error_line(&e),
                    },
                }
            }
            (None, Some(now)) => shinsei_wasm::result_json(&shinsei_runtime::validate(
                &bundle,
                &input.submission,
                now,
                &options,
            )),
            (op, _) => return Err(format!("input line {}: op {op:?} needs `now`", n + 1).into()),
        };
        out.write_all(text.as_bytes())?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    Ok(())
}
