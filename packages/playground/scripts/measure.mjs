// Bundle sizes (Dockerfile-only path vs the full page, raw and gzip) and cold load time in
// headless Chromium, for the README. Run after `pnpm --filter @docklint/playground run build`:
//   node scripts/measure.mjs [dist folder] [runs]
// Never a test: timings depend on the machine.
import { readFileSync, readdirSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import { dirname, extname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { chromium } from "playwright-core";

const here = dirname(fileURLToPath(import.meta.url));
const dist = resolve(process.argv[2] ?? join(here, "..", "dist"));
const runs = Number(process.argv[3] ?? 7);
const chromiumPath = process.env.DOCKLINT_CHROMIUM ?? "/usr/bin/chromium";

const manifest = JSON.parse(readFileSync(join(dist, ".vite", "manifest.json"), "utf8"));
const entryKey = Object.keys(manifest).find((key) => manifest[key].isEntry);

/** The files a first visit with a Dockerfile downloads: the entry, its static imports, their CSS. */
function staticClosure(key, files = new Set()) {
  const chunk = manifest[key];
  files.add(chunk.file);
  for (const css of chunk.css ?? []) files.add(css);
  for (const imported of chunk.imports ?? []) if (!files.has(manifest[imported].file)) staticClosure(imported, files);
  return files;
}

function sizes(files) {
  let raw = 0;
  let gzip = 0;
  for (const file of files) {
    const body = readFileSync(join(dist, file));
    raw += body.length;
    gzip += gzipSync(body).length;
  }
  return { raw, gzip };
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} kB`;
const dockerfilePath = staticClosure(entryKey);
const everything = new Set(readdirSync(join(dist, "assets")).filter((f) => /\.(?:js|css)$/.test(f)).map((f) => `assets/${f}`));
/** What a kind adds to a Dockerfile-only visit: core's entry for it and its editor language, minus shared chunks already loaded. */
function lazy(...sources) {
  const files = new Set();
  for (const source of sources) staticClosure(Object.keys(manifest).find((key) => key.endsWith(source)), files);
  return sizes([...files].filter((file) => !dockerfilePath.has(file)));
}

const types = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css" };
const server = createServer(async (request, response) => {
  const pathname = new URL(request.url, "http://localhost").pathname;
  const path = pathname.endsWith("/") ? `${pathname}index.html` : pathname;
  try {
    const body = await readFile(join(dist, path));
    response.writeHead(200, { "content-type": types[extname(path)] ?? "application/octet-stream" });
    response.end(body);
  } catch {
    response.writeHead(404);
    response.end();
  }
});
await new Promise((done) => server.listen(0, "127.0.0.1", done));
const url = `http://127.0.0.1:${server.address().port}/`;

const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: ["--no-sandbox"] });
const loadEvents = [];
const firstFindings = [];
const composeFindings = [];
for (let i = 0; i < runs; i++) {
  // A new context each time: empty cache, as a first visit.
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForSelector("#findings[data-count]");
  firstFindings.push(await page.evaluate(() => performance.now()));
  loadEvents.push(await page.evaluate(() => performance.getEntriesByType("navigation")[0].loadEventStart));
  const started = await page.evaluate(() => performance.now());
  await page.selectOption("#sample", "insecure-compose");
  await page.waitForFunction(() => globalThis.document.querySelector("#detected")?.textContent === "detected: Compose");
  composeFindings.push((await page.evaluate(() => performance.now())) - started);
  await context.close();
}
await browser.close();
server.close();

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const row = (name, { raw, gzip }) => `| ${name} | ${kb(raw)} | ${kb(gzip)} |`;
console.log(`| Bundle | Size | gzip |
|---|---:|---:|
${row("Dockerfile-only path (first visit)", sizes(dockerfilePath))}
${row("+ Compose support (loaded on demand)", lazy("core/dist/compose/index.js", "lang-yaml/dist/index.js"))}
${row("+ daemon.json support (loaded on demand)", lazy("core/dist/daemon/index.js", "lang-json/dist/index.js"))}
${row("Full page (all JS and CSS)", sizes(everything))}

Cold load in headless Chromium (${chromiumPath}, median of ${runs} fresh contexts, local server):
load event ${median(loadEvents).toFixed(0)} ms, first findings shown ${median(firstFindings).toFixed(0)} ms after navigation start;
switching to the Compose sample (download + lint) ${median(composeFindings).toFixed(0)} ms.`);
