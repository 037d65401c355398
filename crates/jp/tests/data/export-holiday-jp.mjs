// Exports the holiday table of @holiday-jp/holiday_jp (MIT) as a sorted JSON
// array of {date, name}, for crates/jp/tests/holidays_vs_holiday_jp.rs.
//
// Usage (from anywhere; needs only node):
//   cd /tmp && npm pack @holiday-jp/holiday_jp@2.5.1 && tar xzf holiday-jp-holiday_jp-2.5.1.tgz
//   node crates/jp/tests/data/export-holiday-jp.mjs /tmp/package
// The argument is the unpacked package directory (or a node_modules/@holiday-jp/holiday_jp).
import { createRequire } from "node:module";
import { writeFileSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const EXPECTED_VERSION = "2.5.1";
const pkgDir = resolve(process.argv[2] ?? "node_modules/@holiday-jp/holiday_jp");
const pkg = JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8"));
if (pkg.name !== "@holiday-jp/holiday_jp" || pkg.version !== EXPECTED_VERSION) {
  throw new Error(`expected @holiday-jp/holiday_jp@${EXPECTED_VERSION}, found ${pkg.name}@${pkg.version}`);
}
const require = createRequire(import.meta.url);
const table = require(join(pkgDir, "lib", "holidays.js"));

const rows = Object.entries(table)
  .map(([key, v]) => {
    if (key !== v.date) throw new Error(`key ${key} != date ${v.date}`);
    return { date: v.date, name: v.name };
  })
  .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));

const out = join(dirname(fileURLToPath(import.meta.url)), `holiday_jp-${EXPECTED_VERSION}.json`);
const body = "[\n" + rows.map((r) => "  " + JSON.stringify(r)).join(",\n") + "\n]\n";
writeFileSync(out, body);
console.log(`wrote ${rows.length} holidays (${rows[0].date} … ${rows[rows.length - 1].date}) to ${out}`);
