// Developer panels, only with `?debug` in the URL: the instant validated
// against (ISO 基準日時), who files (申請者), the time each validation took,
// the JSON being validated, the last 送信 (the text sent, the server's
// verdict, the WASM verdict on the same text, whether they are equal) and
// the bundle's hash. Members never see them.

import { el } from "./dom.js";

let panel = null;
const parts = {};

/** Shows the panel in `box`; `onNow(text)` and `onRole(role)` apply changes. */
export function setupDebug(box, { now, bundle, onNow, onRole }) {
  panel = box;
  parts.now = el("input", { id: "debug-now", type: "text", value: now ?? "", placeholder: "2026-03-02T10:00:00+09:00", "data-testid": "now-input" });
  parts.now.addEventListener("change", () => onNow(parts.now.value.trim()));
  parts.role = el("select", { id: "debug-role", "data-testid": "role-select" });
  parts.role.addEventListener("change", () => onRole(parts.role.value));
  parts.timing = el("p", { class: "timing", "data-testid": "timing" });
  parts.json = el("pre", { "data-testid": "json" });
  parts.verdicts = el("div", { "data-testid": "verdicts" });
  box.replaceChildren(
    el("h2", {}, "開発者向け（?debug）"),
    el("div", { class: "debug-row" }, el("label", { for: "debug-now" }, "基準日時（ISO 8601、空欄は現在時刻）"), parts.now),
    el("div", { class: "debug-row" }, el("label", { for: "debug-role" }, "申請者"), parts.role),
    parts.timing,
    el("p", {}, `bundle ${bundle.hash} · 申請書 ${bundle.forms} 件 · runtime ${bundle.runtime_version}`),
    el("details", {}, el("summary", {}, "検証しているJSON"), parts.json),
    parts.verdicts,
  );
  box.hidden = false;
}

export const debugOn = () => panel !== null;

/** The roles of the form being shown. */
export function debugRoles(form, role) {
  if (!panel) return;
  parts.role.replaceChildren(...form.applicants.map((a) => el("option", { value: a.id, selected: a.id === role }, `${a.ja}（${a.id}）`)));
}

/** After each validation: its time and the envelope. */
export function debugValidated(ms, envelope) {
  if (!panel) return;
  parts.timing.textContent = `validateField ${ms.toFixed(2)} ms（WASM）`;
  parts.json.textContent = JSON.stringify(envelope, null, 2);
}

/** After 送信: what was sent and both verdicts. */
export function debugSent({ sent, server, status, wasm }) {
  if (!panel) return;
  const same = server === wasm;
  parts.verdicts.replaceChildren(
    el("p", { "data-testid": "verdict-match", "data-match": String(same) }, same ? "サーバーとWASMの判定は一致しました（バイト単位）" : `サーバーとWASMの判定が異なります（HTTP ${status}）`),
    el("details", {}, el("summary", {}, "送信したJSON"), el("pre", {}, sent)),
    el("details", {}, el("summary", {}, "サーバーの判定"), el("pre", { "data-testid": "server-verdict" }, server)),
    el("details", {}, el("summary", {}, "WASMの判定"), el("pre", { "data-testid": "wasm-verdict" }, wasm)),
  );
}
