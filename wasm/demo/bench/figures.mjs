// What the portal page costs a member: the bytes it downloads (as sent with
// gzip, with brotli, and uncompressed) and the time from navigation to the
// first validation in Chromium, over cold loads (a new browser context each
// time: empty HTTP cache, no compiled-wasm cache).
//
//   bash scripts/portal-figures.sh        (builds what it needs, then runs this)
//   node wasm/demo/bench/figures.mjs [loads=10]
//
// The page marks `shinsei:wasm-ready` when the module is instantiated and
// `shinsei:first-validate` when its first validateField is done and shown.
import http from "node:http";

import { PHONE, launch, startService } from "../tests/support.mjs";

const loads = Number(process.argv[2] ?? 10);

/** The body of `url` as the service sends it with this Accept-Encoding (not decoded). */
function rawSize(url, encoding) {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: encoding ? { "accept-encoding": encoding } : {} }, (res) => {
        let n = 0;
        res.on("data", (chunk) => (n += chunk.length));
        res.on("end", () => resolve({ bytes: n, encoding: res.headers["content-encoding"] ?? "identity" }));
      })
      .on("error", reject);
  });
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const service = await startService();
const browser = await launch();
const url = `${service.base}/?form=shobyo_teate`;
const runs = [];
let resources = [];
try {
  for (let i = 0; i < loads; i++) {
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    await page.goto(url);
    await page.waitForSelector("html[data-ready]");
    const m = await page.evaluate(() => {
      const at = (name) => performance.getEntriesByName(name)[0]?.startTime ?? NaN;
      const entries = [...performance.getEntriesByType("navigation"), ...performance.getEntriesByType("resource")];
      const nav = performance.getEntriesByType("navigation")[0];
      const wasm = performance.getEntriesByType("resource").find((e) => e.name.endsWith(".wasm"));
      return {
        html: nav.responseEnd,
        start: at("shinsei:start"),
        wasmFetched: wasm?.responseEnd ?? NaN,
        ready: at("shinsei:wasm-ready"),
        first: at("shinsei:first-validate"),
        resources: entries.map((e) => ({ url: e.name, transfer: e.transferSize, encoded: e.encodedBodySize, decoded: e.decodedBodySize })),
      };
    });
    runs.push(m);
    resources = m.resources;
    await context.close();
  }

  console.log(`portal page, ${loads} cold loads in Chromium (${PHONE.viewport.width}px, ${new Date().toISOString()})`);
  console.log("");
  console.log("| file | uncompressed | gzip | brotli | Chromium received (body) |");
  console.log("|---|---:|---:|---:|---:|");
  const sum = { identity: 0, gzip: 0, br: 0, chromium: 0 };
  for (const r of resources) {
    const [plain, gz, br] = await Promise.all([rawSize(r.url, ""), rawSize(r.url, "gzip"), rawSize(r.url, "br")]);
    sum.identity += plain.bytes;
    sum.gzip += gz.bytes;
    sum.br += br.bytes;
    sum.chromium += r.encoded;
    const name = new URL(r.url).pathname;
    console.log(`| \`${name}\` | ${plain.bytes} | ${gz.bytes} (${gz.encoding}) | ${br.bytes} (${br.encoding}) | ${r.encoded} |`);
  }
  console.log(`| **total** | **${sum.identity}** | **${sum.gzip}** | **${sum.br}** | **${sum.chromium}** |`);
  console.log("");
  const firsts = runs.map((r) => r.first);
  const readies = runs.map((r) => r.ready);
  const ms = (x) => `${x.toFixed(1)} ms`;
  const line = (label, xs) => console.log(`${label}: median ${ms(median(xs))} (min ${ms(Math.min(...xs))}, max ${ms(Math.max(...xs))})`);
  line("page received                 ", runs.map((r) => r.html));
  line("page script starts            ", runs.map((r) => r.start));
  line("wasm received                 ", runs.map((r) => r.wasmFetched));
  line("module ready (init() resolved)", readies);
  line("first validation shown        ", firsts);
  console.log("(all from the start of navigation)");
  console.log(`all loads (first validation, ms): ${firsts.map((x) => x.toFixed(1)).join(", ")}`);
} finally {
  await browser.close();
  await service.stop();
}
