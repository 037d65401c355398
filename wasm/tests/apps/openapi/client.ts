// A frontend's calls to the validation service, typed by a client generated
// from the document the service serves (`npx openapi-typescript
// <server>/v1/openapi.json -o api.d.ts`, then openapi-fetch): read a
// described field's label, post a submission and read the verdict, read an
// error's code. wasm/tests/contract.test.mjs generates api.d.ts from the
// running server, type-checks this file with tsc --strict and runs it
// against that server; it prints one JSON line.
import createClient from "openapi-fetch";

import type { components, paths } from "./api.js";

declare const process: { env: Record<string, string | undefined>; argv: string[] };

type Submission = components["schemas"]["Submission"];
type ValidationResult = components["schemas"]["ValidationResult"];

const client = createClient<paths>({ baseUrl: process.env.SHINSEI_URL });

// The field tree a frontend renders: a field's label.
const described = await client.GET("/v1/forms/{id}", {
  params: { path: { id: "shobyo_teate" }, query: { version: "2026.1" } },
});
if (!described.data) throw new Error(`describe: ${described.error?.error.code}`);
const paid = described.data.fields.find((f) => f.id === "paid");
const label: string | undefined = paid?.label.ja;

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

// An error the service refuses to give a verdict for: its code.
const refused = await client.POST("/v1/forms/{id}/validate", {
  params: { path: { id: "shobyo_teate" } },
  body: { ...submission, form: "kogaku_ryoyohi" },
});
const refusedCode: string | undefined = refused.error?.error.code;
const refusedStatus: number = refused.response.status;

console.log(JSON.stringify({ label, valid: verdict.valid, firstCode, canonicalForm, refusedStatus, refusedCode }));

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
  return [noForm, valid];
}
