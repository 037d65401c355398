//! Benchmarks against the budgets of DESIGN.md:
//! - `check_forms`: compile every bundled form (parse + check + lower), warm;
//! - `validate/<form>/<case>`: one valid submission per form, JSON text in,
//!   result struct out;
//! - `validate/typical_sorted_keys`: the same members sorted by key, so that
//!   `fields` comes before `form` (the reader then looks ahead for the form);
//! - `validate_and_serialize/typical`: the same plus serializing the result
//!   to JSON (what the server and WASM return).
//!
//! - `peer/jsonschema/typical`: the peer of DESIGN.md's budget table — the
//!   `jsonschema` crate validating the same submission (parse + validate)
//!   against the form's exported JSON Schema (`shinsei schema`), which checks
//!   less (no cross-field rules, no conditions, no normalization).
//!
//! Run: `cargo bench -p shinsei-cli --bench engine`.

use std::hint::black_box;
use std::path::PathBuf;

use criterion::{Criterion, criterion_group, criterion_main};
use shinsei_cli::cases::Case;
use shinsei_runtime::{Options, validate};

fn forms_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../forms")
}

fn bench(c: &mut Criterion) {
    let sources = shinsei_load::Sources::load(&[forms_dir()]).expect("forms/ readable");
    let db = sources.db();
    c.bench_function("check_forms", |b| {
        b.iter(|| {
            black_box(shinsei_check::compile(black_box(db)))
                .bundle
                .is_some()
        })
    });

    let bundle = shinsei_check::compile(db).bundle.expect("forms/ compiles");
    let cases = shinsei_load::case_files(&[forms_dir()]).expect("cases readable");
    let mut group = c.benchmark_group("validate");
    let mut seen = std::collections::BTreeSet::new();
    for path in cases
        .iter()
        // One valid case per form: the first `valid_*` file of each form directory.
        .filter(|p| {
            p.to_string_lossy().contains("/cases/valid_")
                && seen.insert(p.parent().map(|d| d.to_path_buf()).unwrap_or_default())
        })
    {
        let case: Case =
            serde_json::from_str(&std::fs::read_to_string(path).expect("case")).expect("case json");
        let now = case.now().expect("now");
        let text = serde_json::to_string(&case.submission).expect("json");
        let name = format!(
            "{}/{}",
            case.form_id().unwrap_or("?"),
            path.file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default()
        );
        let options = Options::default();
        group.bench_function(name, |b| {
            b.iter(|| black_box(validate(&bundle, black_box(&text), now, &options)))
        });
    }
    group.finish();

    let typical = forms_dir().join("shobyo_teate/cases/valid_insured_first_claim.json");
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
    c.bench_function("peer/jsonschema/typical", |b| {
        b.iter(|| {
            let v: serde_json::Value = serde_json::from_str(black_box(&text)).expect("json");
            peer.iter_errors(&v).count()
        })
    });
    c.bench_function("validate/typical", |b| {
        b.iter(|| black_box(validate(&bundle, black_box(&text), now, &options)))
    });

    // The same members sorted by key (`fields` before `form`): the reader
    // looks ahead for the form first, one more lexing pass.
    let sorted = serde_json::to_string(&case.submission).expect("json");
    c.bench_function("validate/typical_sorted_keys", |b| {
        b.iter(|| black_box(validate(&bundle, black_box(&sorted), now, &options)))
    });

    c.bench_function("validate_and_serialize/typical", |b| {
        // As the server and the WASM module write it (`ValidationResult::to_json`:
        // `canonical` copied as written; serde would read it back into a tree).
        b.iter(|| {
            validate(&bundle, black_box(&text), now, &options)
                .to_json()
                .len()
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
