#!/usr/bin/env bash
# The portal page as a member uses it: built from the packed npm package
# (scripts/build-portal.sh), served by the real service, driven in Debian's
# Chromium by Playwright with axe-core at phone and desktop widths, by mouse
# and by keyboard only (wasm/demo/tests/portal.test.mjs). Screenshots go to
# out/portal/ and must be real pages. Runs after 20-wasm.sh (which builds wasm/pkg).
set -euo pipefail
cd "$(dirname "$0")/../.."
export PATH="$HOME/.cargo/bin:$PATH"

bash scripts/build-portal.sh
cargo build -q -p shinsei-cli
export SHINSEI_BIN="${CARGO_TARGET_DIR:-$PWD/target}/debug/shinsei"

rm -rf out/portal
(cd wasm/demo && node --test tests/portal.test.mjs)
python3 scripts/test.d/png_check.py out/portal/*.png
