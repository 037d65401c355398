#!/usr/bin/env bash
# Every fuzz target for a few seconds from the repository's seeds (the
# longer runs are in docs/reliability.md): a crash fails the step.
set -euo pipefail
cd "$(dirname "$0")/../.."
bash scripts/fuzz.sh "${FUZZ_SECONDS:-5}"
