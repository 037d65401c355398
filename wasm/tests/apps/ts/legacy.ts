// moduleResolution node (node10): no `exports` map, the "types" field.
import init, { validate, type ValidationResult } from "shinsei-wasm";

export const ready: Promise<unknown> = init();
export const result: ValidationResult = validate({ form: "shobyo_teate", fields: { cause: "injury" } }, new Date());
// @ts-expect-error: a choice the form does not have
validate({ form: "shobyo_teate", fields: { cause: "accident" } }, new Date());
