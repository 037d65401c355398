// The published schemas say what the validator does. Every form version's
// input and canonical schemas (`shinsei schema`, `--canonical`) compile under
// ajv's strict mode, and over every bundled case, every other notation of
// each of its values (和暦, full-width, hiragana, "300,000", 〒, spaces,
// null / "" / [] for absent values), wrong values for each field and the
// differential test's mutation corpus:
//
// - whatever the runtime accepts, ajv accepts under the input schema (so
//   whatever ajv rejects, the runtime rejects);
// - the runtime's `canonical` of an accepted submission passes the canonical
//   schema and is accepted again with nothing left to normalize;
// - every verdict, accepted or not, meets the OpenAPI document's
//   `ValidationResult` (the type the package's .d.ts declares too).
//
// The schemas are the ones `shinsei schema` prints (SHINSEI_BIN, default
// target/debug/shinsei; a test compares them). The runtime here is the WASM package (byte-identical to the native one:
// differential.test.mjs). Set SHINSEI_SCHEMA_CORPUS to change the size of
// the extra mutation corpus (default 6,000). A summary, with how often the
// input schema also refuses what the runtime refuses (per error code), goes
// to out/schema.json.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";

import { generateCorpus, rng } from "./corpus.mjs";
import { absentNotations, notations, toJson, wrongValues } from "./notations.mjs";
import { allCases, root, runNative, shinsei } from "./support.mjs";

const require = createRequire(path.join(root, "tools/package.json"));
const Ajv2020 = require("ajv/dist/2020").default;
const addFormats = require("ajv-formats").default;

const CORPUS = Number(process.env.SHINSEI_SCHEMA_CORPUS ?? 6000);

/** Both schemas of every form version, compiled strictly: "id@version" → {input, canonical}. */
function compileAll() {
  const out = new Map();
  const lines = runNative(["--schemas"]).trim().split("\n");
  for (const line of lines) {
    const s = JSON.parse(line);
    const compiled = {};
    for (const kind of ["input", "canonical"]) {
      const ajv = new Ajv2020({ strict: true, allErrors: true });
      addFormats(ajv);
      compiled[kind] = ajv.compile(s[kind]);
    }
    out.set(`${s.form}@${s.version}`, compiled);
  }
  return out;
}

const isObj = (v) => v !== null && typeof v === "object" && !Array.isArray(v);

/** [container, key, description] of every value present under `fields`, described by `desc`. */
function presentLeaves(fields, desc, out = []) {
  if (!isObj(fields)) return out;
  for (const f of desc) {
    if (!(f.id in fields)) continue;
    const v = fields[f.id];
    out.push([fields, f.id, f]);
    if (f.type === "group") presentLeaves(v, f.fields ?? [], out);
    if (f.type === "list" && Array.isArray(v)) for (const item of v) presentLeaves(item, f.fields ?? [], out);
  }
  return out;
}

