#!/usr/bin/env bash
# Native figures against the budgets of DESIGN.md, from one criterion run (never asserted in tests):
#   - check_forms: compile all 30 forms (parse, check, lower), warm (budget ≤ 20 ms);
#   - validate/typical: validate(bundle, JSON text, now) of the typical submission
#     (forms/shobyo_teate/cases/valid_insured_first_claim.json, its members in the file's order,
#     minified) (budget ≤ 4 µs); validate/typical_sorted_keys: the same members sorted by key;
#   - peer/jsonschema/typical: the peer of the budget table, measured in the same run: serde_json
#     parse + the `jsonschema` crate on the form's exported envelope schema (checks less);
#   - validate_and_serialize/typical: validate + the result as JSON text (what the server does);
#   - alloc/*: bytes and allocations per call of the same three, counted by a global allocator
#     (crates/cli/benches/alloc.rs; counts, so the load on the machine does not move them).
# Prints each benchmark's median (criterion's estimates.json, with its 95% interval) and the ratio
# validate / peer. Extra arguments go to criterion (e.g. --measurement-time 10).
# Usage: bash scripts/bench.sh [criterion args…]
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
TARGET="${CARGO_TARGET_DIR:-target}"

echo "==> cargo bench -p shinsei-cli --bench engine -- 'check_forms|typical' $* (load average before: $(cut -d' ' -f1-3 /proc/loadavg))"
log="$(mktemp)"; trap 'rm -f "$log"' EXIT
cargo bench -q -p shinsei-cli --bench engine -- 'check_forms|typical' "$@" >"$log" 2>&1 || { cat "$log"; exit 1; }

python3 - "$TARGET/criterion" <<'PY'
import json, os, sys
root = sys.argv[1]
rows = [
    ("check_forms", "check_forms", "ms", 1e6, "≤ 20 ms"),
    ("validate/typical", "validate_typical", "µs", 1e3, "≤ 4 µs, ≤ 0.33× peer"),
    ("validate/typical_sorted_keys", "validate_typical_sorted_keys", "µs", 1e3, ""),
    ("peer/jsonschema/typical", "peer_jsonschema_typical", "µs", 1e3, "(peer)"),
    ("validate_and_serialize/typical", "validate_and_serialize_typical", "µs", 1e3, ""),
]
medians = {}
print(f"{'benchmark':34} {'median':>12} {'95% interval':>24}  budget")
for name, folder, unit, scale, budget in rows:
    path = os.path.join(root, folder, "new", "estimates.json")
    m = json.load(open(path))["median"]
    medians[name] = m["point_estimate"]
    lo, hi = m["confidence_interval"]["lower_bound"], m["confidence_interval"]["upper_bound"]
    print(f"{name:34} {m['point_estimate']/scale:9.2f} {unit} {f'[{lo/scale:.2f}, {hi/scale:.2f}]':>21} {unit}  {budget}")
ratio = medians["validate/typical"] / medians["peer/jsonschema/typical"]
print(f"validate / peer (same run): {ratio:.2f}  ({'faster' if ratio < 1 else 'slower'} than jsonschema)")
PY
echo
cargo bench -q -p shinsei-cli --bench alloc 2>&1 | grep '^alloc/'
echo "(load average after: $(cut -d' ' -f1-3 /proc/loadavg))"
