#!/usr/bin/env bash
# Japanese fonts for the catalog screenshots (scripts/test.d/40-doc.sh): without
# them headless Chromium draws kanji as empty boxes.
set -euo pipefail
if [ -z "$(fc-list :lang=ja 2>/dev/null)" ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q fonts-noto-cjk
fi
