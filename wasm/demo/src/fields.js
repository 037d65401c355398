// The form's field tree as the member sees it, from describeForm: each field
// in a box with its label (a fieldset and legend when it has several
// controls), a hint, a place for its error, and its control(s); groups as
// fieldsets; lists with 追加 / 削除. Values go into `model` (the envelope's
// `fields`) as typed; every rendered field is registered by its path.

import { control } from "./controls.js";
import { controlId, el, errorId, hintId } from "./dom.js";
import * as registry from "./registry.js";

/**
 * @typedef {object} Hooks
 * @property {(path: string) => void} input   a value changed
 * @property {(path: string) => void} leave   the member is done with a field (it is "touched")
 * @property {(path: string, index: number) => void} removed  item `index` of the list at `path` is gone (later items moved up)
 */

/** The boxes of `fields`, whose object sits at `base` in the envelope and is `model`. */
export function renderFields(fields, base, model, hooks) {
  return fields.map((f) => {
    const path = `${base}/${f.id}`;
    if (f.type === "group") return group(f, path, model, hooks);
    if (f.type === "list") return list(f, path, model, hooks);
    return leaf(f, path, model, hooks);
  });
}

/** 必須 / 任意 next to a label; the feedback module keeps it up to date. */
const badge = () => el("span", { class: "badge", "aria-hidden": "true" });

function hintLine(path, ...parts) {
  const text = parts.filter(Boolean).join("。");
  return text ? el("p", { class: "hint", id: hintId(path) }, text) : null;
}
const errorLine = (path) => el("p", { class: "field-error", id: errorId(path), hidden: true });

function leaf(f, path, model, hooks) {
  const id = controlId(path);
  const c = control(f, {
    id,
    value: model[f.id],
    onInput: (v) => {
      if (v === undefined) delete model[f.id];
      else model[f.id] = v;
      hooks.input(path);
    },
    onLeave: () => hooks.leave(path),
  });
  const hint = hintLine(path, f.help?.ja, constraintsHint(f));
  const radio = c.controls[0]?.type === "radio";
  const box = c.group
    ? el(
        "fieldset",
        { class: "field", "data-path": path, "data-type": f.type, role: radio ? "radiogroup" : null },
        el("legend", {}, el("span", { class: "label" }, f.label.ja), badge()),
        hint,
        errorLine(path),
        c.node,
      )
    : el(
        "div",
        { class: "field", "data-path": path, "data-type": f.type },
        el("label", { for: id }, el("span", { class: "label" }, f.label.ja), badge()),
        hint,
        errorLine(path),
        c.node,
      );
  // Radio buttons take their state from the radiogroup; other controls each.
  registry.register({ path, label: f.label.ja, box, controls: c.controls, states: radio ? [box] : c.controls, hint: hint?.id ?? null });
  return box;
}

function group(f, path, model, hooks) {
  model[f.id] ??= {};
  const hint = hintLine(path, f.help?.ja);
  const box = el(
    "fieldset",
    { class: "field group", "data-path": path },
    el("legend", {}, el("span", { class: "label" }, f.label.ja), badge()),
    hint,
    errorLine(path),
    renderFields(f.fields ?? [], path, model[f.id], hooks),
  );
  registry.register({ path, label: f.label.ja, box, controls: [], states: [], hint: hint?.id ?? null });
  return box;
}

function list(f, path, model, hooks) {
  model[f.id] ??= [];
  const items = () => model[f.id];
  const min = f.constraints.items?.min ?? 0;
  const max = f.constraints.items?.max ?? Infinity;
  const box = el("fieldset", { class: "field list", "data-path": path });
  const holder = el("div", { class: "items" });
  const add = el("button", { type: "button", class: "secondary add" }, `${f.label.ja}を追加`);
  const hint = hintLine(path, f.help?.ja, max < Infinity ? `${max}件まで入力できます` : "");

  const redraw = () => {
    registry.dropUnder(path);
    holder.replaceChildren(
      ...items().map((item, i) => {
        const title = `${f.label.ja}（${i + 1}件目）`;
        return el(
          "fieldset",
          { class: "item", "data-item": `${path}/${i}` },
          el("legend", {}, title),
          renderFields(f.fields ?? [], `${path}/${i}`, item, hooks),
          items().length > min
            ? el("button", { type: "button", class: "link remove", onclick: () => remove(i) }, `${title}を削除`)
            : null,
        );
      }),
    );
    add.hidden = items().length >= max;
  };
  const remove = (i) => {
    items().splice(i, 1);
    hooks.removed(path, i);
    redraw();
    hooks.leave(path);
    (add.hidden ? holder.querySelector("input, select, textarea") : add)?.focus();
  };
  add.addEventListener("click", () => {
    items().push(emptyItem(f.fields ?? []));
    redraw();
    hooks.leave(path);
    holder.lastElementChild?.querySelector("input, select, textarea")?.focus();
  });
  redraw();
  box.append(
    el("legend", {}, el("span", { class: "label" }, f.label.ja), badge()),
    hint,
    errorLine(path),
    holder,
    add,
  );
  registry.register({ path, label: f.label.ja, box, controls: [], states: [], hint: hint?.id ?? null });
  return box;
}

/** Values to start from: one item for lists that need some, `{}` for groups. */
export function emptyItem(fields) {
  const out = {};
  for (const f of fields) {
    if (f.type === "group") out[f.id] = emptyItem(f.fields ?? []);
    if (f.type === "list") {
      const n = Math.min(f.constraints.items?.min ?? 0, 1);
      out[f.id] = Array.from({ length: n }, () => emptyItem(f.fields ?? []));
    }
  }
  return out;
}

/** What the member should know before typing, from the field's limits. */
function constraintsHint(f) {
  const c = f.constraints;
  const parts = [];
  if (f.type === "kana") parts.push("全角カタカナで入力してください");
  if (c.chars === "zengin") parts.push("カタカナ・英大文字・数字で入力してください");
  if (c.max_len) parts.push(`${c.max_len}文字以内`);
  if (c.digits) parts.push(c.digits.max === c.digits.min ? `数字${c.digits.min}桁` : `数字${c.digits.min}〜${c.digits.max}桁`);
  if (f.type === "postal_code") parts.push("例：100-0001");
  if (f.type === "phone") parts.push("例：03-1234-5678");
  if (f.type === "email") parts.push("例：kenpo@example.jp");
  if (f.type === "rate") parts.push("例：3/10、0.3");
  if (typeof c.min === "number" && typeof c.max === "number") parts.push(`${c.min.toLocaleString("ja-JP")}〜${c.max.toLocaleString("ja-JP")}`);
  else if (typeof c.max === "number") parts.push(`${c.max.toLocaleString("ja-JP")}以下`);
  return parts.join("、");
}
