// Shapes: looks for lint time that grows faster than the file. Each shape is one kind of
// repetition (stages built on each other, pipelines in one RUN, pairs of one ENV, a service's
// volumes, suppression comments, …), generated at n and 4n items; a linear linter takes about 4×
// the time for the larger file. Ratios above 6× are marked: profile that shape (a CPU profile of
// one lint shows which rule or query walks too much). Issue 7's rounds 13 to 15 found twenty
// quadratic paths this way (bench/README.md), each now in packages/core/test/robustness/pathological.test.ts.
//
//   node bench/shapes.mjs [--fix] [--preset recommended|all] [name ...]
//
// Uses packages/core/dist (run `pnpm build` first). Times are one lint after one warm-up lint of
// the same file, so small shapes carry the JIT's noise: a ratio only means something when the
// larger lint takes more than a few tens of milliseconds. Not part of run.mjs or of any test.
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";

const repo = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const core = await import(pathToFileURL(join(repo, "packages/core/dist/index.js")).href);
await import(pathToFileURL(join(repo, "packages/core/dist/compose/index.js")).href);

const { values, positionals } = parseArgs({ allowPositionals: true, options: { fix: { type: "boolean", default: false }, preset: { type: "string", default: "all" } } });

const repeat = (n, line, separator = "\n") => Array.from({ length: n }, (_, i) => line(i)).join(separator);

