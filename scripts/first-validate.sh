#!/usr/bin/env bash
# Time to first validate in Chromium (issue 14's goal: ≤ 50 ms, median of 10
# cold loads; never in CI beyond the one-load smoke in 20-wasm.sh): builds the
# default package (every form embedded) and the core module
# (SHINSEI_WASM_FORMS=none) with scripts/build-wasm.sh, compiles one form's
# bundle (shinsei compile --binary --only shobyo_teate), then times both in
# Debian's Chromium with wasm/bench/first-validate.mjs. wasm/pkg is left as the
# default build. Figures in docs/performance.md.
# Usage: bash scripts/first-validate.sh [loads=10]
#        FIRST_VALIDATE_REUSE=1 …   (reuse out/first-validate/ from a previous run)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
out=out/first-validate
target="${CARGO_TARGET_DIR:-$PWD/target}"

if [ -z "${FIRST_VALIDATE_REUSE:-}" ] || [ ! -f "$out/core/index.mjs" ]; then
  mkdir -p "$out"
  bash scripts/build-wasm.sh >&2
  rm -rf "$out/all" && cp -a wasm/pkg "$out/all"
  SHINSEI_WASM_FORMS=none bash scripts/build-wasm.sh >&2
  rm -rf "$out/core" && cp -a wasm/pkg "$out/core"
  # The default package back into wasm/pkg (a copy: no third build).
  rm -rf wasm/pkg && cp -a "$out/all" wasm/pkg
fi
cargo build -q -p shinsei-cli
"$target/debug/shinsei" compile --binary --only shobyo_teate -o "$out/shobyo_teate.bin" >&2
(cd tools && npm ls --silent playwright-core >/dev/null 2>&1) || (cd tools && npm ci --no-audit --no-fund --loglevel=error)

FIRST_VALIDATE_ALL="$out/all" FIRST_VALIDATE_CORE="$out/core" FIRST_VALIDATE_BUNDLE="$out/shobyo_teate.bin" \
  node wasm/bench/first-validate.mjs "${1:-10}"
