//! `validate` of one submission in a loop, for profilers (callgrind counts
//! instructions, so it decides between variants on a busy machine):
//!
//! ```text
//! cargo build --release -p shinsei-cli --example validate_loop
//! valgrind --tool=callgrind target/release/examples/validate_loop [case.json] [calls]
//! callgrind_annotate --inclusive=yes callgrind.out.* | grep shinsei_runtime::validate
//! ```
//!
//! The case defaults to the typical submission
//! (`forms/shobyo_teate/cases/valid_insured_first_claim.json`); each call also
//! serializes the result as the server does (`ValidationResult::to_json`).
//! Prints the result's size.

use std::path::PathBuf;

use shinsei_cli::cases::Case;
use shinsei_runtime::{Options, validate};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let forms = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../forms");
    let mut args = std::env::args().skip(1);
    let case = args.next().map_or_else(
        || forms.join("shobyo_teate/cases/valid_insured_first_claim.json"),
        PathBuf::from,
    );
    let calls: usize = args.next().map_or(Ok(1000), |s| s.parse())?;
    let sources = shinsei_load::Sources::load(std::slice::from_ref(&forms))?;
    let bundle = shinsei_check::compile(sources.db())
        .bundle
        .ok_or("forms/ does not compile")?;
    let file = std::fs::read_to_string(case)?;
    let case: Case = serde_json::from_str(&file)?;
    let now = case.now()?;
    let text = shinsei_load::submission_text(&file)?;
    let options = Options::default();
    let mut bytes = 0;
    for _ in 0..calls {
        let result = validate(&bundle, std::hint::black_box(&text), now, &options);
        // As the server and the WASM module write it (`canonical` copied as
        // written; serde would read it back into a tree first).
        bytes = result.to_json().len();
    }
    println!("{calls} calls, result {bytes} bytes");
    Ok(())
}
