// The core module (shinsei-wasm/core) and one form's bundle, typed: the same
// functions and types as the default entry (moduleResolution bundler and nodenext).
import init, { bundleInfo, isShinseiError, loadBundle, validate, type BundleInfo, type ValidationResult } from "shinsei-wasm/core";

export async function open(form: string, fetchBytes: (url: string) => Promise<ArrayBuffer>): Promise<BundleInfo> {
  const [, bytes] = await Promise.all([init(), fetchBytes(`bundles/${form}.bin`)]);
  return loadBundle(bytes);
}
export const loaded: number = bundleInfo().forms;
export const checked: ValidationResult = validate({ form: "shobyo_teate", applicant: { role: "insured" } }, new Date());
export const isError: boolean = isShinseiError(new Error("x"));
// @ts-expect-error: the core entry takes the same arguments as the default one
validate({ form: "shobyo_teate" }, 42);