/** Samples from one case: each value typed another way, absent, or wrong. */
function variants(c, r) {
  const out = [];
  const d = shinsei.describeForm(c.submission.form, c.submission.version ?? null, c.now);
  const leaves = presentLeaves(c.submission.fields, d.fields);
  const push = (edit, op) => {
    const s = structuredClone(c.submission);
    const copy = presentLeaves(s.fields, d.fields);
    edit(s, copy);
    out.push({ now: c.now, lang: c.lang, submission: toJson(s), ops: [op] });
  };
  leaves.forEach(([container, key, f], i) => {
    const value = container[key];
    for (const alt of notations(f, value)) push((_, copy) => (copy[i][0][copy[i][1]] = alt), `notation:${f.type}`);
    if (f.required !== "always") {
      for (const absent of absentNotations(f)) push((_, copy) => (copy[i][0][copy[i][1]] = absent), "absent");
    }
    const wrong = wrongValues(f, value);
    push((_, copy) => (copy[i][0][copy[i][1]] = r.pick(wrong)), `wrong:${f.type}`);
  });
  // Every value typed another way at once.
  push((_, copy) => {
    for (const [container, key, f] of copy) {
      const alts = notations(f, container[key]);
      if (alts.length) container[key] = r.pick(alts);
    }
  }, "notation:all");
  // The envelope: another way to say the version, the time, the role, 資格.
  push((s) => (s.version = null), "envelope:version-null");
  push((s) => (s.applicant = { role: ` ${s.applicant?.role}\u3000` }), "envelope:role-spaces");
  push((s) => s.submitted_at && (s.submitted_at = ` ${s.submitted_at.replace("T", " ")} `), "envelope:submitted-at");
  push((s) => {
    const q = s.qualification ?? {};
    if (q.name_kana) q.name_kana = q.name_kana.replaceAll("\u3000", " ");
    if (q.insurer_number) q.insurer_number = q.insurer_number.replace(/\d/g, (x) => String.fromCharCode(x.charCodeAt(0) + 0xfee0));
    if (q.branch) q.branch = `全国健康保険協会 ${q.branch}支部`;
    if (q.birth_date) q.birth_date = r.pick(notations({ type: "date" }, q.birth_date).concat([q.birth_date]));
    if (q.sex) q.sex = ` ${q.sex} `;
  }, "envelope:qualification");
  push((s) => {
    for (const a of s.attachments ?? []) {
      a.slot = ` ${a.slot} `;
      a.media_type = a.media_type.toUpperCase();
      a.file_name = `\u3000${a.file_name}`;
    }
  }, "envelope:attachments");
  return out;
}

const schemas = compileAll();

// The schemas tested here are what `shinsei schema` prints, version by version.
test("they are `shinsei schema <form> --version V` and `… --canonical`, as a user gets them", () => {
  const bin = process.env.SHINSEI_BIN ?? path.join(process.env.CARGO_TARGET_DIR || path.join(root, "target"), "debug/shinsei");
  const lines = runNative(["--schemas"]).trim().split("\n").map((l) => JSON.parse(l));
  // The forms compiled once (`shinsei compile`), each schema then read from that bundle.
  const bundle = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "shinsei-schema-")), "bundle.json");
  execFileSync(bin, ["compile", "--forms", path.join(root, "forms"), "-o", bundle], { stdio: "ignore" });
  for (const s of lines) {
    for (const kind of ["input", "canonical"]) {
      const args = ["schema", s.form, "--version", s.version, "--format", "json", "--bundle", bundle];
      if (kind === "canonical") args.push("--canonical");
      const printed = JSON.parse(execFileSync(bin, args, { encoding: "utf8", maxBuffer: 64 << 20 }));
      assert.deepEqual(printed, s[kind], `shinsei ${args.join(" ")}`);
    }
  }
  fs.rmSync(path.dirname(bundle), { recursive: true, force: true });
});

test("both schemas of every form version compile under ajv strict", () => {
  assert.equal(schemas.size, shinsei.listForms().length);
});

/**
 * The OpenAPI document's `ValidationResult` (docs/openapi.json; the package's
 * .d.ts has the same type): every verdict below must meet it. Not strict:
 * schemars writes formats such as `uint32` that ajv does not know.
 */
function documentedResult() {
  const doc = JSON.parse(fs.readFileSync(path.join(root, "docs/openapi.json"), "utf8"));
  const defs = JSON.parse(JSON.stringify(doc.components.schemas).replaceAll("#/components/schemas/", "#/$defs/"));
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
  return ajv.compile({ $defs: defs, $ref: "#/$defs/ValidationResult" });
}

/** Whether the runtime accepts the case as it is. */
const accepted = (c) => JSON.parse(shinsei.validateJson(JSON.stringify(c.submission), c.now)).valid;

