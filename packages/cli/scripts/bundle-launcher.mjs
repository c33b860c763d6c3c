// dist/bundle/docklint.js, the bundle's runnable CLI (scripts/bundle.mjs builds it from this file as
// CommonJS: an ES module entry costs ~5 ms more to start). It runs the bundled CLI, cli.cjs, as one
// vm.Script with the V8 code cache that bundle.mjs stored beside it, so that a start skips parsing
// and compiling the functions a lint runs: ES modules have no code cache on Node 20.
//
// The cache file is named after the V8 that made it. Under another V8 (another Node version) there
// is no cache to use, and compiling all of cli.cjs would be slower than the ES module build, whose
// chunks leave Compose code out: the launcher imports main.mjs instead, as the bundle did before.
// A cache that V8 still rejects (other V8 flags, such as --cpu-prof) only costs the time it would
// have saved. Nothing is written at run time.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import v8 from "node:v8";
import vm from "node:vm";

/**
 * The CommonJS wrapper that bundle.mjs writes around cli.cjs's code, in the file itself: wrapping it
 * at run time made a 1.2 MB string that V8 copied once more before compiling (~350 page faults and
 * ~1 ms of a one-Dockerfile run). `__docklintImport`: import() for JavaScript configs and plugins
 * (bundle.mjs rewrites the CLI's import() to it). import() inside the script itself would need vm's
 * USE_MAIN_CONTEXT_DEFAULT_LOADER, which prints an ExperimentalWarning on Node 20 and fails in
 * functions that come from the cache.
 */
export const WRAPPER_START = "(function (exports, require, module, __filename, __dirname, __docklintImport) {\n";
export const WRAPPER_END = "\n})";

/**
 * V8 settings for a lint run: short, allocation-heavy, with much code that runs a little. Measured
 * with the CLI over the corpus's 2,468 Dockerfiles on Node 20 (V8 11.3), 2 cores, 3 runs each:
 * - --interrupt-budget=1000000 (default 67584): a function is optimised by TurboFan after ~15×
 *   more work, so a run stops spending as much CPU optimising (and deoptimising: ~670 TurboFan jobs,
 *   245 deopts by default) as linting. CPU 5.3–5.8 → 3.9–4.3 s, wall 3.5–3.8 → 3.3–3.6 s;
 *   --concurrency auto 4.3–4.4 → 2.6–3.1 s. 250000 and 2000000 measured worse.
 * - --heap-growing-percent=30: the old generation grows by 30% between major GCs instead of V8's
 *   dynamic factor (up to 4×), which a run that promotes mostly garbage does not need: peak RSS
 *   230–350 → 188–191 MiB, at no cost in time.
 * Only on the V8 they were measured on: an unknown flag prints an error, and other V8s tier
 * differently (Maglev). They must be set before cli.cjs is compiled, in the process that makes the
 * code cache too: V8 rejects a cache made under other flags.
 */
const V8_FLAGS = isMeasuredV8(process.versions.v8) ? ["--interrupt-budget=1000000", "--heap-growing-percent=30"] : [];

/** Node 20's V8 (11.x), the one V8_FLAGS and serialLintV8Flags were measured on. */
function isMeasuredV8(v8Version) {
  return v8Version.startsWith("11.");
}

export function tuneV8() {
  loadEveryRunBuiltins();
  for (const flag of V8_FLAGS) v8.setFlagsFromString(flag);
}

/**
 * V8 settings for a lint on this thread alone, set by main() just before it lints the files
 * (MainOptions.beforeSerialLint), when no worker thread will: after cli.cjs is loaded, because V8
 * takes a code cache only under the flags it was made with, and a worker made later loads the
 * cache too. A serial run leaves the second core to V8's background threads, so TurboFan may work
 * more there:
 * - --interrupt-budget=250000 (V8_FLAGS's 1000000 until then): functions are optimised after a
 *   quarter of the work, ~3× as many of them (327 against 102 over the corpus's Dockerfiles);
 * - --no-turbo-inlining: each one is compiled alone, smaller and sooner.
 * The CLI over the corpus's 2,468 Dockerfiles, Node 20, 2 cores, 6 runs each (hyperfine): 2.37–2.41
 * → 2.08 s wall, user CPU 2.68–2.71 s both; its 976 Compose files 1.38 → 1.23 s; the corpus four
 * times over (9,872 files) 7.6 → 6.1–6.4 s; a 100k-line Dockerfile 3.28 → 2.76 s; one Dockerfile
 * unchanged. Each alone does less: the budget 2.34 s (2.50 s without, in the same runs), inlining off
 * under the budget of 1000000 2.94 s. Not with worker threads, where both cores lint
 * (--concurrency auto 1.98 → 2.15 s), nor on one core, where the compiler takes the lint's core
 * (taskset -c 0: 2.94 → 3.06 s).
 */
export function serialLintV8Flags(v8Version = process.versions.v8, parallelism = os.availableParallelism()) {
  return isMeasuredV8(v8Version) && parallelism > 1 ? ["--interrupt-budget=250000", "--no-turbo-inlining"] : [];
}

export function tuneV8ForSerialLint() {
  for (const flag of serialLintV8Flags()) v8.setFlagsFromString(flag);
}

