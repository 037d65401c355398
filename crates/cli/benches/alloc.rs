//! Bytes allocated per call, counted by a global allocator (not timed, so a
//! busy machine does not move the figures): `validate` of the typical
//! submission, `validate` + serializing the result (what the server does),
//! and the peer (serde_json parse + `jsonschema` on the exported schema).
//!
//! Run: `cargo bench -p shinsei-cli --bench alloc` (also `scripts/bench.sh`).

use std::alloc::System;
use std::hint::black_box;
use std::path::PathBuf;

use shinsei_cli::cases::Case;
use shinsei_runtime::{Options, validate};
use stats_alloc::{INSTRUMENTED_SYSTEM, Region, StatsAlloc};

#[global_allocator]
static GLOBAL: &StatsAlloc<System> = &INSTRUMENTED_SYSTEM;

/// Calls per figure (the figure is the mean; every call allocates the same).
const CALLS: usize = 1000;

fn measure(name: &str, mut f: impl FnMut()) {
    f(); // warm: lazily built statics are not the call's
    let region = Region::new(GLOBAL);
    for _ in 0..CALLS {
        f();
    }
    let stats = region.change();
    // A `realloc` is counted apart by stats_alloc: its growth is not in
    // `bytes_allocated`, so it is printed beside it.
    println!(
        "{name:34} {:>9} bytes {:>6} allocations per call (+ {} reallocations growing by {} bytes)",
        stats.bytes_allocated / CALLS,
        stats.allocations / CALLS,
        stats.reallocations / CALLS,
        stats.bytes_reallocated / CALLS as isize
    );
}

fn main() {
    // `cargo bench` passes `--bench`; nothing to filter here.
    let forms = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../forms");
    let sources =
        shinsei_load::Sources::load(std::slice::from_ref(&forms)).expect("forms/ readable");
    let bundle = shinsei_check::compile(sources.db())
        .bundle
        .expect("forms/ compiles");
    let typical = forms.join("shobyo_teate/cases/valid_insured_first_claim.json");
    let file = std::fs::read_to_string(typical).expect("case");
    let case: Case = serde_json::from_str(&file).expect("case json");
    let now = case.now().expect("now");
    // As a client sends it: the file's member order (`form` first), minified.
    let text = shinsei_load::submission_text(&file).expect("submission");
    let options = Options::default();
    let form = bundle
        .forms
        .iter()
        .find(|f| f.id == "shobyo_teate")
        .expect("shobyo_teate");
    let schema =
        shinsei_describe::envelope_schema(form, &bundle, shinsei_describe::SchemaKind::Canonical);
    let peer = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("schema compiles");

    measure("alloc/validate/typical", || {
        black_box(validate(&bundle, black_box(&text), now, &options));
    });
    measure("alloc/validate_and_serialize/typical", || {
        let result = validate(&bundle, black_box(&text), now, &options);
        // As the server and the WASM module write it (ValidationResult::to_json).
        black_box(result.to_json().len());
    });
    measure("alloc/peer/jsonschema/typical", || {
        let v: serde_json::Value = serde_json::from_str(black_box(&text)).expect("json");
        black_box(peer.iter_errors(&v).count());
    });
}
