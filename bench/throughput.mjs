// One throughput measurement in a process of its own (run.mjs starts one per tool,
// so that one tool's JIT state, heap and monkey-patching never affect another's).
//
//   node bench/throughput.mjs <tool> <corpus-dir> [passes] [every]
//
// `passes` 0: the warm-up pass is the measurement (for a tool whose time is not JIT warm-up
// but work redone for every file, such as dclint compiling its schema). `every` n: only every
// n-th file of the sorted corpus (a sample, for a tool too slow to run on all of it).
// Lints every file of the corpus once as a warm-up, then `passes` more times. In
// each pass every file is read (readFileSync) and then linted, with the two timed
// apart, so that one pass gives both "excluding reading" (lint time only) and
// "including reading" (read + lint) figures. Prints one JSON object on stdout.
import { readdirSync, statSync } from "node:fs";
import fs from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, "..");
const benchRequire = createRequire(join(here, "package.json"));
const coreRequire = createRequire(join(repo, "packages/core/package.json"));

/** Every regular file under `dir`, sorted, so that every tool sees the same order. */
export function listCorpus(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath ?? entry.path, entry.name))
    .sort();
}

/**
 * Each tool: `load()` returns `lint(text, file) → number of findings`. A tool that
 * reads files itself sets `readsFiles`, and its reads are timed by wrapping fs.readFileSync.
 */
const tools = {
  async "docklint-all"() {
    const { lintText } = await import(pathToFileURL(join(repo, "packages/core/dist/index.js")).href);
    const config = { extends: ["all"] };
    return (text, file) => lintText(text, { filePath: file, kind: "dockerfile", config }).messages.length;
  },
  async "docklint-recommended"() {
    const { lintText } = await import(pathToFileURL(join(repo, "packages/core/dist/index.js")).href);
    const config = { extends: ["recommended"] };
    return (text, file) => lintText(text, { filePath: file, kind: "dockerfile", config }).messages.length;
  },
  async "docklint-parse"() {
    const { parseDockerfile } = await import(pathToFileURL(join(repo, "packages/core/dist/index.js")).href);
    return (text) => parseDockerfile(text).instructions.length;
  },
  async "docklint-compose"() {
    const { lintText } = await import(pathToFileURL(join(repo, "packages/core/dist/index.js")).href);
    await import(pathToFileURL(join(repo, "packages/core/dist/compose/index.js")).href);
    const config = { extends: ["recommended"] };
    return (text, file) => lintText(text, { filePath: file, kind: "compose", config }).messages.length;
  },
  async "docklint-compose-all"() {
    const { lintText } = await import(pathToFileURL(join(repo, "packages/core/dist/index.js")).href);
    await import(pathToFileURL(join(repo, "packages/core/dist/compose/index.js")).href);
    const config = { extends: ["all"] };
    return (text, file) => lintText(text, { filePath: file, kind: "compose", config }).messages.length;
  },
  async "docklint-compose-parse"() {
    const { parseCompose } = await import(pathToFileURL(join(repo, "packages/core/dist/compose/index.js")).href);
    return (text) => {
      const parsed = parseCompose(text);
      return parsed.ok ? parsed.model.services.length : 0;
    };
  },
  async "yaml-parse"() {
    // yaml's parseDocument alone (the copy @docklint/core depends on): the parser under docklint's Compose model.
    const { parseDocument } = coreRequire("yaml");
    return (text) => parseDocument(text).errors.length;
  },
  async dclint() {
    // dclint's API reads each file itself (validateFile) and compiles the Compose schema per file, as its CLI does.
    const { DCLinter } = await import(pathToFileURL(benchRequire.resolve("dclint")).href);
    const linter = new DCLinter({ rules: {}, quiet: false, debug: false, exclude: [] });
    const lint = (_text, file) => linter.lintFiles([file], false).reduce((sum, result) => sum + result.messages.length, 0);
    lint.readsFiles = true;
    return lint;
  },
  async floor() {
    // The floor: read each file and count its lines; no linter can do less.
    return (text) => {
      let lines = 1;
      for (let at = text.indexOf("\n"); at !== -1; at = text.indexOf("\n", at + 1)) lines++;
      return lines;
    };
  },
  async "dockerfile-ast-parse"() {
    // The parser under docklint's model (the copy that @docklint/core depends on).
    const { DockerfileParser } = coreRequire("dockerfile-ast");
    return (text) => DockerfileParser.parse(text).getInstructions().length;
  },
  async "dockerfile-utils"() {
    const { validate } = benchRequire("dockerfile-utils");
    return (text) => validate(text).length;
  },
  async dockerfilelint() {
    const dockerfilelint = benchRequire("dockerfilelint");
    // As its CLI does: the directory of the file is where it looks for .dockerfilelintrc (per call).
    return (text, file) => dockerfilelint.run(dirname(file), text).length;
  },
  async dockerlint() {
    // dockerlint has no API: its CLI (lib/cli.js) is parser.parser(path) + every check in checks.all,
    // and the checks print through utils.log (FATAL exits). Here utils.log counts instead of printing.
    const parser = benchRequire("dockerlint/lib/parser.js");
    const checks = benchRequire("dockerlint/lib/checks.js");
    const utils = benchRequire("dockerlint/lib/utils.js");
    let findings = 0;
    utils.log = () => {
      findings++;
    };
    const lint = (_text, file) => {
      // checks.arg / checks.env collect variables as properties of module state; one CLI run
      // starts empty, so empty them for each file.
      for (const key of Object.keys(checks.arg)) Reflect.deleteProperty(checks.arg, key);
      for (const key of Object.keys(checks.env)) Reflect.deleteProperty(checks.env, key);
      findings = 0;
      const rules = parser.parser(file);
      if (rules.length === 0) return 1;
      for (const check of checks.all) checks[check](rules);
      return findings;
    };
    lint.readsFiles = true;
    return lint;
  },
};

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

