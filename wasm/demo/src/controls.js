// The control(s) of one leaf field, by its type in describeForm: text boxes,
// 和暦 date boxes, radio buttons, a select, check boxes. Each builder returns
// `{ node, controls, group }`: `controls` are the focusable elements (the
// first is where a label or an error link leads), `group` says that the
// field needs a fieldset and legend (several controls) rather than a label.

import { el } from "./dom.js";
import { eraDate } from "./wareki.js";

/** Types typed as numbers (`inputmode`), and those sent as JSON numbers when they are plain digits. */
const NUMERIC = new Set(["integer", "yen", "digits", "postal_code", "phone"]);
const NUMBER = new Set(["integer", "yen"]);
/** What the browser may offer to fill in (WCAG 1.3.5), only where it is the member's own. */
const KEYBOARD = { email: "email", phone: "tel" };
/** Radio buttons up to this many options; a select above. */
const MAX_RADIOS = 4;

/**
 * `f` is the field's description, `id` the id of its first control, `value`
 * its current value; `onInput(value)` follows every change, `onLeave()`
 * runs when the member is done with it (the field is then "touched").
 */
export function control(f, { id, value, onInput, onLeave }) {
  switch (f.type) {
    case "date":
    case "month": {
      const w = eraDate({ idBase: id, value, month: f.type === "month", onInput, onLeave });
      return { node: w.node, controls: w.controls, group: true };
    }
    case "period":
      return period(f, { id, value, onInput, onLeave });
    case "bool":
      return radios(id, [["true", "はい"], ["false", "いいえ"]], value === undefined ? undefined : String(value), (v) => {
        onInput(v === "true");
        onLeave();
      });
    case "choice":
      if (f.options.length <= MAX_RADIOS) {
        return radios(id, f.options.map((o) => [o.key, o.label.ja]), value, (v) => {
          onInput(v);
          onLeave();
        });
      }
      return select(f, { id, value, onInput, onLeave });
    case "multi":
      return checkboxes(f, { id, value, onInput, onLeave });
    default:
      return textBox(f, { id, value, onInput, onLeave });
  }
}

function textBox(f, { id, value, onInput, onLeave }) {
  const long = (f.constraints.max_len ?? 0) >= 100;
  const input = el(long ? "textarea" : "input", {
    id,
    type: long ? undefined : f.type === "email" ? "email" : "text",
    rows: long ? 3 : undefined,
    class: NUMERIC.has(f.type) ? `num w${Math.min(f.constraints.digits?.max ?? 11, 11)}` : null,
    inputmode: NUMERIC.has(f.type) ? "numeric" : f.type === "email" ? "email" : undefined,
    autocomplete: KEYBOARD[f.type] ?? "off",
    spellcheck: "false",
  });
  input.value = value === undefined || value === null ? "" : String(value);
  input.addEventListener("input", () => onInput(read(f, input.value)));
  input.addEventListener("change", onLeave);
  const unit = f.type === "yen" ? el("span", { class: "unit", "aria-hidden": "true" }, "円") : null;
  return { node: el("div", { class: "control" }, input, unit), controls: [input], group: false };
}

/** A typed amount is sent as a number when it is one; otherwise as typed (the runtime normalizes `"300,000"` or explains). */
function read(f, text) {
  const t = text.trim();
  if (!t) return undefined;
  return NUMBER.has(f.type) && /^-?\d+$/.test(t) ? Number(t) : text;
}

function radios(id, options, value, onChoose) {
  const inputs = options.map(([key, label], i) =>
    el("input", { type: "radio", id: i ? `${id}.${key}` : id, name: id, value: key, checked: key === value }),
  );
  inputs.forEach((input) => input.addEventListener("change", () => onChoose(input.value)));
  const node = el(
    "div",
    { class: options.length > 2 ? "choices stacked" : "choices" },
    options.map(([, label], i) => el("label", { class: "choice", for: inputs[i].id }, inputs[i], el("span", {}, label))),
  );
  return { node, controls: inputs, group: true };
}

function select(f, { id, value, onInput, onLeave }) {
  const s = el(
    "select",
    { id },
    el("option", { value: "" }, "選択してください"),
    f.options.map((o) => el("option", { value: o.key, selected: o.key === value }, o.label.ja)),
  );
  s.addEventListener("change", () => {
    onInput(s.value || undefined);
    onLeave();
  });
  return { node: el("div", { class: "control" }, s), controls: [s], group: false };
}

function checkboxes(f, { id, value, onInput, onLeave }) {
  const chosen = new Set(Array.isArray(value) ? value : []);
  const inputs = f.options.map((o, i) =>
    el("input", { type: "checkbox", id: i ? `${id}.${o.key}` : id, value: o.key, checked: chosen.has(o.key) }),
  );
  for (const input of inputs) {
    input.addEventListener("change", () => {
      input.checked ? chosen.add(input.value) : chosen.delete(input.value);
      const list = f.options.map((o) => o.key).filter((k) => chosen.has(k));
      onInput(list.length ? list : undefined);
      onLeave();
    });
  }
  const node = el(
    "div",
    { class: "choices stacked" },
    f.options.map((o, i) => el("label", { class: "choice", for: inputs[i].id }, inputs[i], el("span", {}, o.label.ja))),
  );
  return { node, controls: inputs, group: true };
}

/** A period: 開始日 and 終了日, each as 和暦 boxes. */
function period(f, { id, value, onInput, onLeave }) {
  const now = { ...(value && typeof value === "object" ? value : {}) };
  let dirty = false;
  const half = (key, label) => {
    const w = eraDate({
      idBase: key === "from" ? id : `${id}.to`,
      value: now[key],
      onInput: (v) => {
        dirty = true;
        v === undefined ? delete now[key] : (now[key] = v);
        onInput(Object.keys(now).length ? { ...now } : undefined);
      },
      onLeave: () => {}, // the period is done when focus leaves both halves
    });
    return { w, node: el("fieldset", { class: "sub" }, el("legend", {}, label), w.node) };
  };
  const from = half("from", "開始日");
  const to = half("to", "終了日");
  const node = el("div", { class: "period" }, from.node, to.node);
  node.addEventListener("focusout", (e) => {
    if (dirty && !node.contains(e.relatedTarget)) onLeave();
  });
  return { node, controls: [...from.w.controls, ...to.w.controls], group: true };
}
