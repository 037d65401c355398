// moduleResolution node (node10): no `exports` map, the "types" field.
import init, { validate, type ValidationResult } from "shinsei-wasm";

export const ready: Promise<unknown> = init();
export const result: ValidationResult = validate({ form: "shobyo_teate", fields: { cause: "injury" } }, new Date());
// @ts-expect-error: a choice the form does not have
validate({ form: "shobyo_teate", fields: { cause: "accident" } }, new Date());

// The core module under node10 too (core/index.d.ts, no `exports` map needed).
import initCore, { loadBundle, type BundleInfo } from "shinsei-wasm/core";
export const coreReady: Promise<BundleInfo> = initCore();
export const loaded = (bytes: ArrayBuffer): BundleInfo => loadBundle(bytes);
