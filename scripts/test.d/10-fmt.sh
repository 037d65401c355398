#!/usr/bin/env bash
# The bundled forms and the valid fixtures are in the canonical layout
# (`shinsei fmt`); the idempotence and meaning tests are in tests/fmt.rs.
set -euo pipefail
cd "$(dirname "$0")/../.."
cargo run -q -p shinsei-cli -- fmt --check forms/ tests/fixtures/valid/
