#!/usr/bin/env bash
# A 30 s smoke run of the soak test (the 30-minute figures are in
# docs/reliability.md): load at half the measured capacity, a reload every
# 10 s and a broken one every 20 s, no failed request.
set -euo pipefail
cd "$(dirname "$0")/../.."
SOAK_BROKEN_EVERY=20 bash scripts/soak.sh 30
