#!/usr/bin/env bash
# Time to first validate in Chromium (issue 14's goal: ≤ 50 ms, median of 10
# cold loads; never in CI beyond the one-load smoke in 20-wasm.sh): builds the
# package with scripts/build-wasm.sh, then times in Debian's Chromium, with
# wasm/bench/first-validate.mjs, its default entry (every form
# embedded) against its core module (shinsei-wasm/core) with one form's bundle
# (bundles/shobyo_teate.bin, as the package ships it). Figures in
# docs/performance.md.
# Usage: bash scripts/first-validate.sh [loads=10]
#        FIRST_VALIDATE_REUSE=1 …   (reuse wasm/pkg as it is)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
pkg=wasm/pkg

if [ -z "${FIRST_VALIDATE_REUSE:-}" ] || [ ! -f "$pkg/core/index.mjs" ]; then
  bash scripts/build-wasm.sh >&2
fi
(cd tools && npm ls --silent playwright-core >/dev/null 2>&1) || (cd tools && npm ci --no-audit --no-fund --loglevel=error)

FIRST_VALIDATE_ALL="$pkg" FIRST_VALIDATE_CORE="$pkg/core" FIRST_VALIDATE_BUNDLE="$pkg/bundles/shobyo_teate.bin" \
  node wasm/bench/first-validate.mjs "${1:-10}"
