// Every entry point of the package under Node: results, options, and the
// structured errors that cross the boundary.
import assert from "node:assert/strict";
import { describe, test } from "node:test";

import path from "node:path";

import { NOW, RECORD, allCases, root, runNative, runNativeBytes, shinsei, thrown, typicalCase } from "./support.mjs";

const {
  bundleInfo,
  describeForm,
  fieldStates,
  listForms,
  loadBundle,
  prefill,
  resetBundle,
  validate,
  validateField,
  validateJson,
} = shinsei;

function assertShinseiError(e, code, path = "") {
  assert.ok(e instanceof Error, "a real Error");
  assert.equal(e.name, "ShinseiError");
  assert.equal(e.code, code, e.message);
  assert.equal(e.path, path);
  assert.equal(typeof e.message, "string");
  assert.ok(e.message.length > 0);
}

describe("bundleInfo / listForms", () => {
  test("the embedded bundle has every form", () => {
    const info = bundleInfo();
    assert.match(info.hash, /^sha256:[0-9a-f]{64}$/);
    assert.equal(info.ir_version, 3);
    assert.equal(info.embedded, true);
    assert.equal(info.source_texts, false);
    const forms = listForms();
    assert.equal(forms.length, info.forms);
    assert.ok(new Set(forms.map((f) => f.id)).size >= 30, "all 30 forms");
    const s = forms.find((f) => f.id === "shobyo_teate");
    assert.deepEqual(s.title, {
      ja: "傷病手当金支給申請書",
      en: "Application for Sickness and Injury Allowance",
    });
    assert.deepEqual(s.category, { id: "benefit", ja: "給付" });
    assert.deepEqual(
      s.applicants.map((a) => a.id),
      ["insured", "agent"],
    );
    assert.equal(s.effective.from, "2026-01-13");
  });
});

describe("describeForm", () => {
  test("equals the native describe() of every form", () => {
    const native = runNative(["--describe", "--slim"]).trim().split("\n").map(JSON.parse);
    assert.equal(native.length, listForms().length);
    for (const d of native) {
      assert.deepEqual(describeForm(d.id, d.version), d, d.id);
    }
  });

  test("renders a form: labels, types, conditions, attachments, computed values", () => {
    const d = describeForm("shobyo_teate");
    assert.equal(d.title.ja, "傷病手当金支給申請書");
    const leave = d.fields.find((f) => f.id === "leave");
    assert.equal(leave.type, "list");
    assert.deepEqual(
      leave.fields.map((f) => [f.path, f.type]),
      [
        ["/fields/leave/-/from", "date"],
        ["/fields/leave/-/to", "date"],
      ],
    );
    const payments = d.fields.find((f) => f.id === "payments");
    assert.equal(payments.visible, "conditional");
    const cause = d.fields.find((f) => f.id === "cause");
    assert.deepEqual(
      cause.options.map((o) => o.label.ja),
      ["病気", "ケガ"],
    );
    assert.ok(d.attachments.some((a) => a.slot === "doctor_opinion"));
    assert.ok(d.computed.some((c) => c.name === "daily_allowance"));
    assert.ok(d.qualification.some((q) => q.id === "symbol"));
  });

  test("picks a version by name, by date, or the newest", () => {
    assert.equal(describeForm("shobyo_teate", "2026.1").version, "2026.1");
    assert.equal(describeForm("shobyo_teate", null, NOW).version, "2026.1");
    assert.equal(describeForm("shobyo_teate", undefined, new Date(NOW)).version, "2026.1");
    assertShinseiError(thrown(() => describeForm("nope")), "envelope.form");
    assertShinseiError(thrown(() => describeForm("shobyo_teate", "1999.1")), "envelope.version");
    assertShinseiError(
      thrown(() => describeForm("shobyo_teate", null, "2000-01-01T00:00:00+09:00")),
      "envelope.version",
    );
    assertShinseiError(thrown(() => describeForm("shobyo_teate", null, "yesterday")), "argument.now");
  });
});

