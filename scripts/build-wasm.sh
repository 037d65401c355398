#!/usr/bin/env bash
# Builds the npm package in wasm/pkg/ (gitignored):
#   cargo (wasm32, profile wasm-release) → wasm-bindgen (the Cargo.lock version;
#   --target web and --target nodejs) → wasm-opt -Oz (npm binaryen 132 from
#   tools/, never Debian's) → package.json, README, TypeScript declarations.
# Honours CARGO_TARGET_DIR (default target/). Needs scripts/setup.d/20-wasm.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

target_dir="${CARGO_TARGET_DIR:-$PWD/target}"
pkg=wasm/pkg
wasm_opt=tools/node_modules/.bin/wasm-opt

wb_ver="$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/"/,"",$3); print $3; exit}' Cargo.lock)"
if [ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $wb_ver" ]; then
  echo "build-wasm: need wasm-bindgen $wb_ver (Cargo.lock); found: $(wasm-bindgen --version 2>/dev/null || echo none)" >&2
  echo "build-wasm: run: bash scripts/setup.d/20-wasm.sh" >&2
  exit 2
fi
[ -x "$wasm_opt" ] || (cd tools && npm ci --no-audit --no-fund --loglevel=error)

# The wasm-release profile optimizes for size (opt-level "z"), which meets the
# 200 KB budget; WASM_RUNTIME_OPT_LEVEL=2 compiles the runtime for speed
# instead (validate about 1.6x faster, about 14 KB more gzipped; docs/wasm.md).
speed=()
if [ -n "${WASM_RUNTIME_OPT_LEVEL:-}" ]; then
  level="$WASM_RUNTIME_OPT_LEVEL"
  case "$level" in s | z) level="\"$level\"" ;; esac  # TOML: numbers bare, letters quoted
  speed=(--config "profile.wasm-release.package.shinsei-runtime.opt-level=$level")
fi
echo "build-wasm: cargo build (wasm32, wasm-release${WASM_RUNTIME_OPT_LEVEL:+, runtime at opt-level $WASM_RUNTIME_OPT_LEVEL})"
cargo build -q -p shinsei-wasm --target wasm32-unknown-unknown --profile wasm-release "${speed[@]}"
in="$target_dir/wasm32-unknown-unknown/wasm-release/shinsei_wasm.wasm"

rm -rf "$pkg"
mkdir -p "$pkg/web" "$pkg/node"
echo "build-wasm: wasm-bindgen $wb_ver"
wasm-bindgen --target web --out-dir "$pkg/web" "$in"
wasm-bindgen --target nodejs --out-dir "$pkg/node" "$in"

echo "build-wasm: wasm-opt -Oz ($("$wasm_opt" --version))"
opt() { "$wasm_opt" -Oz --strip-debug --strip-producers "$1" -o "$1"; }
if cmp -s "$pkg/web/shinsei_wasm_bg.wasm" "$pkg/node/shinsei_wasm_bg.wasm"; then
  opt "$pkg/web/shinsei_wasm_bg.wasm"          # the same module for both targets
  cp "$pkg/web/shinsei_wasm_bg.wasm" "$pkg/node/shinsei_wasm_bg.wasm"
else
  opt "$pkg/web/shinsei_wasm_bg.wasm"
  opt "$pkg/node/shinsei_wasm_bg.wasm"
fi

version="$(awk '/^\[workspace.package\]/ {p=1} p && /^version *=/ {gsub(/"/,"",$3); print $3; exit}' Cargo.toml)"
sed "s/@VERSION@/$version/" wasm/npm/package.json > "$pkg/package.json"
printf '{ "type": "commonjs" }\n' > "$pkg/node/package.json"
cp wasm/npm/README.md "$pkg/README.md"

gz=$(( $(gzip -9c "$pkg/web/shinsei_wasm_bg.wasm" | wc -c) + $(gzip -9c "$pkg/web/shinsei_wasm.js" | wc -c) ))
echo "build-wasm: $pkg ($(wc -c < "$pkg/web/shinsei_wasm_bg.wasm") bytes of wasm; module + glue $gz bytes gzipped, budget 200000)"
if [ "$gz" -ge 200000 ]; then
  echo "build-wasm: WARNING: over the 200 KB budget (see docs/wasm.md for what shrinks it)" >&2
fi
