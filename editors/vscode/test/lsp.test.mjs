// `shinsei lsp` driven over stdio by a real LSP client (vscode-jsonrpc /
// vscode-languageserver-protocol, as the extension's client uses) on a
// bundled form: diagnostics, hover, definition, references, completion,
// symbols, formatting, a typed mistake and a rename.
// SHINSEI_BIN: the `shinsei` binary (default: target/debug/shinsei).
import { test, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { spawn, execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";

const require = createRequire(import.meta.url);
const rpc = require("vscode-languageserver-protocol/node");

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, "../../..");
const bin = process.env.SHINSEI_BIN || path.join(repo, "target/debug/shinsei");
const formPath = path.join(repo, "forms/shobyo_teate/shobyo_teate.form");
const uri = pathToFileURL(formPath).href;
const text = fs.readFileSync(formPath, "utf8");

const child = spawn(bin, ["lsp"], { stdio: ["pipe", "pipe", "inherit"] });
const conn = rpc.createProtocolConnection(
  new rpc.StreamMessageReader(child.stdout),
  new rpc.StreamMessageWriter(child.stdin),
);
const waiting = [];
conn.onNotification(rpc.PublishDiagnosticsNotification.type, (p) => {
  const i = waiting.findIndex((w) => w.uri === p.uri);
  if (i >= 0) waiting.splice(i, 1)[0].resolve(p.diagnostics);
});
conn.listen();
const nextDiagnostics = (u) => new Promise((resolve) => waiting.push({ uri: u, resolve }));

/** The LSP position (UTF-16) of the `delta`-th character of `needle` in `t`. */
function pos(t, needle, delta = 0) {
  const at = t.indexOf(needle);
  assert.ok(at >= 0, `${needle} not found`);
  const before = t.slice(0, at + delta);
  const line = before.split("\n").length - 1;
  return { line, character: before.length - before.lastIndexOf("\n") - 1 };
}
const doc = { uri };

const init = await conn.sendRequest(rpc.InitializeRequest.type, {
  processId: process.pid,
  rootUri: pathToFileURL(repo).href,
  capabilities: { textDocument: { completion: { completionItem: { snippetSupport: true } } } },
  workspaceFolders: null,
});
conn.sendNotification(rpc.InitializedNotification.type, {});
const opened = nextDiagnostics(uri);
conn.sendNotification(rpc.DidOpenTextDocumentNotification.type, {
  textDocument: { uri, languageId: "shinsei-form", version: 1, text },
});

after(async () => {
  await conn.sendRequest(rpc.ShutdownRequest.type);
  conn.sendNotification(rpc.ExitNotification.type);
  const code = await new Promise((r) => child.on("exit", r));
  assert.equal(code, 0);
  conn.dispose();
});

test("the server says what it can do", () => {
  const caps = init.capabilities;
  for (const c of ["hoverProvider", "definitionProvider", "referencesProvider", "documentFormattingProvider", "documentSymbolProvider"]) {
    assert.ok(caps[c], c);
  }
  assert.equal(caps.positionEncoding, "utf-16");
});

test("a bundled form that uses shared blocks has no diagnostics", async () => {
  assert.deepEqual(await opened, []);
});

test("hover: a field, a rule's catalog sentence, a param's values, a built-in", async () => {
  const hover = async (needle, delta) =>
    (await conn.sendRequest(rpc.HoverRequest.type, { textDocument: doc, position: pos(text, needle, delta) }))
      ?.contents.value ?? "";
  const field = await hover("check to >= from", 12);
  assert.match(field, /開始日/);
  assert.match(field, /type `date`/);
  assert.match(field, /\/fields\/leave\/\*\/from/);
  assert.match(await hover("rule period_order", 6), /「終了日」が「開始日」以降であること。/);
  assert.match(await hover("average_standard_monthly(first_day", 3), /300,000円/);
  assert.match(await hover("days(period", 1), /days\(p: period\) -> integer/);
});

test("definition of a shared fn is in forms/shared", async () => {
  const loc = await conn.sendRequest(rpc.DefinitionRequest.type, {
    textDocument: doc,
    position: pos(text, "jikou_last_day(to", 2),
  });
  assert.ok(loc.uri.endsWith("forms/shared/rules.form"), loc.uri);
  const shared = fs.readFileSync(fileURLToPath(loc.uri), "utf8").split("\n")[loc.range.start.line];
  assert.match(shared, /fn jikou_last_day/);
});

test("references of a list's field", async () => {
  const refs = await conn.sendRequest(rpc.ReferencesRequest.type, {
    textDocument: doc,
    position: pos(text, "field from", 7),
    context: { includeDeclaration: true },
  });
  assert.ok(refs.length >= 8, `${refs.length} references`);
  assert.ok(refs.every((r) => r.uri === uri));
});

test("completion: names in scope, built-ins with signatures, after a dot", async () => {
  const items = await conn.sendRequest(rpc.CompletionRequest.type, {
    textDocument: doc,
    position: pos(text, "check to >= from", 16),
  });
  const labels = items.map((i) => i.label);
  for (const l of ["from", "to", "leave", "first_claim", "jikou_last_day", "days", "today"]) {
    assert.ok(labels.includes(l), l);
  }
  assert.equal(items.find((i) => i.label === "days").detail, "days(p: period) -> integer");
});

test("document symbols: the form and its members", async () => {
  const symbols = await conn.sendRequest(rpc.DocumentSymbolRequest.type, { textDocument: doc });
  assert.equal(symbols[0].name, "shobyo_teate");
  assert.ok(symbols[0].children.some((c) => c.name === "leave" && c.children.some((f) => f.name === "from")));
});

test("a mistake while typing: the checker's code and hint; formatting through shinsei fmt", async () => {
  const bad = text.replace("check to >= from", "check to >= fro").replace("  version \"2026.1\"", "version   \"2026.1\"");
  const changed = nextDiagnostics(uri);
  conn.sendNotification(rpc.DidChangeTextDocumentNotification.type, {
    textDocument: { uri, version: 2 },
    contentChanges: [{ text: bad }],
  });
  const diags = await changed;
  assert.equal(diags.length, 1);
  assert.equal(diags[0].code, "unknown-name");
  assert.match(diags[0].message, /did you mean `from`\?/);
  assert.deepEqual(diags[0].range.start, pos(bad, "check to >= fro", 12));

  const edits = await conn.sendRequest(rpc.DocumentFormattingRequest.type, {
    textDocument: doc,
    options: { tabSize: 2, insertSpaces: true },
  });
  assert.ok(edits.length >= 1 && edits.length <= 2, JSON.stringify(edits));
  const lines = bad.split(/(?<=\n)/);
  let out = "";
  let at = 0;
  for (const e of edits) {
    out += lines.slice(at, e.range.start.line).join("") + e.newText;
    at = e.range.end.line;
  }
  out += lines.slice(at).join("");
  const cli = execFileSync(bin, ["fmt", "-"], { input: bad }).toString();
  assert.equal(out, cli);

  const fixed = nextDiagnostics(uri);
  conn.sendNotification(rpc.DidChangeTextDocumentNotification.type, {
    textDocument: { uri, version: 3 },
    contentChanges: [{ text }],
  });
  assert.deepEqual(await fixed, []);
});

test("rename a rule: the form and its case file", async () => {
  const edit = await conn.sendRequest(rpc.RenameRequest.type, {
    textDocument: doc,
    position: pos(text, "rule period_order", 6),
    newName: "leave_order",
  });
  const files = Object.keys(edit.changes);
  assert.ok(files.includes(uri));
  assert.ok(files.some((f) => f.endsWith("/cases/invalid_period_order.json")), files.join());
});
