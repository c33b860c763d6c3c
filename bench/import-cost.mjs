// Where docklint's start-up goes: imports the bundle's pieces one after the other in a fresh
// process and prints the ms each adds, as JSON. run.mjs runs it several times.
//
//   node bench/import-cost.mjs
//
// `main.js` of the bundle brings every chunk a Dockerfile-only run loads (core with its rules
// and the CLI); the YAML, schema, fast-glob and formatter chunks are not among them.
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const repo = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const steps = [
  ["node:fs, node:path, node:url, node:module", "node:module"],
  ["docklint bundle (core, rules, CLI)", pathToFileURL(join(repo, "packages/cli/dist/bundle/main.mjs")).href],
];
const result = { processUptimeMs: process.uptime() * 1000 };
for (const [name, url] of steps) {
  const start = performance.now();
  if (url === "node:module") await Promise.all(["node:fs", "node:fs/promises", "node:path", "node:url", "node:module"].map((m) => import(m)));
  else await import(url);
  result[name] = performance.now() - start;
}
process.stdout.write(JSON.stringify(result) + "\n");
