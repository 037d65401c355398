#!/usr/bin/env bash
# Japanese fonts for the catalog screenshots (scripts/test.d/40-doc.sh) and
# the PDFs of `shinsei render` (45-render.sh): without them headless Chromium
# draws kanji as empty boxes, and render --pdf has no font to embed.
# poppler-utils: pdftotext and pdftoppm, which 45-render.sh checks PDFs with.
set -euo pipefail
missing=()
[ -n "$(fc-list :lang=ja 2>/dev/null)" ] || missing+=(fonts-noto-cjk)
command -v pdftoppm >/dev/null && command -v pdftotext >/dev/null || missing+=(poppler-utils)
if [ "${#missing[@]}" -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q "${missing[@]}"
fi
