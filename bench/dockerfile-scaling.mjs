// Dockerfile rules on one long stage: lint time of a generated single-stage Dockerfile of 1k,
// 10k and 100k lines with every rule on (`extends: ["all"]`). A rule that scans the stage once
// per instruction shows up as a ratio far above 10× per 10× lines.
//
//   node bench/dockerfile-scaling.mjs [--rules] [sizes...]   (default 1000 10000 100000)
//
// `--rules` also prints, for each size, the eight rules that take the most time. Needs
// `pnpm --filter @docklint/core run build`.
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const repo = resolve(dirname(fileURLToPath(import.meta.url)), "..");
// DOCKLINT_CORE=<path to another build's dist/index.js> compares builds in the same conditions.
const core = await import(pathToFileURL(process.env.DOCKLINT_CORE ?? join(repo, "packages/core/dist/index.js")).href);

/** One stage of about `lines` lines: RUNs with pipes, relative COPYs, comments, continuation lines. */
export function generateLongStage(lines) {
  const out = ["FROM debian:12", "ARG VERSION=1.0"];
  for (let i = 0; out.length < lines; i++) {
    out.push(
      `# step ${i}: fetch and unpack`,
      `COPY files/${i}.tar.gz ./vendor/${i}/`,
      `RUN curl -fsSL https://example.com/${i}.tgz | tar -xz -C /opt \\`,
      `    # unpacked into /opt`,
      `    && echo "step ${i} \${VERSION}" | tee -a /var/log/build.log \\`,
      `    && ln -sf /opt/tool${i} /usr/local/bin/tool${i}`,
      `ENV STEP_${i}=$VERSION`,
      `RUN apt-get update && apt-get install -y --no-install-recommends pkg${i} && rm -rf /var/lib/apt/lists/*`,
    );
    if (i % 50 === 49) out.push("WORKDIR /srv", "USER 10001", "SHELL [\"/bin/bash\", \"-c\"]");
  }
  return out.slice(0, lines).join("\n") + "\n";
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const args = process.argv.slice(2);
const perRule = args.includes("--rules");
const sizes = args.map(Number).filter((n) => n > 0);
if (sizes.length === 0) sizes.push(1000, 10000, 100000);

const ruleTime = new Map();
const rules = perRule
  ? core.builtinRules.map((rule) => ({
      ...rule,
      check(context) {
        const start = performance.now();
        try {
          return rule.check(context);
        } finally {
          ruleTime.set(rule.meta.id, (ruleTime.get(rule.meta.id) ?? 0) + performance.now() - start);
        }
      },
    }))
  : undefined;

const config = { extends: ["all"] };
const lint = (text) => core.lintText(text, { kind: "dockerfile", config, filePath: "Dockerfile", ...(rules ? { rules } : {}) });
const texts = sizes.map((lines) => generateLongStage(lines));
const warmUp = generateLongStage(1000);
for (let i = 0; i < 3; i++) lint(warmUp);
const results = sizes.map((lines, index) => {
  const runs = Math.max(1, Math.round(20_000 / lines));
  const times = [];
  let messages = 0;
  ruleTime.clear();
  for (let run = 0; run < runs; run++) {
    const start = performance.now();
    messages = lint(texts[index]).messages.length;
    times.push(performance.now() - start);
  }
  const top = [...ruleTime].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([id, ms]) => `${id} ${(ms / runs).toFixed(1)}`);
  return { lines, runs, medianMs: Number(median(times).toFixed(1)), messages, ...(perRule ? { top } : {}) };
});
for (let i = 1; i < results.length; i++) results[i].ratio = Number((results[i].medianMs / results[i - 1].medianMs).toFixed(1));
process.stdout.write(JSON.stringify(results, null, 1) + "\n");
