// Per-form types: a complete submission compiles; a misspelled field and a
// choice the form does not have do not (each @ts-expect-error must be used).
import init, { validate, validateField, type ValidationResult } from "shinsei-wasm";
import type { FormDraft, FormId, ShobyoTeate, ShobyoTeateSubmission } from "shinsei-wasm/forms";

await init();
const now = "2026-03-02T10:00:00+09:00";

const fields: ShobyoTeate = {
  postal_code: "100-0001",
  address: "東京都千代田区千代田1-1",
  phone: "03-1234-5678",
  bank: {
    bank_code: "0001",
    branch_code: "001",
    account_type: "ordinary",
    account_number: "1234567",
    holder_kana: "キョウカイ タロウ",
  },
  leave: [{ from: "令和8年2月2日", to: "2026-02-20" }],
  first_claim: true,
  job: "事務職（経理）",
  diagnosis: "腰椎椎間板ヘルニア",
  first_visit: "2026-02-02",
  cause: "illness",
  occupational: false,
  paid: false,
  disability_pension: "no",
  rousai: "no",
  coverage_changed: false,
  standard_monthly: [{ month: "2025-03", amount: "300,000" }],
};
const submission: ShobyoTeateSubmission = {
  form: "shobyo_teate",
  applicant: { role: "insured" },
  qualification: {
    insurer_number: "01130012",
    branch: "東京",
    symbol: "12345678",
    number: "1",
    name_kanji: "協会 太郎",
    name_kana: "キョウカイ タロウ",
    birth_date: "1989-05-10",
  },
  fields,
  attachments: [{ slot: "doctor_opinion", file_name: "ikensho.pdf", media_type: "application/pdf", size: 123456 }],
};
export const result: ValidationResult = validate(submission, now);

// A draft, as the member types: members may be missing, names are checked.
const draft: FormDraft = { form: "shobyo_teate", fields: { leave: [{ from: "2026-02-02" }] } };
export const live = validateField(draft, "/fields/leave/0/to", now);

// A submission declared `as const` (its lists readonly) is taken too.
const constant = {
  form: "shobyo_teate",
  applicant: { role: "insured" },
  fields: { leave: [{ from: "令和8年2月2日", to: "2026-02-20" }] },
} as const;
export const fromConstant = [validate(constant, now), validateField(constant, "/fields/leave/0/to", now)];
const constantChoice = { form: "shobyo_teate", fields: { cause: "accident" } } as const;
// @ts-expect-error: a choice the form does not have, in a submission declared `as const`
validate(constantChoice, now);

// @ts-expect-error: a misspelled field
validate({ form: "shobyo_teate", fields: { leaev: [] } }, now);
// @ts-expect-error: a choice the form does not have
validate({ form: "shobyo_teate", fields: { cause: "accident" } }, now);
// @ts-expect-error: a misspelled field in a list item
validate({ form: "shobyo_teate", fields: { leave: [{ form: "2026-02-02" }] } }, now);
// @ts-expect-error: a role the form does not take
export const role: ShobyoTeateSubmission["applicant"] = { role: "dependent" };
// @ts-expect-error: a misspelled field in the complete type
export const misspelled: ShobyoTeate = { ...fields, phnoe: "03-1234-5678" };
// @ts-expect-error: not a form of the bundle
export const id: FormId = "shobyo";
// JSON text is taken as it is (a bundle the types do not know).
export const text = validate(JSON.stringify({ form: "some_other_form" }), now);
