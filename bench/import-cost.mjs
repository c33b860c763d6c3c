// Where docklint's start-up goes: loads the bundle's pieces one after the other in a fresh
// process, the way the bundled bin does, and prints the ms each adds, as JSON. run.mjs runs it
// several times.
//
//   node bench/import-cost.mjs
//
// The bin (dist/bundle/docklint.js) reads cli.cjs and runs it through vm.Script with the V8 code
// cache made at build time; the ES module build (main.mjs and its chunks) is what it runs when
// there is no cache for this V8, and what worker threads load without one.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const repo = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const bundleDir = join(repo, "packages/cli/dist/bundle");
const result = { processUptimeMs: process.uptime() * 1000 };
const time = async (name, work) => {
  const start = performance.now();
  await work();
  result[name] = performance.now() - start;
};
let launcher;
await time("node:fs, node:path, node:url, node:module, node:vm", async () => {
  await Promise.all(["node:fs", "node:path", "node:url", "node:module", "node:vm"].map((m) => import(m)));
  launcher = await import(pathToFileURL(join(repo, "packages/cli/scripts/bundle-launcher.mjs")).href);
});
// The cache a one-Dockerfile run reads.
const cacheFile = join(bundleDir, launcher.DOCKERFILE_CODE_CACHE_FILE);
if (existsSync(cacheFile)) {
  let cache;
  await time("read the code cache", () => {
    cache = readFileSync(cacheFile);
  });
  await time("cli.cjs from the code cache (core, rules, CLI)", () => launcher.loadCachedCli(bundleDir, cache));
} else {
  await time("docklint bundle, ES modules (core, rules, CLI)", () => import(pathToFileURL(join(bundleDir, "main.mjs")).href));
}
process.stdout.write(JSON.stringify(result) + "\n");