/** Name → [kind, text of n items, n]. */
const SHAPES = {
  "independent stages": ["dockerfile", (n) => repeat(n, (i) => `FROM alpine:3.19 AS s${i}\nRUN echo ${i}`), 2000],
  "chained stages": ["dockerfile", (n) => `FROM alpine:3.19 AS s0\n${repeat(n, (i) => `FROM s${i} AS s${i + 1}\nRUN echo $A${i} | tee x`)}`, 2000],
  "global ARGs, redeclared": ["dockerfile", (n) => `${repeat(n, (i) => `ARG A${i}=\${A${Math.max(0, i - 1)}}`)}\nFROM alpine:3.19\n${repeat(n, (i) => `ARG A${i}`)}`, 2000],
  "unset names in global ARGs": ["dockerfile", (n) => `${repeat(n, (i) => `ARG A${i}=\${MISSING${i}}`)}\nFROM alpine:3.19`, 2000],
  "unset names in FROMs": ["dockerfile", (n) => `${repeat(n, (i) => `ARG G${i}=1`)}\n${repeat(n, (i) => `FROM alpine:\${V${i}}\nARG V${i}`)}`, 2000],
  "unset names in a stage": ["dockerfile", (n) => `FROM scratch\n${repeat(n, (i) => `ARG S${i}=1`)}\n${repeat(n, (i) => `COPY \${X${i}} /`)}`, 2000],
  "COPY --from missing stages": ["dockerfile", (n) => repeat(n, (i) => `FROM alpine:3.19 AS s${i}\nCOPY --from=t${i} /a /b`), 2000],
  "sources of one COPY": ["dockerfile", (n) => `FROM alpine:3.19\nCOPY ${repeat(n, (i) => `a${i}`, " ")} /dst/`, 64000],
  "heredocs of one COPY": ["dockerfile", (n) => `FROM alpine:3.19\nCOPY ${repeat(n, (i) => `<<A${i}`, " ")} /dst/\n${repeat(n, (i) => `x\nA${i}`)}`, 2000],
  "CMDs in one stage": ["dockerfile", (n) => `FROM alpine:3.19\n${repeat(n, (i) => `CMD ["echo", "${i}"]\nONBUILD HEALTHCHECK CMD true`)}`, 2000],
  "pairs of one ENV": ["dockerfile", (n) => `FROM alpine:3.19\nENV ${repeat(n, (i) => `K${i}=$K${Math.max(0, i - 1)}x`, " ")}`, 2000],
  "pairs of one LABEL": ["dockerfile", (n) => `FROM alpine:3.19\nLABEL ${repeat(n, (i) => `l${i}="v ${i}"`, " \\\n  ")}`, 2000],
  "suppression comments": ["dockerfile", (n) => `FROM alpine:3.19\n${repeat(n, (i) => `${i % 2 ? "# hadolint ignore=DL3004" : "# docklint-disable-next-line no-sudo"}\nRUN sudo echo ${i}`)}`, 2000],
  "pipelines in one RUN": ["dockerfile", (n) => `FROM alpine:3.19\nRUN ${repeat(n, (i) => `if [ -f a${i} ]; then echo "$(cat a${i} | grep x)" | tee -a log; fi`, "; ")}`, 2000],
  "commands in one RUN": ["dockerfile", (n) => `FROM alpine:3.19\nRUN ${repeat(n, (i) => `cd /d${i} && curl -fsSL https://x/${i} -o f${i}`, " && \\\n  ")}`, 2000],
  "pip installs in one RUN": ["dockerfile", (n) => `FROM python:3.12\nRUN ${repeat(n, (i) => `pip install p${i}`, " && ")}`, 2000],
  "comment lines in one continued RUN": ["dockerfile", (n) => `FROM alpine:3.19\nRUN echo a \\\n${repeat(n, (i) => `# c${i}\n  && echo ${i} \\`)}\n  && echo end`, 2000],
  "heredocs in one RUN": ["dockerfile", (n) => `FROM alpine:3.19\nRUN ${repeat(n, (i) => `cat > /etc/f${i} <<E${i}`, " && ")}\n${repeat(n, (i) => `strict-ssl=false\nE${i}`)}`, 2000],
  "heredocs of one cat": ["dockerfile", (n) => `FROM alpine:3.19\nRUN ${repeat(n, (i) => `cat <<A${i}`, " ")}\n${repeat(n, (i) => `x\nA${i}`)}`, 2000],
  "lines of one heredoc": ["dockerfile", (n) => `FROM alpine:3.19\nRUN <<EOF\n${repeat(n, (i) => `apt-get install -y p${i} | tee x && echo $V${i}`)}\nEOF`, 2000],
  "WORKDIRs and COPYs": ["dockerfile", (n) => `FROM alpine:3.19\n${repeat(n, (i) => `WORKDIR d${i}\nCOPY f${i} .`)}`, 2000],
  services: ["compose", (n) => `services:\n${repeat(n, (i) => `  s${i}:\n    image: x:1\n    depends_on: [s${Math.max(0, i - 1)}]`)}`, 1000],
  "depends_on mappings": ["compose", (n) => `services:\n${repeat(n, (i) => `  s${i}:\n    image: x:1\n    depends_on:\n${repeat(Math.min(i, 5), (j) => `      s${i - j - 1}:\n        condition: service_started`)}`)}`, 500],
  "depends_on lists out of order": ["compose", (n) => `services:\n${repeat(n, (i) => `  s${i}:\n    image: x:1\n    depends_on: [s${i + 2}, s${i + 1}]`)}`, 1000],
  "a service's ports": ["compose", (n) => `services:\n  s:\n    image: x:1\n    ports:\n${repeat(n, (i) => `      - "${1024 + (i % 60000)}:${80 + (i % 1000)}"`)}`, 2000],
  "a service's volumes": ["compose", (n) => `services:\n  s:\n    image: x:1\n    volumes:\n${repeat(n, (i) => `      - ./d${i}:/d${i}:ro`)}`, 2000],
  "a volume every service mounts": ["compose", (n) => `services:\n${repeat(n, (i) => `  s${i}:\n    image: x:1\n    volumes: [data:/d]`)}\nvolumes:\n  data: {}`, 1000],
  "anchored services": ["compose", (n) => `${repeat(n, (i) => `x-a${i}: &a${i}\n  image: x:${i}`)}\nservices:\n${repeat(n, (i) => `  s${i}:\n    <<: *a${i}`)}`, 1000],
  // Super-linear by nature: link k merges all k keys before it, so the data grows as n² (4 × 170
  // links stay under the alias limit of 1,000,000 expanded nodes, which bounds it).
  "a chain of merge keys": ["compose", (n) => `x-a0: &a0\n  image: x:1\n${repeat(n, (i) => `x-a${i + 1}: &a${i + 1}\n  <<: *a${i}\n  k${i}: v`)}\nservices:\n  s:\n    <<: *a${n}`, 170],
  "suppression comments (Compose)": ["compose", (n) => `services:\n  s:\n    image: x:1\n${repeat(n, (i) => `    # docklint-disable-next-line no-privileged\n    x-k${i}: 1`)}`, 2000],
};

const config = { extends: [values.preset], rules: { shellcheck: "off" } };
function lintMs(kind, text) {
  const options = { kind, config, fix: values.fix, filePath: kind === "compose" ? "compose.yaml" : "Dockerfile" };
  core.lintText(text, options);
  const start = performance.now();
  const result = core.lintText(text, options);
  return { ms: performance.now() - start, fatal: result.messages.find((m) => m.fatal)?.message };
}

console.log(`| shape | kind | n | ms | 4n | ms | ratio |\n| --- | --- | ---: | ---: | ---: | ---: | ---: |`);
for (const [name, [kind, generate, n]] of Object.entries(SHAPES)) {
  if (positionals.length > 0 && !positionals.some((word) => name.includes(word))) continue;
  const small = lintMs(kind, generate(n));
  const large = lintMs(kind, generate(4 * n));
  const ratio = large.ms / small.ms;
  const mark = ratio > 6 && large.ms > 50 ? " **super-linear?**" : "";
  const fatal = large.fatal ? ` (fatal: ${large.fatal.slice(0, 60)})` : "";
  console.log(`| ${name} | ${kind} | ${n} | ${small.ms.toFixed(0)} | ${4 * n} | ${large.ms.toFixed(0)} | ×${ratio.toFixed(1)}${mark}${fatal} |`);
}
