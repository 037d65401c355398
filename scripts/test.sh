#!/usr/bin/env bash
# Every test of shinsei. CI (.ci/run) and people run this same script.
# Installs what it needs first (scripts/setup.sh, idempotent). Each part of the
# project adds its own test step as scripts/test.d/NN-name.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/tools/node_modules/.bin:$PATH"

bash scripts/setup.sh

step() { printf '\n==> %s\n' "$*"; }

step "format and lints"
cargo fmt --all -- --check
cargo clippy --workspace --all-targets -- -D warnings

step "runtime builds for wasm32"
cargo build -p shinsei-runtime -p shinsei-describe --target wasm32-unknown-unknown

step "the bundled forms compile and their cases pass"
cargo run -q -p shinsei-cli -- check forms/
cargo run -q -p shinsei-cli -- test forms/

step "unit, integration, doc and snapshot tests (unreferenced snapshots are rejected)"
cargo insta test --workspace --all-targets --unreferenced=reject --check
cargo test --workspace --doc

for t in scripts/test.d/*.sh; do
  [ -e "$t" ] || continue
  step "$t"
  bash "$t"
done
