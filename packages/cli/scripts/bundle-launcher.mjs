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
import path from "node:path";
import { pathToFileURL } from "node:url";
import vm from "node:vm";

/**
 * The CommonJS wrapper, on a line of its own so that stack traces keep cli.cjs's line numbers.
 * `__docklintImport`: import() for JavaScript configs and plugins (bundle.mjs rewrites the CLI's
 * import() to it). import() inside the script itself would need vm's USE_MAIN_CONTEXT_DEFAULT_LOADER,
 * which prints an ExperimentalWarning on Node 20 and fails in functions that come from the cache.
 */
const WRAPPER_START = "(function (exports, require, module, __filename, __dirname, __docklintImport) {\n";
const WRAPPER_END = "\n})";

/** The code cache's file name: only the V8 that made it can use it. */
export const CODE_CACHE_FILE = `cli.cjs.v8-${process.versions.v8}.cache`;

/**
 * Runs cli.cjs from `bundleDir` with `cachedData` (none: compile it all); returns its exports and the
 * script (bundle.mjs asks it for the cache after a warm-up lint).
 */
export function loadCachedCli(bundleDir, cachedData) {
  const file = path.join(bundleDir, "cli.cjs");
  // bundle.mjs makes cli.cjs ASCII: latin1 reads it as UTF-8 would, without decoding.
  const source = readFileSync(file, "latin1");
  const script = new vm.Script(WRAPPER_START + source + WRAPPER_END, { filename: file, lineOffset: -1, cachedData });
  const module = { exports: {} };
  const importModule = (specifier) => import(specifier);
  script.runInThisContext()(module.exports, createRequire(file), module, file, bundleDir, importModule);
  return { exports: module.exports, script };
}

/** main() of cli.cjs with this V8's code cache, or of the ES module build when there is none. */
async function loadMain(bundleDir) {
  let cachedData;
  try {
    cachedData = readFileSync(path.join(bundleDir, CODE_CACHE_FILE));
  } catch {
    return (await import(pathToFileURL(path.join(bundleDir, "main.mjs")).href)).main;
  }
  return loadCachedCli(bundleDir, cachedData).exports.main;
}

/** What bin/docklint.js does with dist/main.js, for the bundle (bin/docklint.js runs this when the bundle is current). */
export function runBundledCli(bundleDir) {
  // `docklint | head` closes the pipe early: that is the reader's choice, not a crash worth a stack trace.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on("error", (error) => {
      if (error.code !== "EPIPE") throw error;
    });
  }
  loadMain(bundleDir)
    .then((main) => main(process.argv.slice(2), { cwd: process.cwd(), stdout: process.stdout, stderr: process.stderr }))
    .then((code) => {
      process.exitCode = code;
    });
}
