// Scaling: lint time of generated Dockerfiles and Compose files of 1k, 10k and 100k lines, in one
// process (run.mjs starts it): a linear linter costs about 10× the time for 10× the lines.
//
//   node bench/scaling.mjs [sizes...]      (default 1000 10000 100000; prints JSON)
//
// Each size is linted `runs` times after a warm-up on the smallest size; the median is reported.
import { Buffer } from "node:buffer";
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

const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
if (sizes.length === 0) sizes.push(1000, 10000, 100000);
const config = { extends: ["recommended"] };
const ROUNDS = 7;
const result = {};
for (const [kind, generate] of [["dockerfile", generateDockerfile], ["compose", generateCompose]]) {
  const texts = sizes.map((lines) => generate(lines));
  const lint = (text) => core.lintText(text, { kind, config, filePath: `scaling.${kind}` });
  // Warm-up: the JIT compiles the hot code before the first timed run, and every size is linted
  // once untimed (with only the smallest warmed, its first timed runs were still cold: its median
  // came out high and the step after it better than linear, ×5–6 for 1k → 10k).
  for (let i = 0; i < 20; i++) lint(texts[0]);
  for (const text of texts) lint(text);
  // Rounds that time every size in turn: this machine's speed drifts by a third within minutes, and
  // timing the sizes one after the other put that drift into their ratios (±20 % between runs).
  const times = sizes.map(() => []);
  const findings = sizes.map(() => ({ messages: 0, fatal: undefined }));
  for (let round = 0; round < ROUNDS; round++) {
    sizes.forEach((lines, index) => {
      // Several runs of a small file per round, so that each round's time is not one short sample.
      const repeats = Math.max(1, Math.round(10_000 / lines));
      const start = performance.now();
      let linted;
      for (let run = 0; run < repeats; run++) linted = lint(texts[index]);
      times[index].push((performance.now() - start) / repeats);
      findings[index] = { messages: linted.messages.length, fatal: linted.messages.find((m) => m.fatal)?.message };
    });
  }
  result[kind] = sizes.map((lines, index) => {
    const { messages, fatal } = findings[index];
    return { lines, bytes: Buffer.byteLength(texts[index]), runs: ROUNDS, medianMs: median(times[index]), messages, ...(fatal ? { fatal } : {}) };
  });
}
process.stdout.write(JSON.stringify(result) + "\n");
