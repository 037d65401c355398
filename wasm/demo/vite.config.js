// The portal page's build: `npm run build` → dist/, served by
// `shinsei serve --static wasm/demo/dist`. Content-hashed names go under
// dist/assets/ (the service serves that directory `immutable`), and every
// text or wasm file there gets precompressed .br and .gz siblings at the
// highest levels, which the service sends as they are. The .wasm is
// preloaded from the page's <head>.
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { defineConfig } from "vite";

/** Writes `x.br` and `x.gz` beside each compressible output file of 1 KiB or more. */
function precompress() {
  let outDir;
  return {
    name: "shinsei-precompress",
    apply: "build",
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    closeBundle() {
      const walk = (dir) =>
        fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
      for (const file of walk(outDir)) {
        if (!/\.(js|css|html|wasm|json|svg)$/.test(file)) continue;
        const body = fs.readFileSync(file);
        if (body.length < 1024) continue;
        fs.writeFileSync(`${file}.gz`, zlib.gzipSync(body, { level: 9 }));
        fs.writeFileSync(
          `${file}.br`,
          zlib.brotliCompressSync(body, {
            params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length },
          }),
        );
      }
    },
  };
}

/**
 * `<link rel="preload">` for the package's .wasm in the page, so that it
 * downloads while the script does (the script only asks for it when it
 * runs). `crossorigin` makes the preload match the glue's `fetch`.
 */
function preloadWasm() {
  return {
    name: "shinsei-preload-wasm",
    apply: "build",
    transformIndexHtml: {
      order: "post",
      handler(html, { bundle }) {
        const wasm = Object.values(bundle ?? {}).find((f) => f.fileName.endsWith(".wasm"));
        if (!wasm) return html;
        return [{ tag: "link", attrs: { rel: "preload", href: `./${wasm.fileName}`, as: "fetch", type: "application/wasm", crossorigin: "anonymous" }, injectTo: "head" }];
      },
    },
  };
}

export default defineConfig({
  base: "./",
  build: {
    outDir: "dist",
    assetsDir: "assets",
    target: "es2022",
    // The wasm is its own file (fetched and compiled while it streams), never inlined.
    assetsInlineLimit: 0,
    reportCompressedSize: false,
  },
  // The package's glue finds its .wasm with `new URL(…, import.meta.url)`: keep it out of pre-bundling.
  optimizeDeps: { exclude: ["shinsei-wasm"] },
  plugins: [preloadWasm(), precompress()],
});
