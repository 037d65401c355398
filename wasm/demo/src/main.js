// The portal page: a member picks a form, fills it (入力), checks it (確認),
// sends it (送信) and is done (完了). The WASM validator from the
// shinsei-wasm package checks every change as the server would; 送信 posts the
// normalized submission to the service, whose verdict is the same.
//
// This module holds the page's state and wires the others together:
// fields.js / controls.js / wareki.js / attachments.js render the form,
// feedback.js shows what a validation says, confirm.js the 確認 step,
// send.js talks to the service, steps.js moves between steps, reopen.js
// opens an application file (申請ファイル) to continue a returned application,
// debug.js is the developer panel (`?debug`).

import init, { bundleInfo, describeForm, listForms, prefill, renderHtml, validate, validateField, validateJson } from "shinsei-wasm";

import { renderAttachments } from "./attachments.js";
import { renderConfirm } from "./confirm.js";
import { debugRoles, debugSent, debugValidated, setupDebug } from "./debug.js";
import { attr, focusInto } from "./dom.js";
import { applySlots, applyStates, issuesOf, renderSummary, showErrors } from "./feedback.js";
import { emptyItem, renderFields } from "./fields.js";
import { MEMBER_RECORD } from "./member.js";
import * as registry from "./registry.js";
import { openedContent, reapplyFile, setupOpener } from "./reopen.js";
import { send } from "./send.js";
import { announce, go } from "./steps.js";
import { clean, envelope, isoJst, withNormalized } from "./submission.js";
import { computedRows, copyLink, doneContent, pickerOptions, qualificationRows } from "./view.js";
import { formatWareki } from "./wareki.js";

const $ = (id) => document.getElementById(id);
const params = new URLSearchParams(location.search);

const state = {
  form: null, // FormDescription
  prefill: null, // Prefill
  role: "insured",
  values: {}, // the envelope's `fields`, as typed
  attachments: [], // the envelope's `attachments`
  touched: new Set(), // paths the member is done with: their errors show
  showAll: false, // after 確認: every error shows
  visible: new Map(), // path → shown, from the last validation
  nowText: null, // ?debug: the instant to validate at, instead of the clock
  outgoing: null, // 確認: the normalized envelope to send, and its instant
  outgoingNow: null,
  notices: [], // an application file was opened: what the member must look at again, until they change it
};

/** The instant to validate at: the clock (in JST, to the second), or the developer's. */
const now = () => state.nowText || isoJst(new Date());

// ------------------------------------------------------------------ 入力

/**
 * Shows form `id` (`version`, else the one effective now, else the newest)
 * for input, starting from `values` and `attachments` when given (the
 * envelope's `fields` and `attachments`: every control is built from them).
 * `notices`: opened from an application file, the re-application's
 * `changes`; every error shows at once, as after 確認.
 */
function loadForm(id, { version = null, values = null, attachments = null, notices = null } = {}) {
  let form;
  try {
    form = describeForm(id, version, now());
  } catch {
    form = describeForm(id); // none effective now: the newest version
  }
  Object.assign(state, {
    form,
    prefill: prefill(id, MEMBER_RECORD, form.version),
    values: values ?? emptyItem(form.fields),
    attachments: attachments ?? [],
    touched: new Set(),
    showAll: notices !== null,
    outgoing: null,
    notices: [...(notices ?? [])],
  });
  if (notices === null) $("reopen-status").hidden = true;
  if (!form.applicants.some((a) => a.id === state.role)) state.role = form.applicants[0].id;
  debugRoles(form, state.role);
  document.title = `${form.title.ja}｜けんぽ電子申請`;
  $("form-title").textContent = form.title.ja;
  registry.clear();
  $("qualification").replaceChildren(...qualificationRows(form, state.prefill));
  const hooks = { input: (path) => changed(path), leave: (path) => touch(path), removed: forgetItem };
  $("fields").replaceChildren(...renderFields(form.fields, "/fields", state.values, hooks));
  $("attachments").replaceChildren(...renderAttachments(form, state.attachments, (slot) => touch(`slot:${slot}`)));
  $("computed").closest("section").hidden = form.computed.length === 0;
  recheck();
}

