// The application file (申請ファイル) in WASM: exportApplication /
// exportApplicationJson and reapply / reapplyJson, and the same bytes as the
// native runtime on every case and every re-application case of every form
// (wasm/examples/batch.rs, ops "export" and "reapply").
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { describe, test } from "node:test";

import { allCases, root, runNative, shinsei, thrown, typicalCase } from "./support.mjs";

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

/** Every re-application case: [{file, now, lang, application, record, expect}]. */
function reapplyCases() {
  const out = [];
  const forms = path.join(root, "forms");
  for (const dir of fs.readdirSync(forms).sort()) {
    const d = path.join(forms, dir, "reapply");
    if (!fs.existsSync(d)) continue;
    for (const f of fs.readdirSync(d).filter((f) => f.endsWith(".json")).sort()) {
      out.push({ file: `forms/${dir}/reapply/${f}`, ...JSON.parse(fs.readFileSync(path.join(d, f), "utf8")) });
    }
  }
  return out;
}

describe("reapply", () => {
  test("a file made under the previous version: notices, the migrated envelope, the verdict", () => {
    const c = reapplyCases().find((c) => c.file.endsWith("ninkei_shutoku/reapply/reapplied_late_under_new_version.json"));
    const out = shinsei.reapply(c.application, c.record, c.now);
    assert.equal(out.from_version, "2026.1");
    assert.equal(out.version, "2027.1");
    assert.deepEqual(
      out.changes.map((i) => [i.path, i.code]),
      [
        ["/fields/employer_address", "migration.removed"],
        ["/fields/notice_method", "migration.added"],
        ["/fields/payment_method", "migration.choice"],
      ],
    );
    assert.ok(out.changes.every((i) => i.severity === "warning"));
    assert.equal(out.envelope.version, "2027.1");
    assert.equal(out.envelope.submitted_at, undefined);
    assert.equal(out.envelope.fields.standard_monthly_at_loss, 410000);
    // The ordinary verdict, as validate gives it for the migrated envelope.
    assert.deepEqual(out.result, shinsei.validate(out.envelope, c.now));
    assert.deepEqual(out, JSON.parse(shinsei.reapplyJson(JSON.stringify(c.application), JSON.stringify(c.record), c.now)));
  });

  test("資格 comes from the record, never from the file", () => {
    const c = reapplyCases().find((c) => c.file.endsWith("ninkei_shutoku/reapply/reapplied_late_under_new_version.json"));
    const record = { ...c.record, symbol: "99999999", name_kana: "きょうかい たろう" };
    const out = shinsei.reapply(c.application, record, c.now);
    assert.equal(out.envelope.qualification.symbol, "99999999");
    const changed = out.changes.filter((i) => i.code === "qualification.changed").map((i) => i.path);
    assert.deepEqual(changed, ["/qualification/symbol"], "hiragana normalizes to the same kana: no change");
  });

  test("bad arguments throw ShinseiErrors with codes", () => {
    const c = reapplyCases()[0];
    assert.equal(thrown(() => shinsei.reapply("{", c.record, c.now)).code, "application.malformed");
    assert.equal(thrown(() => shinsei.reapply({ ...c.application, format_version: 2 }, c.record, c.now)).code, "application.malformed");
    const old = thrown(() => shinsei.reapply({ ...c.application, version: "1999.1" }, c.record, c.now));
    assert.equal(old.code, "application.version");
    assert.equal(old.path, "/version");
    assert.equal(thrown(() => shinsei.reapply(c.application, "x", c.now)).code, "argument.type");
    const bad = thrown(() => shinsei.reapply(c.application, { ...c.record, symbol: 12345678 }, c.now));
    assert.equal(bad.code, "argument.type");
    assert.equal(bad.path, "/symbol");
    assert.equal(thrown(() => shinsei.reapply(c.application, c.record, "tomorrow")).code, "argument.now");
  });
});

test("native and WASM re-apply to the same bytes for every re-application case", () => {
  const cases = reapplyCases();
  assert.ok(cases.length >= 6);
  const input = cases
    .map((c) =>
      JSON.stringify({
        op: "reapply",
        now: c.now,
        submission: JSON.stringify(c.application),
        record: JSON.stringify(c.record),
        ...(c.lang ? { lang: c.lang } : {}),
      }),
    )
    .join("\n");
  const native = runNative([], `${input}\n`).split("\n");
  assert.equal(native.pop(), "");
  for (const [i, c] of cases.entries()) {
    const wasm = shinsei.reapplyJson(JSON.stringify(c.application), JSON.stringify(c.record), c.now, c.lang ? { lang: c.lang } : undefined);
    assert.equal(wasm, native[i], c.file);
    assert.equal(JSON.parse(wasm).version, c.expect.version, c.file);
  }
});

test("options.basis puts the legal basis next to each error, as natively", () => {
  const { submission, now } = typicalCase();
  const bad = structuredClone(submission);
  bad.fields.occupational = true;
  const plain = shinsei.validateJson(JSON.stringify(bad), now);
  assert.ok(!plain.includes('"basis"'));
  const asked = shinsei.validate(bad, now, { basis: true });
  const e = asked.errors.find((i) => i.code === "rule.not_occupational");
  assert.equal(e.basis, "健康保険法第55条第1項");
  const input = JSON.stringify({ now, submission: JSON.stringify(bad) });
  assert.equal(runNative([], `${input}\n`).trim(), plain);
  assert.equal(thrown(() => shinsei.validate(bad, now, { basis: "yes" })).code, "argument.options");
});
