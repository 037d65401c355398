// The npm package as a consumer installs it: the `exports` map (Node ESM and
// CommonJS, browser ESM), the web build under Node, the declarations.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { pathToFileURL } from "node:url";

import { pkg, shinsei, typicalCase } from "./support.mjs";

const manifest = JSON.parse(fs.readFileSync(path.join(pkg, "package.json"), "utf8"));
const ENTRY_POINTS = [
  "bundleInfo",
  "describeForm",
  "exportApplication",
  "exportApplicationJson",
  "fieldStates",
  "listForms",
  "loadBundle",
  "prefill",
  "reapply",
  "reapplyJson",
  "resetBundle",
  "validate",
  "validateField",
  "validateJson",
];

test("package.json: name, version, entries that exist", () => {
  assert.equal(manifest.name, "shinsei-wasm");
  assert.match(manifest.version, /^\d+\.\d+\.\d+$/);
  assert.equal(manifest.type, "module");
  const targets = [];
  const walk = (v) => (typeof v === "string" ? targets.push(v) : Object.values(v).forEach(walk));
  walk(manifest.exports);
  for (const t of new Set([...targets, manifest.main, manifest.module, manifest.types])) {
    assert.ok(fs.existsSync(path.join(pkg, t)), t);
  }
  assert.ok(fs.existsSync(path.join(pkg, "README.md")));
  assert.deepEqual(
    fs.readFileSync(path.join(pkg, "web/shinsei_wasm_bg.wasm")),
    fs.readFileSync(path.join(pkg, "node/shinsei_wasm_bg.wasm")),
    "one module for both targets",
  );
});

test("installed as a dependency: import and require resolve to the Node entry", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "shinsei-consumer-"));
  try {
    fs.mkdirSync(path.join(dir, "node_modules"));
    fs.symlinkSync(pkg, path.join(dir, "node_modules/shinsei-wasm"), "dir");
    const { submission, now } = typicalCase();
    fs.writeFileSync(path.join(dir, "submission.json"), JSON.stringify(submission));
    fs.writeFileSync(
      path.join(dir, "esm.mjs"),
      `import { validate, listForms } from "shinsei-wasm";
       import fs from "node:fs";
       const s = JSON.parse(fs.readFileSync(new URL("./submission.json", import.meta.url)));
       console.log(JSON.stringify([validate(s, ${JSON.stringify(now)}).valid, listForms().length]));`,
    );
    fs.writeFileSync(
      path.join(dir, "cjs.cjs"),
      `const { validateJson } = require("shinsei-wasm");
       const s = require("./submission.json");
       console.log(JSON.parse(validateJson(JSON.stringify(s), ${JSON.stringify(now)})).valid);`,
    );
    const esm = JSON.parse(execFileSync(process.execPath, ["esm.mjs"], { cwd: dir, encoding: "utf8" }));
    assert.deepEqual(esm, [true, shinsei.listForms().length]);
    const cjs = execFileSync(process.execPath, ["cjs.cjs"], { cwd: dir, encoding: "utf8" }).trim();
    assert.equal(cjs, "true");
    const resolved = execFileSync(
      process.execPath,
      ["--input-type=module", "-e", 'console.log(import.meta.resolve("shinsei-wasm"))'],
      { cwd: dir, encoding: "utf8" },
    ).trim();
    assert.ok(resolved.endsWith("/node/shinsei_wasm.js"), resolved);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("the browser build works (initSync under Node) and agrees with the Node build", async () => {
  const web = await import(pathToFileURL(path.join(pkg, "web/shinsei_wasm.js")).href);
  const bytes = fs.readFileSync(path.join(pkg, "web/shinsei_wasm_bg.wasm"));
  web.initSync({ module: bytes });
  const { submission, now } = typicalCase();
  const text = JSON.stringify(submission);
  assert.equal(web.validateJson(text, now), shinsei.validateJson(text, now));
  assert.deepEqual(web.describeForm("shobyo_teate"), shinsei.describeForm("shobyo_teate"));
  for (const name of ENTRY_POINTS) assert.equal(typeof web[name], "function", name);
  assert.equal(typeof web.default, "function", "init");
});

test("the declarations name every entry point and every value type", () => {
  for (const target of ["web", "node"]) {
    const dts = fs.readFileSync(path.join(pkg, target, "shinsei_wasm.d.ts"), "utf8");
    for (const name of ENTRY_POINTS) assert.match(dts, new RegExp(`export function ${name}\\(`), name);
    for (const type of [
      "ValidationResult",
      "Issue",
      "FormDescription",
      "FieldDescription",
      "FieldValidation",
      "FieldStates",
      "FormSummary",
      "Prefill",
      "BundleInfo",
      "Submission",
      "ValidateOptions",
      "ShinseiError",
      "ErrorCode",
    ]) {
      assert.match(dts, new RegExp(`export (interface|type) ${type}\\b`), `${target}: ${type}`);
    }
    const api = dts.split("\n").filter((l) => l.startsWith("export function"));
    assert.ok(api.length >= ENTRY_POINTS.length);
    for (const line of api) assert.doesNotMatch(line, /\bany\b/, `${target}: no \`any\` in ${line}`);
  }
});
