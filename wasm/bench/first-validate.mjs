// Time to first validate in Chromium (issue 14: ≤ 50 ms, median of 10 cold
// loads): from the start of navigation to the first verdict of a page that
// does nothing else — import the package's browser entry, `await init()`,
// `validateJson` of the typical submission — over loopback, each load in a
// new browser context (empty HTTP cache, no cached compiled wasm). Variants:
//
//   all    the default package (every form embedded);
//   core   the package's core module (shinsei-wasm/core: no forms embedded)
//          and one form's bundle (bundles/shobyo_teate.bin), fetched while
//          the module compiles and passed to loadBundle — what an app that
//          ships fewer forms does.
//
// The loads alternate between the variants so the machine's load falls on
// both alike. Files are served precompressed (brotli, as the service sends
// them) by a small static server in this process. Prints a Markdown table.
//
//   bash scripts/first-validate.sh [loads]      (builds the package, then runs this)
//   FIRST_VALIDATE_ALL=<pkg> [FIRST_VALIDATE_CORE=<pkg> FIRST_VALIDATE_BUNDLE=<form.bin>] \
//     node wasm/bench/first-validate.mjs [loads=10]
// FIRST_VALIDATE_PRELOAD=0 leaves out the +preload variants (the CI smoke).
//
// Each page marks `shinsei:compiled` (WebAssembly.compileStreaming done; the
// page passes the module to init()), `shinsei:ready` (init() resolved: the module
// instantiated and its embedded bundle read), `shinsei:bundle-loaded`
// (core only) and `shinsei:first-verdict`, and sets data-valid on <html>; the
// runner waits on that attribute (a page state, not a delay) and fails if the
// verdict is not `valid` (so the CI smoke, one load of `all`, checks the page
// really validates).
import fs from "node:fs";
import http from "node:http";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import zlib from "node:zlib";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const require = createRequire(path.join(root, "tools/package.json"));
const { chromium } = require("playwright-core");

const loads = Number(process.argv[2] ?? 10);
const casePath = path.join(root, "forms/shobyo_teate/cases/valid_insured_first_claim.json");
const FORM = "shobyo_teate";

// Each package twice: as a plain page, and with the fetches declared in the
// page's head (modulepreload for the two modules, preload for the .wasm and
// the form's bundle), so they start while the HTML is read, not one after another.
const variants = [];
for (const preload of [false, true]) {
  const tag = preload ? "+preload" : "";
  if (process.env.FIRST_VALIDATE_ALL) variants.push({ name: `all${tag}`, dir: `all${preload ? "-preload" : ""}`, pkg: process.env.FIRST_VALIDATE_ALL, preload });
  if (process.env.FIRST_VALIDATE_CORE) {
    if (!process.env.FIRST_VALIDATE_BUNDLE) throw new Error("FIRST_VALIDATE_CORE needs FIRST_VALIDATE_BUNDLE (the form's bundle)");
    variants.push({ name: `core${tag}`, dir: `core${preload ? "-preload" : ""}`, pkg: process.env.FIRST_VALIDATE_CORE, bundle: process.env.FIRST_VALIDATE_BUNDLE, preload });
  }
  if (process.env.FIRST_VALIDATE_PRELOAD === "0") break;
}
if (variants.length === 0) throw new Error("set FIRST_VALIDATE_ALL and/or FIRST_VALIDATE_CORE (scripts/first-validate.sh does)");

// ---- the site: one folder per variant, every file with .br and .gz siblings
const site = fs.mkdtempSync(path.join(os.tmpdir(), "first-validate-"));
const kase = JSON.parse(fs.readFileSync(casePath, "utf8"));
const submission = JSON.stringify(kase.submission);
const now = kase.now ?? kase.submission.submitted_at;

function preloads(variant) {
  return [
    `<link rel="modulepreload" href="./pkg/index.mjs">`,
    `<link rel="modulepreload" href="./pkg/glue/web.mjs">`,
    `<link rel="preload" href="./pkg/shinsei_wasm_bg.wasm" as="fetch" type="application/wasm" crossorigin>`,
    ...(variant.bundle ? [`<link rel="preload" href="./${FORM}.bin" as="fetch" crossorigin>`] : []),
  ].join("\n");
}

function page(variant) {
  // init() takes a compiled module too: compiling it here (as init() would,
  // streaming) lets the page mark where compiling ends and reading the
  // embedded bundle (the first call inside init()) begins.
  const compile = `WebAssembly.compileStreaming(fetch("./pkg/shinsei_wasm_bg.wasm")).then((m) => (performance.mark("shinsei:compiled"), m))`;
  const load = variant.bundle
    ? `const [module, bytes] = await Promise.all([${compile}, fetch("./${FORM}.bin").then((r) => r.arrayBuffer())]);
await init(module);
performance.mark("shinsei:ready");
loadBundle(new Uint8Array(bytes));
performance.mark("shinsei:bundle-loaded");`
    : `await init(await ${compile});
performance.mark("shinsei:ready");`;
  return `<!doctype html>
<html lang="ja"><head><meta charset="utf-8"><title>first validate (${variant.name})</title>
${variant.preload ? preloads(variant) : ""}</head>
<body><p id="out">…</p>
<script type="module">
import init, { loadBundle, validateJson } from "./pkg/index.mjs";
const submission = ${JSON.stringify(submission)};
${load}
const verdict = JSON.parse(validateJson(submission, ${JSON.stringify(now)}));
performance.mark("shinsei:first-verdict");
document.getElementById("out").textContent = verdict.valid ? "valid" : verdict.errors.map((e) => e.code).join(" ");
document.documentElement.dataset.valid = String(verdict.valid);
</script></body></html>
`;
}

