// What one validation says, shown on the page: which fields are shown and
// required now (with 必須 / 任意 and `aria-required`), the errors next to the
// fields the member has touched (all of them after 確認) with `aria-invalid`
// and `aria-describedby`, and the error summary at the top whose entries
// lead to their fields.

import { attr, el, errorId, ids } from "./dom.js";
import * as registry from "./registry.js";

/** The runtime's re-application notices (`reapply`'s `changes`): listed in the summary like errors. */
export const isNotice = (issue) => /^(migration|qualification)\./.test(issue.code);

/** Shown / required per field (`FieldValidation.fields`); returns path → visible. */
export function applyStates(fields) {
  const visible = new Map();
  for (const f of fields) {
    visible.set(f.path, f.visible);
    const entry = registry.get(f.path);
    if (!entry) continue;
    entry.box.hidden = !f.visible;
    setBadge(entry.box, f.required ? "必須" : "任意");
    for (const node of entry.states) attr(node, "aria-required", f.required ? "true" : null);
  }
  return visible;
}

/** 必須 / 任意 / 今回は不要 per attachment slot. */
export function applySlots(form, summary) {
  for (const a of form.attachments) {
    const entry = registry.get(`slot:${a.slot}`);
    if (!entry) continue;
    const required = summary.required.includes(a.slot);
    setBadge(entry.box, required ? "必須" : a.required === "conditional" ? "今回は不要" : "任意");
    for (const node of entry.states) attr(node, "aria-required", required ? "true" : null);
  }
}

function setBadge(box, text) {
  const b = box.querySelector(":scope > legend > .badge, :scope > label > .badge");
  if (!b) return;
  b.textContent = text;
  b.className = `badge ${text === "必須" ? "required" : "optional"}`;
}

/**
 * The issues of `result` that belong on the page: an unknown_field warning
 * for a value the member typed into a field that is now hidden is not one
 * (that value is left out of what is sent).
 */
export function issuesOf(result, visible) {
  return [...result.errors, ...result.warnings].filter(
    (i) => !(i.code === "unknown_field" && visible.get(i.path) === false),
  );
}

/**
 * Puts each issue next to its field when `open(path)` allows (touched, or
 * after 確認); returns the shown ones in page order as `{ issue, entry }`
 * (`entry` undefined for issues about the whole application).
 */
export function showErrors(issues, attachments, open) {
  const byEntry = new Map();
  const general = [];
  const missing = [...attachments.missing];
  for (const issue of issues) {
    let entry;
    if (issue.code === "attachment.missing" && issue.path === "/attachments") entry = registry.get(`slot:${missing.shift()}`);
    // A value dropped by a re-application: its path is into the old file, not this form.
    else if (issue.code === "migration.removed") entry = undefined;
    else if (issue.path !== "") entry = registry.nearest(issue.path);
    if (!entry) {
      general.push({ issue, entry: undefined });
      continue;
    }
    if (!byEntry.has(entry)) byEntry.set(entry, []);
    byEntry.get(entry).push(issue);
  }
  const shown = [];
  for (const entry of registry.all()) {
    const list = open(entry.path) ? (byEntry.get(entry) ?? []) : [];
    mark(entry, list);
    for (const issue of list) shown.push({ issue, entry });
  }
  const order = (x) => (x.entry?.box.isConnected ? x.entry.box : null);
  shown.sort((a, b) => {
    const [x, y] = [order(a), order(b)];
    if (!x || !y || x === y) return 0;
    return x.compareDocumentPosition(y) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
  });
  return [...general.filter((g) => open(g.issue.path)), ...shown];
}

/** The field's error text and ARIA state. */
function mark(entry, issues) {
  const errors = issues.filter((i) => i.severity === "error");
  const p = entry.box.querySelector(":scope > .field-error, :scope > dd > .field-error");
  if (p) {
    p.replaceChildren(...issues.map((i) => el("span", { class: i.severity, "data-code": i.code }, i.message)));
    p.hidden = issues.length === 0;
  }
  entry.box.classList.toggle("has-error", errors.length > 0);
  const described = ids(entry.hint, issues.length ? errorId(entry.path) : null);
  for (const node of new Set([...entry.controls, ...entry.states])) {
    attr(node, "aria-describedby", described);
  }
  for (const node of entry.states) attr(node, "aria-invalid", errors.length ? "true" : null);
}

/** Where a list item's field sits, so that two 「終了日」 errors can be told apart. */
function context(entry) {
  const legend = entry?.box.parentElement?.closest(".item")?.querySelector(":scope > legend");
  return legend ? `${legend.textContent}：` : "";
}

/**
 * The error summary: a heading with the count and one entry per error (and
 * per re-application notice: what the member must look at again after
 * opening an application file), a link to the field when there is one to
 * fix. `onFollow(entry)` moves focus.
 */
export function renderSummary(box, shown, title, onFollow) {
  const errors = oneEntryPerNotice(shown.filter((s) => s.issue.severity === "error" || isNotice(s.issue)));
  box.hidden = errors.length === 0;
  if (box.hidden) return;
  box.replaceChildren(
    el("h2", { id: "error-summary-title" }, `${title}（${errors.length}件）`),
    el("p", {}, "次の項目をご確認ください。項目を押すと、その入力欄に移動します。"),
    el(
      "ul",
      {},
      errors.map(({ issue, entry }) => {
        const text = [`${context(entry)}${issue.message}`, ...(issue.also ?? [])].join(" ");
        const target = entry ? registry.focusTarget(entry) : null;
        if (!target) return el("li", { "data-code": issue.code }, text); // nothing the member can change here
        return el(
          "li",
          { "data-code": issue.code },
          el("a", {
            href: `#${target.id}`,
            onclick: (e) => {
              e.preventDefault();
              onFollow(entry);
            },
          }, text),
        );
      }),
    ),
  );
}

/**
 * A field with a re-application notice gets one summary entry, not two: the
 * notice, followed by what else is wrong there (a choice that is gone is
 * also unanswered: 「選び直してください」 then 「選択してください」).
 */
function oneEntryPerNotice(errors) {
  const noticed = new Map();
  for (const { issue, entry } of errors) if (entry && isNotice(issue) && !noticed.has(entry)) noticed.set(entry, issue);
  const said = new Map([...noticed.values()].map((notice) => [notice, []]));
  const listed = errors.filter(({ issue, entry }) => {
    const notice = entry && noticed.get(entry);
    if (!notice || isNotice(issue)) return true;
    said.get(notice).push(issue.message);
    return false;
  });
  return listed.map((s) => (said.get(s.issue)?.length ? { ...s, issue: { ...s.issue, also: said.get(s.issue) } } : s));
}
