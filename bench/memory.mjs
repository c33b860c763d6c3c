// Peak memory of one CLI process that lints the whole corpus: every Dockerfile, then every
// Compose file, through the CLI's own main() as the bundled bin/docklint.js runs it, reports discarded.
// run.mjs starts it in a process of its own; prints JSON.
//
//   node bench/memory.mjs <corpus-dir> [--concurrency off|auto|<n>]
//
// Peak resident set size is the process's maxRSS (worker threads, when used, are in the same process).
import { Writable } from "node:stream";
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const repo = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const corpus = resolve(process.argv[2] ?? join(repo, "../shared/corpus"));
const concurrencyAt = process.argv.indexOf("--concurrency");
const concurrency = concurrencyAt > 0 ? process.argv[concurrencyAt + 1] : "off";
// main() as the bundled bin runs it: cli.cjs with its code cache and the launcher's V8 settings
// (which change the peak: scripts/bundle-launcher.mjs says by how much).
const launcher = await import(pathToFileURL(join(repo, "packages/cli/scripts/bundle-launcher.mjs")).href);
const { main } = await launcher.loadBundle(join(repo, "packages/cli/dist/bundle"), "main.mjs");

let bytesOut = 0;
const sink = new Writable({
  write(chunk, _encoding, callback) {
    bytesOut += chunk.length;
    callback();
  },
});
const runs = [];
const start = performance.now();
for (const kind of ["dockerfile", "compose"]) {
  const dir = join(corpus, kind);
  if (!existsSync(dir)) continue;
  const runStart = performance.now();
  const exitCode = await main([`${dir}/**/*`, "--kind", kind, "--format", "json", "--no-config-lookup", "--concurrency", concurrency], { cwd: repo, stdout: sink, stderr: sink });
  runs.push({ kind, exitCode, ms: performance.now() - runStart, rssAfterMiB: process.memoryUsage().rss / 2 ** 20 });
}
const usage = process.resourceUsage();
process.stdout.write(
  JSON.stringify({ corpus, concurrency, runs, ms: performance.now() - start, reportBytes: bytesOut, peakRssMiB: usage.maxRSS / 1024, cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000 }) + "\n",
);
