// The parts of the 入力 step that only display: the form picker, the
// member's 資格 (read-only, from the qualification record), the computed
// amounts, and the 完了 step's text.

import { el, errorId } from "./dom.js";
import * as registry from "./registry.js";
import { formatWareki } from "./wareki.js";

/** The picker's options, one per form (newest version), grouped by category. */
export function pickerOptions(forms) {
  const groups = new Map();
  const seen = new Set();
  for (const f of forms) {
    if (seen.has(f.id)) continue;
    seen.add(f.id);
    if (!groups.has(f.category.ja)) groups.set(f.category.ja, el("optgroup", { label: f.category.ja }));
    groups.get(f.category.ja).append(el("option", { value: f.id }, f.title.ja));
  }
  return [...groups.values()];
}

/** 資格 rows: label and the record's value; each registered so an error about it has a place. */
export function qualificationRows(form, prefill) {
  const values = Object.fromEntries(prefill.entries.map((e) => [e.id, e.value]));
  return form.qualification.map((q) => {
    const row = el(
      "div",
      { class: "row", "data-path": q.path },
      el("dt", {}, q.label.ja),
      el("dd", {}, display(q.id, values[q.id]), el("span", { class: "field-error", id: errorId(q.path), hidden: true })),
    );
    registry.register({ path: q.path, label: q.label.ja, box: row, controls: [], states: [], hint: null });
    return row;
  });
}

function display(id, v) {
  if (v === null || v === undefined) return "（登録なし）";
  if (id === "sex") return v === "male" ? "男性" : v === "female" ? "女性" : v;
  if (id === "birth_date") return formatWareki(v);
  return v;
}

/** The computed amounts of the current input (a dash until they can be computed); none: the section is hidden. */
export function computedRows(form, computed) {
  return form.computed.map((c) => {
    const v = computed?.[c.name];
    const text =
      v === undefined || v === null
        ? "—"
        : c.type === "yen"
          ? `${Number(v).toLocaleString("ja-JP")}円`
          : typeof v === "object"
            ? JSON.stringify(v)
            : String(v);
    return el("div", { class: "row" }, el("dt", {}, c.label.ja), el("dd", { "data-computed": c.name }, text));
  });
}

let copyUrl = null;

/**
 * A link that saves `html` (the 申請書情報 of what was sent, from the
 * package's renderHtml) as a file the member can keep or print.
 */
export function copyLink(form, html) {
  if (copyUrl) URL.revokeObjectURL(copyUrl);
  copyUrl = URL.createObjectURL(new Blob([html], { type: "text/html" }));
  return el(
    "p",
    {},
    el("a", { href: copyUrl, download: `申請書情報_${form.title.ja}.html`, "data-testid": "copy" }, "送信した内容（申請書情報）を保存する"),
    el("span", { class: "hint" }, "（印刷して控えにできます）"),
  );
}

/** The 完了 step: what happened, and the warnings the member should read. */
export function doneContent(form, verdict, when) {
  return [
    el("p", {}, `「${form.title.ja}」を送信しました。`),
    el("p", {}, `送信日時：${when}`),
    el("p", {}, "審査の結果は、後日お知らせします。"),
    verdict.warnings.length
      ? el(
          "div",
          { class: "notice" },
          el("h3", {}, "ご確認ください"),
          el("ul", {}, verdict.warnings.map((w) => el("li", { "data-code": w.code }, w.message))),
        )
      : null,
    el("p", { class: "hint" }, "このページはデモです。申請は提出されず、送信先のサーバーで内容の確認だけを行いました。"),
  ].filter(Boolean);
}
