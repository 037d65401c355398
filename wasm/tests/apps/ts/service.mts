// A Node service (ES module, moduleResolution nodenext): the "node" export.
import init, { listForms, validate, validateJson, type ValidationResult } from "shinsei-wasm";
import type { ShobyoTeateSubmission } from "shinsei-wasm/forms";

await init();
export const ids: string[] = listForms().map((f) => f.id);
export const parsed: ValidationResult = JSON.parse(validateJson('{"form": "shobyo_teate"}', "2026-03-02T10:00:00+09:00"));
const partial: Partial<ShobyoTeateSubmission> = { form: "shobyo_teate", applicant: { role: "agent" } };
export const checked: ValidationResult = validate({ ...partial, form: "shobyo_teate" }, new Date());
