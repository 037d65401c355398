// The npm package's entries, as files: the `exports` map, one module for
// every entry, the same functions everywhere, init() semantics, the
// declarations. (Installed into fresh apps and run there: apps.test.mjs.)
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { pathToFileURL } from "node:url";

import { pkg, root, shinsei, typicalCase } from "./support.mjs";

const manifest = JSON.parse(fs.readFileSync(path.join(pkg, "package.json"), "utf8"));
const glue = fs.readFileSync(path.join(pkg, "glue/web.mjs"), "utf8");
const ENTRY_POINTS = [...glue.matchAll(/^export function (\w+)\(/gm)].map((m) => m[1]).sort();
const EVERY_ENTRY = [...ENTRY_POINTS, "init", "initSync", "isShinseiError"].sort();

test("package.json: name, version, every target exists, one .wasm per module", () => {
  assert.equal(manifest.name, "shinsei-wasm");
  assert.match(manifest.version, /^\d+\.\d+\.\d+$/);
  const targets = [];
  const walk = (v) => (typeof v === "string" ? targets.push(v) : Object.values(v).forEach(walk));
  walk(manifest.exports);
  for (const t of new Set([...targets, manifest.main, manifest.module, manifest.types])) {
    // A pattern (./bundles/*): its folder has files.
    if (t.endsWith("/*")) assert.ok(fs.readdirSync(path.join(pkg, t.slice(0, -2))).length > 0, t);
    else assert.ok(fs.existsSync(path.join(pkg, t)), t);
  }
  const wasm = [];
  const find = (dir) =>
    fs.readdirSync(dir, { withFileTypes: true }).forEach((e) => {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) find(p);
      else if (e.name.endsWith(".wasm")) wasm.push(path.relative(pkg, p));
    });
  find(pkg);
  assert.deepEqual(wasm.sort(), ["core/shinsei_wasm_bg.wasm", "shinsei_wasm_bg.wasm"]);
  assert.ok(ENTRY_POINTS.includes("validate") && ENTRY_POINTS.length >= 12, ENTRY_POINTS.join(", "));
});

test("every entry exports the same functions: browser ESM, Node ESM, Node CommonJS", async () => {
  const web = await import(pathToFileURL(path.join(pkg, "index.mjs")).href);
  const nodeEsm = await import(pathToFileURL(path.join(pkg, "node.mjs")).href);
  const names = (m) =>
    Object.keys(m)
      .filter((k) => k !== "default" && typeof m[k] === "function")
      .sort();
  assert.deepEqual(names(web), EVERY_ENTRY);
  assert.deepEqual(names(nodeEsm), EVERY_ENTRY);
  assert.deepEqual(names(shinsei), EVERY_ENTRY);
  for (const m of [web, nodeEsm]) assert.equal(typeof m.default, "function", "init is the default export");
  assert.equal(shinsei.default, shinsei.init);
});

test("Node: require and import share one instance; init() is a no-op answering bundleInfo()", async () => {
  const nodeEsm = await import(pathToFileURL(path.join(pkg, "node.mjs")).href);
  assert.deepEqual(await nodeEsm.default(), shinsei.bundleInfo());
  assert.deepEqual(nodeEsm.initSync(), shinsei.bundleInfo());
  const bundle = execFileSync(
    process.env.SHINSEI_BATCH ?? path.join(process.env.CARGO_TARGET_DIR ?? path.join(root, "target"), "debug/examples/batch"),
    ["--bundle"],
    { maxBuffer: 1 << 28 },
  ); // the binary bundle's bytes (a Buffer is a Uint8Array)
  try {
    assert.equal(nodeEsm.loadBundle(bundle).embedded, false);
    assert.equal(shinsei.bundleInfo().embedded, false, "the CommonJS entry sees the bundle loaded through the ES one");
  } finally {
    shinsei.resetBundle();
  }
});

