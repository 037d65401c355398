// Attachment slots: what each takes, a file input, the files chosen (with
// 削除), and where their errors go. Only metadata enters the envelope (name,
// type, size, and pixels of images); the runtime checks it against the slot.

import { controlId, el, errorId, hintId } from "./dom.js";
import * as registry from "./registry.js";

const KINDS = { "application/pdf": "PDF", "image/jpeg": "JPEG", "image/png": "PNG" };
const mb = (bytes) => `${Math.round(bytes / 1024 / 1024)}MB`;
const kb = (bytes) => `${Math.ceil(bytes / 1024).toLocaleString("ja-JP")}KB`;

/**
 * The slots of `form`; `files` is the envelope's `attachments` array (changed
 * in place); `onChange(slot)` runs after a file is added or removed.
 */
export function renderAttachments(form, files, onChange) {
  if (!form.attachments.length) return [el("p", { class: "hint" }, "この申請に添付書類はありません。")];
  return form.attachments.map((a) => slot(a, files, onChange));
}

function slot(a, files, onChange) {
  const key = `slot:${a.slot}`;
  const id = controlId(`/slot/${a.slot}`);
  const list = el("ul", { class: "files" });
  const hint = el(
    "p",
    { class: "hint", id: hintId(key) },
    [a.help?.ja, `${a.accept.map((m) => KINDS[m] ?? m).join("・")}、1ファイル${mb(a.max_size)}まで、${a.max_count}ファイルまで`]
      .filter(Boolean)
      .join("。"),
  );
  const input = el("input", { id, type: "file", multiple: a.max_count > 1, accept: a.accept.join(",") });
  const box = el(
    "div",
    { class: "field slot", "data-slot": a.slot, "data-path": key },
    el("label", { for: id }, el("span", { class: "label" }, a.label.ja), el("span", { class: "badge", "aria-hidden": "true" })),
    hint,
    el("p", { class: "field-error", id: errorId(key), hidden: true }),
    input,
    list,
  );
  const redraw = () => {
    list.replaceChildren(
      ...files
        .map((f, i) => [f, i])
        .filter(([f]) => f.slot === a.slot)
        .map(([f, i]) => {
          const path = `/attachments/${i}`;
          const remove = el("button", { type: "button", class: "link remove" }, `${f.file_name}を削除`);
          remove.addEventListener("click", () => {
            files.splice(i, 1);
            redrawAll(box);
            onChange(a.slot);
            input.focus();
          });
          const item = el(
            "li",
            { "data-path": path },
            el("span", { class: "file-name" }, `${f.file_name}（${kb(f.size)}）`),
            remove,
            el("p", { class: "field-error", id: errorId(path), hidden: true }),
          );
          registry.register({ path, label: `${a.label.ja}：${f.file_name}`, box: item, controls: [remove], states: [], hint: null });
          return item;
        }),
    );
  };
  box.redraw = redraw;
  input.addEventListener("change", async () => {
    for (const file of input.files) files.push(await describeFile(a.slot, file));
    input.value = "";
    redrawAll(box);
    onChange(a.slot);
  });
  redraw();
  registry.register({ path: key, label: a.label.ja, box, controls: [input], states: [input], hint: hint.id, slot: a });
  return box;
}

/** Indices shift when a file goes: every slot's list is redrawn. */
function redrawAll(box) {
  registry.dropUnder("/attachments");
  for (const other of box.parentElement?.querySelectorAll("[data-slot]") ?? []) other.redraw();
}

async function describeFile(slot, file) {
  const entry = { slot, file_name: file.name, media_type: file.type || "application/octet-stream", size: file.size };
  if (file.type.startsWith("image/")) {
    try {
      const bitmap = await createImageBitmap(file);
      Object.assign(entry, { width: bitmap.width, height: bitmap.height });
      bitmap.close();
    } catch {
      // Not decodable: the runtime checks what it can.
    }
  }
  return entry;
}
