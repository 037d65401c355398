// The WASM package's figures (run by scripts/wasm-figures.sh): gzip sizes
// against the 150 KB goal, time to instantiate, and median validate times
// under Node for the typical submission. Prints JSON on stdout.
//   node wasm/bench/figures.mjs <submission.json> <now> [iterations] [envelope-schema.json]
// With the form's envelope schema (`shinsei schema <form>`), also times the JS
// peer of DESIGN.md's budget table: ajv (JSON Schema 2020-12, with formats)
// doing JSON.parse + validate of the same text, in the same process.
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import zlib from "node:zlib";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
// SHINSEI_PKG: another build of the package (scripts/wasm-build-matrix.sh).
const pkg = path.resolve(process.env.SHINSEI_PKG ?? path.join(root, "wasm/pkg"));
const [submissionFile, now, n = "20000", schemaFile] = process.argv.slice(2);
const iterations = Number(n);

// ---- sizes
// GNU gzip -9 (what scripts/build-wasm.sh reports); Node's zlib if gzip is missing.
const gz = (file) => {
  try {
    return execFileSync("gzip", ["-9c", file], { maxBuffer: 1 << 26 }).length;
  } catch {
    return zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length;
  }
};
const raw = (file) => fs.statSync(file).size;
const files = {
  wasm: path.join(pkg, "shinsei_wasm_bg.wasm"),
  glue_web: path.join(pkg, "glue/web.mjs"),
  entry_web: path.join(pkg, "index.mjs"),
  glue_node: path.join(pkg, "glue/node.cjs"),
};
const sizes = Object.fromEntries(Object.entries(files).map(([k, f]) => [k, { raw: raw(f), gzip: gz(f) }]));
const shipped = sizes.wasm.gzip + sizes.glue_web.gzip + sizes.entry_web.gzip;

// ---- instantiate, in fresh processes (median of 7): require, the first
// call (bundleInfo), then the first validateJson of the typical submission
// (V8 compiles each function on its first call, so this is mostly compiling).
const child = `
  const fs = require("node:fs");
  const text = fs.readFileSync(${JSON.stringify(path.resolve(submissionFile))}, "utf8");
  const t0 = performance.now();
  const m = require(${JSON.stringify(path.join(pkg, "node.cjs"))});
  const t1 = performance.now();
  m.bundleInfo();
  const t2 = performance.now();
  m.validateJson(text, ${JSON.stringify(now)});
  const t5 = performance.now();
  const bytes = fs.readFileSync(${JSON.stringify(files.wasm)});
  const t3 = performance.now();
  const mod = new WebAssembly.Module(bytes);
  const t4 = performance.now();
  console.log(JSON.stringify({ load_ms: t1 - t0, first_call_ms: t2 - t1, first_validate_ms: t5 - t2, compile_ms: t4 - t3 }));`;
const runs = Array.from({ length: 7 }, () =>
  JSON.parse(execFileSync(process.execPath, ["-e", child], { encoding: "utf8" })),
);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const instantiate = {
  compile_ms: median(runs.map((r) => r.compile_ms)),
  load_ms: median(runs.map((r) => r.load_ms)),
  first_call_ms: median(runs.map((r) => r.first_call_ms)),
  first_validate_ms: median(runs.map((r) => r.first_validate_ms)),
};

// ---- validate, in this process
const m = (await import(files.glue_node)).default;
const text = fs.readFileSync(submissionFile, "utf8");
const obj = JSON.parse(text);
// Rounds of 1,000 calls: the median of every call, and the lowest round
// median (the quietest stretch; this machine is shared).
const time = (f) => {
  for (let i = 0; i < Math.max(1000, iterations / 10); i++) f();
  const all = [];
  let best = Infinity;
  for (let done = 0; done < iterations; done += 1000) {
    const n = Math.min(1000, iterations - done);
    const round = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const t = process.hrtime.bigint();
      f();
      round[i] = Number(process.hrtime.bigint() - t);
    }
    round.sort();
    best = Math.min(best, round[Math.floor(n / 2)]);
    all.push(...round);
  }
  all.sort((a, b) => a - b);
  return {
    median_ns: all[Math.floor(all.length / 2)],
    p90_ns: all[Math.floor(all.length * 0.9)],
    best_round_median_ns: best,
  };
};
const result = m.validateJson(text, now);
if (!JSON.parse(result).valid) throw new Error(`the typical submission is not valid: ${result}`);
const validate = {
  validateJson: time(() => m.validateJson(text, now)),
  validate_object: time(() => m.validate(obj, now)),
  validateField: time(() => m.validateField(obj, "/fields/leave/0/to", now)),
  result_bytes: Buffer.byteLength(result),
};

// ---- the JS peer: ajv on the form's exported envelope schema
let peer = null;
if (schemaFile) {
  const require = createRequire(path.join(root, "tools/package.json"));
  const Ajv2020 = require("ajv/dist/2020").default;
  const addFormats = require("ajv-formats").default;
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  const check = ajv.compile(JSON.parse(fs.readFileSync(schemaFile, "utf8")));
  // As the Rust peer in crates/cli/benches/engine.rs: the same text, all
  // errors collected. The schema describes the canonical data, so it reports
  // the two kana values shinsei normalizes (half-width space, small ョ in 口座名義).
  check(JSON.parse(text));
  const errors = (check.errors ?? []).map((e) => e.instancePath);
  peer = {
    ajv: time(() => check(JSON.parse(text))),
    ajv_version: require("ajv/package.json").version,
    ajv_errors_on_typical: errors,
  };
}
console.log(JSON.stringify({ sizes, shipped_gzip: shipped, budget_gzip: 150_000, instantiate, validate, peer, iterations }));
