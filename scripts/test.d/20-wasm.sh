#!/usr/bin/env bash
# The WASM package: build it (scripts/build-wasm.sh), then the Node tests of
# every entry point and of the package (every answer checked against the
# declared types: shapes.test.mjs), the packed tarball installed into
# fresh apps running the README's snippet (Node, Vitest, Vite, webpack) and
# type-checked (TypeScript 7 and 5, arethetypeswrong), the differential test
# (native runtime vs WASM, byte for byte) and the schemas' test (whatever the runtime accepts, ajv accepts
# under the input schema; canonical values pass the canonical one), and the
# contract with the service (a client generated from its OpenAPI document,
# the same code for the same bad bytes: wasm/tests/contract.test.mjs). The
# portal page is 25-portal.sh. The crate's Rust tests run with the
# workspace's.
set -euo pipefail
cd "$(dirname "$0")/../.."
export PATH="$HOME/.cargo/bin:$PWD/tools/node_modules/.bin:$PATH"

bash scripts/build-wasm.sh

echo "--- native batch runner (the differential test's other side)"
cargo build -q -p shinsei-wasm --example batch
export SHINSEI_BATCH="${CARGO_TARGET_DIR:-$PWD/target}/debug/examples/batch"

echo "--- node --test: entry points and package"
node --test wasm/tests/api.test.mjs wasm/tests/package.test.mjs wasm/tests/applications.test.mjs wasm/tests/render.test.mjs wasm/tests/shapes.test.mjs

echo "--- the packed tarball in fresh apps: Node ESM/CJS, Vitest node/jsdom, Vite dev/build/SSR, webpack, TypeScript"
node --test wasm/tests/apps.test.mjs

echo "--- differential: native vs WASM"
node --test wasm/tests/differential.test.mjs

echo "--- schemas: input and canonical JSON Schemas (ajv strict) against the runtime"
node --test wasm/tests/schema.test.mjs

echo "--- contract: a client generated from the served OpenAPI document (tsc --strict, run against shinsei serve); the same bad bytes, the same code from the service and the package"
cargo build -q -p shinsei-cli
SHINSEI_BIN="${CARGO_TARGET_DIR:-$PWD/target}/debug/shinsei" node --test wasm/tests/contract.test.mjs

echo "--- first validate in Chromium: one cold load of a page validating with the package (the figures: scripts/first-validate.sh)"
FIRST_VALIDATE_ALL=wasm/pkg FIRST_VALIDATE_PRELOAD=0 node wasm/bench/first-validate.mjs 1
