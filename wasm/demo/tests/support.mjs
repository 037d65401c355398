// What the portal's browser tests and figures share: the real service
// (`shinsei serve --static wasm/demo/dist`) on a free loopback port, Debian's
// Chromium through playwright-core, the screen sizes, and an axe-core audit.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";
import { fileURLToPath } from "node:url";

import AxeBuilder from "@axe-core/playwright";
import { chromium } from "playwright-core";

export const demo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const root = path.resolve(demo, "../..");
export const out = path.join(root, "out", "portal");

/** A Monday, 10:00 JST: inside the service hours. */
export const NOW = "2026-03-02T10:00:00+09:00";

export const DESKTOP = { viewport: { width: 1280, height: 900 }, locale: "ja-JP" };
export const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: "ja-JP" };

/**
 * Starts the service binary (`SHINSEI_BIN`, else the debug build) on the
 * bundled forms with the built page; resolves to `{ base, stop }` once it
 * says where it listens.
 */
export async function startService({ site = path.join(demo, "dist"), args = [] } = {}) {
  const bin = process.env.SHINSEI_BIN ?? path.join(process.env.CARGO_TARGET_DIR ?? path.join(root, "target"), "debug", "shinsei");
  if (!fs.existsSync(path.join(site, "index.html"))) throw new Error(`${site} is not built: bash scripts/build-portal.sh`);
  const child = spawn(bin, ["serve", "--forms", path.join(root, "forms"), "--static", site, "--addr", "127.0.0.1:0", ...args], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, SHINSEI_LOG: "warn,shinsei::serve=info" },
  });
  let stderr = "";
  child.stderr.on("data", (d) => (stderr += d));
  const lines = readline.createInterface({ input: child.stdout });
  const base = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the service did not start in 60 s\n${stderr}`)), 60_000);
    child.on("exit", (code) => reject(new Error(`the service exited (${code})\n${stderr}`)));
    lines.on("line", (line) => {
      const addr = /"message":"listening".*"addr":"([^"]+)"|"addr":"([^"]+)".*"message":"listening"/.exec(line);
      if (addr) {
        clearTimeout(timer);
        resolve(`http://${addr[1] ?? addr[2]}`);
      }
    });
  });
  return {
    base,
    stop: () =>
      new Promise((resolve) => {
        child.removeAllListeners("exit");
        child.on("exit", resolve);
        child.kill("SIGTERM");
      }),
  };
}

/** Debian's Chromium, headless (playwright-core cannot download a browser here). */
export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    // A Japanese browser, as members have (the file input's button, for one, is the browser's):
    // on Linux Chromium takes its language from LANGUAGE (--lang is for the other systems);
    // its Japanese is Debian's chromium-l10n (scripts/setup.d/10-chromium.sh).
    env: { ...process.env, LANGUAGE: "ja" },
    args: ["--lang=ja-JP", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
  });
}

/**
 * axe-core on the page as it is now (every rule it runs by default, WCAG
 * 2.2 A/AA and best practices); returns the serious and critical violations
 * as readable lines, and the count of the others. `skip`: rule ids not to
 * run (the sweep over every form leaves out color-contrast: the colours are
 * one style sheet, audited on the main form at both widths).
 */
export async function audit(page, { skip = [] } = {}) {
  const { violations } = await new AxeBuilder({ page }).disableRules(skip).analyze();
  const grave = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  const lines = grave.map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}`);
  return { grave: lines, others: violations.length - grave.length, otherIds: violations.filter((v) => !grave.includes(v)).map((v) => v.id) };
}
