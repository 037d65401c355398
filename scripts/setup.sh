#!/usr/bin/env bash
# Installs everything the tests need, idempotently (a no-op when all is there).
# Each part of the project adds its own step as scripts/setup.d/NN-name.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH" DEBIAN_FRONTEND=noninteractive

rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
command -v cargo-insta >/dev/null 2>&1 || cargo install cargo-insta --locked

for step in scripts/setup.d/*.sh; do
  [ -e "$step" ] || continue
  echo "==> setup: $step"
  bash "$step"
done
