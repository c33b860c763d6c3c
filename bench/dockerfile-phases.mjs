// Where docklint's time goes on the Dockerfile corpus, phase by phase, next to the floor and
// the peers, in one run (ratios from one run are what the issue asks for; absolute times on a
// shared 2-core machine are not comparable between runs).
//
//   node bench/dockerfile-phases.mjs [corpus-dir] [passes]
//
// Each phase runs in a fresh process (`--phase <name>`): one warm-up pass over every file,
// then `passes` measured passes; each pass reads every file, then works on all of them, and
// the work is measured in process CPU time (steadier than wall time on a busy machine) and in
// wall time. Ratios between tools are of CPU time. Needs
// `pnpm --filter @docklint/core run build`; the peers need `npm --prefix bench install`
// (a peer that is not installed is skipped).
import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import { loadavg } from "node:os";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, "..");
const benchRequire = createRequire(join(here, "package.json"));
const coreRequire = createRequire(join(repo, "packages/core/package.json"));
const coreDist = (path) => pathToFileURL(join(repo, "packages/core/dist", path)).href;

const phases = {
  floor: {
    label: "floor: read + count lines",
    load: async () => (text) => {
      let lines = 1;
      for (let at = text.indexOf("\n"); at !== -1; at = text.indexOf("\n", at + 1)) lines++;
      return lines;
    },
  },
  lexer: {
    label: "docklint lexer only",
    load: async () => {
      const { lexDockerfile } = await import(coreDist("dockerfile/lexer.js"));
      return (text) => lexDockerfile(text).instructions.length;
    },
  },
  "dockerfile-ast": {
    label: "dockerfile-ast 0.7.1 parse (the oracle, for scale)",
    load: async () => {
      const { DockerfileParser } = coreRequire("dockerfile-ast");
      return (text) => DockerfileParser.parse(text).getInstructions().length;
    },
  },
  model: {
    label: "docklint parseDockerfile (lexer + model)",
    load: async () => {
      const { parseDockerfile } = await import(coreDist("index.js"));
      return (text) => parseDockerfile(text).instructions.length;
    },
  },
  "model+shell": {
    label: "docklint parseDockerfile + every RUN's shell analysis",
    load: async () => {
      const { parseDockerfile } = await import(coreDist("index.js"));
      return (text) => {
        const model = parseDockerfile(text);
        let commands = 0;
        for (const instruction of model.instructions) if (instruction.keyword === "RUN") commands += model.shellOf(instruction).commands.length;
        return commands;
      };
    },
  },
  recommended: {
    label: "docklint lintText, recommended",
    load: async () => {
      const { lintText } = await import(coreDist("index.js"));
      const config = { extends: ["recommended"] };
      return (text, file) => lintText(text, { filePath: file, kind: "dockerfile", config }).messages.length;
    },
  },
  all: {
    label: "docklint lintText, extends all",
    load: async () => {
      const { lintText } = await import(coreDist("index.js"));
      const config = { extends: ["all"] };
      return (text, file) => lintText(text, { filePath: file, kind: "dockerfile", config }).messages.length;
    },
  },
  dockerfilelint: {
    label: "dockerfilelint 1.8.0 run()",
    load: async () => {
      const dockerfilelint = benchRequire("dockerfilelint");
      return (text, file) => dockerfilelint.run(dirname(file), text).length;
    },
  },
  "dockerfile-utils": {
    label: "dockerfile-utils validate()",
    load: async () => {
      const { validate } = benchRequire("dockerfile-utils");
      return (text) => validate(text).length;
    },
  },
};

function listCorpus(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath ?? entry.path, entry.name))
    .sort();
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

async function runPhase(name, corpus, passes) {
  const files = listCorpus(corpus);
  const work = await phases[name].load();
  const cpuMs = [];
  const wallMs = [];
  const readMs = [];
  let threw = 0;
  for (let pass = 0; pass <= passes; pass++) {
    // Read every file first, then do the work on all of them: CPU time of the work alone is
    // what stays comparable when other processes share the machine.
    const r0 = performance.now();
    const texts = files.map((file) => readFileSync(file, "utf8"));
    const r1 = performance.now();
    threw = 0;
    const cpu0 = process.cpuUsage();
    const w0 = performance.now();
    for (let i = 0; i < files.length; i++) {
      try {
        work(texts[i], files[i]);
      } catch {
        threw++;
      }
    }
    const wall = performance.now() - w0;
    const cpu = process.cpuUsage(cpu0);
    if (pass > 0) {
      cpuMs.push((cpu.user + cpu.system) / 1000);
      wallMs.push(wall);
      readMs.push(r1 - r0);
    }
  }
  process.stdout.write(JSON.stringify({ files: files.length, ms: median(cpuMs), wallMs: median(wallMs), readMs: median(readMs), threw }));
}

async function main() {
  const args = process.argv.slice(2);
  if (args[0] === "--phase") {
    await runPhase(args[1], args[2], Number(args[3]));
    return;
  }
  const corpus = resolve(args[0] ?? join(repo, "..", "shared", "corpus", "dockerfile"));
  const passes = Number(args[1] ?? 3);
  const rows = [];
  for (const name of Object.keys(phases)) {
    try {
      const out = execFileSync(process.execPath, [fileURLToPath(import.meta.url), "--phase", name, corpus, String(passes)], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
      rows.push({ name, ...JSON.parse(out) });
    } catch (error) {
      process.stderr.write(`${name}: skipped (${String(error.message).split("\n")[0]})\n`);
    }
  }
  const by = Object.fromEntries(rows.map((row) => [row.name, row]));
  const files = rows[0]?.files ?? 0;
  console.log(`${files} files of ${corpus}, median of ${passes} passes after 1 warm-up, Node ${process.version}, load average ${loadavg().map((l) => l.toFixed(1)).join(" ")}\n`);
  console.log("| phase | CPU ms per pass | µs per file | files per CPU s | wall ms per pass | read ms (wall) | threw on |");
  console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
  for (const row of rows) {
    const us = (row.ms * 1000) / row.files;
    console.log(
      `| ${phases[row.name].label} | ${row.ms.toFixed(0)} | ${us.toFixed(1)} | ${Math.round((row.files * 1000) / row.ms)} | ${row.wallMs.toFixed(0)} | ${row.readMs.toFixed(0)} | ${row.threw} |`,
    );
  }
  const ratio = (a, b) => (by[a] && by[b] ? (by[a].ms / by[b].ms).toFixed(2) : "n/a");
  // The floor is "read the files and count their lines": both sides pay the same reads.
  const withRead = (a, b) => (by[a] && by[b] ? ((by[a].wallMs + by[a].readMs) / (by[b].wallMs + by[b].readMs)).toFixed(2) : "n/a");
  console.log("");
  console.log(`dockerfilelint time / docklint recommended time: ${ratio("dockerfilelint", "recommended")}× (target ≥ 3)`);
  console.log(`dockerfile-utils time / docklint recommended time: ${ratio("dockerfile-utils", "recommended")}× (target ≥ 10)`);
  console.log(`docklint recommended (read + lint) / floor (read + count), wall: ${withRead("recommended", "floor")}× (target ≤ 3)`);
  console.log(`dockerfile-ast parse / docklint lexer: ${ratio("dockerfile-ast", "lexer")}×`);
}

await main();
