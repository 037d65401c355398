#!/usr/bin/env bash
# Builds the portal page (wasm/demo) into wasm/demo/dist/, as a frontend team
# would: the shinsei-wasm package is packed (`npm pack`) and installed into
# the page's app like any npm dependency, then `vite build` writes
# content-hashed names under dist/assets/ with precompressed .br/.gz siblings.
# `shinsei serve --static wasm/demo/dist` serves it (scripts/serve.sh).
# Needs wasm/pkg (built here if missing: scripts/build-wasm.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

[ -f wasm/pkg/package.json ] || bash scripts/build-wasm.sh
demo=wasm/demo
(cd "$demo" && npm ls --silent vite @axe-core/playwright playwright-core >/dev/null 2>&1) \
  || (cd "$demo" && npm ci --no-audit --no-fund --loglevel=error)

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
(cd wasm/pkg && npm pack --silent --pack-destination "$tmp" >/dev/null)
# --no-save: the tarball's hash changes with every build, so it stays out of the lockfile.
(cd "$demo" && npm install --no-save --no-audit --no-fund --loglevel=error "$tmp"/shinsei-wasm-*.tgz >/dev/null)
(cd "$demo" && rm -rf dist && npx vite build --logLevel warn)

echo "build-portal: $demo/dist/ ($(cd "$demo/dist" && find . -type f ! -name '*.br' ! -name '*.gz' | sort | tr '\n' ' '))"
