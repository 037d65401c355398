#!/usr/bin/env bash
# Figures of the WASM package, measured in one run (never asserted in tests):
#   - gzip -9 size of the module (all 30 forms embedded) + the browser JS glue + the entry, against the 150 KB goal;
#   - time to compile and instantiate the module, the first call and the first validate, in Node;
#   - median validate time in Node for the typical submission
#     (forms/shobyo_teate/cases/valid_insured_first_claim.json), JSON string in and out (validateJson),
#     against the native median of the same work (Engine::validate_json: validate + the result written as the shells write it, wasm/examples/timing.rs, release);
#   - the JS peer: ajv (with ajv-formats) on the form's canonical envelope schema (`shinsei schema shobyo_teate --canonical`),
#     JSON.parse + validate of the same text, in the same Node process;
#   - with --criterion, also the criterion figure: cargo bench -p shinsei-cli --bench engine -- validate/shobyo_teate/valid_insured_first_claim
# Writes out/wasm-figures.json and prints a table. Builds the package first if wasm/pkg is missing.
# Usage: bash scripts/wasm-figures.sh [--criterion] [iterations]
# The package measured is wasm/pkg as built (WASM_RUNTIME_OPT_LEVEL=2 bash scripts/build-wasm.sh for the faster, larger build).
# Timings on a shared machine vary: each figure also has the median of its quietest round of 1,000 calls.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

criterion=0
if [ "${1:-}" = "--criterion" ]; then criterion=1; shift; fi
iterations="${1:-20000}"
case_file=forms/shobyo_teate/cases/valid_insured_first_claim.json

[ -f wasm/pkg/package.json ] || bash scripts/build-wasm.sh >&2
mkdir -p out
submission=out/typical-submission.json
now="$(node -e '
  const c = require("./'"$case_file"'");
  require("fs").writeFileSync(process.argv[1], JSON.stringify(c.submission));
  process.stdout.write(c.now ?? c.submission.submitted_at);' "$submission")"

echo "native: cargo run --release -p shinsei-wasm --example timing" >&2
native="$(cargo run --release -q -p shinsei-wasm --example timing -- "$submission" "$now" "$iterations")"
schema=out/typical-schema.json
echo "peer:   cargo run --release -p shinsei-cli -- schema shobyo_teate --canonical (for ajv)" >&2
cargo run --release -q -p shinsei-cli -- schema shobyo_teate --canonical > "$schema"
echo "wasm:   node wasm/bench/figures.mjs" >&2
wasm="$(node wasm/bench/figures.mjs "$submission" "$now" "$iterations" "$schema")"

crit="null"
if [ "$criterion" = 1 ]; then
  echo "criterion: cargo bench -p shinsei-cli --bench engine -- validate/shobyo_teate/valid_insured_first_claim" >&2
  crit="\"$(cargo bench -q -p shinsei-cli --bench engine -- validate/shobyo_teate/valid_insured_first_claim 2>/dev/null \
    | awk '/time:/ {print $4, $5; exit}')\""
fi

node -e '
  const [native, wasm, crit] = process.argv.slice(1).map((s) => JSON.parse(s));
  const kb = (b) => (b / 1000).toFixed(1) + " KB";
  const us = (ns) => (ns / 1000).toFixed(2) + " µs";
  const ms = (x) => x.toFixed(1) + " ms";
  const s = wasm.sizes;
  const rows = [
    ["wasm module (30 forms embedded), gzip -9", kb(s.wasm.gzip) + " (raw " + kb(s.wasm.raw) + ")"],
    ["JS glue, browser (web/), gzip -9", kb(s.glue_web.gzip) + " (raw " + kb(s.glue_web.raw) + ")"],
    ["module + glue + entry + 30 forms, gzip (goal ≤ 150 KB = 150,000 bytes)", kb(wasm.shipped_gzip) + (wasm.shipped_gzip <= wasm.budget_gzip ? "  ✓ met" : "  ✗ over")],
    ["compile module (new WebAssembly.Module), Node", ms(wasm.instantiate.compile_ms)],
    ["load package (require: compile + instantiate), Node", ms(wasm.instantiate.load_ms)],
    ["first call, bundleInfo (goal ≤ 5 ms)", ms(wasm.instantiate.first_call_ms)],
    ["then the first validateJson (reads the form; V8 compiles what it runs)", ms(wasm.instantiate.first_validate_ms)],
    ["validateJson, typical submission, median (p90; quietest round)", us(wasm.validate.validateJson.median_ns) + " (" + us(wasm.validate.validateJson.p90_ns) + "; " + us(wasm.validate.validateJson.best_round_median_ns) + ")"],
    ["validate (object in, object out), median", us(wasm.validate.validate_object.median_ns)],
    ["validateField (one field + all field states), median (goal ≤ 15 µs)", us(wasm.validate.validateField.median_ns)],
    ["native Engine::validate_json (what validateJson runs), median (p90; quietest round)", us(native.median_ns) + " (" + us(native.p90_ns) + "; " + us(native.best_round_median_ns) + ")"],
    ["WASM / native (medians; quietest rounds; goal ≤ 1.8×)", (wasm.validate.validateJson.median_ns / native.median_ns).toFixed(2) + "×; " + (wasm.validate.validateJson.best_round_median_ns / native.best_round_median_ns).toFixed(2) + "×"],
  ];
  if (wasm.peer) {
    const a = wasm.peer.ajv, v = wasm.validate.validateJson;
    rows.push(["peer: ajv " + wasm.peer.ajv_version + " JSON.parse + validate (envelope schema), median (p90; quietest round)", us(a.median_ns) + " (" + us(a.p90_ns) + "; " + us(a.best_round_median_ns) + ")"]);
    rows.push(["ajv errors on the typical submission (canonical-form patterns)", wasm.peer.ajv_errors_on_typical.join(", ") || "none"]);
    rows.push(["validateJson / ajv (medians; quietest rounds; goal ≤ 1.0×)", (v.median_ns / a.median_ns).toFixed(2) + "×; " + (v.best_round_median_ns / a.best_round_median_ns).toFixed(2) + "×"]);
  }
  if (crit) rows.push(["criterion validate/shobyo_teate/valid_insured_first_claim", crit]);
  const w = Math.max(...rows.map((r) => r[0].length));
  for (const [k, v] of rows) console.log(k.padEnd(w) + "  " + v);
  require("fs").writeFileSync("out/wasm-figures.json", JSON.stringify({ wasm, native, criterion: crit }, null, 2) + "\n");
' "$native" "$wasm" "$crit"
echo "(iterations: $iterations; out/wasm-figures.json)" >&2