describe("validate / validateJson", () => {
  const { submission, now } = typicalCase();

  test("a typical submission is valid, with computed amounts", () => {
    const r = validate(submission, now);
    assert.equal(r.valid, true);
    assert.deepEqual(r.errors, []);
    assert.deepEqual(r.computed, { claimed_days: 19, standard_daily: 10330, daily_allowance: 6887 });
    assert.deepEqual(r.attachments.missing, []);
  });

  test("object, JSON text and validateJson agree exactly", () => {
    for (const c of allCases().slice(0, 120)) {
      const text = JSON.stringify(c.submission);
      const json = validateJson(text, c.now);
      assert.equal(typeof json, "string");
      assert.deepEqual(validate(c.submission, c.now), JSON.parse(json), c.file);
      assert.deepEqual(validate(text, c.now), JSON.parse(json), c.file);
      assert.deepEqual(validate(c.submission, new Date(c.now)), JSON.parse(json), c.file);
    }
  });

  test("every form's cases give the expected verdict", () => {
    let n = 0;
    for (const c of allCases()) {
      const r = validate(c.submission, c.now, c.lang ? { lang: c.lang } : undefined);
      if (c.expect.valid !== undefined) assert.equal(r.valid, c.expect.valid, c.file);
      if (c.expect.errors) {
        const got = r.errors.map((e) => `${e.path} ${e.code}`).sort();
        const want = c.expect.errors.map((e) => `${e.path} ${e.code}`).sort();
        assert.deepEqual(got, want, c.file);
      }
      n++;
    }
    assert.ok(n >= 300, `${n} cases`);
  });

  test("a mistake gets a Japanese message at the right pointer", () => {
    const s = structuredClone(submission);
    s.fields.leave[0].to = "2026-02-01";
    const r = validate(s, now);
    assert.equal(r.valid, false);
    const e = r.errors.find((e) => e.code === "rule.period_order");
    assert.equal(e.path, "/fields/leave/0/to");
    assert.equal(e.message, "終了日は開始日以降の日付にしてください");
    assert.equal(e.severity, "error");
  });

  test("options: English messages, a size limit", () => {
    const s = structuredClone(submission);
    delete s.fields.job;
    const ja = validate(s, now);
    const en = validate(s, now, { lang: "en" });
    assert.equal(ja.errors[0].code, "required");
    assert.match(ja.errors[0].message, /必須/);
    assert.match(en.errors[0].message, /required/);
    assert.equal(validateJson(JSON.stringify(s), now, { lang: "en" }), JSON.stringify(en));
    const small = validate(s, now, { max_bytes: 100 });
    assert.equal(small.errors[0].code, "envelope.too_large");
  });

  test("malformed input is a verdict, not an exception", () => {
    const r = JSON.parse(validateJson("{", now));
    assert.equal(r.valid, false);
    assert.equal(r.errors[0].code, "envelope.malformed");
    assert.equal(validate("[]", now).errors[0].code, "type");
    assert.equal(validate(42, now).errors[0].code, "type");
    assert.equal(validate(null, now).errors[0].code, "type");
  });

  test("bad arguments throw structured errors", () => {
    assertShinseiError(thrown(() => validate(submission, "not a date")), "argument.now");
    assertShinseiError(thrown(() => validate(submission, new Date(NaN))), "argument.now");
    assertShinseiError(thrown(() => validate(submission, 12345)), "argument.now");
    assertShinseiError(thrown(() => validateJson("{}", undefined)), "argument.now");
    assertShinseiError(thrown(() => validate(undefined, now)), "argument.submission");
    const cyclic = { form: "shobyo_teate" };
    cyclic.self = cyclic;
    assertShinseiError(thrown(() => validate(cyclic, now)), "argument.submission");
    assertShinseiError(thrown(() => validate({ n: 1n }, now)), "argument.submission");
    assertShinseiError(thrown(() => validate(submission, now, { langg: "en" })), "argument.options", "/langg");
    assertShinseiError(thrown(() => validate(submission, now, { lang: "fr" })), "argument.options");
    assertShinseiError(thrown(() => validate(submission, now, { max_bytes: -1 })), "argument.options");
    assertShinseiError(thrown(() => validate(submission, now, "ja")), "argument.options");
  });
});

