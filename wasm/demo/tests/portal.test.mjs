// The portal page as a member uses it, in Debian's Chromium (Playwright),
// served by the real service (`shinsei serve --static wasm/demo/dist`) at a
// fixed instant (a Monday, 10:00 JST):
//
// - before any input there is no error (screenshot 01 shows it), and no
//   developer item; axe-core finds no serious or critical violation, at
//   phone and desktop widths, before and after errors show;
// - an error shows once the member leaves the field, not while typing;
// - 確認 with errors: the summary at the top, focus on the first error,
//   each summary link focuses its field, ARIA states on every control;
// - a member fills 傷病手当金 (和暦 dates, conditional fields, files) and goes
//   入力 → 確認 → 送信 → 完了; the body sent is the normalized submission and
//   the server's verdict equals, byte for byte, the WASM verdict on it;
// - the same with the keyboard only: Tab through, fix the errors, submit;
// - a returned (返戻) application: the member opens the application file
//   made under the form's first version; what to look at again shows at the
//   fields and in the summary, 資格 come from the member's record; fixed,
//   sent, done;
// - every bundled form renders and passes axe-core.
//
// Screenshots go to out/portal/.
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";

import { exportApplication, renderHtml, validateJson } from "shinsei-wasm";

import { DESKTOP, NOW, PHONE, audit, demo, launch, out, startService } from "./support.mjs";

let service;
let browser;

before(async () => {
  fs.mkdirSync(out, { recursive: true });
  [service, browser] = await Promise.all([startService(), launch()]);
});

after(async () => {
  await browser?.close();
  await service?.stop();
});

/** A fresh page at `device`, its clock fixed at `at`, console errors collected. */
async function open(device, query = "", at = NOW) {
  const context = await browser.newContext(device);
  const page = await context.newPage();
  await page.clock.setFixedTime(new Date(at));
  const problems = [];
  page.on("console", (m) => m.type() === "error" && problems.push(m.text()));
  page.on("pageerror", (e) => problems.push(String(e)));
  await page.goto(`${service.base}/?form=shobyo_teate${query}`);
  await page.waitForSelector("html[data-ready]");
  return { page, context, problems };
}

const shot = (page, name, options = {}) => page.screenshot({ path: path.join(out, `${name}.png`), ...options });
const box = (page, p) => page.locator(`[data-path="${p}"]`);
const control = (page, p) => page.locator(`[id="in.${p.slice(1).replaceAll("/", ".")}"]`);
const errorText = (page, p) => box(page, p).locator(":scope > .field-error");
const activeId = (page) => page.evaluate(() => document.activeElement?.id ?? "");
const visibleErrors = (page) => page.locator(".field-error:visible");

async function assertAudit(page, where, options) {
  const { grave, others, otherIds } = await audit(page, options);
  assert.deepEqual(grave, [], `axe-core, ${where}`);
  if (others) console.log(`# axe-core ${where}: ${others} moderate/minor (${[...new Set(otherIds)].join(", ")})`);
}

/** The 和暦 boxes of the date at `p`: 元号 (its label), 年, 月, 日. */
async function wareki(page, p, era, y, m, d) {
  const id = `in.${p.slice(1).replaceAll("/", ".")}`;
  await page.selectOption(`[id="${id}"]`, era);
  await page.fill(`[id="${id}.year"]`, String(y));
  await page.fill(`[id="${id}.month"]`, String(m));
  await page.fill(`[id="${id}.day"]`, String(d));
  await page.locator(`[id="${id}.day"]`).blur();
}

