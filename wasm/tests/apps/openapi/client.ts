// A frontend's calls to the validation service, typed by a client generated
// from the document the service serves (`npx openapi-typescript
// <server>/v1/openapi.json -o api.d.ts`, then openapi-fetch): read a
// described field's label, post a submission and read the verdict, read an
// error's code, render the entered contents and an application file
// (申請ファイル) as documents. wasm/tests/contract.test.mjs generates api.d.ts from the
// running server, type-checks this file with tsc --strict and runs it
// against that server; it prints one JSON line.
import createClient from "openapi-fetch";

import type { components, paths } from "./api.js";

declare const process: { env: Record<string, string | undefined>; argv: string[] };

type Submission = components["schemas"]["Submission"];
type ValidationResult = components["schemas"]["ValidationResult"];
type ApplicationFile = components["schemas"]["ApplicationFile"];

const client = createClient<paths>({ baseUrl: process.env.SHINSEI_URL });

// The field tree a frontend renders: a field's label.
const described = await client.GET("/v1/forms/{id}", {
  params: { path: { id: "shobyo_teate" }, query: { version: "2026.1" } },
});
if (!described.data) throw new Error(`describe: ${described.error?.error.code}`);
const paid = described.data.fields.find((f) => f.id === "paid");
const label: string | undefined = paid?.label.ja;

// The form's input schema (a JSON Schema document): its id and what it describes.
const schemaDoc = await client.GET("/v1/forms/{id}/schema", {
  params: { path: { id: "shobyo_teate" }, query: { version: "2026.1" } },
});
const schemaId: string | undefined = schemaDoc.data?.$id;
const schemaHasFields: boolean = typeof schemaDoc.data?.properties === "object";

// A submission as the member typed it (和暦, "300,000"-style notations are
// the runtime's business; the envelope's shape is the document's).
const submission: Submission = JSON.parse(process.argv[2] ?? "{}");
const posted = await client.POST("/v1/forms/{id}/validate", {
  params: { path: { id: "shobyo_teate" }, query: { dry_run: true, now: "2026-03-02T10:00:00+09:00" } },
  body: submission,
});
if (!posted.data) throw new Error(`validate: ${posted.error?.error.code}`);
const verdict: ValidationResult = posted.data;
const firstCode: string | null = verdict.errors[0]?.code ?? null;
const canonicalForm: string | undefined = verdict.canonical?.form;
// Its fields: an object once the submission is valid (a refused value stays as it was sent).
const canonicalFields = verdict.canonical?.fields;

// An error the service refuses to give a verdict for: its code.
const refused = await client.POST("/v1/forms/{id}/validate", {
  params: { path: { id: "shobyo_teate" } },
  body: { ...submission, form: "kogaku_ryoyohi" },
});
const refusedCode: string | undefined = refused.error?.error.code;
const refusedStatus: number = refused.response.status;

// The entered contents as a document (申請書情報): HTML, not JSON.
const NOW = "2026-03-02T10:00:00+09:00";
const rendered = await client.POST("/v1/forms/{id}/render", {
  params: { path: { id: "shobyo_teate" }, query: { now: NOW } },
  body: submission,
  parseAs: "text",
});
const html: string | undefined = rendered.data;

// A returned (返戻) application: its application file, rendered as the
// 返戻理由のお知らせ would be, and read back as the runtime understood it.
const file: ApplicationFile = JSON.parse(process.argv[3] ?? "{}");
const fromFile = await client.POST("/v1/forms/{id}/render", {
  params: { path: { id: file.form }, query: { input: "application", now: NOW } },
  body: file,
  parseAs: "text",
});
const fileHtml: string | undefined = fromFile.data;
const fileFields: Record<string, unknown> | undefined = file.envelope.fields ?? undefined;
const fileRole: string = file.envelope.applicant.role;

console.log(
  JSON.stringify({
    label,
    schemaId,
    schemaHasFields,
    valid: verdict.valid,
    firstCode,
    canonicalForm,
    canonicalFields: typeof canonicalFields === "object" && canonicalFields !== null ? Object.keys(canonicalFields).length : 0,
    refusedStatus,
    refusedCode,
    html,
    htmlType: rendered.response.headers.get("content-type"),
    fileHtml,
    fileFields: Object.keys(fileFields ?? {}).length,
    fileRole,
  }),
);

// What the types refuse (never called: tsc must report each line).
export function wrong() {
  // @ts-expect-error: no such route
  void client.GET("/v1/form/{id}", { params: { path: { id: "shobyo_teate" } } });
  // @ts-expect-error: `lang` is ja or en
  void client.GET("/v1/forms", { params: { query: { lang: "fr" } } });
  // @ts-expect-error: an envelope needs its form
  const noForm: Submission = { applicant: { role: "insured" } };
  // @ts-expect-error: `valid` is a boolean
  const valid: string = verdict.valid;
  // @ts-expect-error: the body of render is an envelope or an application file, `input` says which
  void client.POST("/v1/forms/{id}/render", { params: { path: { id: "x" }, query: { input: "file" } }, body: submission });
  // @ts-expect-error: an application file's envelope is an envelope (its role is one of the roles)
  const role: number = file.envelope.applicant.role;
  return [noForm, valid, role];
}
