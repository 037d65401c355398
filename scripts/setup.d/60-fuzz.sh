#!/usr/bin/env bash
# The fuzzing tools (idempotent): a nightly toolchain beside stable (libFuzzer
# needs it; the machine image usually has one) and cargo-fuzz, pinned.
set -euo pipefail
export PATH="$HOME/.cargo/bin:$PATH"

rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
if [ "$(cargo-fuzz --version 2>/dev/null || true)" != "cargo-fuzz 0.13.1" ]; then
  cargo install cargo-fuzz --version 0.13.1 --locked
fi
