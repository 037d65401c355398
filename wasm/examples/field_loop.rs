//! `validateField` of one submission in a loop, for profilers (callgrind
//! counts instructions, so it decides between variants on a busy machine):
//! what the WASM entry point does natively — [`Engine::validate_field`] over
//! the embedded bundle, then the answer written as JSON (`to_js` writes it
//! so and the page's `JSON.parse` reads it).
//!
//! ```text
//! cargo build --release -p shinsei-wasm --example field_loop
//! valgrind --tool=callgrind target/release/examples/field_loop [case.json] [pointer] [calls]
//! callgrind_annotate --inclusive=yes callgrind.out.* | grep validate_field
//! ```
//!
//! The case defaults to the typical submission
//! (`forms/shobyo_teate/cases/valid_insured_first_claim.json`), the pointer to
//! `/fields/leave/0/to`. Prints the answer's size.

use std::path::PathBuf;

use serde::Deserialize;
use shinsei_runtime::Options;
use shinsei_wasm::Engine;

#[derive(Deserialize)]
struct Case<'a> {
    #[serde(borrow)]
    submission: &'a serde_json::value::RawValue,
    now: Option<String>,
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let forms = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../forms");
    let mut args = std::env::args().skip(1);
    let case = args.next().map_or_else(
        || forms.join("shobyo_teate/cases/valid_insured_first_claim.json"),
        PathBuf::from,
    );
    let pointer = args
        .next()
        .unwrap_or_else(|| "/fields/leave/0/to".to_owned());
    let calls: usize = args.next().map_or(Ok(1000), |s| s.parse())?;
    let file = std::fs::read_to_string(case)?;
    let case: Case<'_> = serde_json::from_str(&file)?;
    let submission: serde_json::Value = serde_json::from_str(case.submission.get())?;
    let now = case
        .now
        .as_deref()
        .or_else(|| submission.get("submitted_at").and_then(|v| v.as_str()))
        .ok_or("the case has neither now nor submitted_at")?;
    let now = chrono::DateTime::parse_from_rfc3339(now).map_err(|e| format!("now: {e}"))?;
    // The text as `validateField` gets it from an object: JSON.stringify keeps
    // the members' order (serde_json's Value would sort them).
    let text = shinsei_load::submission_text(&file)?;
    let engine = Engine::embedded()?;
    let options = Options::default();
    let mut bytes = 0;
    for _ in 0..calls {
        let answer = engine.validate_field(std::hint::black_box(&text), &pointer, now, &options)?;
        bytes = serde_json::to_string(&answer)?.len();
    }
    println!("{calls} calls, answer {bytes} bytes");
    Ok(())
}
