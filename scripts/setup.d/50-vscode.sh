#!/usr/bin/env bash
# The VS Code extension's packages (editors/vscode: the LSP client it ships,
# and for the tests vsce, vscode-textmate, vscode-oniguruma and the LSP
# protocol client), pinned by its package-lock.json.
set -euo pipefail
cd "$(dirname "$0")/../../editors/vscode"
npm ls --silent >/dev/null 2>&1 || npm ci --no-audit --no-fund --loglevel=error
