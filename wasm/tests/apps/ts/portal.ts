// A portal page's code against the browser entry (moduleResolution bundler).
import init, {
  bundleInfo,
  describeForm,
  fieldStates,
  initSync,
  isShinseiError,
  listForms,
  loadBundle,
  prefill,
  resetBundle,
  validate,
  validateField,
  validateJson,
  type BundleInfo,
  type FieldDescription,
  type FieldState,
  type FieldValidation,
  type FormDescription,
  type FormSummary,
  type Issue,
  type Prefill,
  type QualificationRecord,
  type ShinseiError,
  type ValidationResult,
} from "shinsei-wasm";
import type { FormDraft } from "shinsei-wasm/forms";

const info: BundleInfo = await init();
const again: BundleInfo = await init(new URL("/assets/shinsei_wasm_bg.wasm", location.href));
const sync: BundleInfo = initSync();

const forms: FormSummary[] = listForms();
const titles: string[] = forms.map((f) => `${f.title.ja}（${f.category.ja}）`);

const form: FormDescription = describeForm("shobyo_teate", null, new Date());
function render(fields: FieldDescription[], depth = 0): string[] {
  return fields.flatMap((f) => {
    const line = `${"  ".repeat(depth)}${f.label.ja} [${f.type}${f.required === "always" ? ", 必須" : ""}]`;
    const options = (f.options ?? []).map((o) => o.label.ja).join("/");
    const max: number | null | undefined = f.constraints.max_len;
    return [line + options + (max ?? ""), ...render(f.fields ?? [], depth + 1)];
  });
}
const lines = render(form.fields);

const record: QualificationRecord = { symbol: "12345678", number: "1", name_kanji: "協会 太郎" };
const filled: Prefill = prefill("shobyo_teate", record);
const submission: FormDraft = {
  form: "shobyo_teate",
  submitted_at: new Date().toISOString(),
  applicant: { role: "insured" },
  qualification: filled.qualification,
  fields: { leave: [{ from: "2026-02-02", to: "2026-02-20" }], paid: false },
  attachments: [{ slot: "doctor_opinion", file_name: "a.pdf", media_type: "application/pdf", size: 1234 }],
};

const result: ValidationResult = validate(submission, new Date(), { lang: "ja" });
const messages: string[] = result.errors.map((e: Issue) => `${e.path} ${e.code}: ${e.message}`);
const canonical = result.canonical;
const live: FieldValidation = validateField(submission, "/fields/leave/0/to", "2026-03-02T10:00:00+09:00");
const shown: FieldState[] = live.fields.filter((s) => s.visible);
const states = fieldStates(JSON.stringify(submission), new Date()).fields;
const text: string = validateJson(JSON.stringify(submission), new Date());

try {
  describeForm("nope");
} catch (e) {
  if (isShinseiError(e)) {
    const err: ShinseiError = e;
    if (err.code === "envelope.form" || err.code === "module.uninitialized") console.log(err.path, err.message);
  }
}
const loaded: BundleInfo = loadBundle(new Uint8Array());
const back: BundleInfo = resetBundle();
const hash: string = bundleInfo().hash;

// @ts-expect-error: option keys are checked
validate(submission, new Date(), { langg: "en" });
// @ts-expect-error: `now` is an RFC 3339 string or a Date
validate(submission, 42);
// @ts-expect-error: `valid` is a boolean
const notBool: string = result.valid;
// @ts-expect-error: severities are a closed set
const sev: Issue["severity"] = "info";
// @ts-expect-error: error codes are a closed set
const code: ShinseiError["code"] = "nope";

console.log(info, again, sync, titles, lines, messages, canonical, shown, states, text, loaded, back, hash, notBool, sev, code);