/**
 * Node compiles a built-in module from its own code cache only under the V8 flags it was built
 * with: one first loaded after tuneV8() is compiled from source. The built-ins that every run loads
 * are loaded before: fs/promises, os and util's parse_args compiled from source were ~22 M of the
 * ~180 M instructions that a one-Dockerfile run adds to `node -e 0` (valgrind), ~5 ms. Not through
 * import statements: esbuild drops those of built-ins it sees unused.
 */
function loadEveryRunBuiltins() {
  // Node ≥ 20.16; on an older Node these built-ins load later, from source, as before.
  if (typeof process.getBuiltinModule !== "function") return;
  process.getBuiltinModule("node:fs/promises");
  process.getBuiltinModule("node:os");
  // yaml's require("process"), for Compose files.
  process.getBuiltinModule("node:process");
  // util loads parseArgs on first access.
  Reflect.get(process.getBuiltinModule("node:util"), "parseArgs");
}

/** The code caches' file names: only the V8 that made them can use them. The first serves every kind of file. */
export const CODE_CACHE_FILE = `cli.cjs.v8-${process.versions.v8}.cache`;
/** Warmed on Dockerfiles only: smaller, so a Dockerfile-only run loads it faster (bundle.mjs, buildCodeCaches). */
export const DOCKERFILE_CODE_CACHE_FILE = `cli.cjs.v8-${process.versions.v8}.dockerfile.cache`;

/** A Dockerfile's name as discovery knows it (core's isDockerfileName), at the end of a path. */
const DOCKERFILE_PATH = /(?:^|[\\/])(?:(?:Dockerfile|Containerfile)(?:\.[^\\/]*)?|[^\\/]+\.(?:Dockerfile|dockerfile))$/;
/** What may name a Compose file, a daemon.json or a directory of them. */
const OTHER_TARGET = /\.(?:ya?ml|json)$|^\.{1,2}$|[\\/]$|[*?{[]/;

/**
 * The code cache for a command line: the Dockerfile one when it names Dockerfiles and nothing that
 * looks like another kind of file, a directory or a glob. A wrong guess costs a few milliseconds,
 * never a result: both caches are for the same cli.cjs.
 */
export function codeCacheFor(args) {
  let dockerfiles = 0;
  for (const arg of args) {
    if (arg.startsWith("-")) continue;
    if (OTHER_TARGET.test(arg)) return CODE_CACHE_FILE;
    if (DOCKERFILE_PATH.test(arg)) dockerfiles++;
  }
  return dockerfiles > 0 ? DOCKERFILE_CODE_CACHE_FILE : CODE_CACHE_FILE;
}

/**
 * Runs cli.cjs from `bundleDir` with `cachedData` (none: compile it all); returns its exports and the
 * script (bundle.mjs asks it for the cache after a warm-up lint).
 */
export function loadCachedCli(bundleDir, cachedData) {
  tuneV8();
  const file = path.join(bundleDir, "cli.cjs");
  // bundle.mjs makes cli.cjs ASCII: latin1 reads it as UTF-8 would, without decoding.
  const script = new vm.Script(readFileSync(file, "latin1"), { filename: file, cachedData });
  const module = { exports: {} };
  const importModule = (specifier) => import(specifier);
  script.runInThisContext()(module.exports, createRequire(file), module, file, bundleDir, importModule);
  return { exports: module.exports, script };
}

/**
 * cli.cjs's exports (main, serveBatches) with this V8's code cache `cacheFile` (or the one for every
 * kind); without one, the exports of the ES module build's `fallback` module (main.mjs, workers.mjs).
 */
export async function loadBundle(bundleDir, fallback, cacheFile = CODE_CACHE_FILE) {
  const cachedData = readIfAny(path.join(bundleDir, cacheFile)) ?? (cacheFile === CODE_CACHE_FILE ? undefined : readIfAny(path.join(bundleDir, CODE_CACHE_FILE)));
  if (!cachedData) {
    tuneV8();
    return import(pathToFileURL(path.join(bundleDir, fallback)).href);
  }
  return loadCachedCli(bundleDir, cachedData).exports;
}

function readIfAny(file) {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

/** What bin/docklint.js does with dist/main.js, for the bundle (bin/docklint.js runs this when the bundle is current). */
export function runBundledCli(bundleDir) {
  // `docklint | head` closes the pipe early: that is the reader's choice, not a crash worth a stack trace.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on("error", (error) => {
      if (error.code !== "EPIPE") throw error;
    });
  }
  const args = process.argv.slice(2);
  loadBundle(bundleDir, "main.mjs", codeCacheFor(args))
    .then(({ main }) => main(args, { cwd: process.cwd(), stdout: process.stdout, stderr: process.stderr }, { beforeSerialLint: tuneV8ForSerialLint }))
    .then((code) => {
      process.exitCode = code;
    });
}

/**
 * A --concurrency worker thread of cli.cjs (its worker code requires docklint-worker.js): it serves
 * batches from cli.cjs with the code cache too, so that each worker skips compiling what the main
 * thread skipped.
 */
export function serveBundledWorker(bundleDir) {
  void loadBundle(bundleDir, "workers.mjs").then(({ serveBatches }) => serveBatches());
}
