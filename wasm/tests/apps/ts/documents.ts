// 返戻 → 再申請, typed: a valid submission's application file (申請ファイル),
// re-applying it under the version in force, and the documents of both.
import { exportApplication, reapply, renderHtml, validate, type ApplicationFile, type Issue, type Reapplication } from "shinsei-wasm";

const now = new Date();
export const file: ApplicationFile = exportApplication({ form: "shobyo_teate", applicant: { role: "insured" } }, now);
export const role: "insured" | "dependent" | "agent" = file.envelope.applicant.role;
export const again: Reapplication = reapply(file, { insurer_number: "01130012", symbol: "12345678", number: "1" }, now);
export const toLookAt: Issue[] = again.changes;
export const entered: { [key: string]: unknown } | null | undefined = again.envelope.fields;
export const still: boolean = again.result.valid && validate(JSON.stringify(again.envelope), now).valid;
export const notice: string = renderHtml(JSON.stringify(again.envelope), now, { returned: true });
// @ts-expect-error: `returned` is a boolean
renderHtml("{}", now, { returned: "yes" });
// @ts-expect-error: the record is the member's 資格 as an object
reapply(file, "01130012", now);
// @ts-expect-error: an application file's envelope names its form
export const noForm: ApplicationFile["envelope"] = { applicant: { role: "insured" } };
