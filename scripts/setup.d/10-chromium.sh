#!/usr/bin/env bash
# Debian's Chromium and ChromeDriver for the browser tests (catalog screenshot,
# portal page). `npx playwright install` cannot download browsers here.
set -euo pipefail
if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q chromium chromium-driver
fi