test("whatever the runtime accepts, the input schema accepts; canonical values pass the canonical schema", (t) => {
  const cases = allCases();
  const r = rng(20261206);
  const samples = [
    ...cases.map((c) => ({ now: c.now, lang: c.lang, submission: JSON.stringify(c.submission), ops: ["case"] })),
    // Variants of the valid cases: what they change is then the only reason to refuse.
    ...cases.filter(accepted).flatMap((c) => variants(c, r)),
    ...generateCorpus(cases, CORPUS, 7),
  ];
  const failures = [];
  const stats = { samples: samples.length, accepted: 0, refused: 0, refused_by_schema_too: 0 };
  const byCode = new Map();
  const ops = new Map();
  const documented = documentedResult();
  for (const sample of samples) {
    const result = JSON.parse(shinsei.validateJson(sample.submission, sample.now, sample.lang ? { lang: sample.lang } : undefined));
    if (!documented(result)) {
      failures.push({ what: "the verdict does not meet the OpenAPI document's ValidationResult", ops: sample.ops, result: JSON.stringify(result).slice(0, 2000), ajv: documented.errors?.slice(0, 5) });
    }
    const key = `${result.form}@${result.version}`;
    const schema = schemas.get(key);
    if (!schema) {
      stats.refused++;
      continue;
    }
    let envelope;
    try {
      envelope = JSON.parse(sample.submission);
    } catch {
      envelope = undefined;
    }
    const inputOk = envelope !== undefined && schema.input(envelope);
    for (const op of sample.ops) {
      const o = ops.get(op) ?? { accepted: 0, refused: 0 };
      result.valid ? o.accepted++ : o.refused++;
      ops.set(op, o);
    }
    if (result.valid) {
      stats.accepted++;
      if (!inputOk) {
        failures.push({ what: "the runtime accepts, the input schema refuses", ops: sample.ops, schema: key, submission: sample.submission.slice(0, 2000), ajv: schema.input.errors?.slice(0, 5) });
      }
      if (!schema.canonical(result.canonical)) {
        failures.push({ what: "the canonical value fails the canonical schema", ops: sample.ops, schema: key, canonical: result.canonical, ajv: schema.canonical.errors?.slice(0, 5) });
      }
      const again = JSON.parse(shinsei.validateJson(JSON.stringify(result.canonical), sample.now));
      if (!again.valid || again.normalized || JSON.stringify(again.canonical) !== JSON.stringify(result.canonical)) {
        failures.push({ what: "the canonical value is not accepted as it is", ops: sample.ops, canonical: result.canonical, again: { errors: again.errors, normalized: again.normalized } });
      }
    } else {
      stats.refused++;
      if (!inputOk) stats.refused_by_schema_too++;
      const code = result.errors[0]?.code.startsWith("rule.") ? "rule.*" : result.errors[0]?.code;
      const c = byCode.get(code) ?? { refused: 0, schema_refuses_too: 0 };
      c.refused++;
      if (!inputOk) c.schema_refuses_too++;
      byCode.set(code, c);
    }
  }
  const summary = {
    ...stats,
    first_error_code: Object.fromEntries([...byCode].sort((a, b) => b[1].refused - a[1].refused)),
    mutations: Object.fromEntries([...ops].sort()),
  };
  const out = path.join(root, "out");
  fs.mkdirSync(out, { recursive: true });
  fs.writeFileSync(path.join(out, "schema.json"), `${JSON.stringify({ summary, failures: failures.slice(0, 30) }, null, 2)}\n`);
  t.diagnostic(
    `schemas: ${stats.samples} samples, ${stats.accepted} accepted by the runtime (all by the input schema: ${failures.length === 0}), ` +
      `${stats.refused} refused, ${stats.refused_by_schema_too} of them by the input schema too (out/schema.json)`,
  );
  assert.equal(failures.length, 0, `${failures.length} failures, first: ${JSON.stringify(failures[0], null, 2)}`);
  assert.ok(stats.samples >= 10000, "thousands of samples");
  assert.ok(stats.accepted >= 5000, `many accepted variants (${stats.accepted})`);
  // The input schema is a superset that still says something: it refuses
  // most of what the runtime refuses for a reason a schema can see.
  for (const code of ["type", "choice", "unknown_field", "format.date", "format.digits", "items.max"]) {
    const c = byCode.get(code);
    assert.ok(c && c.schema_refuses_too / c.refused >= 0.5, `${code}: ${JSON.stringify(c)}`);
  }
});
