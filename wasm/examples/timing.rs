//! Native timing harness for `scripts/wasm-figures.sh`: the median time of
//! [`Engine::validate_json`] over the embedded bundle — exactly what
//! `validateJson` runs in WASM (validate, then the result written as the shells
//! write it) — for one submission.
//!
//! ```text
//! cargo run --release -p shinsei-wasm --example timing -- submission.json 2026-03-02T10:00:00+09:00 [iterations]
//! ```
//! Prints `{"median_ns": …, "p90_ns": …, "best_round_median_ns": …, "iterations": …, "result_bytes": …}`.

use std::time::Instant;

use chrono::DateTime;
use shinsei_runtime::Options;
use shinsei_wasm::Engine;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = args
        .next()
        .ok_or("usage: timing <submission.json> <now> [iterations]")?;
    let now = DateTime::parse_from_rfc3339(&args.next().ok_or("missing <now>")?)
        .map_err(|e| format!("now: {e}"))?;
    let iterations: usize = args.next().map_or(Ok(20_000), |s| s.parse())?;
    let submission = std::fs::read_to_string(path)?;
    let engine = Engine::embedded()?;
    let options = Options::default();
    let run = || engine.validate_json(std::hint::black_box(&submission), now, &options);
    let bytes = run()?.len();
    for _ in 0..iterations / 10 {
        std::hint::black_box(run()?);
    }
    // Rounds of 1,000 calls: the median of every call, and the lowest round
    // median (the quietest stretch; this machine is shared).
    let mut times = Vec::with_capacity(iterations);
    let mut best_round = u128::MAX;
    for chunk in 0..iterations.div_ceil(1000) {
        let n = 1000.min(iterations - chunk * 1000);
        let mut round = Vec::with_capacity(n);
        for _ in 0..n {
            let t = Instant::now();
            std::hint::black_box(run()?);
            round.push(t.elapsed().as_nanos());
        }
        round.sort_unstable();
        best_round = best_round.min(round.get(n / 2).copied().unwrap_or(u128::MAX));
        times.extend(round);
    }
    times.sort_unstable();
    let at = |q: usize| times.get(times.len() * q / 100).copied().unwrap_or(0);
    println!(
        r#"{{"median_ns": {}, "p90_ns": {}, "best_round_median_ns": {best_round}, "iterations": {iterations}, "result_bytes": {bytes}}}"#,
        at(50),
        at(90)
    );
    Ok(())
}