for (const [entry, loaded] of [["index.mjs", true], ["core/index.mjs", false]]) {
  test(`the browser entry ${entry}: calls before init() throw module.uninitialized; init() loads once`, () => {
    // A fresh process, so that no other test has initialized the module.
    const script = `
      const w = await import(${JSON.stringify(pathToFileURL(path.join(pkg, entry)).href)});
      let early;
      try { w.validate("{}", new Date()); } catch (e) { early = { name: e.name, code: e.code, path: e.path, shinsei: w.isShinseiError(e) }; }
      const [a, b] = await Promise.all([w.default(), w.init()]);
      const again = await w.default();
      const verdict = w.validateJson(${JSON.stringify(JSON.stringify(typicalCase().submission))}, ${JSON.stringify(typicalCase().now)});
      console.log(JSON.stringify({ early, same: JSON.stringify(a) === JSON.stringify(b) && JSON.stringify(a) === JSON.stringify(again), valid: JSON.parse(verdict).valid }));`;
    const out = JSON.parse(execFileSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" }));
    assert.deepEqual(out.early, { name: "ShinseiError", code: "module.uninitialized", path: "", shinsei: true });
    assert.equal(out.same, true);
    // The core module has no form until one is loaded: the typical case names an unknown form.
    assert.equal(out.valid, loaded);
  });
}

test("shinsei-wasm/core: the same functions, no form embedded; each form's bundle gives its forms the default entry's answers", async () => {
  const core = await import(pathToFileURL(path.join(pkg, "core/node.mjs")).href);
  const web = await import(pathToFileURL(path.join(pkg, "core/index.mjs")).href);
  const names = (m) =>
    Object.keys(m)
      .filter((k) => k !== "default" && typeof m[k] === "function")
      .sort();
  assert.deepEqual(names(core), EVERY_ENTRY);
  assert.deepEqual(names(web), EVERY_ENTRY);
  assert.equal(core.bundleInfo().forms, 0);
  assert.deepEqual(core.listForms(), []);
  const bundles = fs.readdirSync(path.join(pkg, "bundles"));
  const ids = [...new Set(shinsei.listForms().map((f) => f.id))];
  assert.deepEqual(bundles.sort(), ids.map((id) => `${id}.bin`).sort());
  const { submission, now } = typicalCase();
  try {
    for (const id of ids) {
      const info = core.loadBundle(fs.readFileSync(path.join(pkg, "bundles", `${id}.bin`)));
      assert.deepEqual(core.listForms(), shinsei.listForms().filter((f) => f.id === id), id);
      assert.equal(info.forms, core.listForms().length);
      const text = JSON.stringify({ ...submission, form: id });
      assert.equal(core.validateJson(text, now), shinsei.validateJson(text, now), id);
    }
  } finally {
    core.resetBundle();
  }
  assert.equal(core.bundleInfo().forms, 0, "resetBundle goes back to no forms");
});

test("the browser entry agrees with the Node entry", async () => {
  const web = await import(pathToFileURL(path.join(pkg, "index.mjs")).href);
  web.initSync(fs.readFileSync(path.join(pkg, "shinsei_wasm_bg.wasm")));
  const { submission, now } = typicalCase();
  const text = JSON.stringify(submission);
  assert.equal(web.validateJson(text, now), shinsei.validateJson(text, now));
  assert.deepEqual(web.describeForm("shobyo_teate"), shinsei.describeForm("shobyo_teate"));
});

test("the declarations: every entry point and value type, no `any`; per-form types of the embedded bundle", () => {
  for (const file of ["index.d.ts", "index.d.mts"]) {
    const dts = fs.readFileSync(path.join(pkg, file), "utf8");
    for (const name of ENTRY_POINTS.concat(["initSync", "isShinseiError"])) {
      assert.match(dts, new RegExp(`export function ${name}\\(`), `${file}: ${name}`);
    }
    assert.match(dts, /declare function init\(/);
    for (const type of ["ValidationResult", "Issue", "FormDescription", "FieldValidation", "FieldStates", "FormSummary", "Prefill", "BundleInfo", "ValidateOptions", "ShinseiError", "ErrorCode"]) {
      assert.match(dts, new RegExp(`export (interface|type) ${type}\\b`), `${file}: ${type}`);
    }
    assert.match(dts, /"module\.uninitialized"/);
    for (const line of dts.split("\n").filter((l) => l.startsWith("export function"))) {
      assert.doesNotMatch(line, /\bany\b/, `${file}: no \`any\` in ${line}`);
    }
  }
  const forms = fs.readFileSync(path.join(pkg, "forms.d.ts"), "utf8");
  assert.ok(forms.includes(shinsei.bundleInfo().hash), "forms.d.ts is of the embedded bundle");
  for (const f of shinsei.listForms()) assert.match(forms, new RegExp(`^  ${f.id}: `, "m"), f.id);
  assert.match(forms, /export type ShobyoTeate = \{/);
  assert.match(forms, /cause: "illness" \| "injury";/);
});

test("README.md and docs/wasm.md show the package README's snippet, literally", () => {
  const snippet = fs.readFileSync(path.join(root, "wasm/npm/README.md"), "utf8").match(/<!-- snippet: esm -->\n(```js\n[\s\S]*?```)/)[1];
  for (const doc of ["README.md", "docs/wasm.md"]) {
    assert.ok(fs.readFileSync(path.join(root, doc), "utf8").includes(snippet), `${doc} shows the package README's esm snippet as it is`);
  }
});
