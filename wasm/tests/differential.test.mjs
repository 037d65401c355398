// Same verdicts everywhere: every form's cases and a deterministic corpus of
// mutated submissions go through the native runtime (wasm/examples/batch.rs)
// and through the WASM module under Node (`validateJson`); the results must
// be byte-identical. Set SHINSEI_CORPUS to change the corpus size (default
// 12,000) and SHINSEI_SEED to change the seed.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { test } from "node:test";

import { generateCorpus } from "./corpus.mjs";
import { allCases, root, runNative, shinsei } from "./support.mjs";

const SIZE = Number(process.env.SHINSEI_CORPUS ?? 12000);
const SEED = Number(process.env.SHINSEI_SEED ?? 20260113);

test(`native and WASM agree byte for byte (cases + ${SIZE} mutated submissions)`, (t) => {
  const cases = allCases();
  const samples = [
    ...cases.map((c) => ({ now: c.now, lang: c.lang, submission: JSON.stringify(c.submission), ops: ["case"] })),
    ...cases.map((c) => ({ now: c.now, lang: "en", submission: JSON.stringify(c.submission), ops: ["case-en"] })),
    ...generateCorpus(cases, SIZE, SEED),
  ];
  const input = samples
    .map(({ now, lang, submission }) => JSON.stringify(lang ? { now, lang, submission } : { now, submission }))
    .join("\n");

  let t0 = performance.now();
  const native = runNative([], `${input}\n`).split("\n");
  const nativeMs = performance.now() - t0;
  assert.equal(native.pop(), "", "one line per sample");
  assert.equal(native.length, samples.length);

  t0 = performance.now();
  const wasm = samples.map(({ now, lang, submission }) =>
    shinsei.validateJson(submission, now, lang ? { lang } : undefined),
  );
  const wasmMs = performance.now() - t0;

  const mismatches = [];
  const stats = { samples: samples.length, cases: cases.length, mutated: SIZE + 1, valid: 0, invalid: 0 };
  const codes = new Map();
  const ops = new Map();
  for (let i = 0; i < samples.length; i++) {
    if (wasm[i] !== native[i]) {
      mismatches.push({ i, ops: samples[i].ops, submission: samples[i].submission.slice(0, 300), native: native[i].slice(0, 500), wasm: wasm[i].slice(0, 500) });
      continue;
    }
    const r = JSON.parse(wasm[i]);
    r.valid ? stats.valid++ : stats.invalid++;
    for (const e of r.errors) {
      const code = e.code.startsWith("rule.") ? "rule.*" : e.code;
      codes.set(code, (codes.get(code) ?? 0) + 1);
    }
    for (const op of samples[i].ops) ops.set(op, (ops.get(op) ?? 0) + 1);
  }
  const summary = {
    ...stats,
    identical: samples.length - mismatches.length,
    mismatches: mismatches.length,
    seed: SEED,
    input_bytes: Buffer.byteLength(input),
    native_ms: Math.round(nativeMs),
    wasm_ms: Math.round(wasmMs),
    error_codes: Object.fromEntries([...codes].sort((a, b) => b[1] - a[1])),
    mutations: Object.fromEntries([...ops].sort((a, b) => b[1] - a[1])),
  };
  const out = path.join(root, "out");
  fs.mkdirSync(out, { recursive: true });
  fs.writeFileSync(path.join(out, "differential.json"), `${JSON.stringify({ summary, mismatches: mismatches.slice(0, 20) }, null, 2)}\n`);
  t.diagnostic(
    `differential: ${summary.samples} samples (${stats.cases} cases ×2 languages, ${stats.mutated} mutated), ` +
      `${summary.identical} identical, ${summary.mismatches} different; ${stats.valid} valid, ${stats.invalid} invalid; ` +
      `${codes.size} error codes seen; native ${summary.native_ms} ms, wasm ${summary.wasm_ms} ms (out/differential.json)`,
  );
  assert.equal(mismatches.length, 0, `first mismatch: ${JSON.stringify(mismatches[0], null, 2)}`);
  assert.ok(SIZE >= 10000 || process.env.SHINSEI_CORPUS, "the corpus has at least 10,000 mutated submissions");
  assert.ok(stats.valid > 0 && stats.invalid > 0);
  assert.ok(codes.size >= 20, `a varied corpus: ${[...codes.keys()].join(", ")}`);
});

test("the corpus is deterministic", () => {
  const cases = allCases().slice(0, 20);
  const a = generateCorpus(cases, 300, 7);
  const b = generateCorpus(cases, 300, 7);
  assert.deepEqual(a, b);
  assert.notDeepEqual(generateCorpus(cases, 300, 8), a);
});
