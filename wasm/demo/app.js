// The portal demo: renders any bundled form from describeForm, fills the
// 資格 fields from a sample qualification record (prefill), and validates as
// the member types (validateField) with the same WASM runtime the server
// runs. Plain ES module, no framework.
import init, { bundleInfo, describeForm, listForms, prefill, validateField } from "../pkg/web/shinsei_wasm.js";

/** The member's qualification record (from the qualification system in the real portal). */
const SAMPLE_RECORD = {
  insurer_number: "01130012",
  branch: "東京",
  symbol: "12345678",
  number: "1",
  branch_no: "00",
  name_kanji: "協会 太郎",
  name_kana: "キョウカイ タロウ",
  sex: "male",
  birth_date: "1989-05-10",
};

const $ = (sel, root = document) => root.querySelector(sel);
const el = (tag, attrs = {}, ...children) => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === "class") e.className = v;
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined) e.append(c);
  return e;
};
const byPath = (path) => document.querySelector(`[data-path="${CSS.escape(path)}"]`);

const state = {
  form: null, // FormDescription
  prefill: null, // Prefill
  role: "insured",
  values: {}, // the `fields` object being edited
  attachments: [], // [{slot, file_name, media_type, size, width?, height?}]
  touched: new Set(),
  showAll: false,
  visible: new Map(), // path → visible (last field states)
};

const params = new URLSearchParams(location.search);

function now() {
  const text = $("#now-input").value.trim();
  return text || new Date();
}

function footer() {
  const b = bundleInfo();
  return `shinsei ${b.runtime_version} · 申請書 ${b.forms} 件 · bundle ${b.hash.slice(7, 19)}`;
}

// ---------------------------------------------------------------- picking a form

function setupPicker() {
  const select = $("#form-select");
  const seen = new Set();
  const groups = new Map();
  for (const f of listForms()) {
    if (seen.has(f.id)) continue;
    seen.add(f.id);
    if (!groups.has(f.category.ja)) groups.set(f.category.ja, el("optgroup", { label: f.category.ja }));
    groups.get(f.category.ja).append(el("option", { value: f.id }, f.title.ja));
  }
  select.append(...groups.values());
  select.value = params.get("form") ?? "shobyo_teate";
  select.addEventListener("change", () => load(select.value));
  $("#role-select").addEventListener("change", (e) => {
    state.role = e.target.value;
    recheck();
  });
  $("#now-input").addEventListener("change", () => load(select.value));
  $("#check").addEventListener("click", () => {
    state.showAll = true;
    recheck();
    const first = document.querySelector(".has-error:not([hidden])");
    first?.scrollIntoView({ behavior: "smooth", block: "center" });
  });
  load(select.value);
}

function load(id) {
  let form;
  try {
    form = describeForm(id, null, now());
  } catch (e) {
    if (e.code === "argument.now") {
      showStatus("error", [`基準日時が読めません: ${e.message}`]);
      return;
    }
    form = describeForm(id); // not effective at `now`: the newest version
  }
  state.form = form;
  state.prefill = prefill(id, SAMPLE_RECORD, form.version);
  state.values = initial(form.fields);
  state.attachments = [];
  state.touched = new Set();
  state.showAll = false;
  state.role = form.applicants.some((a) => a.id === "insured") ? "insured" : form.applicants[0].id;
  const roles = $("#role-select");
  roles.replaceChildren(...form.applicants.map((a) => el("option", { value: a.id }, a.ja)));
  roles.value = state.role;
  document.title = `${form.title.ja}｜けんぽ電子申請（デモ）`;
  $(".form-title").textContent = form.title.ja;
  renderQualification();
  $("#fields").replaceChildren(...renderFields(form.fields, "/fields", state.values));
  renderAttachments();
  recheck();
}

/** Empty values: `min` items for lists that need some, `{}` for groups. */
function initial(fields) {
  const out = {};
  for (const f of fields) {
    if (f.type === "group") out[f.id] = initial(f.fields ?? []);
    if (f.type === "list") {
      const n = Math.min(f.constraints.items?.min ?? 0, 1);
      out[f.id] = Array.from({ length: n }, () => initial(f.fields ?? []));
    }
  }
  return out;
}

