// The TextMate grammar over every bundled form (and the layout fixtures):
// it must tokenize each without a token that has no scope of its own (only
// the file's `source.shinsei-form`) and without `invalid.*`; and a few
// tokens of a real form must get the scopes a theme colours; and every
// keyword of the parser's grammar must be coloured as a keyword.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const vsctm = require("vscode-textmate");
const oniguruma = require("vscode-oniguruma");

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, "../../..");
const grammarPath = path.join(here, "../syntaxes/shinsei-form.tmLanguage.json");

async function loadGrammar() {
  const wasm = fs.readFileSync(require.resolve("vscode-oniguruma/release/onig.wasm"));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
      createOnigString: (s) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async () => vsctm.parseRawGrammar(fs.readFileSync(grammarPath, "utf8"), grammarPath),
  });
  return registry.loadGrammar("source.shinsei-form");
}

function formFiles(dir) {
  const out = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...formFiles(p));
    else if (e.name.endsWith(".form")) out.push(p);
  }
  return out.sort();
}

/** Every token of a file: { line, text, scopes }. */
function tokenize(grammar, text) {
  const tokens = [];
  let stack = vsctm.INITIAL;
  text.split("\n").forEach((line, n) => {
    const r = grammar.tokenizeLine(line, stack);
    for (const t of r.tokens) {
      tokens.push({ line: n + 1, text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes });
    }
    stack = r.ruleStack;
  });
  return tokens;
}

const grammar = await loadGrammar();

test("every bundled form and fixture is highlighted without an unscoped or invalid token", () => {
  const files = [
    ...formFiles(path.join(repo, "forms")),
    ...formFiles(path.join(repo, "tests/fixtures/valid")),
    ...formFiles(path.join(repo, "tests/fixtures/fmt")),
  ];
  assert.ok(files.length >= 46, `found ${files.length} files`);
  const problems = [];
  let tokens = 0;
  for (const f of files) {
    for (const t of tokenize(grammar, fs.readFileSync(f, "utf8"))) {
      tokens += 1;
      const blank = t.text.replace(/[\s\u3000]/g, "") === "";
      if (!blank && t.scopes.length < 2) {
        problems.push(`${path.relative(repo, f)}:${t.line}: unscoped ${JSON.stringify(t.text)}`);
      }
      if (t.scopes.some((s) => s.startsWith("invalid"))) {
        problems.push(`${path.relative(repo, f)}:${t.line}: invalid ${JSON.stringify(t.text)} ${t.scopes.at(-1)}`);
      }
    }
  }
  assert.ok(tokens > 10000, `only ${tokens} tokens`);
  assert.deepEqual(problems.slice(0, 20), []);
});

test("the tokens of a real form get the scopes a theme colours", () => {
  const text = fs.readFileSync(path.join(repo, "forms/shobyo_teate/shobyo_teate.form"), "utf8")
    + fs.readFileSync(path.join(repo, "forms/shared/params.form"), "utf8");
  const tokens = tokenize(grammar, text);
  const scopeOf = (s) => {
    const t = tokens.find((t) => t.text === s);
    assert.ok(t, `no token ${JSON.stringify(s)}`);
    return t.scopes.at(-1);
  };
  const expect = {
    "form": "storage.type.shinsei-form",
    "shobyo_teate": "entity.name.shinsei-form",
    "rule": "storage.type.shinsei-form",
    "period_order": "entity.name.shinsei-form",
    "check": "keyword.other.shinsei-form",
    "jikou_last_day": "entity.name.function.call.shinsei-form",
    "disjoint": "support.function.builtin.shinsei-form",
    "date": "entity.name.type.shinsei-form",
    "2026-01-13": "constant.numeric.date.shinsei-form",
    "500_000円": "constant.numeric.yen.shinsei-form",
    "today": "constant.language.shinsei-form",
    "給付": "constant.language.category.shinsei-form",
    ">=": "keyword.operator.comparison.shinsei-form",
    "and": "keyword.operator.logical.shinsei-form",
    "終了日は開始日以降の日付にしてください": "string.quoted.double.shinsei-form",
  };
  for (const [tok, scope] of Object.entries(expect)) {
    assert.equal(scopeOf(tok), scope, tok);
  }
  // `days` is a unit in `3 days` and a built-in in `days(p)`.
  const days = new Set(tokens.filter((t) => t.text === "days").map((t) => t.scopes.at(-1)));
  assert.ok(days.has("keyword.other.unit.shinsei-form") && days.has("support.function.builtin.shinsei-form"), [...days].join());
  const comment = tokens.find((t) => t.text.startsWith("# 傷病手当金"));
  assert.equal(comment.scopes.at(-1), "comment.line.number-sign.shinsei-form");
});

test("every keyword of the language (grammar/form.pest) is coloured as one", () => {
  // The keyword rules of the parser: `k_lines = @{ "lines" ~ !ident_char }`.
  const pest = fs.readFileSync(path.join(repo, "grammar/form.pest"), "utf8");
  const words = [...pest.matchAll(/^k_\w+\s*=\s*@\{\s*"([a-z_]+)"/gm)].map((m) => m[1]);
  assert.ok(words.length >= 40, `only ${words.length} keywords in form.pest`);
  const wrong = [];
  for (const word of words) {
    // As a statement's word and as a type argument's (`text(max 400, lines 10)`).
    for (const line of [`  ${word} x`, `  field x "X": text(${word} 10)`]) {
      const t = tokenize(grammar, line).find((t) => t.text === word);
      const scope = t ? t.scopes.at(-1) : "none";
      if (!/^(keyword|storage|constant)\./.test(scope)) wrong.push(`${JSON.stringify(line)}: ${word} is ${scope}`);
    }
  }
  // A keyword's place is one of the two: it must be coloured in it.
  const uncoloured = words.filter((w) => wrong.filter((x) => x.includes(`: ${w} is`)).length === 2);
  assert.deepEqual(uncoloured, [], wrong.join("\n"));
});
