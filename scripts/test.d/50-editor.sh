#!/usr/bin/env bash
# The editor: the .vsix packaged by vsce (with the grammar, the client and
# its dependencies in it); its extension activated against `shinsei lsp`;
# `shinsei lsp` driven over stdio by a real LSP client; the TextMate grammar
# over every bundled form.
set -euo pipefail
cd "$(dirname "$0")/../.."
cargo build -q -p shinsei-cli
export SHINSEI_BIN="$PWD/target/debug/shinsei"
cd editors/vscode
rm -f shinsei-forms.vsix
npx --no-install vsce package --out shinsei-forms.vsix 2>&1 | grep -E 'DONE|WARNING|ERROR' || true
# The tests load the extension from the unpacked .vsix, as VS Code would.
VSIX_DIR="$(mktemp -d)"
trap 'rm -rf "$VSIX_DIR"' EXIT
python3 -c 'import sys, zipfile; zipfile.ZipFile("shinsei-forms.vsix").extractall(sys.argv[1])' "$VSIX_DIR"
export VSIX_DIR
node --test test/
python3 - <<'PY'
import json, zipfile
z = zipfile.ZipFile("shinsei-forms.vsix")
names = set(z.namelist())
need = ["extension/package.json", "extension/extension.js", "extension/language-configuration.json",
        "extension/syntaxes/shinsei-form.tmLanguage.json",
        "extension/node_modules/vscode-languageclient/package.json"]
missing = [n for n in need if n not in names]
assert not missing, f"the .vsix lacks {missing}"
assert not any(n.startswith("extension/test/") for n in names), "tests packaged"
manifest = json.loads(z.read("extension/package.json"))
assert manifest["contributes"]["grammars"][0]["scopeName"] == "source.shinsei-form"
print(f"shinsei-forms.vsix: {len(names)} files, {sum(i.file_size for i in z.infolist())} bytes unpacked")
PY
