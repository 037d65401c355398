#!/usr/bin/env bash
# The verdict diff of the change under test: the forms of the commit before it
# (the merge base with origin/main on a branch; the previous commit on main)
# against the forms of the working tree, every case of both run on both
# sides (`shinsei diff --cases`, docs/authoring.md). It prints what the change
# does to the verdicts for the reviewer; it does not fail the run.
set -euo pipefail
cd "$(dirname "$0")/../.."

head="$(git rev-parse HEAD)"
base="$(git merge-base HEAD origin/main 2>/dev/null || true)"
if [ -z "$base" ] || [ "$base" = "$head" ]; then
  base="$(git rev-parse -q --verify 'HEAD~1^{commit}' || true)"
fi
if [ -z "$base" ]; then
  echo "no earlier commit in this clone: no verdict diff"
  exit 0
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
git archive "$base" forms | tar -x -C "$tmp"
echo "forms at $(git rev-parse --short "$base") → the working tree"
if ! cargo run -q -p shinsei-cli -- check "$tmp/forms" >/dev/null 2>&1; then
  echo "the forms at $(git rev-parse --short "$base") do not compile with this build: no verdict diff"
  exit 0
fi
cargo run -q -p shinsei-cli -- diff "$tmp/forms" forms/ --cases
