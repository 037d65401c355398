#!/usr/bin/env bash
# The WASM build's size and speed per optimization setting, measured in one run
# (never in CI; figures in docs/performance.md). Each variant is built with
# scripts/build-wasm.sh and kept in out/wasm-matrix/<name>/; then every variant is
# measured by wasm/bench/figures.mjs (the typical submission), in turns, so that
# the machine's load falls on all of them alike.
#
#   bash scripts/wasm-build-matrix.sh [iterations]        # default 5000 calls per figure
#   WASM_MATRIX="z-Oz z-O3 runtime2-Oz" bash scripts/wasm-build-matrix.sh
#
# Variants: <crates>-<wasm-opt>, where <crates> is z / s / 2 / 3 (every crate at
# that opt-level) or runtime2 / runtime3 / runtimes (the runtime alone, the rest at
# "z"), and <wasm-opt> is Oz / Os / O3 / O2. wasm/pkg is left as the default build.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

iterations="${1:-5000}"
variants=(${WASM_MATRIX:-z-Oz z-O3 s-Oz runtime2-Oz runtime3-Oz runtimes-Oz})
out=out/wasm-matrix
mkdir -p "$out"
case_file=forms/shobyo_teate/cases/valid_insured_first_claim.json
submission="$out/typical-submission.json"
now="$(node -e '
  const c = require("./'"$case_file"'");
  require("fs").writeFileSync(process.argv[1], JSON.stringify(c.submission));
  process.stdout.write(c.now ?? c.submission.submitted_at);' "$submission")"

for v in "${variants[@]}"; do
  crates="${v%%-*}"
  opt="-${v#*-}"
  env=(WASM_OPT="$opt")
  case "$crates" in
    z) ;;
    s | 2 | 3) env+=(WASM_PROFILE_OPT_LEVEL="$crates") ;;
    runtime*) env+=(WASM_RUNTIME_OPT_LEVEL="${crates#runtime}") ;;
    *) echo "unknown variant $v" >&2; exit 2 ;;
  esac
  echo "--- $v: ${env[*]} bash scripts/build-wasm.sh" >&2
  env "${env[@]}" bash scripts/build-wasm.sh >&2
  rm -rf "${out:?}/$v"
  cp -a wasm/pkg "$out/$v"
done
# The core module (shinsei-wasm/core: no forms embedded) and each form's own
# bundle, as the first variant's package ships them.
gz() { gzip -9c "$1" | wc -c; }
first="$out/${variants[0]}"
core=$(( $(gz "$first/core/shinsei_wasm_bg.wasm") + $(gz "$first/core/glue/web.mjs") + $(gz "$first/core/index.mjs") ))
if [ "${#variants[@]}" -gt 1 ] || [ "${variants[0]}" != z-Oz ]; then
  echo "--- default build back into wasm/pkg" >&2
  bash scripts/build-wasm.sh >&2
fi

for v in "${variants[@]}"; do
  echo "--- measuring $v" >&2
  SHINSEI_PKG="$out/$v" node wasm/bench/figures.mjs "$submission" "$now" "$iterations" > "$out/$v.json"
done
node -e '
  const fs = require("fs");
  const [out, ...variants] = process.argv.slice(1);
  const rows = variants.map((v) => [v, JSON.parse(fs.readFileSync(`${out}/${v}.json`, "utf8"))]);
  const base = rows[0][1];
  const us = (ns) => (ns / 1000).toFixed(1);
  console.log("variant        gzip B   (×first)  first call ms  first validate ms  validateJson µs (×first)  validateField µs");
  for (const [v, r] of rows) {
    const j = r.validate.validateJson.median_ns;
    console.log(
      v.padEnd(14),
      String(r.shipped_gzip).padStart(7),
      ("(" + (r.shipped_gzip / base.shipped_gzip).toFixed(3) + ")").padStart(9),
      r.instantiate.first_call_ms.toFixed(1).padStart(13),
      (r.instantiate.first_validate_ms ?? NaN).toFixed(1).padStart(18),
      us(j).padStart(15),
      ("(" + (j / base.validate.validateJson.median_ns).toFixed(2) + ")").padStart(8),
      us(r.validate.validateField.median_ns).padStart(17),
    );
  }
' "$out" "${variants[@]}"
echo
echo "core module (no forms) + glue + entry, gzip -9: $core B"
for f in "$first"/bundles/*.bin; do echo "$(gz "$f") $(basename "$f" .bin)"; done | sort -n | awk '
  { s[NR] = $1; n[NR] = $2; t += $1 }
  END { printf "one form'"'"'s bundle (every version + its params), gzip -9: min %d B (%s), median %d B, max %d B (%s); all %d forms %d B\n", s[1], n[1], s[int((NR + 1) / 2)], s[NR], n[NR], NR, t }'
echo "typical: core + shobyo_teate = $(( core + $(gz "$first/bundles/shobyo_teate.bin") )) B"
echo "(iterations: $iterations; $out/<variant>.json; load: $(cut -d' ' -f1-3 /proc/loadavg))" >&2
