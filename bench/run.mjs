#!/usr/bin/env node
// docklint's speed against its peers, all in one run (see bench/README.md):
//
//   pnpm build && npm --prefix bench install && node bench/run.mjs
//
// 1. cold start of one CLI run on one Dockerfile (hyperfine when installed, else a
//    spawnSync loop), against bare `node -e 0` and the peers; modules loaded.
// 2. throughput over ../shared/corpus/dockerfile, one process per tool.
// 3. docklint's parse vs rules split.
// 4. Compose throughput over ../shared/corpus/compose against dclint and the floor.
// 5. --concurrency off vs auto, the CLI over the Dockerfile corpus.
// 6. scaling: generated files of 1k, 10k, 100k lines (scaling.mjs).
// 7. peak memory of one process over the whole corpus (memory.mjs).
// Then the issue's targets as ratios, met or not.
// Prints tables, writes bench/results/latest.json and bench/results/latest.md.
//
// Environment: BENCH_CORPUS (corpus folder), BENCH_PASSES (measured passes over the
// corpus per tool, default 3), BENCH_RUNS / BENCH_WARMUP (cold-start runs, default
// 20 / 3), BENCH_NO_HYPERFINE=1 (use the built-in loop), BENCH_COMPOSE_CORPUS (default: compose/
// beside the corpus), BENCH_DCLINT_EVERY (dclint's sample: every n-th file, default 4).
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, "..");
const resultsDir = join(here, "results");
const node = process.execPath;

const PASSES = positiveInt(process.env.BENCH_PASSES, 3);
const RUNS = positiveInt(process.env.BENCH_RUNS, 20);
const WARMUP = positiveInt(process.env.BENCH_WARMUP, 3);
const CORPUS = resolve(repo, process.env.BENCH_CORPUS ?? "../shared/corpus/dockerfile");
const COMPOSE_CORPUS = resolve(repo, process.env.BENCH_COMPOSE_CORPUS ?? join(CORPUS, "../compose"));
/** dclint compiles the Compose schema for every file (~75 ms or more each): it lints every n-th file, a sample. */
const DCLINT_EVERY = positiveInt(process.env.BENCH_DCLINT_EVERY, 4);
const COMPOSE_SAMPLE = "examples/insecure/stack/docker-compose.yml";
const SAMPLE = "examples/insecure/apache/Dockerfile";

