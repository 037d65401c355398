#!/usr/bin/env bash
# Builds the npm package in wasm/pkg/ (gitignored):
#   cargo (wasm32, profile wasm-release) → wasm-bindgen (the Cargo.lock version;
#   --target web and --target nodejs, one .wasm for both) → wasm-opt -Oz (npm
#   binaryen 132 from tools/, never Debian's), twice: the default module (every
#   form embedded) and the core module in core/ (none: `shinsei-wasm/core`);
#   → each form's own bundle in bundles/ (`shinsei compile --binary --only`)
#   → the package's entries for browsers/bundlers and Node (ESM and CJS), for
#   both modules, declarations, per-form types (`shinsei types`), package.json,
#   README (wasm/npm/package.mjs).
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
# WASM_PROFILE_OPT_LEVEL sets it for every crate (the dependencies too).
if [ -n "${WASM_PROFILE_OPT_LEVEL:-}" ]; then
  level="$WASM_PROFILE_OPT_LEVEL"
  case "$level" in s | z) level="\"$level\"" ;; esac
  speed+=(--config "profile.wasm-release.opt-level=$level")
fi
if [ -n "${WASM_RUNTIME_OPT_LEVEL:-}" ]; then
  level="$WASM_RUNTIME_OPT_LEVEL"
  case "$level" in s | z) level="\"$level\"" ;; esac  # TOML: numbers bare, letters quoted
  speed+=(--config "profile.wasm-release.package.shinsei-runtime.opt-level=$level")
fi
rm -rf "$pkg"
bindgen="$(mktemp -d)"
trap 'rm -rf "$bindgen"' EXIT
# WASM_OPT=-O3 (or any wasm-opt level) instead of -Oz: scripts/wasm-build-matrix.sh.
wasm_opt_level="${WASM_OPT:--Oz}"

# The glues find the module one directory up.
relocate() { # file, from, to
  grep -qF "$2" "$1" || { echo "build-wasm: $1 does not load the module as expected ($2)" >&2; exit 1; }
  sed "s|$2|$3|" "$1"
}

# module <dir> <SHINSEI_WASM_FORMS>: cargo → wasm-bindgen → wasm-opt into
# <dir>/shinsei_wasm_bg.wasm and <dir>/glue/{web.mjs,node.cjs}.
module() {
  local dir="$1" forms="$2" out="$bindgen/${1//\//_}"
  echo "build-wasm: cargo build (wasm32, wasm-release${WASM_RUNTIME_OPT_LEVEL:+, runtime at opt-level $WASM_RUNTIME_OPT_LEVEL}; forms: ${forms:-all})"
  if [ -n "$forms" ]; then
    SHINSEI_WASM_FORMS="$forms" cargo build -q -p shinsei-wasm --target wasm32-unknown-unknown --profile wasm-release "${speed[@]}"
  else
    (unset SHINSEI_WASM_FORMS; cargo build -q -p shinsei-wasm --target wasm32-unknown-unknown --profile wasm-release "${speed[@]}")
  fi
  local in="$target_dir/wasm32-unknown-unknown/wasm-release/shinsei_wasm.wasm"
  mkdir -p "$dir/glue"
  echo "build-wasm: wasm-bindgen $wb_ver"
  wasm-bindgen --target web --out-dir "$out/web" "$in"
  wasm-bindgen --target nodejs --out-dir "$out/node" "$in"
  # One module for every entry: the two targets emit the same .wasm.
  if ! cmp -s "$out/web/shinsei_wasm_bg.wasm" "$out/node/shinsei_wasm_bg.wasm"; then
    echo "build-wasm: the web and nodejs targets emitted different modules; the package ships one" >&2
    exit 1
  fi
  echo "build-wasm: wasm-opt $wasm_opt_level ($("$wasm_opt" --version))"
  "$wasm_opt" "$wasm_opt_level" --strip-debug --strip-producers "$out/web/shinsei_wasm_bg.wasm" -o "$dir/shinsei_wasm_bg.wasm"
  relocate "$out/web/shinsei_wasm.js" "new URL('shinsei_wasm_bg.wasm', import.meta.url)" \
    "new URL('../shinsei_wasm_bg.wasm', import.meta.url)" > "$dir/glue/web.mjs"
  relocate "$out/node/shinsei_wasm.js" '${__dirname}/shinsei_wasm_bg.wasm' \
    '${__dirname}/../shinsei_wasm_bg.wasm' > "$dir/glue/node.cjs"
}

# The core module (no forms embedded: shinsei-wasm/core) first, so that the
# default build is the one left in target/.
module "$pkg/core" none
module "$pkg" "${SHINSEI_WASM_FORMS:-}"
bindgen_dts="$bindgen/${pkg//\//_}/web/shinsei_wasm.d.ts"

# Per-form types of the embedded bundle (compiled from forms/ like the module's).
echo "build-wasm: shinsei types (per-form TypeScript types)"
cargo run -q -p shinsei-cli -- types --forms forms -o "$pkg/forms.d.ts"
# Each form's own bundle, for the core module's loadBundle.
echo "build-wasm: shinsei compile --binary --only ID (each form's bundle, bundles/)"
mkdir -p "$pkg/bundles"
for id in $(node -e 'for (const id of new Set(require(process.argv[1]).listForms().map((f) => f.id))) console.log(id)' "$PWD/$pkg/glue/node.cjs"); do
  said="$("$target_dir/debug/shinsei" compile --binary --only "$id" -o "$pkg/bundles/$id.bin" 2>&1)" || { echo "$said" >&2; exit 1; }
done

version="$(awk '/^\[workspace.package\]/ {p=1} p && /^version *=/ {gsub(/"/,"",$3); print $3; exit}' Cargo.toml)"
node wasm/npm/package.mjs "$pkg" "$bindgen_dts" "$version"

gz=$(( $(gzip -9c "$pkg/shinsei_wasm_bg.wasm" | wc -c) + $(gzip -9c "$pkg/glue/web.mjs" | wc -c) + $(gzip -9c "$pkg/index.mjs" | wc -c) ))
echo "build-wasm: $pkg ($(wc -c < "$pkg/shinsei_wasm_bg.wasm") bytes of wasm; module + glue + entry $gz bytes gzipped, budget 200000)"
core_gz=$(( $(gzip -9c "$pkg/core/shinsei_wasm_bg.wasm" | wc -c) + $(gzip -9c "$pkg/core/glue/web.mjs" | wc -c) + $(gzip -9c "$pkg/core/index.mjs" | wc -c) ))
echo "build-wasm: $pkg/core (the core module, no forms; module + glue + entry $core_gz bytes gzipped) and $pkg/bundles/ ($(ls "$pkg/bundles" | wc -l) forms' bundles)"
if [ "$gz" -ge 200000 ]; then
  echo "build-wasm: WARNING: over the 200 KB budget (see docs/wasm.md for what shrinks it)" >&2
fi
