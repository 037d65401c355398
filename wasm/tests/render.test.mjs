// renderHtml in WASM: the 申請書情報 and the 返戻理由のお知らせ as HTML, byte
// for byte what shinsei-render writes natively over the full bundle (what
// `shinsei render` and the service's render route write) — on a valid case of
// every form and on every invalid case (wasm/examples/batch.rs, ops "render"
// and "returned").
import assert from "node:assert/strict";
import { test } from "node:test";

import { allCases, runNative, shinsei, thrown, typicalCase } from "./support.mjs";

test("the entered contents: a page laid out like the paper form", () => {
  const { submission, now } = typicalCase();
  const page = shinsei.renderHtml(submission, now);
  assert.match(page, /^<!doctype html>/i);
  assert.match(page, /<html lang="ja">/);
  for (const text of ["申請書情報", "傷病手当金支給申請書", "資格情報", "添付書類"]) assert.ok(page.includes(text), text);
  assert.ok(!/<script/i.test(page), "no script");
  assert.equal(shinsei.renderHtml(JSON.stringify(submission), now), page, "an object or its JSON text");
});

test("the 返戻理由のお知らせ: each reason with its entry and basis", () => {
  const { submission, now } = typicalCase();
  const bad = structuredClone(submission);
  bad.fields.leave[0].to = "2026-01-01";
  const page = shinsei.renderHtml(bad, now, { returned: true });
  assert.ok(page.includes("返戻理由のお知らせ"));
  assert.ok(page.includes("終了日は開始日以降の日付にしてください"));
});

test("what it cannot render throws a ShinseiError with the runtime's code", () => {
  const { now } = typicalCase();
  assert.equal(thrown(() => shinsei.renderHtml({ form: "nope" }, now)).code, "envelope.form");
  assert.equal(thrown(() => shinsei.renderHtml({ form: "shobyo_teate", version: "1999.1" }, now)).code, "envelope.version");
  assert.equal(thrown(() => shinsei.renderHtml("{", now)).code, "envelope.malformed");
  assert.equal(thrown(() => shinsei.renderHtml({ form: "shobyo_teate" }, now, { returned: "yes" })).code, "argument.options");
  assert.equal(thrown(() => shinsei.renderHtml({ form: "shobyo_teate" }, now, { pdf: true })).code, "argument.options");
  assert.equal(thrown(() => shinsei.renderHtml({ form: "shobyo_teate" }, "yesterday")).code, "argument.now");
});

test("native and WASM write the same HTML: a valid case of every form, every invalid case's notice", () => {
  const cases = allCases();
  const seen = new Set();
  const picked = [];
  for (const c of cases) {
    const valid = c.expect?.valid ?? !(c.expect?.errors ?? []).length;
    const form = c.submission?.form;
    if (valid && !seen.has(form)) {
      seen.add(form);
      picked.push({ op: "render", c });
    } else if (!valid) {
      picked.push({ op: "returned", c });
    }
  }
  const input = picked.map(({ op, c }) => JSON.stringify({ op, now: c.now, submission: JSON.stringify(c.submission) })).join("\n");
  const native = runNative([], `${input}\n`).split("\n");
  assert.equal(native.pop(), "");
  assert.equal(native.length, picked.length);
  let pages = 0;
  for (const [i, { op, c }] of picked.entries()) {
    let wasm;
    try {
      wasm = JSON.stringify(shinsei.renderHtml(JSON.stringify(c.submission), c.now, { returned: op === "returned" }));
      pages++;
    } catch (e) {
      wasm = JSON.stringify({ error: e.code, path: e.path });
    }
    assert.equal(wasm, native[i], `${c.file} (${op})`);
  }
  assert.ok(seen.size >= 30, `${seen.size} forms`);
  assert.ok(pages > 200, `${pages} pages`);
});