function positiveInt(value, fallback) {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

const log = (line = "") => process.stdout.write(line + "\n");
// `node bench/run.mjs | head`: keep going (the result files are still written) when the reader leaves.
process.stdout.on("error", (error) => {
  if (error.code !== "EPIPE") throw error;
});
const rel = (path) => relative(repo, path) || ".";
const fmt = (n, digits = 1) => (n === undefined || n === null || Number.isNaN(n) ? "–" : n.toFixed(digits));
const fmtInt = (n) => (n === undefined || n === null ? "–" : Math.round(n).toLocaleString("en-US"));

// ---------------------------------------------------------------- prerequisites

const started = performance.now();
const docklintBin = join(repo, "packages/cli/bin/docklint.js");
for (const built of ["packages/core/dist/index.js", "packages/cli/dist/main.js"]) {
  if (!existsSync(join(repo, built))) {
    process.stderr.write(`${built} is missing: run \`pnpm build\` first.\n`);
    process.exit(2);
  }
}

/** Peers, as installed by `npm --prefix bench install`; a missing one is skipped, not fatal. */
function peerVersion(name) {
  try {
    return JSON.parse(readFileSync(join(here, "node_modules", name, "package.json"), "utf8")).version;
  } catch {
    return undefined;
  }
}
const peers = Object.fromEntries(["dockerfilelint", "dockerfile-utils", "dockerlint", "dclint"].map((name) => [name, peerVersion(name)]));
const missingPeers = Object.keys(peers).filter((name) => !peers[name]);
if (missingPeers.length > 0) log(`! peers not installed (run \`npm --prefix bench install\`), skipped: ${missingPeers.join(", ")}`);

function commandOutput(command, args) {
  const r = spawnSync(command, args, { encoding: "utf8", cwd: repo });
  return r.status === 0 ? r.stdout.trim() : undefined;
}
const hyperfineVersion = process.env.BENCH_NO_HYPERFINE ? undefined : commandOutput("hyperfine", ["--version"]);
const corpusPresent = existsSync(CORPUS);

const machine = {
  date: new Date().toISOString(),
  node: process.version,
  v8: process.versions.v8,
  platform: `${os.type()} ${os.release()} ${os.arch()}`,
  cpu: os.cpus()[0]?.model?.trim() ?? "unknown",
  cores: os.availableParallelism?.() ?? os.cpus().length,
  memoryGiB: Math.round(os.totalmem() / 2 ** 30),
  loadAverageAtStart: os.loadavg().map((n) => Number(n.toFixed(2))),
  timer: hyperfineVersion ?? "built-in spawnSync loop",
  docklint: `${JSON.parse(readFileSync(join(repo, "packages/cli/package.json"), "utf8")).version} (${commandOutput("git", ["rev-parse", "--short", "HEAD"]) ?? "no git"})`,
  peers,
};

log(`docklint bench — node ${machine.node}, ${machine.cpu}, ${machine.cores} cores, load ${machine.loadAverageAtStart.join(" ")}`);
log(`timer: ${machine.timer}; corpus: ${corpusPresent ? rel(CORPUS) : "absent"}`);
if (machine.loadAverageAtStart[0] > machine.cores) {
  log(`! load average ${machine.loadAverageAtStart[0]} on ${machine.cores} cores: other work is running, timings will be noisy (see the CPU ms columns)`);
}

// ---------------------------------------------------------------- timing processes

const tmp = mkdtempSync(join(os.tmpdir(), "docklint-bench-"));
process.on("exit", () => rmSync(tmp, { recursive: true, force: true }));

const shellQuote = (arg) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", "'\\''")}'`);

function stats(timesMs) {
  const sorted = [...timesMs].sort((a, b) => a - b);
  const n = sorted.length;
  const mean = sorted.reduce((a, b) => a + b, 0) / n;
  const stddev = n > 1 ? Math.sqrt(sorted.reduce((a, t) => a + (t - mean) ** 2, 0) / (n - 1)) : 0;
  const median = n % 2 ? sorted[n >> 1] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  return { median, mean, stddev, min: sorted[0], max: sorted[n - 1], runs: n };
}

/**
 * Times each command (`{ name, args }`, run as `node ...args` from the repo root, output
 * discarded). hyperfine when present (--shell=none, so no shell start-up is counted),
 * else a spawnSync loop. The runs are spread over `rounds` passes through all commands,
 * so that a burst of load from something else on the machine lands on every command
 * rather than on whichever was being timed at that moment. Times in ms.
 */
function timeCommands(commands, { runs, warmup, rounds = Math.max(1, Math.min(4, Math.floor(runs / 2))) }) {
  const perRound = Array.from({ length: rounds }, (_, i) => Math.floor(runs / rounds) + (i < runs % rounds ? 1 : 0));
  const times = commands.map(() => []);
  if (hyperfineVersion) {
    const exportFile = join(tmp, "hyperfine.json");
    let failed;
    const cpu = commands.map(() => ({ user: 0, system: 0 }));
    for (const [round, n] of perRound.entries()) {
      const args = ["-N", "--style", "none", "-i", "--warmup", String(round === 0 ? warmup : 1), "--runs", String(Math.max(n, 2)), "--export-json", exportFile];
      for (const c of commands) args.push("--command-name", c.name, [node, ...c.args].map(shellQuote).join(" "));
      const r = spawnSync("hyperfine", args, { cwd: repo, encoding: "utf8", stdio: ["ignore", "ignore", "pipe"] });
      if (r.status !== 0) {
        failed = r.stderr.trim().split("\n").pop();
        break;
      }
      JSON.parse(readFileSync(exportFile, "utf8")).results.forEach((res, i) => {
        times[i].push(...res.times.map((t) => t * 1000));
        cpu[i].user += res.user * 1000 * res.times.length;
        cpu[i].system += res.system * 1000 * res.times.length;
      });
    }
    if (!failed) return times.map((t, i) => ({ ...stats(t), cpuMs: (cpu[i].user + cpu[i].system) / t.length }));
    log(`! hyperfine failed (${failed}); using the built-in loop`);
    times.forEach((t) => (t.length = 0));
  }
  const cpu = commands.map(() => 0);
  const once = (c, j) => {
    const cpuBefore = childrenCpuMs();
    const start = process.hrtime.bigint();
    spawnSync(node, c.args, { cwd: repo, stdio: "ignore" });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (j !== undefined) cpu[j] += childrenCpuMs() - cpuBefore;
    return ms;
  };
  for (const c of commands) for (let i = 0; i < warmup; i++) once(c);
  for (let i = 0; i < runs; i++) commands.forEach((c, j) => times[j].push(once(c, j)));
  const cpuKnown = !Number.isNaN(childrenCpuMs());
  return times.map((t, j) => ({ ...stats(t), cpuMs: cpuKnown ? cpu[j] / t.length : undefined }));
}

/** CPU time (user + system) of this process's waited-for children, from /proc (Linux; NaN elsewhere). */
function childrenCpuMs() {
  try {
    const fields = readFileSync("/proc/self/stat", "utf8").split(") ")[1].split(" ");
    // fields[0] is field 3 (state); cutime and cstime are fields 16 and 17, in clock ticks (100 Hz).
    return (Number(fields[13]) + Number(fields[14])) * 10;
  } catch {
    return Number.NaN;
  }
}

/** Runs a command once (untimed) to check it works: a crash or a missing module is no timing. */
function trial(args, okCodes) {
  const r = spawnSync(node, args, { cwd: repo, encoding: "utf8", maxBuffer: 256 * 2 ** 20 });
  const ok = r.status !== null && okCodes.includes(r.status) && !/Cannot find module|ERR_MODULE_NOT_FOUND|^\s+at /m.test(r.stderr);
  return { ok, status: r.status, stdout: r.stdout, problem: ok ? undefined : `exit ${r.status}: ${(r.stderr || r.stdout).trim().split("\n").slice(0, 3).join(" | ")}` };
}

// ---------------------------------------------------------------- 1. cold start

/** The sample Dockerfile in a scratch directory beside a small JSON config (presets, rules, options, overrides). */
function withConfigSample() {
  const dir = join(tmp, "with-config");
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "Dockerfile"), readFileSync(join(repo, SAMPLE)));
  const config = { extends: ["recommended"], rules: { "no-apt": "off", "no-consecutive-run": ["warn", { allStages: true }] }, overrides: [{ files: ["**/Dockerfile.dev"], rules: { "require-non-root-user": "off" } }] };
  writeFileSync(join(dir, "docklint.config.json"), `${JSON.stringify(config, null, 2)}\n`);
  return join(dir, "Dockerfile");
}

log("\n[1/7] cold start: one Dockerfile, one process");
const peerBin = (...parts) => join(here, "node_modules", ...parts);
const coldCommands = [
  { name: "node -e 0", tool: "node", args: ["-e", "0"], ok: [0] },
  { name: "docklint --format json", tool: "docklint", args: [docklintBin, SAMPLE, "--format", "json"], ok: [0, 1] },
  { name: "docklint (friendly output)", tool: "docklint", args: [docklintBin, SAMPLE, "--no-color"], ok: [0, 1] },
  // Most projects keep a config file: reading and checking it is part of their every run.
  { name: "docklint --format json, beside a docklint.config.json", tool: "docklint-config", args: [docklintBin, withConfigSample(), "--format", "json"], ok: [0, 1] },
  // The same main() from dist/ module by module: what the bundle saves.
  { name: "docklint unbundled (dist/), --format json", tool: "docklint-dist", args: [join(here, "peers/docklint-dist.mjs"), SAMPLE, "--format", "json"], ok: [0, 1] },
  existsSync(join(repo, COMPOSE_SAMPLE)) && { name: "docklint on a Compose file, --format json", tool: "docklint-compose", args: [docklintBin, COMPOSE_SAMPLE, "--format", "json"], ok: [0, 1] },
  peers.dclint && existsSync(join(repo, COMPOSE_SAMPLE)) && { name: `dclint ${peers.dclint} on the same Compose file`, tool: "dclint", args: [peerBin("dclint/bin/dclint.cjs"), COMPOSE_SAMPLE], ok: [0, 1] },
  peers.dockerfilelint && { name: `dockerfilelint ${peers.dockerfilelint}`, tool: "dockerfilelint", args: [peerBin("dockerfilelint/bin/dockerfilelint"), SAMPLE], ok: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10] },
  peers["dockerfile-utils"] && { name: `dockerfile-utils ${peers["dockerfile-utils"]} validate()`, tool: "dockerfile-utils", args: [join(here, "peers/dockerfile-utils.mjs"), SAMPLE], ok: [0, 1] },
  peers["dockerfile-utils"] && { name: `dockerfile-utils ${peers["dockerfile-utils"]} lint -j (its CLI)`, tool: "dockerfile-utils", args: [peerBin("dockerfile-utils/bin/dockerfile-utils"), "lint", "-j", SAMPLE], ok: [0, 1] },
  peers.dockerlint && { name: `dockerlint ${peers.dockerlint}`, tool: "dockerlint", args: [peerBin("dockerlint/bin/dockerlint.js"), "-f", SAMPLE], ok: [0, 1] },
].filter(Boolean);

const coldRunnable = [];
const coldBroken = [];
for (const c of coldCommands) {
  const t = trial(c.args, c.ok);
  if (t.ok) coldRunnable.push(c);
  else {
    coldBroken.push({ name: c.name, problem: t.problem });
    log(`! ${c.name}: not timed, ${t.problem}`);
  }
}
if (!coldRunnable.some((c) => c.tool === "docklint")) {
  process.stderr.write("docklint does not run on the sample file; fix that first.\n");
  process.exit(2);
}

// Modules each command loads (one extra, untimed run each, with the counting hook).
const countHook = pathToFileURL(join(here, "count-modules.mjs")).href;
function packageOf(file) {
  const parts = file.split(sep);
  const at = parts.lastIndexOf("node_modules");
  if (at >= 0) return parts[at + 1]?.startsWith("@") ? `${parts[at + 1]}/${parts[at + 2]}` : parts[at + 1];
  const inRepo = relative(repo, file).split(sep);
  if (inRepo[0] === "packages") return `(docklint ${inRepo[1]})`;
  return `(${relative(repo, file)})`;
}
function countModules(c) {
  const out = join(tmp, "modules.json");
  rmSync(out, { force: true });
  spawnSync(node, ["--import", countHook, ...c.args], { cwd: repo, stdio: "ignore", env: { ...process.env, COUNT_MODULES_OUT: out } });
  if (!existsSync(out)) return undefined;
  const { files, builtins } = JSON.parse(readFileSync(out, "utf8"));
  const packages = {};
  for (const f of files) packages[packageOf(f)] = (packages[packageOf(f)] ?? 0) + 1;
  const bytes = files.reduce((sum, f) => {
    try {
      return sum + readFileSync(f).length;
    } catch {
      return sum;
    }
  }, 0);
  return { count: files.length, kib: Math.round(bytes / 1024), builtins: builtins.length, packages, files: files.map((f) => relative(repo, f)) };
}
// No YAML, schema or Compose code for a lone Dockerfile (DESIGN.md, "Performance budget").
// In the bundle: the compose-*.js / daemon-*.js chunks and vendor/yaml.cjs, vendor/ajv.cjs.
const FORBIDDEN = /[\\/]node_modules[\\/](yaml|js-yaml|ajv[^\\/]*)[\\/]|[\\/]dist[\\/](compose|daemon|schema)[\\/]|[\\/]bundle[\\/](compose|daemon)-[^\\/]*\.js$|[\\/]bundle[\\/]vendor[\\/](yaml|ajv)/;

const coldTimes = timeCommands(coldRunnable, { runs: RUNS, warmup: WARMUP });
const nodeBaseline = coldTimes[coldRunnable.findIndex((c) => c.tool === "node")];
const docklintJson = coldTimes[coldRunnable.findIndex((c) => c.name === "docklint --format json")];
const cold = coldRunnable.map((c, i) => ({
  name: c.name,
  tool: c.tool,
  command: ["node", ...c.args.map((a) => (a.startsWith(repo) ? relative(repo, a) : a))].join(" "),
  ...coldTimes[i],
  overNodeMs: coldTimes[i].median - nodeBaseline.median,
  ratioToNode: coldTimes[i].median / nodeBaseline.median,
  ratioToDocklint: coldTimes[i].median / docklintJson.median,
  modules: countModules(c),
}));

const docklintModules = cold.find((c) => c.name === "docklint --format json").modules;
// The bundled bin runs dist/bundle/cli.cjs through vm.Script with V8's code cache: read as text,
// not loaded as a module, so the module count above leaves it out; its sizes are recorded apart.
const bundleDir = join(repo, "packages/cli/dist/bundle");
// Two caches: one warmed on Dockerfiles only (what this sample's run reads), one on every kind.
const codeCacheFiles = existsSync(bundleDir) ? readdirSync(bundleDir).filter((f) => /^cli\.cjs\.v8-.*\.cache$/.test(f)) : [];
const codeCacheFile = codeCacheFiles.find((f) => f.endsWith(".dockerfile.cache")) ?? codeCacheFiles[0];
const otherCacheFile = codeCacheFiles.find((f) => f !== codeCacheFile);
const cachedScript = codeCacheFile && {
  scriptKiB: Math.round(statSync(join(bundleDir, "cli.cjs")).size / 1024),
  cacheKiB: Math.round(statSync(join(bundleDir, codeCacheFile)).size / 1024),
  cacheFile: codeCacheFile,
  ...(otherCacheFile ? { otherCacheFile, otherCacheKiB: Math.round(statSync(join(bundleDir, otherCacheFile)).size / 1024) } : {}),
};
if (cachedScript) log(`docklint's bin runs cli.cjs (${cachedScript.scriptKiB} KiB) through vm.Script with its code cache ${cachedScript.cacheFile} (${cachedScript.cacheKiB} KiB)`);
const forbiddenLoaded = docklintModules ? docklintModules.files.filter((f) => FORBIDDEN.test(`${sep}${f}`)) : [];

log(table(
  ["command", "median ms", "mean ± sd ms", "cpu ms", "× node", "× docklint", "modules", "KiB"],
  cold.map((c) => [c.name, fmt(c.median), `${fmt(c.mean)} ± ${fmt(c.stddev)}`, fmt(c.cpuMs), fmt(c.ratioToNode, 2), fmt(c.ratioToDocklint, 2), c.modules?.count ?? "–", c.modules?.kib ?? "–"]),
));
if (docklintModules) {
  const top = Object.entries(docklintModules.packages).sort((a, b) => b[1] - a[1]);
  log(`docklint loads ${docklintModules.count} modules (${docklintModules.kib} KiB of source) + ${docklintModules.builtins} node built-ins: ${top.map(([p, n]) => `${p} ${n}`).join(", ")}`);
  if (forbiddenLoaded.length === 0) log("OK: no yaml / ajv / compose / schema module loaded for a Dockerfile-only run");
  else log(`FAIL: a Dockerfile-only run loads YAML/schema code: ${forbiddenLoaded.join(", ")}`);
} else {
  log("! could not count docklint's modules");
}

// Start-up breakdown: import cost of each piece of the CLI, median of a few fresh processes.
const importRuns = [];
for (let i = 0; i < 7; i++) {
  const r = spawnSync(node, [join(here, "import-cost.mjs")], { cwd: repo, encoding: "utf8" });
  if (r.status === 0) importRuns.push(JSON.parse(r.stdout));
}
const importCost = importRuns.length > 0 ? Object.fromEntries(Object.keys(importRuns[0]).map((k) => [k, stats(importRuns.map((run) => run[k])).median])) : undefined;
if (importCost) log(`docklint start-up, import ms (median of ${importRuns.length} processes): ${Object.entries(importCost).map(([k, v]) => `${k === "processUptimeMs" ? "node start to first line" : k} ${fmt(v)}`).join(", ")}`);

// ---------------------------------------------------------------- 2 + 3. corpus

const throughput = [];
const cliCorpus = [];
if (!corpusPresent) {
  log(`\n[2/7] [3/7] skipped: corpus ${CORPUS} is absent (set BENCH_CORPUS, or put shared/ beside the repo)`);
} else {
  log(`\n[2/7] throughput over ${rel(CORPUS)}: one process per tool, 1 warm-up pass + ${PASSES} measured`);
  const tools = [
    ["docklint-all", "docklint lintText, extends all", "docklint"],
    ["docklint-recommended", "docklint lintText, recommended", "docklint"],
    ["docklint-parse", "docklint parseDockerfile (model only)", "docklint"],
    ["dockerfile-ast-parse", "dockerfile-ast 0.7.1 parse (docklint's former parser, for comparison)", "docklint"],
    ["dockerfile-utils", `dockerfile-utils ${peers["dockerfile-utils"]} validate()`, "dockerfile-utils"],
    ["dockerfilelint", `dockerfilelint ${peers.dockerfilelint} run()`, "dockerfilelint"],
    ["dockerlint", `dockerlint ${peers.dockerlint} parser + checks`, "dockerlint"],
    ["floor", "floor: read + count lines", "docklint"],
  ].filter(([, , pkg]) => pkg === "docklint" || peers[pkg]);
  for (const [tool, label] of tools) {
    const r = spawnSync(node, [join(here, "throughput.mjs"), tool, CORPUS, String(PASSES)], { cwd: repo, encoding: "utf8", timeout: 300_000 });
    if (r.status !== 0) {
      log(`! ${label}: failed (${(r.stderr || "").trim().split("\n").slice(0, 2).join(" | ") || r.signal})`);
      continue;
    }
    const res = JSON.parse(r.stdout);
    throughput.push({ label, ...res, filesPerSecFirstPass: res.files / (res.warmupMs / 1000) });
    log(`  ${label}: ${fmtInt(res.filesPerSecExcludingRead)} files/s${res.crashes ? ` (threw on ${res.crashes} files)` : ""}`);
  }
  log(table(
    ["tool", "files/s (lint only)", "files/s (read + lint)", "per CPU s (read + lint)", "MB/s (lint)", "files/s first pass", "import ms", "slowest file ms (KB)", "findings", "threw on"],
    throughput.map((t) => [t.label, fmtInt(t.filesPerSecExcludingRead), fmtInt(t.filesPerSecIncludingRead), fmtInt(t.filesPerCpuSecIncludingRead), fmt(t.mbPerSecExcludingRead, 2), fmtInt(t.filesPerSecFirstPass), fmtInt(t.loadMs), `${fmt(t.slowest.ms)} (${fmtInt(t.slowest.bytes / 1000)})`, fmtInt(t.findings), t.crashes]),
  ));

  // CLI end to end, output discarded. The literal directory form finds only the files whose
  // names the CLI recognises (the corpus flattens paths into names like `ci__Dockerfile`); the
  // glob with --kind lints every file. With --cache, the warm-up run fills a cache (in a scratch
  // folder) and every timed run finds all files unchanged: what a second run over a tree costs.
  const cacheDir = mkdtempSync(join(os.tmpdir(), "docklint-bench-cache-"));
  const everyFile = [docklintBin, `${relative(repo, CORPUS)}/**/*`, "--kind", "dockerfile", "--format", "json"];
  const cliForms = [
    { name: "docklint <corpus dir> --format json", args: [docklintBin, relative(repo, CORPUS), "--format", "json"] },
    { name: "docklint '<corpus>/**/*' --kind dockerfile --format json", args: everyFile },
    { name: "docklint '<corpus>/**/*' --kind dockerfile --format json --cache", args: [...everyFile, "--cache", "--cache-location", join(cacheDir, "cache")] },
    // The Compose corpus the same way: what one CLI run over it costs, next to dclint's time per file.
    ...(existsSync(COMPOSE_CORPUS)
      ? [{ name: "docklint '<compose corpus>/**/*' --kind compose --format json", args: [docklintBin, `${relative(repo, COMPOSE_CORPUS)}/**/*`, "--kind", "compose", "--format", "json"] }]
      : []),
  ];
  const runnable = [];
  for (const form of cliForms) {
    const t = trial(form.args, [0, 1]);
    if (!t.ok) {
      log(`! ${form.name}: not timed, ${t.problem}`);
      continue;
    }
    let files;
    try {
      files = JSON.parse(t.stdout).length;
    } catch {
      files = undefined;
    }
    runnable.push({ ...form, files });
  }
  const cliTimes = timeCommands(runnable, { runs: 3, warmup: 1, rounds: 1 });
  rmSync(cacheDir, { recursive: true, force: true });
  runnable.forEach((form, i) => cliCorpus.push({ name: form.name, command: ["node", relative(repo, form.args[0]), ...form.args.slice(1)].join(" "), files: form.files, ...cliTimes[i], filesPerSec: form.files / (cliTimes[i].median / 1000) }));
  log(table(
    ["CLI, end to end", "files linted", "median s", "mean ± sd s", "files/s"],
    cliCorpus.map((c) => [c.name, c.files ?? "?", fmt(c.median / 1000, 2), `${fmt(c.mean / 1000, 2)} ± ${fmt(c.stddev / 1000, 2)}`, fmtInt(c.filesPerSec)]),
  ));
}

// ---------------------------------------------------------------- 4. Compose, concurrency, scaling, memory

/** One throughput.mjs process; undefined (with a line) when it fails. */
function throughputRun(tool, label, corpus, passes, every = 1) {
  const r = spawnSync(node, [join(here, "throughput.mjs"), tool, corpus, String(passes), String(every)], { cwd: repo, encoding: "utf8", timeout: 900_000, maxBuffer: 64 * 2 ** 20 });
  if (r.status !== 0) {
    log(`! ${label}: failed (${(r.stderr || "").trim().split("\n").slice(0, 2).join(" | ") || r.signal})`);
    return undefined;
  }
  const res = JSON.parse(r.stdout);
  log(`  ${label}: ${fmtInt(res.filesPerSecIncludingRead)} files/s read + lint${res.crashes ? ` (threw on ${res.crashes} files)` : ""}`);
  return { label, ...res, filesPerSecFirstPass: res.files / (res.warmupMs / 1000) };
}

const composeThroughput = [];
const composePresent = existsSync(COMPOSE_CORPUS);
if (!composePresent) {
  log(`\n[4/7] Compose skipped: ${COMPOSE_CORPUS} is absent (set BENCH_COMPOSE_CORPUS)`);
} else {
  log(`\n[4/7] Compose throughput over ${rel(COMPOSE_CORPUS)}: one process per tool; dclint on every ${DCLINT_EVERY}th file, one pass`);
  const composeTools = [
    ["docklint-compose", "docklint lintText, recommended", PASSES, 1],
    ["docklint-compose-all", "docklint lintText, extends all", PASSES, 1],
    ["docklint-compose-parse", "docklint parseCompose (model only)", PASSES, 1],
    ["yaml-parse", "yaml parseDocument (under docklint's model)", PASSES, 1],
    ["floor", "floor: read + count lines", PASSES, 1],
    peers.dclint && ["dclint", `dclint ${peers.dclint} lintFiles() (sample)`, 0, DCLINT_EVERY],
  ].filter(Boolean);
  for (const [tool, label, passes, every] of composeTools) {
    const res = throughputRun(tool, label, COMPOSE_CORPUS, passes, every);
    if (res) composeThroughput.push(res);
  }
}

// Concurrency: the CLI end to end over the Dockerfile corpus, serial and on worker threads.
const concurrencyRuns = [];
/** Serial time over all files ÷ the slower lane's: what two workers with no overhead could reach. */
let laneBound;
if (corpusPresent) {
  log(`\n[5/7] --concurrency: the CLI over ${rel(CORPUS)} (every file, --kind dockerfile), serial vs worker threads`);
  const glob = `${relative(repo, CORPUS)}/**/*`;
  const forms = [
    { name: "concurrency off", args: [docklintBin, glob, "--kind", "dockerfile", "--format", "json", "--concurrency", "off"] },
    { name: "concurrency auto", args: [docklintBin, glob, "--kind", "dockerfile", "--format", "json", "--concurrency", "auto"] },
  ];
  const outputs = forms.map((form) => trial(form.args, [0, 1]));
  if (outputs.every((o) => o.ok)) {
    const identical = outputs[0].stdout === outputs[1].stdout;
    log(`  output of auto ${identical ? "is byte for byte" : "DIFFERS from"} the serial output (${fmtInt(outputs[0].stdout.length)} bytes)`);
    // What two lanes could reach at best: the serial CLI on each lane's share of the files (every
    // other batch of 32, as the workers take them), each in a fresh process. A lane pays the JIT's
    // warm-up again, so half the files cost more than half the time; no overhead counted.
    const files = JSON.parse(outputs[0].stdout).map((result) => relative(repo, result.filePath));
    const lanes = [[], []];
    files.forEach((file, i) => lanes[Math.floor(i / 32) % 2].push(file));
    const laneForms = lanes.map((lane, i) => ({ name: `serial, lane ${i + 1} of 2 (${lane.length} files)`, args: [docklintBin, ...lane, "--kind", "dockerfile", "--format", "json", "--concurrency", "off"] }));
    const times = timeCommands([...forms, ...laneForms], { runs: 3, warmup: 1, rounds: 3 });
    [...forms, ...laneForms].forEach((form, i) => concurrencyRuns.push({ name: form.name, ...times[i], identical }));
    log(table(["CLI", "median s", "mean ± sd s", "CPU s"], concurrencyRuns.map((c) => [c.name, fmt(c.median / 1000, 2), `${fmt(c.mean / 1000, 2)} ± ${fmt(c.stddev / 1000, 2)}`, fmt(c.cpuMs / 1000, 2)])));
    laneBound = concurrencyRuns[0].median / Math.max(concurrencyRuns[2].median, concurrencyRuns[3].median);
    log(`  two lanes with no overhead could reach at most ${fmt(laneBound, 2)}× (serial all ÷ the slower lane alone)`);
  } else {
    log(`! --concurrency: not timed, ${outputs.find((o) => !o.ok).problem}`);
  }
}

// Scaling: generated files of 1k, 10k and 100k lines.
log("\n[6/7] scaling: generated Dockerfiles and Compose files of 1k, 10k, 100k lines (a process per size, in rounds)");
let scaling;
{
  const r = spawnSync(node, [join(here, "scaling.mjs")], { cwd: repo, encoding: "utf8", timeout: 1_200_000 });
  if (r.status === 0) {
    scaling = JSON.parse(r.stdout);
    for (const [kind, rows] of Object.entries(scaling)) {
      rows.forEach((row, i) => {
        row.ratioToPrevious = i > 0 ? row.meanMs / rows[i - 1].meanMs : undefined;
      });
      log(`  ${kind}: ${rows.map((row) => `${fmtInt(row.lines)} lines ${fmtInt(row.meanMs)} ms${row.ratioToPrevious ? ` (×${fmt(row.ratioToPrevious)})` : ""}`).join(", ")}`);
    }
  } else {
    log(`! scaling failed: ${(r.stderr || "").trim().split("\n").slice(0, 2).join(" | ") || r.signal}`);
  }
}

// Peak memory: one process linting the whole corpus (Dockerfiles, then Compose files).
log("\n[7/7] peak memory: one CLI process over the whole corpus");
const memory = [];
if (corpusPresent) {
  for (const concurrency of ["off", "auto"]) {
    const r = spawnSync(node, [join(here, "memory.mjs"), join(CORPUS, ".."), "--concurrency", concurrency], { cwd: repo, encoding: "utf8", timeout: 900_000 });
    if (r.status !== 0) {
      log(`! memory (--concurrency ${concurrency}) failed: ${(r.stderr || "").trim().split("\n")[0]}`);
      continue;
    }
    const res = JSON.parse(r.stdout);
    memory.push(res);
    log(`  --concurrency ${concurrency}: peak RSS ${fmtInt(res.peakRssMiB)} MiB, ${fmt(res.ms / 1000, 1)} s, ${res.runs.map((run) => `${run.kind} ${fmt(run.ms / 1000, 1)} s`).join(", ")}`);
  }
}

// The issue's targets, each a ratio from this run.
const find = (list, tool) => list.find((t) => t.tool === tool);
const dfDocklint = find(throughput, "docklint-recommended");
const coDocklint = find(composeThroughput, "docklint-compose");
const perFile = (t) => (t ? t.medianTotalMs / t.files : undefined);
const coldDocklint = cold.find((c) => c.name === "docklint --format json");
const targets = [
  { target: "Dockerfile corpus ≥ 3× faster than dockerfilelint (read + lint)", ratio: perFile(find(throughput, "dockerfilelint")) / perFile(dfDocklint), goal: 3, better: "higher" },
  { target: "Dockerfile corpus ≥ 10× faster than dockerfile-utils", ratio: perFile(find(throughput, "dockerfile-utils")) / perFile(dfDocklint), goal: 10, better: "higher" },
  { target: "Dockerfile corpus within 3× of the floor", ratio: perFile(dfDocklint) / perFile(find(throughput, "floor")), goal: 3, better: "lower" },
  { target: "Compose corpus ≥ 100× faster than dclint", ratio: perFile(find(composeThroughput, "dclint")) / perFile(coDocklint), goal: 100, better: "higher" },
  { target: "Compose corpus within 3× of the floor", ratio: perFile(coDocklint) / perFile(find(composeThroughput, "floor")), goal: 3, better: "lower" },
  { target: "cold start on one Dockerfile ≤ 1.3× `node -e 0`", ratio: coldDocklint?.ratioToNode, goal: 1.3, better: "lower" },
  ...Object.entries(scaling ?? {}).map(([kind, rows]) => ({ target: `${kind}: 10× the lines ≤ 12× the time (worst step)`, ratio: Math.max(...rows.slice(1).map((row) => row.ratioToPrevious)), goal: 12, better: "lower" })),
  concurrencyRuns.length >= 2 && { target: "`--concurrency auto` ≥ 1.6× on 2 cores, ≥ 2,000 files", ratio: concurrencyRuns[0].median / concurrencyRuns[1].median, goal: 1.6, better: "higher" },
  memory[0] && { target: "peak memory for the whole corpus ≤ 200 MB (serial)", ratio: memory[0].peakRssMiB * 2 ** 20 / 1e6, goal: 200, better: "lower", unit: "MB" },
]
  .filter((t) => t && t.ratio !== undefined && Number.isFinite(t.ratio))
  .map((t) => ({ ...t, met: t.better === "higher" ? t.ratio >= t.goal : t.ratio <= t.goal }));
log("\ntargets (issue 7):");
log(table(["target", "measured", "met"], targets.map((t) => [t.target, t.unit ? `${fmtInt(t.ratio)} ${t.unit}` : `${fmt(t.ratio, 2)}×`, t.met ? "yes" : "NO"])));


// Parse vs rules, from the same throughput runs.
let split;
const byTool = Object.fromEntries(throughput.map((t) => [t.tool, t]));
if (byTool["docklint-all"] && byTool["docklint-parse"]) {
  const n = byTool["docklint-all"].files;
  const all = byTool["docklint-all"].medianLintMs;
  const parse = byTool["docklint-parse"].medianLintMs;
  const ast = byTool["dockerfile-ast-parse"]?.medianLintMs;
  const rec = byTool["docklint-recommended"]?.medianLintMs;
  const row = (phase, ms) => ({ phase, ms, usPerFile: (ms / n) * 1000, share: ms / all });
  // docklint's own lexer has replaced dockerfile-ast in parseDockerfile: dockerfile-ast is a
  // comparison row, not a part of docklint's time.
  split = [
    ast !== undefined && row("dockerfile-ast parse alone (not part of docklint's time)", ast),
    row("parseDockerfile (lexer, model: stages, scopes, RUN shell)", parse),
    row("rules + suppressions + messages (all − parse)", all - parse),
    row("lintText, extends all", all),
    rec !== undefined && row("lintText, recommended", rec),
  ].filter(Boolean);
  log(`\n[3/7] docklint parse vs rules, ${n} files (medians of ${PASSES} passes, lint only)`);
  log(table(["phase", "ms per pass", "µs per file", "share of all"], split.map((s) => [s.phase, fmtInt(s.ms), fmtInt(s.usPerFile), `${fmt(s.share * 100, 0)}%`])));
  log("(separate processes: the differences carry the noise of both measurements)");
  if (split.some((row) => row.ms < 0)) log("! a negative difference: outside load exceeded it; rerun on a quieter machine");
}

// ---------------------------------------------------------------- output

machine.loadAverageAtEnd = os.loadavg().map((n) => Number(n.toFixed(2)));
machine.seconds = Number(((performance.now() - started) / 1000).toFixed(1));
const result = {
  machine,
  settings: { passes: PASSES, runs: RUNS, warmup: WARMUP, sample: SAMPLE, corpus: corpusPresent ? rel(CORPUS) : null },
  coldStart: cold.map(({ modules, ...c }) => ({ ...c, modules: modules && { count: modules.count, kib: modules.kib, builtins: modules.builtins, packages: modules.packages } })),
  coldStartBroken: coldBroken,
  docklintModules: docklintModules && { ...docklintModules, forbiddenLoaded },
  cachedScript: cachedScript ?? null,
  docklintImportMs: importCost ?? null,
  throughput,
  cliCorpus,
  parseVsRules: split ?? null,
  compose: { corpus: composePresent ? rel(COMPOSE_CORPUS) : null, dclintEvery: DCLINT_EVERY, throughput: composeThroughput },
  concurrency: concurrencyRuns,
  concurrencyLaneBound: laneBound,
  scaling: scaling ?? null,
  memory,
  targets,
};
mkdirSync(resultsDir, { recursive: true });
writeFileSync(join(resultsDir, "latest.json"), JSON.stringify(result, null, 2) + "\n");
writeFileSync(join(resultsDir, "latest.md"), markdown(result));
log(`\nwrote ${rel(join(resultsDir, "latest.json"))} and ${rel(join(resultsDir, "latest.md"))} in ${machine.seconds} s (load ${machine.loadAverageAtEnd.join(" ")})`);
if (forbiddenLoaded.length > 0) process.exitCode = 1;

function table(header, rows) {
  const all = [header, ...rows].map((r) => r.map(String));
  const widths = header.map((_, i) => Math.max(...all.map((r) => r[i].length)));
  const line = (r) => r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join("  ");
  return ["", line(all[0]), widths.map((w) => "-".repeat(w)).join("  "), ...all.slice(1).map(line)].join("\n");
}

function mdTable(header, rows) {
  const esc = (s) => String(s).replaceAll("|", "\\|");
  return [
    `| ${header.map(esc).join(" | ")} |`,
    `| ${header.map((_, i) => (i === 0 ? "---" : "---:")).join(" | ")} |`,
    ...rows.map((r) => `| ${r.map(esc).join(" | ")} |`),
  ].join("\n");
}

function markdown(r) {
  const m = r.machine;
  const out = [
    `Measured ${m.date.slice(0, 10)} on ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, ${m.platform}; Node ${m.node}; docklint ${m.docklint}; timer: ${m.timer}; load average ${m.loadAverageAtStart.join(" ")} at start, ${m.loadAverageAtEnd.join(" ")} at end; whole run ${m.seconds} s.`,
    "",
    `**Cold start**, one run on \`${r.settings.sample}\` (${r.coldStart[0]?.runs} runs each after ${r.settings.warmup} warm-up, in rounds; output discarded; wall-clock ms, and user + system CPU ms)`,
    "",
    mdTable(
      ["command", "median ms", "mean ± sd ms", "CPU ms", "× node -e 0", "× docklint", "modules loaded"],
      r.coldStart.map((c) => [c.name, fmt(c.median), `${fmt(c.mean)} ± ${fmt(c.stddev)}`, fmt(c.cpuMs), fmt(c.ratioToNode, 2), fmt(c.ratioToDocklint, 2), c.modules ? `${c.modules.count} (${c.modules.kib} KiB)` : "–"]),
    ),
  ];
  if (r.docklintModules) {
    const d = r.docklintModules;
    const top = Object.entries(d.packages).sort((a, b) => b[1] - a[1]);
    out.push("", `docklint, Dockerfile only: ${d.count} modules (${d.kib} KiB) + ${d.builtins} node built-ins — ${top.map(([p, n]) => `${p} ${n}`).join(", ")}. ${d.forbiddenLoaded.length === 0 ? "No yaml / ajv / compose / schema module loaded." : `**Loads YAML/schema code:** ${d.forbiddenLoaded.join(", ")}.`}`);
    if (r.cachedScript) {
      out.push("", `Besides those modules, the bundled bin reads \`dist/bundle/cli.cjs\` (${r.cachedScript.scriptKiB} KiB, the whole CLI as one script) and runs it through \`vm.Script\` with V8's code cache \`${r.cachedScript.cacheFile}\` (${r.cachedScript.cacheKiB} KiB), made at build time after warm-up lints of Dockerfiles: V8 compiles none of what a Dockerfile lint runs, and the Compose code in it never runs on a Dockerfile.${r.cachedScript.otherCacheFile ? ` A command line that names other files reads \`${r.cachedScript.otherCacheFile}\` (${r.cachedScript.otherCacheKiB} KiB) instead, warmed on every kind.` : ""}`);
    }
  }
  if (r.docklintImportMs) {
    out.push("", `docklint start-up, ms each piece adds when imported in that order (median of fresh processes): ${Object.entries(r.docklintImportMs).map(([k, v]) => `${k === "processUptimeMs" ? "node start to first line" : k} ${fmt(v)}`).join(", ")}.`);
  }
  if (r.throughput.length > 0) {
    const files = r.throughput[0].files;
    const mb = (r.throughput[0].bytes / 1e6).toFixed(1);
    out.push(
      "",
      `**Throughput**, one process per tool, ${files} files (${mb} MB) of \`${r.settings.corpus}\`, median of ${r.settings.passes} passes after 1 warm-up pass; "first pass" is the warm-up, what a one-shot run sees`,
      "",
      mdTable(
        ["tool", "files/s, lint only", "files/s, read + lint", "files per CPU s, read + lint", "MB/s, lint only", "files/s, first pass", "import ms", "slowest file: ms (KB)", "findings", "threw on"],
        r.throughput.map((t) => [t.label, fmtInt(t.filesPerSecExcludingRead), fmtInt(t.filesPerSecIncludingRead), fmtInt(t.filesPerCpuSecIncludingRead), fmt(t.mbPerSecExcludingRead, 2), fmtInt(t.filesPerSecFirstPass), fmtInt(t.loadMs), `${fmt(t.slowest.ms)} (${fmtInt(t.slowest.bytes / 1000)})`, fmtInt(t.findings), t.crashes ? `${t.crashes} files` : "0"]),
      ),
    );
  }
  if (r.cliCorpus.length > 0) {
    out.push(
      "",
      "**CLI end to end** over the corpus (3 runs after 1 warm-up, output discarded; with `--cache`, the warm-up fills the cache and every timed run finds all files unchanged)",
      "",
      mdTable(["command", "files linted", "median s", "mean ± sd s", "files/s"], r.cliCorpus.map((c) => [`\`${c.name}\``, c.files ?? "?", fmt(c.median / 1000, 2), `${fmt(c.mean / 1000, 2)} ± ${fmt(c.stddev / 1000, 2)}`, fmtInt(c.filesPerSec)])),
    );
  }
  if (r.parseVsRules) {
    out.push(
      "",
      "**docklint, parse vs rules** (lint only, medians)",
      "",
      mdTable(["phase", "ms per pass", "µs per file", "share of lintText all"], r.parseVsRules.map((s) => [s.phase, fmtInt(s.ms), fmtInt(s.usPerFile), `${fmt(s.share * 100, 0)}%`])),
    );
  }
  if (r.compose.throughput.length > 0) {
    const t0 = r.compose.throughput[0];
    const floor = r.compose.throughput.find((t) => t.tool === "floor");
    out.push(
      "",
      `**Compose throughput**, one process per tool, ${t0.files} files (${(t0.bytes / 1e6).toFixed(1)} MB) of \`${r.compose.corpus}\`, median of ${r.settings.passes} passes after 1 warm-up; dclint on every ${r.compose.dclintEvery}th file (a sample: its time per file is its schema compilation, the same for every file), one pass`,
      "",
      mdTable(
        ["tool", "files", "ms per file, read + lint", "× floor", "files/s, read + lint", "files/s, first pass", "slowest file: ms (KB)", "findings", "threw on"],
        r.compose.throughput.map((t) => [t.label, t.files, fmt(t.medianTotalMs / t.files, 3), floor ? fmt(t.medianTotalMs / t.files / (floor.medianTotalMs / floor.files), 1) : "–", fmtInt(t.filesPerSecIncludingRead), fmtInt(t.filesPerSecFirstPass), `${fmt(t.slowest.ms)} (${fmtInt(t.slowest.bytes / 1000)})`, fmtInt(t.findings), t.crashes ? `${t.crashes} files` : "0"]),
      ),
    );
  }
  if (r.concurrency.length > 0) {
    out.push(
      "",
      `**--concurrency**, the CLI over every file of \`${r.settings.corpus}\` (\`--kind dockerfile --format json\`), 3 runs after 1 warm-up; output of auto ${r.concurrency[0].identical ? "byte for byte the serial output" : "**differs** from the serial output"}`,
      "",
      mdTable(["command", "median s", "mean ± sd s", "CPU s", "speed-up"], r.concurrency.map((c, i) => [c.name, fmt(c.median / 1000, 2), `${fmt(c.mean / 1000, 2)} ± ${fmt(c.stddev / 1000, 2)}`, fmt(c.cpuMs / 1000, 2), i < 2 ? fmt(r.concurrency[0].median / c.median, 2) : "–"])),
    );
    if (r.concurrencyLaneBound !== undefined) {
      out.push(
        "",
        `The lanes: the serial CLI on every other batch of 32 files, as two workers take them, each lane in a fresh process. Each pays the JIT's warm-up again, so two lanes with no overhead at all could reach at most ${fmt(r.concurrencyLaneBound, 2)}× (serial over all files ÷ the slower lane alone).`,
      );
    }
  }
  if (r.scaling) {
    out.push(
      "",
      "**Scaling**, generated files (`bench/scaling.mjs`), `recommended`: each kind and size measured in a process of its own (warm-up, then lints of ~300k lines in all: 300 of 1k lines, 30 of 10k, 3 of 100k), in 3 rounds that take every kind and size in turn; ms per lint, the median of the rounds' means (which hold each lint's share of garbage collection) and of their medians; the ratio is of the means",
      "",
      mdTable(["kind", "lines", "KB", "mean ms", "median ms", "× the size before", "findings"], Object.entries(r.scaling).flatMap(([kind, rows]) => rows.map((row) => [kind, fmtInt(row.lines), fmtInt(row.bytes / 1000), fmtInt(row.meanMs), fmtInt(row.medianMs), row.ratioToPrevious ? fmt(row.ratioToPrevious, 1) : "–", fmtInt(row.messages)]))),
    );
  }
  if (r.memory.length > 0) {
    out.push(
      "",
      "**Peak memory**, one process running the CLI's main() over every Dockerfile then every Compose file of the corpus (`bench/memory.mjs`)",
      "",
      mdTable(["--concurrency", "peak RSS MiB", "s", "CPU s"], r.memory.map((m) => [m.concurrency, fmtInt(m.peakRssMiB), fmt(m.ms / 1000, 1), fmt(m.cpuMs / 1000, 1)])),
    );
  }
  if (r.targets.length > 0) {
    out.push("", "**Targets of issue 7**, each a ratio from this run", "", mdTable(["target", "measured", "met"], r.targets.map((t) => [t.target, t.unit ? `${fmtInt(t.ratio)} ${t.unit}` : `${fmt(t.ratio, 2)}×`, t.met ? "yes" : "**no**"])));
  }
  if (r.settings.corpus === null) out.push("", "Corpus absent: throughput, CLI end to end and parse vs rules were skipped.");
  return out.join("\n") + "\n";
}