const radio = (page, p, value) => box(page, p).locator(`input[value="${value}"]`).check();
const pdf = (name) => ({ name, mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4\n%%EOF\n") });

/** Everything a member fills for a first claim of 傷病手当金 (no conditional branch taken). */
async function fillFirstClaim(page) {
  await control(page, "/fields/postal_code").fill("100-0001");
  await control(page, "/fields/address").fill("東京都千代田区千代田1-1");
  await control(page, "/fields/phone").fill("０３－１２３４－５６７８"); // full width, as typed on a phone
  await control(page, "/fields/bank/bank_code").fill("0001");
  await control(page, "/fields/bank/branch_code").fill("001");
  await radio(page, "/fields/bank/account_type", "ordinary");
  await control(page, "/fields/bank/account_number").fill("1234567");
  await control(page, "/fields/bank/holder_kana").fill("きょうかい たろう"); // hiragana: normalized to カナ
  await wareki(page, "/fields/leave/0/from", "令和", 8, 2, 2);
  await wareki(page, "/fields/leave/0/to", "令和", 8, 2, 20);
  await radio(page, "/fields/first_claim", "true");
  await control(page, "/fields/job").fill("事務職（経理）");
  await control(page, "/fields/diagnosis").fill("腰椎椎間板ヘルニア");
  await wareki(page, "/fields/first_visit", "西暦", 2026, 2, 2);
  await radio(page, "/fields/cause", "illness");
  await radio(page, "/fields/occupational", "false");
  await radio(page, "/fields/paid", "false");
  await radio(page, "/fields/disability_pension", "no");
  await radio(page, "/fields/rousai", "no");
  await radio(page, "/fields/coverage_changed", "false");
  await page.setInputFiles('[id="in.slot.doctor_opinion"]', pdf("ikensho.pdf"));
  await page.setInputFiles('[id="in.slot.employer_certificate"]', pdf("jigyonushi.pdf"));
}

/** Waits for the verdict of 送信; checks it against the WASM verdict on the same bytes at the same instant. */
async function sendAndCompare(page, { form = "shobyo_teate", at = NOW } = {}) {
  const [request, response] = await Promise.all([
    page.waitForRequest((r) => r.url().includes("/validate")),
    page.waitForResponse((r) => r.url().includes("/validate")),
    page.getByTestId("send").click(),
  ]);
  const url = new URL(request.url());
  assert.equal(url.pathname, `/v1/forms/${form}/validate`);
  assert.equal(url.searchParams.get("dry_run"), "true");
  assert.equal(url.searchParams.get("now"), at);
  const sent = request.postData();
  const server = await response.text();
  assert.equal(response.status(), 200, server);
  assert.equal(server, validateJson(sent, at), "the server's verdict is the WASM verdict, byte for byte");
  return { sent: JSON.parse(sent), verdict: JSON.parse(server) };
}

for (const [name, device] of [["phone", PHONE], ["desktop", DESKTOP]]) {
  describe(`at ${name} width`, () => {
    test("before any input: no error, no developer item, nothing for axe-core", async () => {
      const { page, context, problems } = await open(device);
      await shot(page, `01-start-${name}`); // the first screenshot: no error before input
      assert.equal(await visibleErrors(page).count(), 0);
      assert.equal(await page.locator("#error-summary").isVisible(), false);
      assert.equal(await page.locator('[aria-invalid="true"]').count(), 0);
      assert.equal(await page.locator("#debug").isVisible(), false);
      const text = await page.locator("body").innerText();
      for (const dev of ["sha256:", "ms（WASM）", "基準日時", "{"]) assert.ok(!text.includes(dev), `a developer item is shown: ${dev}`);
      // 必須 fields say so, in words and to assistive technology.
      assert.equal(await control(page, "/fields/postal_code").getAttribute("aria-required"), "true");
      assert.equal(await box(page, "/fields/first_claim").getAttribute("role"), "radiogroup");
      assert.equal(await box(page, "/fields/first_claim").getAttribute("aria-required"), "true");
      assert.equal(await control(page, "/fields/loss_date").getAttribute("aria-required"), null, "an optional date");
      await assertAudit(page, `${name}, before input`);
      assert.deepEqual(problems, []);
      await context.close();
    });

    test("確認 with errors: summary at the top, focus on the first error, links focus their fields", async () => {
      const { page, context, problems } = await open(device);
      await page.getByTestId("check").click();
      const summary = page.locator("#error-summary");
      await summary.waitFor();
      const entries = summary.locator("li");
      const count = await entries.count();
      assert.ok(count >= 15, `${count} entries`);
      assert.match(await summary.locator("h2").innerText(), new RegExp(`（${count}件）`));
      assert.equal(await activeId(page), "in.fields.postal_code", "focus moves to the first error");
      await shot(page, `02-errors-${name}`);
      await summary.screenshot({ path: path.join(out, `02-summary-${name}.png`) });

      // Every shown error: its control is aria-invalid and described by it.
      for (const p of ["/fields/postal_code", "/fields/leave/0/from", "/fields/first_claim"]) {
        const states = p === "/fields/first_claim" ? box(page, p) : control(page, p);
        assert.equal(await states.getAttribute("aria-invalid"), "true", p);
        const described = (await control(page, p).getAttribute("aria-describedby")).split(" ");
        const errId = `err.${p.slice(1).replaceAll("/", ".")}`;
        assert.ok(described.includes(errId), `${p}: ${described}`);
        assert.ok((await page.locator(`[id="${errId}"]`).innerText()).length > 0);
      }
      // A summary link leads to its field.
      const link = entries.locator("a", { hasText: "「傷病名」" });
      await link.click();
      assert.equal(await activeId(page), "in.fields.diagnosis");
      const missing = entries.locator("a", { hasText: "医師の意見書" });
      await missing.click();
      assert.equal(await activeId(page), "in.slot.doctor_opinion");

      // Fixing a field removes its error and its summary entry as the member types.
      await control(page, "/fields/diagnosis").fill("腰椎椎間板ヘルニア");
      await errorText(page, "/fields/diagnosis").waitFor({ state: "hidden" });
      assert.equal(await entries.count(), count - 1);
      assert.equal(await control(page, "/fields/diagnosis").getAttribute("aria-invalid"), null);
      await assertAudit(page, `${name}, errors shown`);
      assert.deepEqual(problems, []);
      await context.close();
    });
  });
}

test("an error shows once the member leaves the field, not while typing", async () => {
  const { page, context } = await open(PHONE);
  const phone = control(page, "/fields/phone");
  await phone.pressSequentially("03");
  assert.equal(await visibleErrors(page).count(), 0, "no error while typing");
  await phone.blur();
  await errorText(page, "/fields/phone").waitFor();
  assert.equal(await phone.getAttribute("aria-invalid"), "true");
  // Once shown, it follows the typing: gone as soon as the number is whole.
  await phone.focus();
  await page.keyboard.press("End");
  await page.keyboard.type("12345678");
  await errorText(page, "/fields/phone").waitFor({ state: "hidden" });
  // A rule across fields: 終了日 before 開始日, at 終了日.
  await wareki(page, "/fields/leave/0/from", "令和", 8, 2, 2);
  await wareki(page, "/fields/leave/0/to", "令和", 8, 2, 1);
  assert.equal((await errorText(page, "/fields/leave/0/to").innerText()).trim(), "終了日は開始日以降の日付にしてください");
  assert.equal(await errorText(page, "/fields/leave/0/from").isVisible(), false);
  assert.equal(await visibleErrors(page).count(), 1, "untouched fields stay quiet");
  await context.close();
});

test("outside the service hours the member is told before typing, and 確認 lists it without a link", async () => {
  const { page, context, problems } = await open(PHONE, "", "2026-03-01T10:00:00+09:00"); // a Sunday
  const notice = page.locator("#closed");
  await notice.waitFor();
  assert.match(await notice.innerText(), /受付/);
  assert.equal(await visibleErrors(page).count(), 0, "still no field error before input");
  await page.getByTestId("check").click();
  const entry = page.locator('#error-summary li[data-code="service.closed"]');
  await entry.waitFor();
  assert.equal(await entry.locator("a").count(), 0, "nothing on the page to fix");
  assert.deepEqual(problems, []);
  await context.close();
});

test("lists and files: 追加 and 削除 move focus sensibly; a file of the wrong kind is refused at once", async () => {
  const { page, context, problems } = await open(PHONE);
  const leave = box(page, "/fields/leave");
  await leave.locator("button.add").click();
  assert.equal(await leave.locator(".item").count(), 2);
  assert.equal(await activeId(page), "in.fields.leave.1.from", "focus on the new item");
  assert.equal(await leave.locator(".item > legend").nth(1).innerText(), "療養のために休んだ期間（申請期間）（2件目）");
  await wareki(page, "/fields/leave/1/from", "令和", 8, 3, 1);
  await leave.locator(".item").nth(0).locator("button.remove").click();
  assert.equal(await leave.locator(".item").count(), 1);
  assert.equal(await page.evaluate(() => document.activeElement.classList.contains("add")), true, "focus on 追加");
  assert.equal(await page.locator('[id="in.fields.leave.0.from.year"]').inputValue(), "8", "the second item moved up");
  assert.equal(await page.locator('[id="in.fields.leave.0.from.month"]').inputValue(), "3");

  await page.setInputFiles('[id="in.slot.doctor_opinion"]', { name: "memo.txt", mimeType: "text/plain", buffer: Buffer.from("memo") });
  const fileError = errorText(page, "/attachments/0");
  await fileError.waitFor();
  assert.equal(await fileError.locator("[data-code]").first().getAttribute("data-code"), "attachment.type");
  await box(page, "/attachments/0").locator("button").click();
  assert.equal(await box(page, "/attachments/0").count(), 0);
  assert.equal(await activeId(page), "in.slot.doctor_opinion", "focus back on the file input");
  assert.deepEqual(problems, []);
  await context.close();
});

test("入力 → 確認 → 送信 → 完了 at phone width: the normalized submission, the server's verdict equals the WASM verdict", async () => {
  const { page, context, problems } = await open(PHONE);
  await fillFirstClaim(page);
  // Conditional fields come and go.
  assert.equal(await box(page, "/fields/payments").isVisible(), false);
  await radio(page, "/fields/paid", "true");
  await box(page, "/fields/payments").waitFor();
  await radio(page, "/fields/paid", "false");
  await box(page, "/fields/payments").waitFor({ state: "hidden" });
  assert.equal(await page.locator('[data-computed="claimed_days"]').innerText(), "19");

  await page.getByTestId("check").click();
  await page.locator("#step-confirm").waitFor();
  assert.equal(await activeId(page), "confirm-h");
  assert.equal(await page.locator("#steps [aria-current=step]").innerText(), "2確認");
  const confirm = await page.locator("#confirm-body").innerText();
  for (const shown of ["令和8年2月2日", "令和8年2月20日", "0312345678", "キヨウカイ　タロウ", "ikensho.pdf", "いいえ"]) {
    assert.ok(confirm.includes(shown), `確認 shows ${shown}`);
  }
  await shot(page, "03-confirm-phone", { fullPage: true });
  await assertAudit(page, "phone, 確認");

  const { sent, verdict } = await sendAndCompare(page);
  assert.equal(verdict.valid, true, JSON.stringify(verdict.errors));
  // What was sent is the normalized submission, without hidden fields.
  assert.deepEqual(sent.fields.leave, [{ from: "2026-02-02", to: "2026-02-20" }]);
  assert.equal(sent.fields.first_visit, "2026-02-02");
  assert.equal(sent.fields.phone, "0312345678");
  assert.equal(sent.fields.postal_code, "1000001");
  assert.equal(sent.fields.bank.holder_kana, "キヨウカイ　タロウ");
  assert.equal("payments" in sent.fields, false);
  assert.equal(sent.qualification.symbol, "12345678");

  await page.locator("#step-done").waitFor();
  assert.equal(await activeId(page), "done-h");
  assert.match(await page.getByTestId("done").innerText(), /傷病手当金支給申請書」を送信しました/);
  await shot(page, "04-done-phone");
  await assertAudit(page, "phone, 完了");
  assert.deepEqual(problems, []);
  await context.close();
});

test("返戻 → 再申請: the application file of a first-version 任意継続 opens under the version in force, the member fixes what is asked, sends, done", async () => {
  // Made under 2026.1 on 2027-03-25 (the member's 記号 was 87654321 then); opened on
  // 2027-04-05, when 2027.1 is in force: 毎月納付 is gone, 事業所の所在地 is gone,
  // 通知書の受け取り方法 is new, 退職時の標準報酬月額 is renamed.
  const at = "2027-04-05T10:00:00+09:00"; // a Monday
  const application = exportApplication({
    form: "ninkei_shutoku",
    version: "2026.1",
    submitted_at: "2027-03-25T10:00:00+09:00",
    applicant: { role: "insured" },
    qualification: {
      insurer_number: "01130012", branch: "東京", symbol: "87654321", number: "1", branch_no: "00",
      name_kanji: "協会 太郎", name_kana: "キョウカイ タロウ", sex: "male", birth_date: "1989-05-10",
    },
    fields: {
      postal_code: "1000001", address: "東京都千代田区千代田1-1", phone: "0312345678",
      employer_name: "株式会社協会商事", employer_address: "東京都港区芝公園1-1-1",
      loss_date: "2027-03-21", insured_since: "2015-04-01",
      payment_method: "monthly", final_standard_monthly: 410000,
    },
    attachments: [{ slot: "retirement_proof", file_name: "taishoku.pdf", media_type: "application/pdf", size: 123456 }],
  });
  assert.equal(application.version, "2026.1");

  const { page, context, problems } = await open(PHONE, "", at);
  await page.setInputFiles('[id="reopen-file"]', {
    name: "shinsei-ninkei_shutoku.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(application, null, 2)),
  });
  const summary = page.locator("#error-summary");
  await summary.locator('li[data-code="migration.choice"]').waitFor();
  assert.equal(await page.getByTestId("form-select").inputValue(), "ninkei_shutoku");
  assert.equal(await page.locator("#form-title").innerText(), "任意継続被保険者資格取得申出書");
  assert.equal(await activeId(page), "error-summary", "focus on the summary of what to look at");
  assert.match(await summary.locator("h2").innerText(), /申請ファイルを読み込みました/);
  const codes = await summary.locator("li").evaluateAll((lis) => lis.map((li) => li.dataset.code));
  for (const code of ["migration.removed", "migration.added", "migration.choice", "qualification.changed"]) {
    assert.ok(codes.includes(code), `${code} in the summary: ${codes}`);
  }
  // One entry per field: a choice that is gone is also unanswered, said in the notice's entry.
  const targets = await summary.locator("li a").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
  assert.deepEqual(targets, [...new Set(targets)], "no field twice in the summary");
  const unanswered = await errorText(page, "/fields/payment_method").locator('[data-code="required"]').innerText();
  assert.ok((await summary.locator('li[data-code="migration.choice"]').innerText()).includes(unanswered), "the notice's entry also says it is unanswered");
  // At the right fields, in the member's words, with their ARIA state.
  const notice = (p, code) => errorText(page, p).locator(`[data-code="${code}"]`);
  assert.match(await notice("/fields/payment_method", "migration.choice").innerText(), /「保険料の納付方法」で選ばれていた選択肢は新しい様式にないため、選び直してください/);
  assert.match(await notice("/fields/notice_method", "migration.added").innerText(), /新しい様式で追加された項目です/);
  assert.equal(await box(page, "/fields/payment_method").getAttribute("aria-invalid"), "true", "required now: no option chosen");
  assert.ok((await control(page, "/fields/notice_method").getAttribute("aria-describedby")).includes("err.fields.notice_method"));
  // The dropped value is listed without a link (its field is gone); the summary's link leads to a field.
  const removed = summary.locator('li[data-code="migration.removed"]');
  assert.match(await removed.innerText(), /勤務していた事業所の所在地/);
  assert.equal(await removed.locator("a").count(), 0);
  await summary.locator('li[data-code="migration.added"] a').click();
  assert.equal(await activeId(page), "in.fields.notice_method");
  // 資格 from the member's record, never from the file; the difference is said at its row.
  const symbol = box(page, "/qualification/symbol");
  assert.match(await symbol.innerText(), /12345678/);
  assert.doesNotMatch(await symbol.innerText(), /87654321/);
  assert.match(await symbol.locator('[data-code="qualification.changed"]').innerText(), /前回の申請時から変わっています/);
  // The file's values under the version in force: renamed fields keep their values, kept ones too.
  assert.equal(await control(page, "/fields/standard_monthly_at_loss").inputValue(), "410000");
  assert.equal(await control(page, "/fields/employer_name").inputValue(), "株式会社協会商事");
  assert.equal(await page.locator('[id="in.fields.loss_date.year"]').inputValue(), "9");
  assert.equal(await box(page, "/fields/employer_address").count(), 0, "a removed field is not on the page");
  // The files are not in the application file: the member is asked to attach them again.
  assert.match(await page.getByTestId("previous-files").innerText(), /taishoku\.pdf/);
  await shot(page, "06-reapply-opened-phone", { fullPage: true });
  await assertAudit(page, "phone, application file opened");

  // Fix what is asked: each notice goes once its field is answered.
  await radio(page, "/fields/payment_method", "transfer");
  await notice("/fields/payment_method", "migration.choice").waitFor({ state: "detached" });
  await radio(page, "/fields/notice_method", "app");
  await notice("/fields/notice_method", "migration.added").waitFor({ state: "detached" });
  await page.setInputFiles('[id="in.slot.retirement_proof"]', pdf("taishoku.pdf"));
  await box(page, "/attachments/0").waitFor();
  await page.getByTestId("check").click();
  await page.locator("#step-confirm").waitFor();
  const confirm = await page.locator("#confirm-body").innerText();
  for (const shown of ["口座振替（毎月）", "けんぽアプリ（電子ポスト）", "410,000円", "taishoku.pdf", "12345678"]) {
    assert.ok(confirm.includes(shown), `確認 shows ${shown}`);
  }
  const { sent, verdict } = await sendAndCompare(page, { form: "ninkei_shutoku", at });
  assert.equal(verdict.valid, true, JSON.stringify(verdict.errors));
  assert.equal(sent.version, "2027.1");
  assert.equal(sent.qualification.symbol, "12345678");
  assert.equal("employer_address" in sent.fields, false);
  assert.equal(sent.fields.standard_monthly_at_loss, 410000);
  await page.locator("#step-done").waitFor();
  assert.match(await page.getByTestId("done").innerText(), /任意継続被保険者資格取得申出書」を送信しました/);
  // The member's copy: the 申請書情報 of what was sent, the package's renderHtml on the same bytes.
  const copy = page.getByTestId("copy");
  assert.equal(await copy.getAttribute("download"), "申請書情報_任意継続被保険者資格取得申出書.html");
  const saved = await page.evaluate(async (href) => (await fetch(href)).text(), await copy.getAttribute("href"));
  assert.equal(saved, renderHtml(JSON.stringify(sent), at));
  assert.match(saved, /口座振替（毎月）/);
  assert.deepEqual(problems, []);
  await context.close();
});

test("an application file that is not one is refused at the file input, in words, and the form stays as it was", async () => {
  const { page, context, problems } = await open(DESKTOP);
  await control(page, "/fields/diagnosis").fill("腰椎椎間板ヘルニア");
  await page.setInputFiles('[id="reopen-file"]', { name: "memo.json", mimeType: "application/json", buffer: Buffer.from('{"form":"shobyo_teate"}') });
  const error = page.locator("#reopen-error");
  await error.waitFor();
  assert.match(await error.innerText(), /申請ファイルとして読み込めませんでした/);
  assert.equal(await page.locator("#reopen-file").getAttribute("aria-invalid"), "true");
  assert.equal(await activeId(page), "reopen-file");
  assert.equal(await control(page, "/fields/diagnosis").inputValue(), "腰椎椎間板ヘルニア", "what was typed stays");
  assert.equal(await page.getByTestId("reopen-status").isVisible(), false);
  await assertAudit(page, "desktop, application file refused");
  assert.deepEqual(problems, []);
  await context.close();
});

test("the page on one origin, the API on another: CORS preflight and verdict in a real browser", async () => {
  // The built page, told to send to a second service that allows the first one's origin.
  const site = fs.mkdtempSync(path.join(os.tmpdir(), "shinsei-portal-site-"));
  fs.cpSync(path.join(demo, "dist"), site, { recursive: true });
  for (const f of fs.readdirSync(site).filter((f) => f.startsWith("index.html."))) fs.rmSync(path.join(site, f)); // precompressed copies of the old page
  const pageService = await startService({ site });
  const api = await startService({ args: ["--cors-origin", pageService.base] });
  try {
    const html = fs.readFileSync(path.join(site, "index.html"), "utf8");
    fs.writeFileSync(path.join(site, "index.html"), html.replace("<head>", `<head>\n  <meta name="shinsei-api" content="${api.base}">`));
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    await page.clock.setFixedTime(new Date(NOW));
    const problems = [];
    page.on("console", (m) => m.type() === "error" && problems.push(m.text()));
    await page.goto(`${pageService.base}/?form=shobyo_teate`);
    await page.waitForSelector("html[data-ready]");
    await fillFirstClaim(page);
    await page.getByTestId("check").click();
    await page.locator("#step-confirm").waitFor();
    const preflight = page.waitForRequest((r) => r.method() === "OPTIONS" || r.url().startsWith(api.base));
    const [response] = await Promise.all([page.waitForResponse((r) => r.url().startsWith(`${api.base}/v1/`)), page.getByTestId("send").click()]);
    await preflight;
    assert.equal(response.status(), 200);
    assert.equal((await response.headerValue("access-control-allow-origin")), pageService.base);
    await page.locator("#step-done").waitFor();
    assert.deepEqual(problems, []);
    await context.close();
  } finally {
    await Promise.all([pageService.stop(), api.stop()]);
    fs.rmSync(site, { recursive: true, force: true });
  }
});

test("?debug: the developer panel, and the page's own comparison of the two verdicts", async () => {
  const { page, context } = await open(DESKTOP, "&debug");
  await page.locator("#debug").waitFor();
  assert.equal(await page.getByTestId("now-input").inputValue(), "");
  assert.match(await page.locator("#debug").innerText(), /bundle sha256:[0-9a-f]{64}/);
  assert.match(await page.getByTestId("timing").innerText(), /validateField [0-9.]+ ms（WASM）/);
  await fillFirstClaim(page);
  await page.getByTestId("check").click();
  await page.locator("#step-confirm").waitFor();
  await sendAndCompare(page);
  await page.locator("#step-done").waitFor();
  assert.equal(await page.getByTestId("verdict-match").getAttribute("data-match"), "true");
  await context.close();
});

test("keyboard only: Tab through, fix the errors, submit", async () => {
  const { page, context, problems } = await open(DESKTOP);
  const key = (k) => page.keyboard.press(k);
  const focused = () =>
    page.evaluate(() => {
      const a = document.activeElement;
      const style = getComputedStyle(a);
      return { id: a.id, tag: a.tagName, type: a.type, focusRing: style.outlineStyle !== "none" || style.boxShadow !== "none" };
    });

  // Tab from the top to 確認 without typing: every stop shows where focus is.
  const stops = [];
  for (let i = 0; i < 200; i++) {
    await key("Tab");
    const f = await focused();
    stops.push(f.id);
    assert.ok(f.focusRing, `no visible focus on ${f.tag}#${f.id}`);
    if (f.id === "check") break;
  }
  assert.equal(stops.at(-1), "check", "確認 is reachable by Tab");
  for (const id of ["form-select", "in.fields.postal_code", "in.fields.leave.0.from", "in.fields.leave.0.from.year", "in.fields.first_claim", "in.slot.doctor_opinion"]) {
    assert.ok(stops.includes(id), `${id} is reachable by Tab (${stops.length} stops)`);
  }
  assert.equal(await visibleErrors(page).count(), 0, "tabbing through is not touching");
  await key("Enter");
  await page.locator("#error-summary").waitFor();
  assert.equal(await activeId(page), "in.fields.postal_code");

  // Fix the errors: from the first one, Tab on and answer each control.
  const type = (text) => async () => page.keyboard.type(text);
  const chooseNth = (n) => async () => {
    await key("Space"); // the first radio of the group
    for (let i = 0; i < n; i++) await key("ArrowDown");
  };
  const file = (name) => async () => {
    const slot = await activeId(page);
    // On a loaded machine Chromium now and then drops the chooser of a key press; a member
    // would press Space again, and so does the test (focus must still be on the same input).
    for (let attempt = 1; ; attempt++) {
      try {
        const [chooser] = await Promise.all([page.waitForEvent("filechooser", { timeout: 10_000 }), key("Space")]);
        await chooser.setFiles(pdf(name));
        break;
      } catch (error) {
        if (attempt === 3) throw error;
        assert.equal(await activeId(page), slot, "focus stays on the file input");
      }
    }
    // The page reads the file asynchronously: tab on only once it is listed.
    await page.locator(".file-name", { hasText: name }).waitFor();
  };
  const answers = {
    "in.fields.postal_code": type("1000001"),
    "in.fields.address": type("東京都千代田区千代田1-1"),
    "in.fields.phone": type("0312345678"),
    "in.fields.bank.bank_code": type("0001"),
    "in.fields.bank.branch_code": type("001"),
    "in.fields.bank.account_type": chooseNth(0),
    "in.fields.bank.account_number": type("1234567"),
    "in.fields.bank.holder_kana": type("キョウカイ タロウ"),
    "in.fields.leave.0.from.year": type("8"),
    "in.fields.leave.0.from.month": type("2"),
    "in.fields.leave.0.from.day": type("2"),
    "in.fields.leave.0.to.year": type("8"),
    "in.fields.leave.0.to.month": type("2"),
    "in.fields.leave.0.to.day": type("20"),
    "in.fields.first_claim": chooseNth(0),
    "in.fields.job": type("事務職"),
    "in.fields.diagnosis": type("腰椎椎間板ヘルニア"),
    "in.fields.first_visit.year": type("8"),
    "in.fields.first_visit.month": type("2"),
    "in.fields.first_visit.day": type("2"),
    "in.fields.cause": chooseNth(0),
    "in.fields.occupational": chooseNth(1),
    "in.fields.paid": chooseNth(1),
    "in.fields.disability_pension": chooseNth(1),
    "in.fields.rousai": chooseNth(1),
    "in.fields.coverage_changed": chooseNth(1),
    "in.slot.doctor_opinion": file("ikensho.pdf"),
    "in.slot.employer_certificate": file("jigyonushi.pdf"),
  };
  const done = new Set();
  for (let i = 0; i < 300; i++) {
    const { id } = await focused();
    if (answers[id] && !done.has(id)) {
      done.add(id);
      await answers[id]();
    }
    if (id === "check") break;
    await key("Tab");
  }
  assert.deepEqual(Object.keys(answers).filter((id) => !done.has(id)), [], "every answer was given by keyboard");
  assert.equal(await activeId(page), "check");
  await key("Enter");
  await page.waitForFunction(() => !document.getElementById("step-confirm").hidden || !document.getElementById("error-summary").hidden);
  assert.equal(await page.locator("#error-summary").isVisible(), false, await page.locator("#error-summary").innerText().catch(() => ""));
  await page.locator("#step-confirm").waitFor();
  assert.equal(await activeId(page), "confirm-h");
  // 確認 → Tab to 送信する → Enter.
  for (let i = 0; i < 20 && (await activeId(page)) !== "send"; i++) await key("Tab");
  assert.equal(await activeId(page), "send");
  const response = page.waitForResponse((r) => r.url().includes("/validate"));
  await key("Enter");
  assert.equal(JSON.parse(await (await response).text()).valid, true);
  await page.locator("#step-done").waitFor();
  assert.equal(await activeId(page), "done-h");
  await shot(page, "05-done-keyboard-desktop");
  assert.deepEqual(problems, []);
  await context.close();
});

test("every bundled form renders, and axe-core finds nothing serious in it", async () => {
  const { page, context, problems } = await open(DESKTOP);
  const ids = await page.getByTestId("form-select").locator("option").evaluateAll((os) => os.map((o) => o.value));
  assert.ok(ids.length >= 30, `${ids.length} forms`);
  for (const id of ids) {
    await page.getByTestId("form-select").selectOption(id);
    await page.waitForFunction((id) => document.title.length > 0 && document.querySelector("#form-select").value === id, id);
    assert.ok((await page.locator("#fields [data-path]").count()) > 0, id);
    assert.equal(await visibleErrors(page).count(), 0, `${id}: an error before input`);
    await page.getByTestId("check").click();
    await page.locator("#error-summary").waitFor();
    await assertAudit(page, `form ${id}, errors shown`, { skip: ["color-contrast"] });
  }
  assert.deepEqual(problems, []);
  await context.close();
});
