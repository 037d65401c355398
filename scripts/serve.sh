#!/usr/bin/env bash
# The main job: the validation service on the bundled forms, with the portal
# page (WASM) at /demo/. Builds the WASM package first (installs its tools if
# they are missing, idempotently). Extra arguments go to `shinsei serve`.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/tools/node_modules/.bin:$PATH"
rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
bash scripts/setup.d/20-wasm.sh
bash scripts/build-wasm.sh
echo "portal page: http://127.0.0.1:8080/demo/   API: http://127.0.0.1:8080/v1/forms" >&2
exec cargo run --release -q -p shinsei-cli -- serve --forms forms/ --static wasm "$@"
