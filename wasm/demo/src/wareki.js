// 和暦 entry as a member expects it: 元号 + 年 + 月 + 日 (or 元号 + 年 + 月 for
// a month), composed into the text the runtime reads (`令和8年2月2日`,
// `2026年2月2日` for 西暦) and normalizes to ISO. Also the display of ISO
// dates in 和暦 (確認 step).

import { el } from "./dom.js";

/** The eras from 明治 on, newest first, with their first days (as crates/jp). */
export const ERAS = [
  { name: "令和", from: "2019-05-01" },
  { name: "平成", from: "1989-01-08" },
  { name: "昭和", from: "1926-12-25" },
  { name: "大正", from: "1912-07-30" },
  { name: "明治", from: "1868-01-25" },
];
const SEIREKI = "西暦";

/** `2026-02-02` → `{ era: "令和", year: 8, month: 2, day: 2 }` (null before 明治 or if not ISO). */
export function toWareki(iso) {
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(iso ?? "");
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), m[3] ? Number(m[3]) : null];
  const key = `${m[1]}-${m[2]}-${m[3] ?? "01"}`;
  const era = ERAS.find((e) => e.from <= key) ?? null;
  if (!era) return null;
  return { era: era.name, year: y - Number(era.from.slice(0, 4)) + 1, month: mo, day: d };
}

/** `2026-02-02` → `令和8年2月2日`; `2026-02` → `令和8年2月`; anything else as it is. */
export function formatWareki(iso) {
  const w = toWareki(iso);
  if (!w) return iso;
  const year = w.year === 1 ? "元" : String(w.year);
  return `${w.era}${year}年${w.month}月${w.day === null ? "" : `${w.day}日`}`;
}

/** The parts of a value we composed or got as ISO, for putting back into the boxes. */
function parts(value, month) {
  const iso = toWareki(value);
  if (iso) return { era: iso.era, year: String(iso.year), month: String(iso.month), day: iso.day === null ? "" : String(iso.day) };
  const re = month
    ? /^(令和|平成|昭和|大正|明治)?(\d*|元)年(\d*)月$/
    : /^(令和|平成|昭和|大正|明治)?(\d*|元)年(\d*)月(\d*)日$/;
  const m = re.exec(value ?? "");
  if (!m) return null;
  return { era: m[1] ?? SEIREKI, year: m[2], month: m[3], day: m[4] ?? "" };
}

/**
 * The boxes of one date (or month): a 元号 select, 年, 月 (and 日) with their
 * labels. `idBase` names the controls (`idBase` is the first one, so a
 * label or an error link can point at it).
 *
 * Returns `{ node, controls, get, set }`: `get()` is the text to validate
 * (`undefined` while every box is empty), `set(value)` fills the boxes from
 * an ISO date or a text `get` made. `onInput(value)` follows every change;
 * `onLeave()` runs when focus leaves the boxes after a change.
 */
export function eraDate({ idBase, value, month = false, onInput, onLeave }) {
  const era = el(
    "select",
    { id: idBase, class: "era", autocomplete: "off" },
    ...[...ERAS.map((e) => e.name), SEIREKI].map((name) => el("option", { value: name }, name)),
  );
  const box = (key, label, width) => {
    const input = el("input", {
      id: `${idBase}.${key}`,
      class: `num w${width}`,
      type: "text",
      inputmode: "numeric",
      autocomplete: "off",
      maxlength: 4,
    });
    return { input, node: el("span", { class: "part" }, input, el("label", { for: input.id }, label)) };
  };
  const y = box("year", "年", 4);
  const m = box("month", "月", 2);
  const d = month ? null : box("day", "日", 2);
  const node = el(
    "div",
    { class: "era-date" },
    el("span", { class: "part" }, el("label", { for: era.id, class: "visually-hidden" }, "元号"), era),
    y.node,
    m.node,
    d?.node,
  );
  const controls = [era, y.input, m.input, d?.input].filter(Boolean);

  const get = () => {
    const [year, mon, day] = [y.input.value.trim(), m.input.value.trim(), d?.input.value.trim() ?? ""];
    if (!year && !mon && !day) return undefined;
    const head = era.value === SEIREKI ? "" : era.value;
    return month ? `${head}${year}年${mon}月` : `${head}${year}年${mon}月${day}日`;
  };
  const set = (v) => {
    const p = parts(v, month) ?? { era: ERAS[0].name, year: "", month: "", day: "" };
    era.value = p.era;
    y.input.value = p.year;
    m.input.value = p.month;
    if (d) d.input.value = p.day;
  };
  set(value);

  let dirty = false;
  for (const c of controls) {
    c.addEventListener(c === era ? "change" : "input", () => {
      dirty = true;
      onInput(get());
    });
  }
  node.addEventListener("focusout", (e) => {
    if (dirty && !node.contains(e.relatedTarget)) onLeave();
  });
  return { node, controls, get, set };
}