async function main() {
  const [toolName, corpusArg, passesArg, everyArg] = process.argv.slice(2);
  const factory = tools[toolName];
  if (!factory || !corpusArg) {
    process.stderr.write(`usage: node bench/throughput.mjs <${Object.keys(tools).join("|")}> <corpus-dir> [passes]\n`);
    process.exit(2);
  }
  const passes = Math.max(0, Number(passesArg ?? 3));
  const every = Math.max(1, Number(everyArg ?? 1));
  const files = listCorpus(resolve(corpusArg)).filter((_, index) => index % every === 0);
  const bytes = files.reduce((sum, file) => sum + statSync(file).size, 0);

  const loadStart = performance.now();
  const lint = await factory();
  const loadMs = performance.now() - loadStart;

  // Reads are timed around readFileSync itself, whoever calls it (us, or a tool that reads).
  const realReadFileSync = fs.readFileSync;
  let readMs = 0;
  fs.readFileSync = function timedReadFileSync(...args) {
    const start = performance.now();
    try {
      return Reflect.apply(realReadFileSync, fs, args);
    } finally {
      readMs += performance.now() - start;
    }
  };

  const runPass = () => {
    readMs = 0;
    let totalMs = 0;
    let findings = 0;
    const crashes = [];
    let slowest = { file: "", ms: -1 };
    const cpuStart = process.cpuUsage();
    for (const file of files) {
      const start = performance.now();
      const readBefore = readMs;
      try {
        const text = lint.readsFiles ? undefined : fs.readFileSync(file, "utf8");
        findings += lint(text, file);
      } catch (error) {
        crashes.push(`${file}: ${String(error?.message ?? error).split("\n")[0]}`);
      }
      const ms = performance.now() - start;
      totalMs += ms;
      if (ms - (readMs - readBefore) > slowest.ms) slowest = { file, ms: ms - (readMs - readBefore) };
    }
    const cpu = process.cpuUsage(cpuStart);
    return { readMs, lintMs: totalMs - readMs, totalMs, cpuMs: (cpu.user + cpu.system) / 1000, findings, crashes, slowest };
  };

  const warmup = runPass();
  const measured = passes === 0 ? [warmup] : [];
  for (let i = 0; i < passes; i++) measured.push(runPass());
  fs.readFileSync = realReadFileSync;

  const lintMs = measured.map((p) => p.lintMs);
  const totalMs = measured.map((p) => p.totalMs);
  const result = {
    tool: toolName,
    files: files.length,
    bytes,
    passes,
    every,
    loadMs,
    warmupMs: warmup.totalMs,
    lintMs,
    totalMs,
    readMs: measured.map((p) => p.readMs),
    // Process CPU time (all threads, reading included): less disturbed than wall time by other
    // work on a shared machine.
    cpuMs: measured.map((p) => p.cpuMs),
    filesPerCpuSecIncludingRead: files.length / (median(measured.map((p) => p.cpuMs)) / 1000),
    medianLintMs: median(lintMs),
    medianTotalMs: median(totalMs),
    filesPerSecExcludingRead: files.length / (median(lintMs) / 1000),
    filesPerSecIncludingRead: files.length / (median(totalMs) / 1000),
    mbPerSecExcludingRead: bytes / 1e6 / (median(lintMs) / 1000),
    findings: warmup.findings,
    // The slowest file of the last pass (lint only): a size-linear tool's slowest file is its largest.
    slowest: { file: relative(resolve(corpusArg), measured.at(-1).slowest.file), bytes: statSync(measured.at(-1).slowest.file).size, ms: measured.at(-1).slowest.ms },
    crashes: warmup.crashes.length,
    crashExamples: warmup.crashes.slice(0, 3),
  };
  process.stdout.write(JSON.stringify(result) + "\n");
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
