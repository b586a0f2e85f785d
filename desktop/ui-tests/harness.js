// The harness of the front-end tests: serves `desktop/ui/` on a local port (ES modules need
// http, not file://), starts headless Chromium through puppeteer-core (Debian's `chromium`, or
// $CHROMIUM), and opens the window with the Tauri IPC replaced by the mock backend in `mock.js`.
// No network: the page loads only from 127.0.0.1, and the mock answers every command.

import http from "node:http";
import { before, after } from "node:test";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import puppeteer from "puppeteer-core";
import { installMock } from "./mock.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const UI = path.resolve(here, "../ui");
const AXE = fs.readFileSync(path.join(here, "node_modules/axe-core/axe.min.js"), "utf8");
const TYPES = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".png": "image/png" };

/** Serves `ui/` on a free local port; resolves to the server and its base URL. */
export function serve() {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, "http://localhost");
    const rel = url.pathname === "/" ? "index.html" : decodeURIComponent(url.pathname).replace(/^\/+/, "");
    const file = path.resolve(UI, rel);
    if (!file.startsWith(UI) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": TYPES[path.extname(file)] || "application/octet-stream" });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve({ server, base: `http://127.0.0.1:${server.address().port}/` })));
}

/** Starts headless Chromium. */
export function launch() {
  const executablePath = process.env.CHROMIUM || "/usr/bin/chromium";
  if (!fs.existsSync(executablePath)) {
    throw new Error(`no Chromium at ${executablePath}: apt-get install chromium, or set CHROMIUM`);
  }
  return puppeteer.launch({ executablePath, headless: true, args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"] });
}

/**
 * A page of the window on `base` with the mock backend; `options.user` is preset as "who am I",
 * `options.lang` as the language. Page errors fail the test that reads `page.errors`.
 */
export async function open(browser, base, options = {}) {
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 900 });
  page.errors = [];
  page.on("pageerror", (e) => page.errors.push(String(e)));
  page.on("console", (m) => {
    if (m.type() === "error") page.errors.push(m.text());
  });
  await page.evaluateOnNewDocument(installMock, options);
  await page.goto(base, { waitUntil: "networkidle0" });
  return page;
}

/**
 * One server and one browser for the tests of a file: started before them, stopped after them.
 * `session.open(options)` opens the window (see [`open`]).
 */
export function session() {
  const s = {};
  before(async () => {
    s.web = await serve();
    s.browser = await launch();
  });
  after(async () => {
    await s.browser?.close();
    s.web?.server.close();
  });
  s.open = (options = {}) => open(s.browser, s.web.base, options);
  return s;
}

/** Waits until `selector`'s text contains `text`; returns the text. */
export async function textOf(page, selector, text) {
  await page.waitForFunction((s, t) => document.querySelector(s)?.textContent.includes(t), { timeout: 5000 }, selector, text).catch(async () => {
    const actual = await page.$eval(selector, (e) => e.textContent).catch(() => "(no such element)");
    throw new Error(`${selector} never contained ${JSON.stringify(text)}; it reads ${JSON.stringify(actual)}`);
  });
  return page.$eval(selector, (e) => e.textContent);
}

/** The status line's latest message (the live region is cleared and refilled). */
export async function status(page, text) {
  return textOf(page, "#status", text);
}

/** The IPC calls made so far: [{cmd, args}]. */
export function calls(page, cmd) {
  return page.evaluate((c) => window.__calls.filter((x) => !c || x.cmd === c), cmd);
}

/** Runs axe-core on the page; returns the serious and critical violations. */
export async function axe(page) {
  if (!(await page.evaluate(() => Boolean(window.axe)))) await page.addScriptTag({ content: AXE });
  const result = await page.evaluate(() => window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } }));
  return result.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.map((n) => n.html) }));
}
