#!/usr/bin/env bash
# Debian's Chromium and ChromeDriver for the browser tests (catalog screenshot,
# portal page). `npx playwright install` cannot download browsers here.
# chromium-l10n: the browser's own Japanese, which the portal's tests ask for
# (LANGUAGE=ja, as members' browsers are): a file input's button then reads
# ファイルを選択, not Choose File, in the screenshots.
set -euo pipefail
if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1 \
  || ! dpkg -s chromium-l10n >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q chromium chromium-driver chromium-l10n
fi