/** The member changed the value at `path`: a re-application notice about it is answered. */
function changed(path) {
  state.notices = state.notices.filter((n) => n.path !== path && !n.path.startsWith(`${path}/`));
  recheck();
}

function touch(path) {
  state.touched.add(path);
  recheck();
}

/** Item `index` of the list at `list` was removed: what was touched in later items moves up with them. */
function forgetItem(list, index) {
  const moved = new Set();
  for (const p of state.touched) {
    const m = p.startsWith(`${list}/`) ? /^(\d+)(.*)$/.exec(p.slice(list.length + 1)) : null;
    if (!m) moved.add(p);
    else if (Number(m[1]) > index) moved.add(`${list}/${Number(m[1]) - 1}${m[2]}`);
    else if (Number(m[1]) < index) moved.add(p);
  }
  state.touched = moved;
}

let first = true;

/** Validates what is on the page and shows what the member should see. */
function recheck() {
  const env = envelope(state);
  const t = performance.now();
  const v = validateField(env, "", now());
  const ms = performance.now() - t;
  state.visible = applyStates(v.fields);
  applySlots(state.form, v.attachments);
  // A file's own errors (type, size) show as soon as it is chosen.
  const open = (path) => state.showAll || state.touched.has(path) || path.startsWith("/attachments/");
  const notices = state.notices.filter((n) => state.visible.get(n.path) !== false);
  const shown = showErrors([...notices, ...issuesOf(v, state.visible)], v.attachments, open);
  const title = state.notices.length ? "申請ファイルを読み込みました。次の項目をご確認ください" : "入力内容をご確認ください";
  if (state.showAll) renderSummary($("error-summary"), shown, title, follow);
  else $("error-summary").hidden = true;
  // Outside the service hours the member should know before typing, not at 確認.
  const closed = v.errors.find((e) => e.code === "service.closed");
  $("closed").hidden = !closed;
  $("closed").textContent = closed?.message ?? "";
  $("computed").replaceChildren(...computedRows(state.form, v.computed));
  debugValidated(ms, clean(env, state.visible));
  if (first) {
    first = false;
    performance.mark("shinsei:first-validate");
    document.documentElement.dataset.ready = "true";
  }
  return { v, shown };
}

/** An error summary entry was followed: focus its field. */
function follow(entry) {
  focusInto(registry.focusTarget(entry));
}

/** 入力内容を確認する: every error shows; with none, on to 確認. */
function check() {
  state.showAll = true;
  const { v, shown } = recheck();
  const errors = shown.filter((s) => s.issue.severity === "error");
  if (!v.form_valid) {
    announce(`入力内容に誤りが${errors.length}件あります。`);
    const target = errors.map((s) => s.entry && registry.focusTarget(s.entry)).find(Boolean);
    focusInto(target ?? $("error-summary"));
    return;
  }
  const at = now();
  const sent = clean(envelope(state), state.visible);
  // What is sent: the runtime's canonical form of the submission where the
  // package gives it (`canonical`), else the normalized values put in place.
  const verdict = validate(sent, at);
  state.outgoing = verdict.canonical ?? withNormalized(sent, verdict.normalized);
  state.outgoingNow = at;
  $("confirm-body").replaceChildren(...renderConfirm(state.form, state.outgoing, state.prefill, v.computed));
  $("send-error").hidden = true;
  go("confirm");
}

// ------------------------------------------------------------------ 申請ファイル（返戻からの再申請）

/**
 * The member opened an application file: the runtime re-applies it (values
 * migrated to the version in force now, 資格 from the member's record) and
 * the form continues from its envelope, with what to look at again shown at
 * the fields and in the summary. Attachments start empty: the file carries
 * only their names, the member attaches them again.
 */
