#!/usr/bin/env bash
# The main job: the validation service on the bundled forms, with the portal
# page (WASM) at /. Builds the WASM package and the page first (installs their
# tools if they are missing, idempotently). Extra arguments go to
# `shinsei serve` (e.g. --cors-origin https://portal.example).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/tools/node_modules/.bin:$PATH"
rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
bash scripts/setup.d/20-wasm.sh
bash scripts/build-wasm.sh
bash scripts/build-portal.sh
echo "portal page: http://127.0.0.1:8080/   API: http://127.0.0.1:8080/v1/forms" >&2
exec cargo run --release -q -p shinsei-cli -- serve --forms forms/ --static wasm/demo/dist "$@"