// ---------------------------------------------------------------- rendering

function renderQualification() {
  const box = $("#qualification");
  const values = Object.fromEntries(state.prefill.entries.map((e) => [e.id, e.value]));
  box.replaceChildren(
    ...state.form.qualification.map((q) =>
      el(
        "div",
        { class: "field qual", "data-path": q.path },
        el("label", { class: "field-label", for: inputId(q.path) }, q.label.ja),
        el("input", {
          id: inputId(q.path),
          type: "text",
          readonly: true,
          value: display(q.id, values[q.id]),
          "aria-readonly": "true",
        }),
        el("p", { class: "error", hidden: true }),
      ),
    ),
  );
}

function display(id, v) {
  if (v === null || v === undefined) return "（未登録）";
  if (id === "sex") return v === "male" ? "男" : v === "female" ? "女" : v;
  return v;
}

const inputId = (path) => `in${path.replace(/[^a-z0-9]/gi, "_")}`;

/** The widgets of `fields`, whose object sits at `base` and holds `model`. */
function renderFields(fields, base, model) {
  return fields.map((f) => {
    const path = `${base}/${f.id}`;
    if (f.type === "group") {
      model[f.id] ??= {};
      return el(
        "fieldset",
        { class: "field group", "data-path": path },
        el("legend", {}, f.label.ja, requiredMark()),
        help(f),
        el("p", { class: "error", hidden: true }),
        ...renderFields(f.fields ?? [], path, model[f.id]),
      );
    }
    if (f.type === "list") return renderList(f, path, model);
    return renderLeaf(f, path, model);
  });
}

function renderList(f, path, model) {
  model[f.id] ??= [];
  const items = el("div", { class: "items" });
  const max = f.constraints.items?.max ?? Infinity;
  const redraw = () => {
    items.replaceChildren(
      ...model[f.id].map((item, i) =>
        el(
          "fieldset",
          { class: "item", "data-item": `${path}/${i}` },
          el(
            "legend",
            {},
            `${i + 1}件目`,
            el("button", {
              type: "button",
              class: "link",
              "aria-label": `${f.label.ja}（${i + 1}）を削除`,
              onclick: () => {
                model[f.id].splice(i, 1);
                redraw();
                changed(path);
              },
            }, "削除"),
          ),
          ...renderFields(f.fields ?? [], `${path}/${i}`, item),
        ),
      ),
    );
    add.hidden = model[f.id].length >= max;
  };
  const add = el("button", {
    type: "button",
    class: "add",
    onclick: () => {
      model[f.id].push(initial(f.fields ?? []));
      redraw();
      changed(path);
    },
  }, `＋ ${f.label.ja}を追加`);
  redraw();
  return el(
    "fieldset",
    { class: "field list", "data-path": path },
    el("legend", {}, f.label.ja, requiredMark()),
    help(f, max < Infinity ? `${max}件まで` : ""),
    el("p", { class: "error", hidden: true }),
    items,
    add,
  );
}