describe("validateField / fieldStates", () => {
  const { submission, now } = typicalCase();

  test("errors under the pointer only, states of every field", () => {
    const s = structuredClone(submission);
    s.fields.leave[0].to = "2026-02-01";
    delete s.fields.job;
    const v = validateField(s, "/fields/leave/0/to", now);
    assert.equal(v.path, "/fields/leave/0/to");
    assert.equal(v.valid, false);
    assert.deepEqual(
      v.errors.map((e) => e.code),
      ["rule.period_order"],
    );
    assert.equal(v.form_valid, false);
    assert.equal(v.form_errors, validate(s, now).errors.length);
    assert.ok(v.form_errors >= 2);
    const job = validateField(s, "/fields/job", now);
    assert.deepEqual(
      job.errors.map((e) => [e.path, e.code]),
      [["/fields/job", "required"]],
    );
    assert.equal(validateField(s, "/fields/bank", now).valid, true);
    assert.equal(validateField(s, "", now).errors.length, v.form_errors);
  });

  test("conditional fields appear and disappear", () => {
    const state = (s, p) => validateField(s, "/fields/paid", now).fields.find((f) => f.path === p);
    const s = structuredClone(submission);
    assert.equal(state(s, "/fields/payments").visible, false);
    s.fields.paid = true;
    const shown = state(s, "/fields/payments");
    assert.equal(shown.visible, true);
    assert.equal(shown.required, true);
    assert.equal(shown.items, 0);
    s.fields.payments = [{ from: "2026-02-02", to: "2026-02-10", amount: "５０，０００" }];
    const v = validateField(s, "/fields/payments", now);
    assert.ok(v.fields.some((f) => f.path === "/fields/payments/0/amount" && f.visible && f.required));
    assert.deepEqual(v.normalized, { "/fields/payments/0/amount": 50000 });
    assert.deepEqual(fieldStates(s, now).fields, v.fields);
    assert.equal(fieldStates(s, now).form, "shobyo_teate");
  });

  test("a path that is not a JSON Pointer is an error", () => {
    assertShinseiError(thrown(() => validateField(submission, "fields/job", now)), "argument.path");
  });
});

describe("prefill", () => {
  test("fills the form's 資格 subset, read-only", () => {
    const p = prefill("shobyo_teate", RECORD);
    assert.equal(p.form, "shobyo_teate");
    const shown = describeForm("shobyo_teate").qualification.map((q) => q.id);
    assert.deepEqual(
      p.entries.map((e) => e.id),
      shown,
    );
    assert.equal(p.qualification.symbol, "12345678");
    assert.equal(p.qualification.sex, undefined, "傷病手当金 does not show 性別");
    assert.deepEqual(p.missing, []);
    const entry = p.entries.find((e) => e.id === "name_kana");
    assert.deepEqual(entry, {
      id: "name_kana",
      label: { ja: "氏名（カナ）" },
      path: "/qualification/name_kana",
      required: true,
      value: "キョウカイ タロウ",
    });
    const submission = { ...typicalCase().submission, qualification: p.qualification };
    assert.equal(validate(submission, typicalCase().now).valid, true);
  });

  test("forms that show 性別 get it", () => {
    const withSex = listForms().find((f) =>
      describeForm(f.id, f.version).qualification.some((q) => q.id === "sex"),
    );
    if (withSex) assert.equal(prefill(withSex.id, RECORD, withSex.version).qualification.sex, "male");
  });

  test("missing and wrong record fields", () => {
    const p = prefill("shobyo_teate", { symbol: "1", branch_no: null });
    assert.ok(p.missing.includes("name_kanji"));
    assert.ok(!p.missing.includes("branch_no"), "枝番 is optional");
    assert.equal(p.entries.find((e) => e.id === "branch_no").value, null);
    assertShinseiError(thrown(() => prefill("shobyo_teate", { symbol: 1 })), "argument.type", "/symbol");
    assertShinseiError(thrown(() => prefill("shobyo_teate", "record")), "argument.type");
    assertShinseiError(thrown(() => prefill("nope", RECORD)), "envelope.form");
  });
});

