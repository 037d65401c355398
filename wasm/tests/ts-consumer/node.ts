// A Node service against the Node build (ESM; nodenext resolution picks the
// "node" export). Type-checked only: tsc -p tsconfig.node.json
import { listForms, validate, validateJson, type ValidationResult } from "shinsei-wasm";

const ids: string[] = listForms().map((f) => f.id);
const r: ValidationResult = JSON.parse(validateJson('{"form": "shobyo_teate"}', "2026-03-02T10:00:00+09:00"));
const again: ValidationResult = validate({ form: "shobyo_teate", applicant: { role: "agent" } }, new Date());
const codes: string[] = [...r.errors, ...again.warnings].map((e) => e.code);
console.log(ids, codes);
