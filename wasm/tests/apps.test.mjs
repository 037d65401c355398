// The npm package as users install it: `npm pack` of wasm/pkg, installed
// with npm (a real copy, never a symlink) into fresh apps that have nothing
// else of shinsei (wasm/tests/apps/*: their own dependencies pinned by
// lockfiles), and the README's snippets run there unchanged — taken from
// the README inside the installed package:
//
//   node      the ES module snippet with `node`, the CommonJS one too, and
//             the core module's (ESM and CommonJS)
//   vitest    the snippet as a test file, environment node and jsdom; the
//             core one too
//   vite      no Vite config: `vite` dev (the page and the .wasm fetched from
//             the dev server by Chromium), `vite build` (served by
//             `vite preview`), and Vite SSR (`ssrLoadModule`); the core
//             module with a form's bundle (`?url`) in dev and build, and its
//             Node snippet under SSR
//   webpack   no webpack config: `webpack --mode production` of the snippet,
//             served as static files to Chromium; the core module's webpack
//             snippet (`new URL(…, import.meta.url)`) the same way
//   ts        tsc --strict on typed code (per-form types, @ts-expect-error on
//             a misspelled field and a wrong choice; the README's snippet as
//             it is, under bundler) under moduleResolution
//             bundler and nodenext (ESM and CJS) with TypeScript 7 and 5, node
//             (node10) with TypeScript 5; and arethetypeswrong on the tarball
//
// Each run prints what the snippet printed; it must be the `// →` line of
// the README. (README.md and docs/wasm.md show the package README's
// snippet as it is: package.test.mjs compares them.) Sizes of the tarball go to out/package.json.
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import { createRequire } from "node:module";
import path from "node:path";
import { after, before, describe, test } from "node:test";

import { here, pkg, root } from "./support.mjs";

const apps = path.join(here, "apps");
const tools = path.join(root, "tools/node_modules/.bin");
const require = createRequire(path.join(root, "tools/package.json"));
const { chromium } = require("playwright-core");

