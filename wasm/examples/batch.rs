//! The native side of the differential test (`wasm/tests/differential.test.mjs`):
//! validates JSON Lines from standard input with the native runtime over the
//! embedded bundle and writes one result (JSON text) per line.
//!
//! Each input line is `{"now": "<RFC 3339>", "submission": "<JSON text>"}`,
//! optionally with `"lang": "en"`. The output is exactly what the server
//! writes: `serde_json::to_string(&shinsei_runtime::validate(...))`.
//!
//! ```text
//! cargo run -p shinsei-wasm --example batch < corpus.jsonl > native.jsonl
//! cargo run -p shinsei-wasm --example batch -- --bundle           # the bundle JSON
//! cargo run -p shinsei-wasm --example batch -- --describe [--slim] # describe() of every form version
//! ```
//! `--slim` describes the bundle as the module embeds it (without the
//! documentation source texts).

use std::io::{BufRead, BufWriter, Write};

use chrono::DateTime;
use serde::Deserialize;
use shinsei_ir::Bundle;
use shinsei_runtime::{Lang, Options};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Line {
    now: String,
    submission: String,
    #[serde(default)]
    lang: Option<Lang>,
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut bundle: Bundle = serde_json::from_str(shinsei_wasm::BUNDLE_JSON)?;
    let args: Vec<String> = std::env::args().skip(1).collect();
    let has = |flag: &str| args.iter().any(|a| a == flag);
    if has("--bundle") {
        println!("{}", shinsei_wasm::BUNDLE_JSON);
        return Ok(());
    }
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
    let stdin = std::io::stdin().lock();
    let mut out = BufWriter::new(std::io::stdout().lock());
    for (n, line) in stdin.lines().enumerate() {
        let line = line?;
        if line.is_empty() {
            continue;
        }
        let input: Line =
            serde_json::from_str(&line).map_err(|e| format!("input line {}: {e}", n + 1))?;
        let now = DateTime::parse_from_rfc3339(&input.now)
            .map_err(|e| format!("input line {}: now: {e}", n + 1))?;
        let options = Options {
            lang: input.lang.unwrap_or_default(),
            ..Options::default()
        };
        let result = shinsei_runtime::validate(&bundle, &input.submission, now, &options);
        serde_json::to_writer(&mut out, &result)?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    Ok(())
}
