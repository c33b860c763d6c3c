#!/usr/bin/env node
/**
 * The long fuzz run (issue 7): `node packages/core/scripts/fuzz.mjs --runs 100000 [--seed N] [--only TEXT]`.
 * Runs the robustness properties of test/robustness/ (every parser and every rule on arbitrary
 * and mutated text, fix safety) over many more inputs than CI, and prints one summary line:
 *   fuzz: <inputs> inputs, <failures> failures, <seconds> s (seed <n>, corpus yes|no)
 * `--only` keeps the properties whose name contains TEXT (`--only options`), which then share the runs.
 * Failing inputs go to fuzz-failures.json in the current directory; the exit code is 1 when any.
 * The TypeScript harness is bundled with esbuild (a root devDependency) into a temporary file.
 */
import { mkdtempSync, rmSync, writeFileSync, existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { build } from "esbuild";

const here = path.dirname(fileURLToPath(import.meta.url));
const coreDir = path.resolve(here, "..");
const { values } = parseArgs({ options: { runs: { type: "string", default: "100000" }, seed: { type: "string", default: "1" }, corpus: { type: "string" }, only: { type: "string" } } });
const runs = Number(values.runs);
const seed = Number(values.seed);
if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(seed)) {
  console.error("usage: node packages/core/scripts/fuzz.mjs [--runs 100000] [--seed 1] [--corpus ../shared/corpus] [--only TEXT]");
  process.exit(2);
}
const corpusDir = values.corpus ?? path.join(process.env.DOCKLINT_SHARED_DIR ?? path.resolve(coreDir, "..", "..", "..", "shared"), "corpus");
const hasCorpus = existsSync(path.join(corpusDir, "dockerfile"));
if (!hasCorpus) console.error(`fuzz: ${corpusDir} is absent; fuzzing without corpus seeds (set DOCKLINT_SHARED_DIR or --corpus).`);

// ignoreAnnotations: core says "sideEffects": false, yet the harness imports compose/ and daemon/ to register them.
// Inside the package, so that the bundle's bare imports (yaml, ajv, …) resolve from its node_modules.
const scratch = mkdtempSync(path.join(coreDir, ".fuzz-"));
try {
  const outfile = path.join(scratch, "fuzz-run.mjs");
  await build({ entryPoints: [path.join(coreDir, "test/robustness/fuzz-run.ts")], bundle: true, platform: "node", format: "esm", packages: "external", outfile, logLevel: "error", ignoreAnnotations: true });
  const { runFuzz } = await import(pathToFileURL(outfile).href);
  const started = performance.now();
  const summary = runFuzz({
    runs,
    seed,
    corpusDir: hasCorpus ? corpusDir : undefined,
    ...(values.only !== undefined ? { only: values.only } : {}),
    progress: (done, failures) => console.error(`fuzz: ${done} inputs, ${failures} failures, ${((performance.now() - started) / 1000).toFixed(0)} s`),
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  for (const [name, count] of Object.entries(summary.perProperty)) console.log(`  ${String(count).padStart(7)}  ${name}`);
  if (summary.failures.length > 0) {
    writeFileSync("fuzz-failures.json", `${JSON.stringify(summary.failures.slice(0, 200), null, 2)}\n`);
    for (const failure of summary.failures.slice(0, 5)) console.log(`FAIL ${failure.property}: ${failure.problems[0]}\n  input: ${JSON.stringify(failure.input.slice(0, 300))}`);
  }
  console.log(`fuzz: ${summary.inputs} inputs, ${summary.failures.length} failures, ${seconds} s (seed ${seed}, corpus ${hasCorpus ? "yes" : "no"})`);
  process.exitCode = summary.failures.length > 0 ? 1 : 0;
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
