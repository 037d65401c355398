// What the module returns is what its declarations say. The package's .d.ts
// is generated from the Rust types' JSON Schemas (wasm/tests/types.rs); here
// the same schemas (`batch --types`, shinsei_wasm::boundary_schemas) check
// the real answers of every entry point over every bundled case and a
// mutation corpus: a schema that says more than the module guarantees (a
// member typed `object` that can come back as sent, `[]`) fails here, where
// a type test cannot see it.
//
// Needs wasm/pkg (scripts/build-wasm.sh) and the batch example
// (SHINSEI_BATCH, see support.mjs).
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import path from "node:path";
import { test } from "node:test";

import { generateCorpus } from "./corpus.mjs";
import { RECORD, allCases, root, runNative, shinsei } from "./support.mjs";

const require = createRequire(path.join(root, "tools/package.json"));
const Ajv2020 = require("ajv/dist/2020").default;

// Not strict: schemars writes formats such as `uint32` that ajv does not know.
const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
ajv.addSchema({ $id: "shinsei", ...JSON.parse(runNative(["--types"])) });
const checker = (name) => ajv.compile({ $ref: `shinsei#/$defs/${name}` });

/** Collects the answers that do not meet their declared type. */
function shapes() {
  const compiled = new Map();
  const failures = [];
  let checked = 0;
  const check = (name, value, what) => {
    if (!compiled.has(name)) compiled.set(name, checker(name));
    const ok = compiled.get(name);
    checked++;
    if (!ok(value)) failures.push({ name, what, errors: ok.errors.slice(0, 3), value: JSON.stringify(value).slice(0, 300) });
  };
  return { check, failures, count: () => checked };
}

test("every entry point's answers meet the declared types, over every case and a mutation corpus", (t) => {
  const { check, failures, count } = shapes();
  check("BundleInfo", shinsei.bundleInfo(), "bundleInfo()");
  for (const f of shinsei.listForms()) {
    check("FormSummary", f, `listForms() ${f.id}`);
    check("FormDescription", shinsei.describeForm(f.id, f.version), `describeForm(${f.id}, ${f.version})`);
    check("Prefill", shinsei.prefill(f.id, RECORD, f.version), `prefill(${f.id}, ${f.version})`);
  }
  const cases = allCases();
  const samples = [...cases.map((c) => ({ submission: JSON.stringify(c.submission), now: c.now, file: c.file })), ...generateCorpus(cases, 3000, 11)];
  let files = 0;
  for (const s of samples) {
    const what = s.file ?? `mutation ${(s.ops ?? []).join(",")}`;
    const result = shinsei.validate(s.submission, s.now);
    check("ValidationResult", result, `validate: ${what}`);
    if (!result.form || !result.version) continue;
    check("FieldValidation", shinsei.validateField(s.submission, "", s.now), `validateField: ${what}`);
    check("FieldStates", shinsei.fieldStates(s.submission, s.now), `fieldStates: ${what}`);
    if (result.valid && s.file) {
      const file = shinsei.exportApplication(s.submission, s.now);
      check("ApplicationFile", file, `exportApplication: ${what}`);
      check("Reapplication", shinsei.reapply(file, RECORD, s.now), `reapply: ${what}`);
      files++;
    }
  }
  t.diagnostic(`shapes: ${count()} answers of ${samples.length} submissions (${files} application files) checked against the declared types`);
  assert.equal(failures.length, 0, `${failures.length} answers do not meet their type, first: ${JSON.stringify(failures.slice(0, 3), null, 2)}`);
  assert.ok(files >= 100, `application files re-applied: ${files}`);
});
