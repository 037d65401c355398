#!/usr/bin/env bash
# The reviewer's catalog in a real browser: `shinsei doc` writes it, headless
# Chromium takes screenshots of the index and of one form page (desktop and
# phone widths), and each PNG must be a real page, not a blank one.
set -euo pipefail
cd "$(dirname "$0")/../.."

out=out/catalog
rm -rf "$out"
cargo run -q -p shinsei-cli -- doc --forms forms --out "$out"
for f in index.html shobyo_teate.html catalog.md; do
  [ -s "$out/$f" ] || { echo "missing $out/$f" >&2; exit 1; }
done

shot() { # shot PAGE PNG WIDTH HEIGHT
  local profile
  profile="$(mktemp -d)"
  chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --hide-scrollbars --user-data-dir="$profile" --window-size="$3,$4" \
    --screenshot="$2" "file://$PWD/$out/$1" >/dev/null 2>&1 || true
  rm -rf "$profile"
  [ -s "$2" ] || { echo "no screenshot $2" >&2; exit 1; }
}

shot index.html "$out/index.png" 1200 2000
shot shobyo_teate.html "$out/shobyo_teate.png" 1200 2000
shot shobyo_teate.html "$out/shobyo_teate-phone.png" 390 1600
python3 scripts/test.d/png_check.py "$out/index.png" "$out/shobyo_teate.png" "$out/shobyo_teate-phone.png"
