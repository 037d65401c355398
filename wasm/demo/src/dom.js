// DOM helpers shared by every module of the page: element creation, the ids
// derived from a field's JSON Pointer, and moving focus.

/**
 * `el("p", { class: "hint", id }, "text", child)`: an element with
 * attributes (`on…` are listeners; `false`, `null` and `undefined` are left
 * out; `true` is an empty attribute) and children.
 */
export function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === "class") e.className = v;
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children.flat(Infinity)) if (c !== null && c !== undefined && c !== false) e.append(c);
  return e;
}

/** A JSON Pointer as an id fragment: `/fields/leave/0/from` → `fields.leave.0.from` (ids are snake_case, so no clash). */
const slug = (path) => path.replace(/^\//, "").replaceAll("/", ".");

/** The id of the control that takes the value at `path`. */
export const controlId = (path) => `in.${slug(path)}`;
/** The id of the error text of the field at `path`. */
export const errorId = (path) => `err.${slug(path)}`;
/** The id of the hint under the field at `path`. */
export const hintId = (path) => `hint.${slug(path)}`;

/** Moves focus to `node` and brings it (with its label) into view. */
export function focusInto(node) {
  if (!node) return;
  node.focus({ preventScroll: true });
  const box = node.closest("[data-path], section") ?? node;
  box.scrollIntoView({ block: "start", behavior: "instant" });
}

/** Sets or removes an attribute (`null`/`false` removes it). */
export function attr(node, name, value) {
  if (value === null || value === false || value === undefined) node.removeAttribute(name);
  else node.setAttribute(name, value === true ? "true" : String(value));
}

/** Space-separated ids, without empties or repeats. */
export const ids = (...list) => [...new Set(list.filter(Boolean))].join(" ") || null;
