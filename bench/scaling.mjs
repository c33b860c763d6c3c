// Scaling: lint time of generated Dockerfiles and Compose files of 1k, 10k and 100k lines (run.mjs
// starts it): a linear linter costs about 10× the time for 10× the lines.
//
//   node bench/scaling.mjs [sizes...]      (default 1000 10000 100000; prints JSON)
//
// Each kind and size is measured in a process of its own (measureHere), in rounds; for each, the
// median over the rounds of the mean (and of the median) time per lint is reported.
import { Buffer } from "node:buffer";
import { spawnSync } from "node:child_process";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const repo = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const core = await import(pathToFileURL(join(repo, "packages/core/dist/index.js")).href);
await import(pathToFileURL(join(repo, "packages/core/dist/compose/index.js")).href);

/** A Dockerfile of about `lines` lines: stages of ~100 lines with the usual instructions. */
export function generateDockerfile(lines) {
  const out = [];
  for (let stage = 0; out.length < lines; stage++) {
    out.push(`FROM node:20-alpine AS stage${stage}`, `ARG VERSION=1.${stage}`, `WORKDIR /app/${stage}`);
    for (let i = 0; i < 12 && out.length < lines; i++) {
      out.push(
        `ENV PATH_${i}=/opt/app${stage}/bin:$PATH`,
        `COPY src/${stage}/${i}.json ./${i}/`,
        `RUN apt-get update && apt-get install -y --no-install-recommends curl=7.${i} \\`,
        `    && rm -rf /var/lib/apt/lists/*`,
        `RUN npm ci --omit=dev && echo "built ${stage}.${i} at \${VERSION}"`,
        `LABEL org.example.step${i}="stage ${stage}"`,
        `EXPOSE ${3000 + i}`,
      );
    }
    out.push("USER 10001", `HEALTHCHECK CMD wget -q -O- http://localhost:${3000 + (stage % 12)}/ || exit 1`);
  }
  return out.slice(0, lines).join("\n") + "\n";
}

/** A Compose file of about `lines` lines: services of 12 lines, in groups that depend on each other. */
export function generateCompose(lines) {
  const out = ["name: scaling", "services:"];
  for (let i = 0; out.length < lines; i++) {
    out.push(
      `  svc${i}:`,
      `    image: registry.example.com/app${i % 50}:1.${i % 10}.0`,
      "    user: \"10001\"",
      "    read_only: true",
      "    environment:",
      `      LOG_LEVEL: info`,
      `      SERVICE_ID: "${i}"`,
      "    ports:",
      `      - "127.0.0.1:${10000 + (i % 50000)}:80"`,
      "    volumes:",
      `      - ./data/${i}:/data:ro`,
      ...(i % 10 === 0 ? ["    restart: unless-stopped"] : ["    depends_on:", `      - svc${i - 1}`]),
    );
  }
  return out.slice(0, lines).join("\n") + "\n";
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const GENERATORS = { dockerfile: generateDockerfile, compose: generateCompose };
const config = { extends: ["recommended"] };
/** Rounds of processes, one per kind and size each: the median over rounds is reported. */
const ROUNDS = 3;

/**
 * One measurement, in a process of its own: a warm-up (the smallest file 20 times, then this size
 * once, untimed), then enough timed lints to lint ~300k lines (300 of 1k lines, 30 of 10k, at
 * least 3). A process per size, so that no size is charged for collecting another's garbage (the
 * 100k-line Dockerfile's model is ~100 MB). The mean is what the ratios use: it holds each lint's
 * share of the collector's work, which falls in some lints and not others (the same 1k-line lint
 * takes 5–16 ms as a scavenge lands in it or not), so that a median of a few lints moved with
 * where the scavenges fell.
 */
function measureHere(kind, lines) {
  const lint = (text) => core.lintText(text, { kind, config, filePath: `scaling.${kind}` });
  const text = GENERATORS[kind](lines);
  const small = GENERATORS[kind](1000);
  for (let i = 0; i < 20; i++) lint(small);
  lint(text);
  const runs = Math.max(3, Math.round(300_000 / lines));
  const times = [];
  let linted;
  for (let run = 0; run < runs; run++) {
    const start = performance.now();
    linted = lint(text);
    times.push(performance.now() - start);
  }
  const meanMs = times.reduce((sum, ms) => sum + ms, 0) / runs;
  return { meanMs, medianMs: median(times), runs, bytes: Buffer.byteLength(text), messages: linted.messages.length, fatal: linted.messages.find((m) => m.fatal)?.message };
}

// Run only as a script: other benches import the generators.
const runAsScript = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (runAsScript && process.argv[2] === "--one") {
  process.stdout.write(JSON.stringify(measureHere(process.argv[3], Number(process.argv[4]))) + "\n");
} else if (runAsScript) {
  const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
  if (sizes.length === 0) sizes.push(1000, 10000, 100000);
  const script = fileURLToPath(import.meta.url);
  const measured = {};
  // Rounds that measure every kind and size in turn: this machine's speed drifts by a third within
  // minutes, and measuring the sizes one after the other put that drift into their ratios.
  for (let round = 0; round < ROUNDS; round++) {
    for (const kind of Object.keys(GENERATORS)) {
      for (const lines of sizes) {
        const child = spawnSync(process.execPath, [script, "--one", kind, String(lines)], { encoding: "utf8", timeout: 600_000 });
        if (child.status !== 0) throw new Error(`scaling: ${kind} ${lines} lines failed: ${child.stderr || child.signal}`);
        ((measured[kind] ??= {})[lines] ??= []).push(JSON.parse(child.stdout));
      }
    }
  }
  const result = {};
  for (const [kind, bySize] of Object.entries(measured)) {
    result[kind] = sizes.map((lines) => {
      const { bytes, messages, fatal, runs } = bySize[lines][0];
      const rounds = bySize[lines];
      return { lines, bytes, rounds: ROUNDS, lintsPerRound: runs, meanMs: median(rounds.map((m) => m.meanMs)), medianMs: median(rounds.map((m) => m.medianMs)), messages, ...(fatal ? { fatal } : {}) };
    });
  }
  process.stdout.write(JSON.stringify(result) + "\n");
}