function renderLeaf(f, path, model) {
  const id = inputId(path);
  const set = (v) => {
    if (v === "" || v === undefined || (Array.isArray(v) && !v.length)) delete model[f.id];
    else model[f.id] = v;
    changed(path);
  };
  let control;
  switch (f.type) {
    case "bool":
      control = radios(id, [["true", "はい"], ["false", "いいえ"]], (v) => set(v === "true"));
      break;
    case "choice":
      control =
        f.options.length <= 4
          ? radios(id, f.options.map((o) => [o.key, o.label.ja]), set)
          : el(
              "select",
              { id, onchange: (e) => set(e.target.value) },
              el("option", { value: "" }, "選択してください"),
              ...f.options.map((o) => el("option", { value: o.key }, o.label.ja)),
            );
      break;
    case "multi": {
      const chosen = new Set();
      control = el(
        "div",
        { class: "choices", id },
        ...f.options.map((o) =>
          el(
            "label",
            { class: "choice" },
            el("input", {
              type: "checkbox",
              value: o.key,
              onchange: (e) => {
                e.target.checked ? chosen.add(o.key) : chosen.delete(o.key);
                set(f.options.map((x) => x.key).filter((k) => chosen.has(k)));
              },
            }),
            o.label.ja,
          ),
        ),
      );
      break;
    }
    case "period": {
      const part = {};
      const input = (key, label) =>
        el("input", {
          type: "text",
          "aria-label": `${f.label.ja}（${label}）`,
          "data-part": key,
          placeholder: "2026-01-13 / 令和8年1月13日",
          oninput: (e) => {
            e.target.value ? (part[key] = e.target.value) : delete part[key];
            set(Object.keys(part).length ? { ...part } : "");
          },
        });
      control = el("div", { class: "period", id }, input("from", "開始"), el("span", {}, "〜"), input("to", "終了"));
      break;
    }
    default:
      control = el("input", {
        id,
        type: "text",
        inputmode: NUMERIC.has(f.type) ? "numeric" : f.type === "email" ? "email" : undefined,
        placeholder: PLACEHOLDER[f.type],
        oninput: (e) => set(NUMBER.has(f.type) ? number(e.target.value) : e.target.value),
      });
  }
  const suffix = f.type === "yen" ? el("span", { class: "unit" }, "円") : null;
  return el(
    "div",
    { class: "field", "data-path": path, "data-type": f.type },
    el("label", { class: "field-label", for: id }, f.label.ja, requiredMark()),
    el("div", { class: "control" }, control, suffix),
    help(f, hint(f)),
    el("p", { class: "error", hidden: true }),
  );
}

const NUMERIC = new Set(["integer", "yen", "digits", "postal_code", "phone"]);
const NUMBER = new Set(["integer", "yen"]);
const PLACEHOLDER = {
  date: "2026-01-13 / 令和8年1月13日",
  month: "2026-01",
  postal_code: "1000001",
  phone: "0312345678",
  rate: "3/10",
  yen: "0",
};

/** A typed amount: a plain number when it is one, else the text (the runtime normalizes or explains). */
function number(text) {
  return /^-?\d+$/.test(text.trim()) ? Number(text.trim()) : text;
}

function radios(id, options, onchange) {
  return el(
    "div",
    { class: "choices", id, role: "radiogroup" },
    ...options.map(([value, label]) =>
      el(
        "label",
        { class: "choice" },
        el("input", { type: "radio", name: id, value, onchange: (e) => onchange(e.target.value) }),
        label,
      ),
    ),
  );
}

function hint(f) {
  const c = f.constraints;
  const parts = [];
  if (c.max_len) parts.push(`${c.max_len}文字以内`);
  if (c.digits) parts.push(c.digits.max === c.digits.min ? `${c.digits.min}桁` : `${c.digits.min}〜${c.digits.max}桁`);
  if (c.min !== undefined && c.min !== null && f.type !== "yen") parts.push(`${c.min}以上`);
  if (c.max !== undefined && c.max !== null) parts.push(`${c.max.toLocaleString("ja-JP")}以下`);
  if (f.type === "kana") parts.push("全角カタカナ");
  if (c.chars === "zengin") parts.push("カナ・英大文字・数字");
  return parts.join("・");
}

function help(f, extra = "") {
  const text = [f.help?.ja, extra].filter(Boolean).join("（") + (f.help?.ja && extra ? "）" : "");
  return text ? el("p", { class: "help" }, text) : null;
}

const requiredMark = () => el("span", { class: "req", hidden: true }, "必須");

