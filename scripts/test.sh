#!/usr/bin/env bash
# Every test of shinsei. CI (.ci/run) and people run this same script.
# Installs what it needs first (scripts/setup.sh, idempotent). Each part of the
# project adds its own test step as scripts/test.d/NN-name.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/tools/node_modules/.bin:$PATH"

step() { printf '\n==> %s\n' "$*"; }

run_all() {
  set -euo pipefail
  bash scripts/setup.sh

  step "format and lints"
  cargo fmt --all -- --check
  cargo clippy --workspace --all-targets -- -D warnings
  RUSTDOCFLAGS="-D warnings" cargo doc -q --workspace --no-deps

  step "runtime builds for wasm32"
  cargo build -p shinsei-runtime -p shinsei-describe --target wasm32-unknown-unknown

  step "the bundled forms compile, their cases pass and cover every rule, condition and param period"
  cargo run -q -p shinsei-cli -- check forms/
  cargo run -q -p shinsei-cli -- test --coverage forms/

  step "unit, integration, doc and snapshot tests (unreferenced snapshots are rejected)"
  cargo insta test --workspace --all-targets --unreferenced=reject --check
  cargo test --workspace --doc

  for t in scripts/test.d/*.sh; do
    [ -e "$t" ] || continue
    step "$t"
    bash "$t"
  done
}

LOG="$(mktemp)"
trap 'rm -f "$LOG"' EXIT
run_all 2>&1 | tee "$LOG"

# The sum of every runner's closing line (cargo test, node --test, shinsei test).
awk '
  /^test result: / { for (i = 1; i <= NF; i++) { if ($(i+1) ~ /^passed/) p += $i; if ($(i+1) ~ /^failed/) f += $i } }
  /^# pass / { p += $3 } /^# fail / { f += $3 }
  /^[0-9]+ passed, [0-9]+ failed$/ { p += $1; f += $3 }
  END { printf "total: %d passed, %d failed\n", p, f }
' "$LOG"
