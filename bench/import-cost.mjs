// Where docklint's start-up goes: imports the pieces of the CLI one after the other in a
// fresh process and prints the ms each adds, as JSON. run.mjs runs it several times.
//
//   node bench/import-cost.mjs
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const repo = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const fromCore = createRequire(join(repo, "packages/core/package.json"));
const fromCli = createRequire(join(repo, "packages/cli/package.json"));
const steps = [
  ["dockerfile-ast", pathToFileURL(fromCore.resolve("dockerfile-ast")).href],
  ["@docklint/core (rest)", pathToFileURL(join(repo, "packages/core/dist/index.js")).href],
  ["fast-glob", pathToFileURL(fromCli.resolve("fast-glob")).href],
  ["docklint CLI (rest)", pathToFileURL(join(repo, "packages/cli/dist/main.js")).href],
];
const result = { processUptimeMs: process.uptime() * 1000 };
for (const [name, url] of steps) {
  const start = performance.now();
  await import(url);
  result[name] = performance.now() - start;
}
process.stdout.write(JSON.stringify(result) + "\n");
