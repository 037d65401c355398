#!/usr/bin/env bash
# Every test of shinsei. CI (.ci/run) and people run this same script.
# It installs what it needs itself (idempotently): the wasm32 target and cargo-insta.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

step() { printf '\n==> %s\n' "$*"; }

step "toolchain"
rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
command -v cargo-insta >/dev/null 2>&1 || cargo install cargo-insta --locked

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
