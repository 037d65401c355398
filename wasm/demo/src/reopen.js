// Opening an application file (申請ファイル) to continue a returned (返戻)
// application: the member picks or drops the JSON file the service gave back
// with the 返戻理由のお知らせ; the runtime re-applies it (`reapply`: the
// values migrated to the version in force now, 資格 re-read from the member's
// record, never from the file) and the page continues from its envelope.
// What the member must look at again (`changes`) is shown at the fields and
// in the error summary by feedback.js; this module reads the file, calls the
// runtime and words what went wrong or what was opened.

import { reapply } from "shinsei-wasm";

import { el } from "./dom.js";
import { formatWareki } from "./wareki.js";

/** A file larger than this is not an application file (the runtime's limit for a submission is 1 MiB too). */
const MAX_BYTES = 1024 * 1024;

/**
 * Wires the file input `input` and the drop zone `zone`: each file chosen
 * or dropped goes to `onFile(file)`. Dropping is only a convenience: the
 * input is the way in by keyboard and screen reader.
 */
export function setupOpener({ input, zone, onFile }) {
  input.addEventListener("change", () => {
    const [file] = input.files;
    input.value = "";
    if (file) onFile(file);
  });
  const over = (e) => {
    if (![...(e.dataTransfer?.types ?? [])].includes("Files")) return;
    e.preventDefault();
    zone.classList.add("dropping");
  };
  zone.addEventListener("dragenter", over);
  zone.addEventListener("dragover", over);
  zone.addEventListener("dragleave", () => zone.classList.remove("dropping"));
  zone.addEventListener("drop", (e) => {
    e.preventDefault();
    zone.classList.remove("dropping");
    const [file] = e.dataTransfer?.files ?? [];
    if (file) onFile(file);
  });
}

/** Why a file could not be opened, in the member's words (by the runtime's error code). */
const REFUSED = {
  "application.malformed": "申請ファイルとして読み込めませんでした。返戻のお知らせと一緒に受け取ったファイル（.json）を、変更せずにそのまま選んでください。",
  "application.version": "このファイルの様式は、このページでは読み込めません。お手数ですが、新しく申請してください。",
  "envelope.form": "このファイルの申請書は、この電子申請では受け付けていません。",
  "envelope.version": "このファイルの申請書は、現在受け付けていません。",
};

/**
 * Re-applies the application file `file` for the member with `record` at
 * `now`; resolves to `{ out, file }` — the runtime's `Reapplication` and the
 * file as read — or throws an Error whose message is for the member.
 */
export async function reapplyFile(file, record, now) {
  if (file.size > MAX_BYTES) throw new Error("ファイルが大きすぎます。返戻のお知らせと一緒に受け取った申請ファイル（.json）を選んでください。");
  let text;
  try {
    text = await file.text();
  } catch {
    throw new Error("ファイルを読み込めませんでした。もう一度選んでください。");
  }
  let out;
  try {
    out = reapply(text, record, now);
  } catch (e) {
    throw new Error(REFUSED[e?.code] ?? "申請ファイルを読み込めませんでした。もう一度お試しください。");
  }
  return { out, file: JSON.parse(text) }; // the runtime read it: it is JSON
}

/**
 * What was opened, for the member: the form, when it was applied for, that
 * it now follows the current form (when the version changed), that the 資格
 * come from the current record, and the files to attach again (the
 * application file carries only their names).
 */
export function openedContent(form, out, file) {
  const when = file.submitted_at ? `${formatWareki(file.submitted_at.slice(0, 10))}の申請` : "前回の申請";
  const moved =
    out.from_version === out.version
      ? "入力されていた内容を表示しました。"
      : `申請書の様式が改正されたため、入力されていた内容を現在の様式に移して表示しました。`;
  const files = (file.envelope?.attachments ?? []).map((a) => {
    const slot = form.attachments.find((s) => s.slot === a.slot);
    return el("li", {}, `${a.file_name}${slot ? `（${slot.label.ja}）` : ""}`);
  });
  return [
    el("p", {}, `「${form.title.ja}」の申請ファイル（${when}）を読み込みました。${moved}`),
    el("p", {}, "ご本人の資格情報は、申請ファイルではなく現在の登録内容を使います。内容をご確認のうえ、必要な項目を直して「入力内容を確認する」を押してください。"),
    files.length
      ? el("div", {}, el("p", {}, "添付書類は申請ファイルに含まれません。次の書類をもう一度添付してください。"), el("ul", { "data-testid": "previous-files" }, files))
      : null,
  ].filter(Boolean);
}
