// Shared helpers of the Node test suites (node --test wasm/tests/).
// The package must be built first: bash scripts/build-wasm.sh
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const here = path.dirname(fileURLToPath(import.meta.url));
export const root = path.resolve(here, "../..");
export const pkg = path.join(root, "wasm/pkg");

if (!fs.existsSync(path.join(pkg, "package.json"))) {
  throw new Error("wasm/pkg is missing: run `bash scripts/build-wasm.sh` first");
}

/** The package's Node entry (CommonJS, loaded from ESM). */
export const shinsei = (await import(path.join(pkg, "node.cjs"))).default;

/** A date-time on which the service is open (Monday 2026-03-02 10:00 JST). */
export const NOW = "2026-03-02T10:00:00+09:00";

export function readJson(rel) {
  return JSON.parse(fs.readFileSync(path.join(root, rel), "utf8"));
}

/** Every case file of every form: [{file, form, now, lang, submission, expect}], sorted. */
export function allCases() {
  const out = [];
  const forms = path.join(root, "forms");
  for (const dir of fs.readdirSync(forms).sort()) {
    const cases = path.join(forms, dir, "cases");
    if (!fs.existsSync(cases)) continue;
    for (const f of fs.readdirSync(cases).filter((f) => f.endsWith(".json")).sort()) {
      const c = JSON.parse(fs.readFileSync(path.join(cases, f), "utf8"));
      out.push({
        file: `forms/${dir}/cases/${f}`,
        form: dir,
        now: c.now ?? c.submission?.submitted_at ?? NOW,
        lang: c.lang ?? null,
        submission: c.submission,
        expect: c.expect,
      });
    }
  }
  return out;
}

/** The typical submission of the budgets (傷病手当金, first claim). */
export function typicalCase() {
  const c = readJson("forms/shobyo_teate/cases/valid_insured_first_claim.json");
  return { submission: c.submission, now: c.now ?? c.submission.submitted_at };
}

/** A qualification record with every 資格 field (the demo's sample member). */
export const RECORD = {
  insurer_number: "01130012",
  branch: "東京",
  symbol: "12345678",
  number: "1",
  branch_no: "00",
  name_kanji: "協会 太郎",
  name_kana: "キョウカイ タロウ",
  sex: "male",
  birth_date: "1989-05-10",
};

/** The native batch runner (wasm/examples/batch.rs): built unless SHINSEI_BATCH names it. */
export function nativeBatch() {
  if (process.env.SHINSEI_BATCH) return process.env.SHINSEI_BATCH;
  const target = process.env.CARGO_TARGET_DIR || path.join(root, "target");
  execFileSync("cargo", ["build", "-q", "-p", "shinsei-wasm", "--example", "batch"], {
    cwd: root,
    stdio: ["ignore", "inherit", "inherit"],
  });
  return path.join(target, "debug/examples/batch");
}

/** Runs the native batch runner with `args`, `input` on stdin; returns stdout. */
export function runNative(args, input = "") {
  return execFileSync(nativeBatch(), args, {
    input,
    maxBuffer: 1 << 30,
    encoding: "utf8",
  });
}

/** Runs the native batch runner with `args`; returns stdout as bytes (a binary bundle). */
export function runNativeBytes(args) {
  return execFileSync(nativeBatch(), args, { maxBuffer: 1 << 30 });
}

/** Calls `f` and returns the error it throws (fails if it does not throw). */
export function thrown(f) {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error("expected a ShinseiError, nothing was thrown");
}
