#!/usr/bin/env bash
# Tools of the WASM package (idempotent): wasm-bindgen-cli at exactly the
# Cargo.lock version of the wasm-bindgen crate, and the pinned npm tools in
# tools/ (binaryen's wasm-opt 132, playwright-core, typescript).
# Chromium comes from 10-chromium.sh.
set -euo pipefail
cd "$(dirname "$0")/../.."
export PATH="$HOME/.cargo/bin:$PATH"

wb_ver="$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/"/,"",$3); print $3; exit}' Cargo.lock)"
if [ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $wb_ver" ]; then
  # --locked fails today (its lockfile pins a webpki-roots this registry lacks,
  # see TOOLING.md §1); it is tried first in case that gets fixed.
  cargo install wasm-bindgen-cli --version "$wb_ver" --locked \
    || cargo install wasm-bindgen-cli --version "$wb_ver"
fi

(cd tools && npm ls --silent >/dev/null 2>&1) || (cd tools && npm ci --no-audit --no-fund --loglevel=error)
