// CommonJS consumers (moduleResolution nodenext): require() gets the same entry.
import shinsei = require("shinsei-wasm");

const result: shinsei.ValidationResult = shinsei.validate("{}", new Date());
export const valid: boolean = result.valid;
export const ready: Promise<shinsei.BundleInfo> = shinsei.init();
// @ts-expect-error: not a form of the bundle
export const draft: shinsei.FormDraft = { form: "nope" };

// The core module, required the same way, with one form's bundle read from the package.
import core = require("shinsei-wasm/core");
declare function readFileSync(path: string): Uint8Array;
declare const require: { resolve(id: string): string };
export const loaded: core.BundleInfo = core.loadBundle(readFileSync(require.resolve("shinsei-wasm/bundles/shobyo_teate.bin")));
// @ts-expect-error: a bundle is bytes, not a path
core.loadBundle("bundles/shobyo_teate.bin" as unknown as number);
