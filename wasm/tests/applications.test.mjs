// The application file (申請ファイル) in WASM: exportApplication /
// exportApplicationJson, and the same bytes as the native runtime on every
// case of every form (wasm/examples/batch.rs, op "export").
import assert from "node:assert/strict";
import { describe, test } from "node:test";

import { allCases, runNative, shinsei, thrown, typicalCase } from "./support.mjs";

describe("exportApplication", () => {
  test("a valid submission becomes an application file", () => {
    const { submission, now } = typicalCase();
    const file = shinsei.exportApplication(submission, now);
    assert.equal(file.format, "shinsei.application");
    assert.equal(file.format_version, 1);
    assert.equal(file.form, "shobyo_teate");
    assert.equal(file.version, "2026.1");
    assert.equal(file.title, "傷病手当金支給申請書");
    assert.equal(file.submitted_at, submission.submitted_at);
    assert.equal(file.bundle_hash, shinsei.bundleInfo().hash);
    assert.deepEqual(file.envelope.fields, submission.fields);
    assert.deepEqual(file, JSON.parse(shinsei.exportApplicationJson(JSON.stringify(submission), now)));
  });

  test("`now` defaults to the envelope's submitted_at", () => {
    const { submission } = typicalCase();
    assert.equal(shinsei.exportApplication(submission).submitted_at, submission.submitted_at);
    const { submitted_at, ...undated } = submission;
    const e = thrown(() => shinsei.exportApplication(undated));
    assert.equal(e.name, "ShinseiError");
    assert.equal(e.code, "argument.now");
    const file = shinsei.exportApplication(undated, new Date(submitted_at));
    assert.equal(file.envelope.submitted_at, "2026-03-02T01:00:00+00:00");
  });

  test("an invalid submission is refused with the path of its first error", () => {
    const { submission, now } = typicalCase();
    const bad = structuredClone(submission);
    bad.fields.leave[0].to = "2026-01-01";
    const e = thrown(() => shinsei.exportApplication(bad, now));
    assert.equal(e.code, "application.invalid");
    assert.equal(e.path, "/fields/leave/0/to");
  });
});

test("native and WASM export the same bytes for every case", () => {
  const cases = allCases();
  const input = cases
    .map((c) => JSON.stringify({ op: "export", now: c.now, submission: JSON.stringify(c.submission) }))
    .join("\n");
  const native = runNative([], `${input}\n`).split("\n");
  assert.equal(native.pop(), "");
  assert.equal(native.length, cases.length);
  let exported = 0;
  for (const [i, c] of cases.entries()) {
    let wasm;
    try {
      wasm = shinsei.exportApplicationJson(JSON.stringify(c.submission), c.now);
      exported++;
    } catch (e) {
      wasm = JSON.stringify({ error: e.code, path: e.path });
    }
    assert.equal(wasm, native[i], c.file);
  }
  assert.ok(exported >= 30 && exported < cases.length, `${exported} of ${cases.length} exported`);
});
