// The extension as VS Code would load it, without VS Code (there is none to
// be had offline): extension.js — from the unpacked .vsix when VSIX_DIR is
// set, else from this folder — is loaded with a stand-in `vscode` module
// (every API a no-op that records the messages shown), and activate() must
// start `shinsei lsp` and finish the LSP handshake with it without showing
// an error; deactivate() must stop it.
import { test } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import Module, { createRequire } from "node:module";
import childProcess from "node:child_process";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, "../../..");
const bin = process.env.SHINSEI_BIN || path.join(repo, "target/debug/shinsei");
const extDir = process.env.VSIX_DIR ? path.join(process.env.VSIX_DIR, "extension") : path.resolve(here, "..");

const shown = [];
function stub(name) {
  const f = function () {};
  return new Proxy(f, {
    get(_, p) {
      if (p === "then") return undefined;
      if (p === Symbol.toPrimitive) return () => name;
      if (["showErrorMessage", "showWarningMessage", "showInformationMessage"].includes(p)) {
        return (msg) => {
          shown.push(`${p}: ${msg}`);
          return Promise.resolve(undefined);
        };
      }
      if (p === "get") return (k, d) => ({ "server.path": bin, "server.extraArgs": [] })[k] ?? d;
      if (p === "version") return "1.90.0";
      return stub(`${name}.${String(p)}`);
    },
    construct: () => stub(`new ${name}`),
    apply: () => stub(`${name}()`),
  });
}

test("activate starts `shinsei lsp` and completes the handshake; deactivate stops it", async () => {
  const resolve = Module._resolveFilename;
  Module._resolveFilename = function (req, ...rest) {
    return req === "vscode" ? "vscode" : resolve.call(this, req, ...rest);
  };
  require.cache.vscode = { id: "vscode", filename: "vscode", loaded: true, exports: stub("vscode") };
  const spawned = [];
  const spawn = childProcess.spawn;
  childProcess.spawn = function (cmd, args, opts) {
    const child = spawn.call(this, cmd, args, opts);
    spawned.push({ line: [cmd, ...args].join(" "), child });
    return child;
  };
  try {
    const ext = require(path.join(extDir, "extension.js"));
    await ext.activate({ subscriptions: [], extensionPath: extDir, asAbsolutePath: (p) => path.join(extDir, p) });
    assert.deepEqual(shown, []);
    assert.equal(spawned.length, 1);
    assert.match(spawned[0].line, /shinsei lsp( --stdio)?$/);
    const exited = new Promise((r) => spawned[0].child.on("exit", r));
    await ext.deactivate();
    assert.equal(await exited, 0);
  } finally {
    childProcess.spawn = spawn;
    Module._resolveFilename = resolve;
  }
});