const run = (cmd, args, cwd, env = {}) =>
  execFileSync(cmd, args, { cwd, encoding: "utf8", env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"], maxBuffer: 64 << 20 });

/** `npm pack` of wasm/pkg into out/pack: the tarball's path and npm's report. */
function pack() {
  const dest = path.join(root, "out/pack");
  fs.rmSync(dest, { recursive: true, force: true });
  fs.mkdirSync(dest, { recursive: true });
  const [report] = JSON.parse(run("npm", ["pack", pkg, "--pack-destination", dest, "--json"], root));
  return { file: path.join(dest, report.filename), report };
}

/** The app's pinned dependencies (npm ci unless already installed), then the tarball. */
function install(app, tarball) {
  const dir = path.join(apps, app);
  const lock = path.join(dir, "package-lock.json");
  const locked = fs.existsSync(lock) ? fs.readFileSync(lock, "utf8") : null;
  fs.rmSync(path.join(dir, "node_modules/shinsei-wasm"), { recursive: true, force: true });
  if (locked) {
    try {
      run("npm", ["ls", "--silent"], dir);
    } catch {
      run("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"], dir);
    }
  }
  run("npm", ["install", "--no-save", "--no-audit", "--no-fund", "--loglevel=error", tarball], dir);
  const installed = path.join(dir, "node_modules/shinsei-wasm");
  assert.ok(!fs.lstatSync(installed).isSymbolicLink(), "a copy, not a link");
  if (locked) assert.equal(fs.readFileSync(lock, "utf8"), locked, `${app}: the lockfile is left as it is`);
  return dir;
}

/** The snippets of the installed README: {esm, cjs} → {code, expected}. */
function snippets(dir) {
  const readme = fs.readFileSync(path.join(dir, "node_modules/shinsei-wasm/README.md"), "utf8");
  const out = {};
  for (const m of readme.matchAll(/<!-- snippet: (\w+) -->\n```js\n([\s\S]*?)```/g)) {
    const code = m[2];
    const expected = code.match(/^\/\/ → (.*)$/m)?.[1];
    assert.ok(expected, `snippet ${m[1]}: a // → line`);
    out[m[1]] = { code, expected };
  }
  assert.ok(out.esm && out.cjs, "the README has the esm and cjs snippets");
  return out;
}

/** Starts `npx vite …args` in `dir`; resolves once it listens on `port`. */
async function vite(dir, args, port) {
  const child = spawn(path.join(dir, "node_modules/.bin/vite"), [...args, "--port", String(port), "--strictPort"], { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  child.stdout.on("data", (d) => (log += d));
  child.stderr.on("data", (d) => (log += d));
  for (let i = 0; i < 100; i++) {
    try {
      await fetch(`http://localhost:${port}/`);
      return { stop: () => child.kill("SIGTERM"), log: () => log };
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  child.kill("SIGKILL");
  throw new Error(`vite ${args.join(" ")} did not start:\n${log}`);
}

/** Loads `url` in Chromium; what the page printed and the .wasm responses. */
async function inChromium(url, expected) {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-dev-shm-usage"],
  });
  try {
    const page = await browser.newPage();
    const printed = [];
    const errors = [];
    const wasm = [];
    page.on("console", (m) => printed.push(m.text()));
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("response", (r) => {
      if (r.url().endsWith(".wasm")) wasm.push({ url: r.url(), status: r.status(), type: r.headers()["content-type"] });
    });
    await page.goto(url);
    for (let i = 0; i < 100 && !printed.includes(expected) && errors.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 100));
    }
    return { printed, errors, wasm };
  } finally {
    await browser.close();
  }
}

/** Serves `dir` as static files on `port` (a .wasm as application/wasm). */
function serveStatic(dir, port) {
  const types = { ".html": "text/html", ".js": "text/javascript", ".wasm": "application/wasm" };
  const server = http.createServer((req, res) => {
    const file = path.join(dir, decodeURIComponent(new URL(req.url, "http://x").pathname));
    if (!file.startsWith(dir) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": types[path.extname(file)] ?? "application/octet-stream" });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(port, "127.0.0.1", () => resolve(server)));
}

let tarball;

before(() => {
  tarball = pack();
  const { report } = tarball;
  const files = report.files.map((f) => f.path).sort();
  fs.writeFileSync(
    path.join(root, "out/package.json"),
    `${JSON.stringify({ packed_bytes: report.size, unpacked_bytes: report.unpackedSize, files: report.files }, null, 2)}\n`,
  );
  console.log(`# npm pack: ${report.filename}, ${report.size} bytes packed, ${report.unpackedSize} unpacked, ${files.length} files`);
});

test("the tarball carries one copy of each module, every entry and each form's bundle", () => {
  const files = tarball.report.files.map((f) => f.path);
  assert.deepEqual(files.filter((f) => f.endsWith(".wasm")).sort(), ["core/shinsei_wasm_bg.wasm", "shinsei_wasm_bg.wasm"]);
  for (const f of ["index.mjs", "node.cjs", "node.mjs", "index.d.ts", "index.d.mts", "forms.d.ts", "README.md", "package.json"]) {
    assert.ok(files.includes(f), f);
    if (!["forms.d.ts", "README.md", "package.json"].includes(f)) assert.ok(files.includes(`core/${f}`), `core/${f}`);
  }
  const forms = fs.readdirSync(path.join(root, "forms")).filter((d) => fs.existsSync(path.join(root, "forms", d, "cases")));
  const bundles = files.filter((f) => f.startsWith("bundles/")).map((f) => f.slice(8)).sort();
  assert.deepEqual(bundles, forms.map((id) => `${id}.bin`).sort());
});

describe("node", () => {
  let dir;
  let code;
  before(() => {
    dir = install("node", tarball.file);
    code = snippets(dir);
  });

  test("the ES module snippet", () => {
    fs.writeFileSync(path.join(dir, "snippet.mjs"), code.esm.code);
    assert.equal(run(process.execPath, ["snippet.mjs"], dir).trim(), code.esm.expected);
  });

  test("the CommonJS snippet", () => {
    fs.writeFileSync(path.join(dir, "snippet.cjs"), code.cjs.code);
    assert.equal(run(process.execPath, ["snippet.cjs"], dir).trim(), code.cjs.expected);
  });

  test("the core snippet: shinsei-wasm/core and one form's bundle", () => {
    fs.writeFileSync(path.join(dir, "snippet.mjs"), code.core.code);
    assert.equal(run(process.execPath, ["snippet.mjs"], dir).trim(), code.core.expected);
  });

  test("the core snippet in CommonJS", () => {
    fs.writeFileSync(path.join(dir, "snippet.cjs"), code.corecjs.code);
    assert.equal(run(process.execPath, ["snippet.cjs"], dir).trim(), code.corecjs.expected);
  });
});

describe("vitest", () => {
  let dir;
  let code;
  before(() => {
    dir = install("vitest", tarball.file);
    code = snippets(dir);
    // The snippet as a test file; the test says which environment ran it.
    // Each snippet as a test file; the test says which environment ran it.
    for (const [file, snippet] of [["snippet.test.js", code.esm], ["core.test.js", code.core]]) {
      fs.writeFileSync(
        path.join(dir, file),
        `${snippet.code}\nimport { expect, test } from "vitest";\ntest("the README's snippet ran", () => {\n  console.log("window:", typeof window);\n  expect(result.valid).toBe(false);\n});\n`,
      );
    }
  });

  for (const [environment, window] of [["node", "undefined"], ["jsdom", "object"]]) {
    for (const [file, which] of [["snippet.test.js", "esm"], ["core.test.js", "core"]]) {
      test(`environment ${environment}: the ${which} snippet`, () => {
        const out = run(path.join(dir, "node_modules/.bin/vitest"), ["run", "--environment", environment, "--reporter", "verbose", file], dir, { CI: "1", NO_COLOR: "1" });
        assert.ok(out.includes(code[which].expected), out);
        assert.ok(out.includes(`window: ${window}`), out);
        assert.match(out, /1 passed/);
      });
    }
  }
});

describe("vite", () => {
  let dir;
  let code;
  before(() => {
    dir = install("vite", tarball.file);
    code = snippets(dir);
    fs.writeFileSync(path.join(dir, "snippet.js"), code.esm.code);
    assert.ok(!fs.readdirSync(dir).some((f) => f.startsWith("vite.config")), "no Vite config");
  });

  test("vite dev: Chromium gets the page and the .wasm from the dev server", async () => {
    const server = await vite(dir, [], 5390);
    try {
      const { printed, errors, wasm } = await inChromium("http://localhost:5390/", code.esm.expected);
      assert.deepEqual(errors, []);
      assert.ok(printed.includes(code.esm.expected), `${printed.join("\n")}\n${server.log()}`);
      assert.equal(wasm.length, 1, JSON.stringify(wasm));
      assert.equal(wasm[0].status, 200);
      assert.equal(wasm[0].type, "application/wasm");
    } finally {
      server.stop();
    }
  });

  test("vite build, served by vite preview", async () => {
    fs.rmSync(path.join(dir, "dist"), { recursive: true, force: true });
    run(path.join(dir, "node_modules/.bin/vite"), ["build"], dir);
    const assets = fs.readdirSync(path.join(dir, "dist/assets"));
    assert.equal(assets.filter((f) => f.endsWith(".wasm")).length, 1, assets.join(", "));
    const server = await vite(dir, ["preview"], 5391);
    try {
      const { printed, errors, wasm } = await inChromium("http://localhost:5391/", code.esm.expected);
      assert.deepEqual(errors, []);
      assert.ok(printed.includes(code.esm.expected), printed.join("\n"));
      assert.equal(wasm.length, 1);
      assert.equal(wasm[0].status, 200);
      assert.match(wasm[0].url, /\/assets\/shinsei_wasm_bg-[\w-]+\.wasm$/);
    } finally {
      server.stop();
    }
  });

  test("shinsei-wasm/core: vite dev and vite build, the core module and one form's bundle in Chromium", async () => {
    fs.writeFileSync(path.join(dir, "snippet.js"), code.corebrowser.code);
    const core = fs.statSync(path.join(dir, "node_modules/shinsei-wasm/core/shinsei_wasm_bg.wasm")).size;
    const dev = await vite(dir, [], 5393);
    try {
      const { printed, errors, wasm } = await inChromium("http://localhost:5393/", code.corebrowser.expected);
      assert.deepEqual(errors, []);
      assert.ok(printed.includes(code.corebrowser.expected), `${printed.join("\n")}\n${dev.log()}`);
      assert.equal(wasm.length, 1, JSON.stringify(wasm));
      assert.equal(wasm[0].status, 200);
    } finally {
      dev.stop();
    }
    fs.rmSync(path.join(dir, "dist"), { recursive: true, force: true });
    run(path.join(dir, "node_modules/.bin/vite"), ["build"], dir);
    const assets = fs.readdirSync(path.join(dir, "dist/assets"));
    const modules = assets.filter((f) => f.endsWith(".wasm"));
    assert.equal(modules.length, 1, assets.join(", "));
    assert.equal(fs.statSync(path.join(dir, "dist/assets", modules[0])).size, core, "the core module, not the default one");
    assert.equal(assets.filter((f) => f.endsWith(".bin")).length, 1, assets.join(", "));
    const server = await vite(dir, ["preview"], 5394);
    try {
      const { printed, errors } = await inChromium("http://localhost:5394/", code.corebrowser.expected);
      assert.deepEqual(errors, []);
      assert.ok(printed.includes(code.corebrowser.expected), printed.join("\n"));
    } finally {
      server.stop();
      fs.writeFileSync(path.join(dir, "snippet.js"), code.esm.code);
    }
  });

  test("Vite SSR: the snippet runs through ssrLoadModule", () => {
    const script = `import { createServer } from "vite";
const server = await createServer({ root: ${JSON.stringify(dir)}, logLevel: "silent", appType: "custom", server: { middlewareMode: true } });
try { await server.ssrLoadModule("/snippet.js"); } finally { await server.close(); }`;
    fs.writeFileSync(path.join(dir, "ssr.mjs"), script);
    assert.equal(run(process.execPath, ["ssr.mjs"], dir).trim(), code.esm.expected);
    // The core snippet (Node's: the bundle read from the file) the same way.
    fs.writeFileSync(path.join(dir, "snippet.js"), code.core.code);
    try {
      assert.equal(run(process.execPath, ["ssr.mjs"], dir).trim(), code.core.expected);
    } finally {
      fs.writeFileSync(path.join(dir, "snippet.js"), code.esm.code);
    }
  });
});

describe("webpack", () => {
  test("webpack --mode production, loaded by Chromium", async () => {
    const dir = install("webpack", tarball.file);
    const code = snippets(dir);
    fs.writeFileSync(path.join(dir, "snippet.js"), code.esm.code);
    fs.rmSync(path.join(dir, "dist"), { recursive: true, force: true });
    const out = run(path.join(dir, "node_modules/.bin/webpack"), ["--mode", "production", "--entry", "./snippet.js", "--output-path", "dist"], dir);
    assert.doesNotMatch(out, /ERROR/, out);
    const files = fs.readdirSync(path.join(dir, "dist"));
    assert.equal(files.filter((f) => f.endsWith(".wasm")).length, 1, files.join(", "));
    fs.writeFileSync(path.join(dir, "dist/index.html"), '<!doctype html><meta charset="utf-8"><script src="main.js"></script>\n');
    const server = await serveStatic(path.join(dir, "dist"), 5392);
    try {
      const { printed, errors, wasm } = await inChromium("http://127.0.0.1:5392/index.html", code.esm.expected);
      assert.deepEqual(errors, []);
      assert.ok(printed.includes(code.esm.expected), printed.join("\n"));
      assert.equal(wasm.length, 1);
      assert.equal(wasm[0].status, 200);
    } finally {
      server.close();
    }
  });

  test("shinsei-wasm/core: webpack emits the core module and the form's bundle, loaded by Chromium", async () => {
    const dir = path.join(apps, "webpack");
    const code = snippets(dir);
    fs.writeFileSync(path.join(dir, "snippet.js"), code.corewebpack.code);
    fs.rmSync(path.join(dir, "dist"), { recursive: true, force: true });
    const out = run(path.join(dir, "node_modules/.bin/webpack"), ["--mode", "production", "--entry", "./snippet.js", "--output-path", "dist"], dir);
    assert.doesNotMatch(out, /ERROR/, out);
    const files = fs.readdirSync(path.join(dir, "dist"));
    const modules = files.filter((f) => f.endsWith(".wasm"));
    assert.equal(modules.length, 1, files.join(", "));
    const core = fs.statSync(path.join(dir, "node_modules/shinsei-wasm/core/shinsei_wasm_bg.wasm")).size;
    assert.equal(fs.statSync(path.join(dir, "dist", modules[0])).size, core, "the core module, not the default one");
    assert.equal(files.filter((f) => f.endsWith(".bin")).length, 1, files.join(", "));
    fs.writeFileSync(path.join(dir, "dist/index.html"), '<!doctype html><meta charset="utf-8"><script src="main.js"></script>\n');
    const server = await serveStatic(path.join(dir, "dist"), 5395);
    try {
      const { printed, errors } = await inChromium("http://127.0.0.1:5395/index.html", code.corewebpack.expected);
      assert.deepEqual(errors, []);
      assert.ok(printed.includes(code.corewebpack.expected), printed.join("\n"));
    } finally {
      server.close();
    }
  });
});

describe("types", () => {
  let dir;
  before(() => {
    dir = install("ts", tarball.file);
    // The README's snippet as a TypeScript app copies it (tsconfig.bundler.json lists it).
    fs.writeFileSync(path.join(dir, "snippet.mts"), snippets(dir).esm.code);
  });

  // TypeScript 7 (tools/) has no moduleResolution node10 any more: the app's TypeScript 5 checks it.
  const ts7 = path.join(tools, "tsc");
  const ts5 = () => path.join(dir, "node_modules/.bin/tsc");
  for (const [config, tsc, version] of [
    ["tsconfig.bundler.json", () => ts7, 7],
    ["tsconfig.nodenext.json", () => ts7, 7],
    ["tsconfig.bundler.json", ts5, 5],
    ["tsconfig.nodenext.json", ts5, 5],
    ["tsconfig.node10.json", ts5, 5],
  ]) {
    test(`TypeScript ${version}: tsc --strict -p ${config}`, () => {
      run(tsc(), ["-p", config], dir);
    });
  }

  test("arethetypeswrong: every entry's types match what runs (node10, node16 CJS and ESM, bundler)", () => {
    const out = run(path.join(tools, "attw"), [tarball.file, "--format", "json", "--exclude-entrypoints", "./shinsei_wasm_bg.wasm", "./core/shinsei_wasm_bg.wasm", "./bundles/*"], dir);
    const analysis = JSON.parse(out);
    assert.deepEqual(analysis.analysis?.problems ?? analysis.problems ?? [], []);
  });
});

after(() => {
  for (const app of ["node", "vitest", "vite", "webpack", "ts"]) {
    for (const f of ["snippet.mjs", "snippet.cjs", "snippet.test.js", "core.test.js", "snippet.js", "ssr.mjs", "snippet.mts"]) {
      fs.rmSync(path.join(apps, app, f), { force: true });
    }
  }
});
