// The 確認 step: what will be sent, as the member reads it — labels from the
// form, dates in 和暦, choices by their labels, amounts in 円 — from the
// normalized submission (so it shows what the service will receive).

import { el } from "./dom.js";
import { formatWareki } from "./wareki.js";

/** The rows of `envelope` (normalized, hidden fields left out) for `form`. */
export function renderConfirm(form, envelope, prefill, computed) {
  const sections = [
    section("ご本人の資格情報", prefill.entries.map((e) => [e.label.ja, qualification(e.id, envelope.qualification?.[e.id])])),
    section(form.title.ja, rows(form.fields, envelope.fields ?? {})),
  ];
  if (form.attachments.length) {
    const files = form.attachments
      .map((a) => [a.label.ja, (envelope.attachments ?? []).filter((f) => f.slot === a.slot).map((f) => f.file_name)])
      .filter(([, names]) => names.length)
      .map(([label, names]) => [label, names.join("、")]);
    sections.push(section("添付書類", files.length ? files : [["添付書類", "なし"]]));
  }
  const amounts = form.computed.filter((c) => computed[c.name] !== undefined && computed[c.name] !== null);
  if (amounts.length) {
    sections.push(section("計算の目安", amounts.map((c) => [c.label.ja, value({ type: c.type }, computed[c.name])])));
  }
  return sections;
}

function section(title, list) {
  return el("section", { class: "confirm-section" }, el("h3", {}, title), dl(list));
}

/** Rows of `[label, text or nested rows]`: a group or a list item is a list of its own. */
function dl(list) {
  return el(
    "dl",
    { class: "confirm" },
    list.map(([k, v]) => el("div", { class: Array.isArray(v) ? "row nested" : "row" }, el("dt", {}, k), el("dd", {}, Array.isArray(v) ? dl(v) : v))),
  );
}

/** `[label, text]` for each field with a value; groups and list items nest. */
function rows(fields, values) {
  const out = [];
  for (const f of fields) {
    const v = values[f.id];
    if (v === undefined || v === null) continue;
    if (f.type === "group") out.push([f.label.ja, rows(f.fields ?? [], v)]);
    else if (f.type === "list") {
      v.forEach((item, i) => out.push([`${f.label.ja}（${i + 1}件目）`, rows(f.fields ?? [], item)]));
    } else out.push([f.label.ja, value(f, v)]);
  }
  return out;
}

function value(f, v) {
  switch (f.type) {
    case "bool":
      return v ? "はい" : "いいえ";
    case "choice":
      return f.options?.find((o) => o.key === v)?.label.ja ?? String(v);
    case "multi":
      return v.map((k) => f.options?.find((o) => o.key === k)?.label.ja ?? k).join("、");
    case "date":
    case "month":
      return formatWareki(v);
    case "period":
      return `${formatWareki(v.from ?? "")} 〜 ${formatWareki(v.to ?? "")}`;
    case "yen":
      return `${Number(v).toLocaleString("ja-JP")}円`;
    default:
      return typeof v === "object" ? JSON.stringify(v) : String(v);
  }
}

function qualification(id, v) {
  if (v === undefined || v === null) return "（登録なし）";
  if (id === "sex") return v === "male" ? "男性" : v === "female" ? "女性" : v;
  if (id === "birth_date") return formatWareki(v);
  return v;
}
