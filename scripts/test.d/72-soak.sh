#!/usr/bin/env bash
# A 30 s smoke run of the soak test (the 30-minute figures, on a release
# build, are in docs/reliability.md): the debug build CI has already built,
# load at half the measured capacity, a reload every 10 s and a broken one
# every 20 s, no failed request.
set -euo pipefail
cd "$(dirname "$0")/../.."
SOAK_PROFILE=debug SOAK_BROKEN_EVERY=20 bash scripts/soak.sh 30
