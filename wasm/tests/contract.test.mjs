// The service and the package as one contract:
//
// - a client generated from the OpenAPI document the running service serves
//   (openapi-typescript + openapi-fetch, wasm/tests/apps/openapi) compiles
//   under tsc --strict — and refuses what the document forbids
//   (@ts-expect-error) — then runs against that service: it reads a
//   described field's label, posts a submission and gets the same verdict
//   as the WASM package, and reads a refusal's code; renders the entered
//   contents and an application file (`input=application`) as the package
//   does; and every type the document shares with the package's .d.ts is
//   the same TypeScript type;
// - the same bad bytes fed to the service and to the package give the same
//   code (an oversized body, not JSON, a key twice, not an object, no form,
//   an unknown form or version), to validate and to render.
//
// Needs wasm/pkg (scripts/build-wasm.sh) and the `shinsei` binary
// (SHINSEI_BIN, default target/debug/shinsei).
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { after, before, describe, test } from "node:test";

import { NOW, here, pkg, root, shinsei, typicalCase } from "./support.mjs";

const app = path.join(here, "apps/openapi");
const bin = process.env.SHINSEI_BIN ?? path.join(process.env.CARGO_TARGET_DIR || path.join(root, "target"), "debug/shinsei");

const run = (cmd, args, cwd, env = {}) =>
  execFileSync(cmd, args, { cwd, encoding: "utf8", env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"], maxBuffer: 64 << 20 });

let server;
let base;

before(async () => {
  server = spawn(bin, ["serve", "--forms", path.join(root, "forms"), "--addr", "127.0.0.1:0"], { stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  server.stdout.on("data", (d) => (log += d));
  server.stderr.on("data", (d) => (log += d));
  for (let i = 0; i < 300 && !base; i++) {
    const m = log.match(/"addr":"(127\.0\.0\.1:\d+)"/);
    if (m) base = `http://${m[1]}`;
    else await new Promise((r) => setTimeout(r, 100));
  }
  assert.ok(base, `the service did not start:\n${log}`);
});

after(() => server?.kill("SIGTERM"));

describe("a client generated from the served OpenAPI document", () => {
  test("type-checks (tsc --strict) and runs against the service", async () => {
    try {
      run("npm", ["ls", "--silent"], app);
    } catch {
      run("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"], app);
    }
    const doc = await (await fetch(`${base}/v1/openapi.json`)).text();
    assert.equal(doc, fs.readFileSync(path.join(root, "docs/openapi.json"), "utf8"), "the service serves docs/openapi.json");
    fs.writeFileSync(path.join(app, "openapi.json"), doc);
    run(path.join(app, "node_modules/.bin/openapi-typescript"), ["openapi.json", "-o", "api.d.ts"], app);
    fs.rmSync(path.join(app, "build"), { recursive: true, force: true });
    try {
      run(path.join(app, "node_modules/.bin/tsc"), ["-p", "tsconfig.json"], app);
    } catch (e) {
      assert.fail(`tsc --strict on the generated client:\n${e.stdout}${e.stderr}`);
    }

    const { submission } = typicalCase();
    const file = shinsei.exportApplication(submission, NOW);
    const out = run("node", [path.join(app, "build/client.js"), JSON.stringify(submission), JSON.stringify(file)], app, { SHINSEI_URL: base });
    const got = JSON.parse(out.trim());
    const wasm = shinsei.validate(submission, NOW);
    assert.deepEqual(got, {
      label: shinsei.describeForm("shobyo_teate", "2026.1").fields.find((f) => f.id === "paid").label.ja,
      schemaId: "https://shinsei.example/schemas/shobyo_teate/2026.1.json",
      schemaHasFields: true,
      valid: wasm.valid,
      firstCode: wasm.errors[0]?.code ?? null,
      canonicalForm: "shobyo_teate",
      canonicalFields: Object.keys(wasm.canonical.fields).length,
      refusedStatus: 422,
      refusedCode: "envelope.form",
      // The service's document is the package's, byte for byte; the file's is its values as the runtime understood them.
      html: shinsei.renderHtml(submission, NOW),
      htmlType: "text/html; charset=utf-8",
      fileHtml: shinsei.renderHtml(shinsei.validate(file.envelope, NOW).canonical, NOW),
      fileFields: Object.keys(file.envelope.fields).length,
      fileRole: submission.applicant.role,
    });
  });

  // The types both sides share (the same Rust types through schemars) are
  // the same TypeScript types: for every schema of the document that the
  // package's index.d.mts also declares, each is assignable to the other.
  // openapi-typescript writes "any JSON value" as `unknown` where the
  // package writes `JsonValue`; `Norm` reads both the same. And every
  // form's submission type of shinsei-wasm/forms is a body the generated
  // client takes (the document's per-form types: docs/server.md).
  test("every type the document shares with the package's .d.ts is the same type; a per-form submission is a body", () => {
    const doc = JSON.parse(fs.readFileSync(path.join(root, "docs/openapi.json"), "utf8"));
    const dts = fs.readFileSync(path.join(pkg, "index.d.mts"), "utf8");
    const declared = new Set([...dts.matchAll(/^export (?:interface|type) (\w+)/gm)].map((m) => m[1]));
    const shared = Object.keys(doc.components.schemas).filter((n) => declared.has(n));
    for (const n of ["Submission", "ValidationResult", "FormDescription", "ApplicationFile", "CanonicalSubmission", "Issue"]) {
      assert.ok(shared.includes(n), `${n} is in both`);
    }
    const lines = [
      "// Generated by wasm/tests/contract.test.mjs: the shared types, compared.",
      'import type { components } from "./api.js";',
      `import type * as W from ${JSON.stringify(path.relative(app, path.join(pkg, "index.mjs")))};`,
      'type S = components["schemas"];',
      "type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;",
      "type Norm<T> = unknown extends T ? W.JsonValue : T extends (infer E)[] ? Norm<E>[] : T extends object ? { [K in keyof T]: Norm<T[K]> } : T;",
      ...shared.map((n) => `export const ${n}: Same<Norm<S["${n}"]>, Norm<W.${n}>> = true;`),
      // A submission typed with the package's per-form types (shinsei-wasm/forms) is a body the generated client takes.
      `import type { FormSubmission } from ${JSON.stringify(path.relative(app, path.join(pkg, "forms.js")))};`,
      "declare const typed: FormSubmission;",
      'export const body: S["Submission"] = typed;',
      "export const envelope: W.Submission = typed;",
    ];
    fs.writeFileSync(path.join(app, "shared.ts"), `${lines.join("\n")}\n`);
    try {
      run(path.join(app, "node_modules/.bin/tsc"), ["-p", "tsconfig.shared.json"], app);
    } catch (e) {
      assert.fail(`types that differ between docs/openapi.json and the package (${shared.length} shared):\n${e.stdout}${e.stderr}`);
    }
    console.log(`# ${shared.length} types shared by the OpenAPI document and the package's .d.ts, each the same`);
  });
});

describe("the same bad input gets the same code from the service and the package", () => {
  const big = JSON.stringify(typicalCase().submission).replace(/}$/, `,"pad":"${" ".repeat(1 << 20)}"}`);
  const inputs = {
    "over the size limit (1 MiB)": big,
    "not JSON": "{",
    "a key twice": '{"form":"shobyo_teate","form":"shobyo_teate"}',
    "not an object": "[]",
    "no form": "{}",
    "an unknown form": '{"form":"nope","applicant":{"role":"insured"}}',
    "an unknown version": '{"form":"shobyo_teate","version":"0","applicant":{"role":"insured"}}',
  };
  for (const [what, body] of Object.entries(inputs)) {
    test(what, async () => {
      const wasm = JSON.parse(shinsei.validateJson(body, NOW));
      assert.equal(wasm.valid, false);
      const r = await fetch(`${base}/v1/forms/shobyo_teate/validate?dry_run=true&now=${encodeURIComponent(NOW)}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body,
      });
      const answer = await r.json();
      assert.ok(r.status >= 400, `${what}: ${r.status}`);
      assert.equal(answer.error.code, wasm.errors[0].code, `${what}: service ${r.status} ${answer.error.code}, package ${wasm.errors[0].code}`);

      // The render route refuses it as the package's renderHtml does.
      let thrown;
      try {
        shinsei.renderHtml(body, NOW);
      } catch (e) {
        thrown = e.code;
      }
      const page = await fetch(`${base}/v1/forms/shobyo_teate/render?now=${encodeURIComponent(NOW)}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body,
      });
      const refusal = await page.json();
      assert.ok(page.status >= 400, `render, ${what}: ${page.status}`);
      assert.equal(refusal.error.code, thrown, `render, ${what}: service ${page.status} ${refusal.error.code}, package ${thrown}`);
    });
  }
});
