// The portal page in a real browser: Playwright (playwright-core) drives
// Debian's Chromium against the demo served from 127.0.0.1. A member fills
// 傷病手当金 with a mistake, sees the Japanese error at the right field, fixes
// it and reaches the valid state. Screenshots go to out/.
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";

import { chromium } from "../../tools/node_modules/playwright-core/index.mjs";
import { serve } from "../demo/serve.mjs";
import { root } from "./support.mjs";

const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
const NOW = "2026-03-02T10:00:00+09:00";
const out = path.join(root, "out");

let server;
let context;
let page;
let profile;
const consoleErrors = [];

before(async () => {
  fs.mkdirSync(out, { recursive: true });
  server = await serve(0);
  profile = fs.mkdtempSync(path.join(os.tmpdir(), "shinsei-chromium-"));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 375, height: 812 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: "ja-JP",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-dev-shm-usage",
    ],
  });
  page = context.pages()[0] ?? (await context.newPage());
  page.on("console", (m) => m.type() === "error" && consoleErrors.push(m.text()));
  page.on("pageerror", (e) => consoleErrors.push(String(e)));
});

after(async () => {
  await context?.close();
  server?.close();
  if (profile) fs.rmSync(profile, { recursive: true, force: true });
});

const field = (p) => page.locator(`[data-path="${p}"]`);
const input = (p) => field(p).locator("input").first();
const error = (p) => field(p).locator(":scope > .error");
const status = () => page.getByTestId("status");
const radio = (p, value) => field(p).locator(`input[value="${value}"]`);

test("傷病手当金: a mistake, its Japanese error at the field, the fix, the valid state", async () => {
  const url = `http://127.0.0.1:${server.address().port}/demo/?form=shobyo_teate&now=${encodeURIComponent(NOW)}`;
  await page.goto(url);
  await input("/fields/leave/0/from").waitFor();
  assert.equal(await page.getByTestId("form-select").inputValue(), "shobyo_teate");
  assert.equal(await page.locator(".form-title").textContent(), "傷病手当金支給申請書");

  // 資格: filled from the record, read-only; 性別 is not on this form.
  assert.equal(await input("/qualification/symbol").inputValue(), "12345678");
  assert.equal(await input("/qualification/name_kana").inputValue(), "キョウカイ タロウ");
  assert.equal(await input("/qualification/symbol").getAttribute("readonly"), "");
  assert.equal(await field("/qualification/sex").count(), 0);

  await input("/fields/postal_code").fill("1000001");
  await input("/fields/address").fill("東京都千代田区千代田1-1");
  await input("/fields/phone").fill("０３１２３４５６７８"); // full-width digits are accepted
  await input("/fields/bank/bank_code").fill("0001");
  await input("/fields/bank/branch_code").fill("001");
  await radio("/fields/bank/account_type", "ordinary").check();
  await input("/fields/bank/account_number").fill("1234567");
  await input("/fields/bank/holder_kana").fill("キョウカイ タロウ");

  // The mistake: the period ends before it starts.
  await input("/fields/leave/0/from").fill("令和8年2月2日");
  await input("/fields/leave/0/to").pressSequentially("2026-02-01");
  await assertError("/fields/leave/0/to", "終了日は開始日以降の日付にしてください");
  assert.equal(await error("/fields/leave/0/from").isVisible(), false, "the error is at 終了日, not 開始日");
  await page.screenshot({ path: path.join(out, "portal-error.png") });

  // Conditional fields appear and disappear.
  assert.equal(await field("/fields/payments").isVisible(), false);
  await radio("/fields/paid", "true").check();
  await field("/fields/payments").waitFor({ state: "visible" });
  await radio("/fields/paid", "false").check();
  await field("/fields/payments").waitFor({ state: "hidden" });
  await radio("/fields/cause", "injury").check();
  await field("/fields/injury_circumstances").waitFor({ state: "visible" });
  await radio("/fields/cause", "illness").check();
  await field("/fields/injury_circumstances").waitFor({ state: "hidden" });

  // The fix.
  await input("/fields/leave/0/to").fill("2026-02-20");
  await error("/fields/leave/0/to").waitFor({ state: "hidden" });

  await radio("/fields/first_claim", "true").check();
  await input("/fields/job").fill("事務職（経理）");
  await input("/fields/diagnosis").fill("腰椎椎間板ヘルニア");
  await input("/fields/first_visit").fill("2026-02-02");
  await radio("/fields/occupational", "false").check();
  await radio("/fields/disability_pension", "no").check();
  await radio("/fields/rousai", "no").check();
  await radio("/fields/coverage_changed", "false").check();

  // Attachment slots with their rules; the required ones get a file.
  const need = (slot) => page.locator(`[data-slot="${slot}"] .slot-need`).textContent();
  assert.equal(await need("doctor_opinion"), "必須");
  assert.equal(await need("rousai_decision"), "今回は不要");
  const pdf = (name) => ({ name, mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4\n%%EOF\n") });
  await page.setInputFiles("#file_doctor_opinion", pdf("ikensho.pdf"));
  if ((await need("employer_certificate")) === "必須") {
    await page.setInputFiles("#file_employer_certificate", pdf("jigyonushi.pdf"));
  }

  await page.getByTestId("check").click();
  await page.waitForSelector('[data-testid="status"][data-valid="true"]');
  assert.match(await status().textContent(), /入力内容に誤りはありません/);
  assert.equal(await page.locator(".has-error:visible").count(), 0);
  assert.equal(await page.locator('[data-computed="claimed_days"]').textContent(), "19");
  await page.screenshot({ path: path.join(out, "portal-valid.png"), fullPage: true });
  await page.locator("section", { has: page.locator("#att-h") }).screenshot({ path: path.join(out, "portal-attachments.png") });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(out, "portal-valid-top.png") });
  assert.deepEqual(consoleErrors, []);
});

test("every bundled form renders", async () => {
  const ids = await page.getByTestId("form-select").locator("option").evaluateAll((os) => os.map((o) => o.value));
  assert.ok(ids.length >= 30, `${ids.length} forms`);
  for (const id of ids) {
    await page.getByTestId("form-select").selectOption(id);
    await page.waitForFunction((id) => document.title.length > 0 && document.querySelector("#form-select").value === id, id);
    assert.ok((await page.locator("#fields [data-path]").count()) > 0, id);
    assert.ok((await page.locator(".form-title").textContent()).length > 0, id);
  }
  assert.deepEqual(consoleErrors, []);
});

async function assertError(p, message) {
  const e = error(p);
  await e.waitFor({ state: "visible" });
  assert.equal((await e.textContent()).trim(), message);
}