const copy = (from, to) => {
  fs.mkdirSync(path.dirname(to), { recursive: true });
  fs.copyFileSync(from, to);
};
for (const v of variants) {
  const dir = path.join(site, v.dir);
  for (const f of ["index.mjs", "glue/web.mjs", "shinsei_wasm_bg.wasm"]) copy(path.join(v.pkg, f), path.join(dir, "pkg", f));
  if (v.bundle) copy(v.bundle, path.join(dir, `${FORM}.bin`));
  fs.writeFileSync(path.join(dir, "index.html"), page(v));
}
const walk = (dir) => fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
for (const f of walk(site)) {
  const bytes = fs.readFileSync(f);
  fs.writeFileSync(`${f}.br`, zlib.brotliCompressSync(bytes, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }));
  fs.writeFileSync(`${f}.gz`, zlib.gzipSync(bytes, { level: 9 }));
}

// ---- a static server: the precompressed sibling the browser accepts
const TYPES = { ".html": "text/html; charset=utf-8", ".mjs": "text/javascript", ".wasm": "application/wasm", ".bin": "application/octet-stream" };
const server = http.createServer((req, res) => {
  const rel = decodeURIComponent(new URL(req.url, "http://x").pathname).replace(/\/$/, "/index.html");
  const file = path.join(site, path.normalize(rel));
  if (!file.startsWith(site + path.sep) || !fs.existsSync(file)) {
    res.writeHead(404).end();
    return;
  }
  const accept = String(req.headers["accept-encoding"] ?? "");
  const [encoding, body] = /\bbr\b/.test(accept) ? ["br", `${file}.br`] : /\bgzip\b/.test(accept) ? ["gzip", `${file}.gz`] : [null, file];
  const bytes = fs.readFileSync(body);
  res.writeHead(200, {
    "content-type": TYPES[path.extname(file)] ?? "application/octet-stream",
    "content-length": bytes.length,
    "cache-control": "no-cache",
    vary: "accept-encoding",
    ...(encoding ? { "content-encoding": encoding } : {}),
  });
  res.end(bytes);
});
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const base = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
});

const chromiumVersion = browser.version();

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** One cold load of a variant: the marks, from the start of navigation (ms), and the bytes received. */
async function coldLoad(v) {
  const context = await browser.newContext();
  try {
    const p = await context.newPage();
    await p.goto(`${base}/${v.dir}/`);
    await p.waitForSelector("html[data-valid]", { timeout: 120_000 });
    const m = await p.evaluate(() => {
      const at = (name) => performance.getEntriesByName(name)[0]?.startTime ?? NaN;
      const nav = performance.getEntriesByType("navigation")[0];
      const res = performance.getEntriesByType("resource");
      const wasm = res.find((e) => e.name.endsWith(".wasm"));
      return {
        valid: document.documentElement.dataset.valid,
        out: document.getElementById("out").textContent,
        html: nav.responseEnd,
        wasm: wasm?.responseEnd ?? NaN,
        compiled: at("shinsei:compiled"),
        ready: at("shinsei:ready"),
        bundle: at("shinsei:bundle-loaded"),
        first: at("shinsei:first-verdict"),
        received: [nav, ...res].reduce((n, e) => n + e.encodedBodySize, 0),
        // A preload the page did not use shows as a second fetch of the same URL.
        refetched: res.length - new Set(res.map((e) => e.name)).size,
      };
    });
    if (m.refetched) throw new Error(`${v.name}: ${m.refetched} file(s) fetched twice (a preload not used)`);
    if (m.valid !== "true") throw new Error(`${v.name}: the typical submission was not valid in Chromium: ${m.out}`);
    return m;
  } finally {
    await context.close();
  }
}

const runs = Object.fromEntries(variants.map((v) => [v.name, []]));
try {
  for (let i = 0; i < loads; i++) for (const v of variants) runs[v.name].push(await coldLoad(v));
} finally {
  await browser.close();
  server.close();
  fs.rmSync(site, { recursive: true, force: true });
}

const ms = (x) => (Number.isNaN(x) ? "—" : x.toFixed(1));
console.log(`time to first validate in Chromium ${chromiumVersion}: ${loads} cold loads per variant, alternating (${new Date().toISOString()}, load average ${os.loadavg().map((x) => x.toFixed(2)).join(" ")})`);
console.log("");
console.log("| variant | received (brotli) | page received | wasm received | compiled | init() resolved | bundle loaded | **first verdict** (median) | first verdict min–max |");
console.log("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
for (const v of variants) {
  const r = runs[v.name];
  const med = (k) => median(r.map((x) => x[k]));
  const firsts = r.map((x) => x.first);
  console.log(
    `| ${v.name} | ${r[0].received} B | ${ms(med("html"))} ms | ${ms(med("wasm"))} ms | ${ms(med("compiled"))} ms | ${ms(med("ready"))} ms | ${v.bundle ? `${ms(med("bundle"))} ms` : "—"} | **${ms(median(firsts))} ms** | ${ms(Math.min(...firsts))}–${ms(Math.max(...firsts))} ms |`,
  );
}
console.log("");
console.log("(milliseconds from the start of navigation, medians per column; loopback, so no network time)");
for (const v of variants) console.log(`${v.name}: first verdict per load (ms): ${runs[v.name].map((x) => x.first.toFixed(1)).join(", ")}`);