function renderAttachments() {
  const box = $("#attachments");
  const fmt = (bytes) => `${Math.round(bytes / 1024 / 1024)}MB`;
  const kinds = { "application/pdf": "PDF", "image/jpeg": "JPEG", "image/png": "PNG" };
  box.replaceChildren(
    ...state.form.attachments.map((a) => {
      const id = `file_${a.slot}`;
      const list = el("ul", { class: "files" });
      const input = el("input", {
        id,
        type: "file",
        multiple: a.max_count > 1,
        accept: a.accept.join(","),
        onchange: async (e) => {
          for (const file of e.target.files) state.attachments.push(await describeFile(a.slot, file));
          e.target.value = "";
          drawFiles();
          state.touched.add(`slot:${a.slot}`);
          changed(`/attachments`);
        },
      });
      const drawFiles = () =>
        list.replaceChildren(
          ...state.attachments
            .map((f, i) => [f, i])
            .filter(([f]) => f.slot === a.slot)
            .map(([f, i]) =>
              el(
                "li",
                { "data-path": `/attachments/${i}` },
                `${f.file_name}（${Math.ceil(f.size / 1024).toLocaleString("ja-JP")}KB）`,
                el("button", {
                  type: "button",
                  class: "link",
                  onclick: () => {
                    state.attachments.splice(i, 1);
                    renderAttachments();
                    changed(`/attachments`);
                  },
                }, "削除"),
                el("p", { class: "error", hidden: true }),
              ),
            ),
        );
      drawFiles();
      return el(
        "div",
        { class: "field slot", "data-slot": a.slot },
        el("p", { class: "field-label" }, a.label.ja, el("span", { class: "slot-need" })),
        a.help ? el("p", { class: "help" }, a.help.ja) : null,
        el(
          "p",
          { class: "help" },
          `${a.accept.map((m) => kinds[m] ?? m).join("・")}、1ファイル${fmt(a.max_size)}まで、${a.max_count}ファイルまで`,
        ),
        el("div", { class: "file-row" }, input, el("label", { class: "file-button", for: id }, "ファイルを選ぶ")),
        list,
        el("p", { class: "error", hidden: true }),
      );
    }),
  );
}

async function describeFile(slot, file) {
  const entry = { slot, file_name: file.name, media_type: file.type || "application/octet-stream", size: file.size };
  if (file.type.startsWith("image/")) {
    try {
      const bitmap = await createImageBitmap(file);
      Object.assign(entry, { width: bitmap.width, height: bitmap.height });
      bitmap.close();
    } catch {
      // not decodable: the runtime checks what it can
    }
  }
  return entry;
}

// ---------------------------------------------------------------- validating

function submission() {
  return {
    form: state.form.id,
    version: state.form.version,
    ...(typeof now() === "string" ? { submitted_at: now() } : {}),
    applicant: { role: state.role },
    qualification: state.prefill.qualification,
    fields: state.values,
    attachments: state.attachments,
  };
}

/** After every change: mark the field touched and check again. */
function changed(path) {
  state.touched.add(path);
  recheck();
}

/**
 * The whole submission, on every keystroke: one validateField call gives the
 * errors (at or under "", so all of them), whether each field is shown and
 * required, the computed amounts and the attachment slots. Errors are shown
 * next to the fields the member has touched (all of them after 確認する).
 */
function recheck() {
  const sub = submission();
  const t = performance.now();
  const v = validateField(sub, "", now());
  const ms = performance.now() - t;
  applyStates(v.fields);
  const hiddenValue = (e) => e.code === "unknown_field" && state.visible.get(e.path) === false;
  const byField = new Map();
  for (const issue of [...v.errors, ...v.warnings]) {
    if (hiddenValue(issue)) continue;
    byField.set(issue.path, [...(byField.get(issue.path) ?? []), issue]);
  }
  const shown = new Set();
  for (const box of document.querySelectorAll("[data-path]")) {
    const path = box.dataset.path;
    const open = state.showAll || state.touched.has(path) || path.startsWith("/qualification");
    const issues = open ? (byField.get(path) ?? []) : [];
    showErrors(box, issues);
    if (issues.length) shown.add(path);
  }
  updateSlots(v);
  updateComputed(v);
  const rest = [...v.errors, ...v.warnings].filter(
    (e) => !shown.has(e.path) && !hiddenValue(e) && (state.showAll || e.path === "" || e.severity === "warning"),
  );
  if (v.form_valid) {
    showStatus("ok", ["入力内容に誤りはありません"], rest, ms);
  } else {
    const lines = state.showAll
      ? [`入力内容を確認してください（${v.form_errors}件）`]
      : [`未入力・誤り ${v.form_errors}件`, "入力を続けるか「入力内容を確認する」を押してください"];
    showStatus("error", lines, rest, ms);
  }
  $("#json").textContent = JSON.stringify(clean(sub), null, 2);
}