async function openApplication(file) {
  const input = $("reopen-file");
  const error = $("reopen-error");
  let opened;
  try {
    opened = await reapplyFile(file, MEMBER_RECORD, now());
  } catch (e) {
    error.textContent = e.message;
    error.hidden = false;
    attr(input, "aria-invalid", "true");
    attr(input, "aria-describedby", "reopen-hint reopen-error");
    focusInto(input);
    return;
  }
  error.hidden = true;
  attr(input, "aria-invalid", null);
  attr(input, "aria-describedby", "reopen-hint");
  const { out, file: application } = opened;
  const env = out.envelope;
  if (env.applicant?.role) state.role = env.applicant.role;
  picker.value = out.form;
  loadForm(out.form, { version: out.version, values: structuredClone(env.fields ?? {}), attachments: [], notices: out.changes });
  const status = $("reopen-status");
  status.replaceChildren(...openedContent(state.form, out, application));
  status.hidden = false;
  const summary = $("error-summary");
  announce(summary.hidden ? "申請ファイルを読み込みました。" : `申請ファイルを読み込みました。確認する項目が${summary.querySelectorAll("li").length}件あります。`);
  focusInto(summary.hidden ? status : summary);
}

// ------------------------------------------------------------------ 送信 → 完了

async function submit() {
  const button = $("send");
  const text = JSON.stringify(state.outgoing);
  const wasm = validateJson(text, state.outgoingNow);
  go("send", { focus: false });
  button.disabled = true;
  button.textContent = "送信しています…";
  announce("送信しています。しばらくお待ちください。");
  let answer;
  try {
    answer = await send(state.form.id, text, state.outgoingNow);
  } catch {
    answer = null;
  } finally {
    button.disabled = false;
    button.textContent = "送信する";
  }
  if (answer) debugSent({ sent: text, server: answer.text, status: answer.status, wasm });
  if (!answer || !answer.ok) {
    const why = answer?.body?.error?.message;
    failed(why ? `送信できませんでした：${why}` : "送信できませんでした。通信状況をご確認のうえ、もう一度「送信する」を押してください。");
    return;
  }
  const verdict = answer.body;
  if (!verdict.valid) {
    // The service found what the page did not (it should not happen: same runtime, same instant).
    go("input");
    const shown = showErrors(issuesOf(verdict, state.visible), verdict.attachments, () => true);
    renderSummary($("error-summary"), shown, "送信先で誤りが見つかりました", follow);
    focusInto($("error-summary"));
    return;
  }
  // The member's copy: the 申請書情報 of exactly what was sent, as the service would render it.
  const copy = copyLink(state.form, renderHtml(state.outgoing, state.outgoingNow));
  $("done-body").replaceChildren(...doneContent(state.form, verdict, when(state.outgoingNow)), copy);
  go("done");
}

function failed(message) {
  go("confirm", { focus: false });
  const p = $("send-error");
  p.textContent = message;
  p.hidden = false;
  p.focus();
}

/** `2026-03-02T10:00:00+09:00` → `令和8年3月2日 10時00分`. */
function when(iso) {
  const [date, time] = iso.split("T");
  return `${formatWareki(date)} ${time.slice(0, 2)}時${time.slice(3, 5)}分`;
}

// ------------------------------------------------------------------ start

performance.mark("shinsei:start");
try {
  await init();
} catch (e) {
  $("form").hidden = true;
  $("closed").hidden = false;
  $("closed").textContent = "このページを表示できませんでした。ページを再読み込みしてください。解決しない場合は、別のブラウザでお試しください。";
  throw e;
}
performance.mark("shinsei:wasm-ready");
const picker = $("form-select");
picker.replaceChildren(...pickerOptions(listForms()));
picker.value = params.get("form") ?? "shobyo_teate";
if (picker.selectedIndex < 0) picker.selectedIndex = 0;
picker.addEventListener("change", () => loadForm(picker.value));
setupOpener({ input: $("reopen-file"), zone: $("reopen"), onFile: openApplication });
$("form").addEventListener("submit", (e) => {
  e.preventDefault();
  check();
});
$("back").addEventListener("click", () => go("input"));
$("send").addEventListener("click", submit);
$("again").addEventListener("click", () => {
  loadForm(picker.value);
  go("input");
});
if (params.has("debug")) {
  state.nowText = params.get("now") || null;
  setupDebug($("debug"), {
    now: state.nowText,
    bundle: bundleInfo(),
    onNow: (text) => {
      state.nowText = text || null;
      loadForm(picker.value);
    },
    onRole: (role) => {
      state.role = role;
      recheck();
    },
  });
}
loadForm(picker.value);
go("input", { focus: false });
