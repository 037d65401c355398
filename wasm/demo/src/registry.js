// Every rendered field by its JSON Pointer (real list indices): its box, its
// controls and where its ARIA state goes. The feedback module marks errors
// through it; the error summary focuses through it.

/**
 * @typedef {object} Entry
 * @property {string} path        JSON Pointer, e.g. `/fields/leave/0/to`
 * @property {string} label       the field's label (for the error summary)
 * @property {HTMLElement} box    the element with `data-path`
 * @property {HTMLElement[]} controls  focusable controls, first = where errors lead
 * @property {HTMLElement[]} states    where `aria-required` / `aria-invalid` go
 * @property {string|null} hint   id of the hint text, if any
 */

/** @type {Map<string, Entry>} */
const entries = new Map();

export function register(entry) {
  entries.set(entry.path, entry);
}

export function get(path) {
  return entries.get(path);
}

export function all() {
  return entries.values();
}

/** Forgets `path` itself (when `self`) and everything under it (a list being redrawn). */
export function dropUnder(path, self = false) {
  for (const key of [...entries.keys()]) {
    if (key.startsWith(`${path}/`) || (self && key === path)) entries.delete(key);
  }
}

export function clear() {
  entries.clear();
}

/** The rendered field at `path`, or the nearest one above it (`/fields/p/from` → the period `/fields/p`). */
export function nearest(path) {
  for (let p = path; p; p = p.slice(0, p.lastIndexOf("/"))) {
    const e = entries.get(p);
    if (e) return e;
  }
  return undefined;
}

/** Where focus goes for `entry`: its checked radio, else its first control, else the first one inside it (groups, lists). */
export function focusTarget(entry) {
  return (
    entry.controls.find((c) => c.type === "radio" && c.checked) ??
    entry.controls[0] ??
    entry.box.querySelector("input, select, textarea, button") ??
    null
  );
}