describe("loadBundle / resetBundle", () => {
  const full = runNativeBytes(["--bundle"]);

  test("loads a bundle from shinsei compile --binary, as bytes or a buffer, and goes back", () => {
    try {
      const info = loadBundle(full);
      assert.equal(info.embedded, false);
      assert.equal(info.source_texts, true);
      assert.equal(info.hash, resetBundleHash());
      const d = describeForm("shobyo_teate");
      assert.ok(d.rules.every((r) => r.source.length > 0), "full bundle: rule sources");
      const one = runNativeBytes(["--bundle", "--form", "shobyo_teate"]);
      const buffer = one.buffer.slice(one.byteOffset, one.byteOffset + one.byteLength);
      assert.equal(loadBundle(buffer).forms, 1);
      assert.deepEqual(
        listForms().map((f) => f.id),
        ["shobyo_teate"],
      );
      assert.equal(validate(typicalCase().submission, typicalCase().now).valid, true);
    } finally {
      resetBundle();
    }
    assert.equal(bundleInfo().embedded, true);
    assert.ok(listForms().length >= 30);
  });

  test("a broken bundle is refused and the current one stays", () => {
    const before = bundleInfo();
    const json = thrown(() => loadBundle('{"ir_version": 2}'));
    assertShinseiError(json, "bundle.malformed");
    assert.match(json.message, /--binary/, "a JSON bundle is told which form to pass");
    const version = Uint8Array.from(full);
    new DataView(version.buffer).setUint32(4, 999, true);
    assertShinseiError(thrown(() => loadBundle(version)), "bundle.ir_version");
    assertShinseiError(thrown(() => loadBundle(full.subarray(0, full.length >> 1))), "bundle.malformed");
    assertShinseiError(thrown(() => loadBundle(Uint8Array.from(full).fill(7, 8))), "bundle.malformed");
    assertShinseiError(thrown(() => loadBundle(undefined)), "bundle.malformed");
    assertShinseiError(thrown(() => loadBundle({ ir_version: 2, forms: [] })), "bundle.malformed");
    assert.deepEqual(bundleInfo(), before);
  });
});

describe("nesting limits (issue 15)", () => {
  // Expressions 32 levels deep and groups 8 deep: the most a compiler writes.
  const file = path.join(root, "tests/fixtures/limits/at_the_limits.form");
  const atLimits = runNativeBytes(["--compile", file]);

  test("a bundle at the limits loads and its deepest rules run on the module's stack", () => {
    try {
      assert.equal(loadBundle(atLimits).forms, 1);
      let inner = { b: 1, c: 2 };
      for (let i = 7; i >= 2; i--) inner = { [`g${i}`]: inner };
      const submission = {
        form: "at_the_limits",
        submitted_at: "2026-04-01T10:00:00+09:00",
        applicant: { role: "insured" },
        fields: { a: 1, g1: inner },
      };
      const r = validate(submission, "2026-04-01T10:00:00+09:00");
      assert.equal(r.valid, true, JSON.stringify(r));
    } finally {
      resetBundle();
    }
  });

  test("a bundle one level deeper is refused before anything runs it", () => {
    const before = bundleInfo();
    const deeper = runNativeBytes(["--compile", file, "--deeper"]);
    assertShinseiError(thrown(() => loadBundle(deeper)), "bundle.malformed", "/forms/0/rules/0/check");
    assert.deepEqual(bundleInfo(), before);
  });
});

function resetBundleHash() {
  const loaded = bundleInfo();
  resetBundle();
  const embedded = bundleInfo().hash;
  loadBundle(runNativeBytes(["--bundle"]));
  assert.equal(bundleInfo().hash, loaded.hash);
  return embedded;
}
