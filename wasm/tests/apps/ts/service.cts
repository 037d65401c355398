// CommonJS consumers (moduleResolution nodenext): require() gets the same entry.
import shinsei = require("shinsei-wasm");

const result: shinsei.ValidationResult = shinsei.validate("{}", new Date());
export const valid: boolean = result.valid;
export const ready: Promise<shinsei.BundleInfo> = shinsei.init();
// @ts-expect-error: not a form of the bundle
export const draft: shinsei.FormDraft = { form: "nope" };
