#!/usr/bin/env bash
# Figures of the portal page (not run in CI): the bytes a member downloads
# (gzip, brotli, uncompressed) and the median time to the first validation
# over cold loads in Chromium. Builds the package, the page and the release
# service first (SHINSEI_BIN=path skips the latter).
# Usage: bash scripts/portal-figures.sh [loads=10]
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
bash scripts/build-wasm.sh >/dev/null
bash scripts/build-portal.sh >/dev/null
# The service only sends files here (precompressed): any build of it will do.
if [ -z "${SHINSEI_BIN:-}" ]; then
  cargo build -q --release -p shinsei-cli
  export SHINSEI_BIN="${CARGO_TARGET_DIR:-$PWD/target}/release/shinsei"
fi
node wasm/demo/bench/figures.mjs "${1:-10}"