function applyStates(fields) {
  state.visible = new Map(fields.map((f) => [f.path, f.visible]));
  for (const f of fields) {
    const box = byPath(f.path);
    if (!box) continue;
    box.hidden = !f.visible;
    const mark = box.querySelector(":scope > .field-label .req, :scope > legend .req");
    if (mark) mark.hidden = !f.required;
  }
}

function showErrors(box, issues) {
  const p = box.querySelector(":scope > .error");
  if (!p) return;
  p.replaceChildren(...issues.map((i) => el("span", { class: i.severity, "data-code": i.code }, i.message)));
  p.hidden = issues.length === 0;
  box.classList.toggle("has-error", issues.some((i) => i.severity === "error"));
}

function updateSlots(r) {
  for (const box of document.querySelectorAll("[data-slot]")) {
    const slot = box.dataset.slot;
    const need = box.querySelector(".slot-need");
    const required = r.attachments.required.includes(slot);
    const missing = r.attachments.missing.includes(slot);
    const desc = state.form.attachments.find((a) => a.slot === slot);
    need.textContent = required ? "必須" : desc.required === "conditional" ? "今回は不要" : "任意";
    need.className = `slot-need ${required ? "req" : "opt"}`;
    const show = missing && (state.showAll || state.touched.has(`slot:${slot}`));
    const p = box.querySelector(":scope > .error");
    p.replaceChildren(show ? el("span", { class: "error", "data-code": "attachment.missing" }, `「${desc.label.ja}」を添付してください`) : "");
    p.hidden = !show;
    box.classList.toggle("has-error", show);
  }
}

function updateComputed(r) {
  const dl = $("#computed");
  if (!state.form.computed.length) {
    dl.replaceChildren(el("p", { class: "help" }, "この申請書には計算項目はありません"));
    return;
  }
  dl.replaceChildren(
    ...state.form.computed.flatMap((c) => {
      const v = r.computed[c.name];
      const text =
        v === undefined ? "—" : c.type === "yen" ? `${Number(v).toLocaleString("ja-JP")}円` : typeof v === "object" ? JSON.stringify(v) : String(v);
      return [el("dt", {}, c.label.ja), el("dd", { "data-computed": c.name }, text)];
    }),
  );
}

function showStatus(kind, lines, issues = [], ms) {
  const box = $("#status");
  box.className = `status ${kind}`;
  box.dataset.valid = kind === "ok" ? "true" : "false";
  const parts = [
    ...lines.map((l, i) => el("p", { class: i ? "status-hint" : "status-line" }, l)),
    issues.length
      ? el("ul", {}, ...issues.map((i) => el("li", { class: i.severity, "data-code": i.code }, i.message)))
      : null,
    ms === undefined ? null : el("p", { class: "timing" }, `検証 ${ms.toFixed(2)} ms（WASM）`),
  ];
  box.replaceChildren(...parts.filter(Boolean));
}

/** The submission as it would be sent: hidden fields and empty objects left out. */
function clean(sub) {
  const strip = (v, path) => {
    if (Array.isArray(v)) return v.map((x, i) => strip(x, `${path}/${i}`));
    if (v && typeof v === "object") {
      const out = {};
      for (const [k, x] of Object.entries(v)) {
        const p = `${path}/${k}`;
        if (state.visible.get(p) === false) continue;
        const y = strip(x, p);
        if (y && typeof y === "object" && !Array.isArray(y) && !Object.keys(y).length) continue;
        out[k] = y;
      }
      return out;
    }
    return v;
  };
  return { ...sub, fields: strip(sub.fields, "/fields") };
}

// ---------------------------------------------------------------- start

await init();
$("#now-input").value = params.get("now") ?? "";
setupPicker();
$("#bundle-info").textContent = footer();
