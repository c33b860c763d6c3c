/**
 * What the peers get wrong on the shared corpus, each pinned here as a regression test (issue 7):
 * - dockerfilelint crashes on `HEALTHCHECK CMD …` without options, and one crash ends its whole run;
 * - dockerfilelint and dockerfile_lint cut JSON output at 64 KiB when standard output is a pipe
 *   (`process.exit()` right after `console.log`);
 * - dockerfile_lint spends 82 s on one 3.4 KB Dockerfile (regex backtracking on a long URL);
 * - dclint cannot lint getsentry/self-hosted's Compose file (the yaml library's alias-count limit).
 * Through the built CLI where the process boundary matters (pipes, exit codes).
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { builtinRules, defineRule, type Rule } from "@docklint/core";
import { hasShared, sharedDir, skipMessage } from "../../core/test/support/shared.js";
import { ONLY_NON_ROOT, runJson, tempDir } from "./helpers.js";

const BIN = fileURLToPath(new URL("../bin/docklint.js", import.meta.url));
const built = fs.existsSync(fileURLToPath(new URL("../dist/main.js", import.meta.url)));
if (!built) console.warn("Skipping the peer regressions that spawn the CLI: packages/cli/dist is missing; run pnpm run build first.");

interface Spawned {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI with standard output as a pipe, reading every byte until the process ends. */
function spawnCli(args: string[], cwd: string): Promise<Spawned> {
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1" };
    delete env["FORCE_COLOR"];
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => err.push(chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout: Buffer.concat(out).toString("utf8"), stderr: Buffer.concat(err).toString("utf8") }));
  });
}

const HEALTHCHECKS = [
  "HEALTHCHECK CMD curl -f http://localhost/ || exit 1",
  "HEALTHCHECK CMD [\"curl\", \"-f\", \"http://localhost/\"]",
  "HEALTHCHECK CMD wget -qO- localhost:8080/health",
  "HEALTHCHECK CMD /healthcheck.sh",
  "HEALTHCHECK CMD pg_isready -U postgres",
  "HEALTHCHECK CMD [\"/bin/app\", \"health\"]",
  "HEALTHCHECK CMD redis-cli ping",
  "HEALTHCHECK CMD nc -z localhost 5432",
  "HEALTHCHECK \\\n  CMD curl -f http://localhost/",
  "HEALTHCHECK NONE",
];

/** Throws on files that say so: a rule crash must cost that file one finding, not the run. */
const crashing = defineRule({
  meta: { id: "crash-on-marker", kind: "dockerfile", category: "correctness", severity: "error", docs: "Throws on a marker (test rule).", presets: ["recommended"], references: {}, messages: { never: "never" } },
  check(context) {
    if (context.source.text.includes("CRASH-HERE")) throw new TypeError("boom");
  },
}) as Rule;

describe("dockerfilelint: HEALTHCHECK CMD without options, and one bad file in a multi-file run", () => {
  it("lints ten Dockerfiles whose HEALTHCHECK has no options, each with its own result", async () => {
    const files = Object.fromEntries(HEALTHCHECKS.map((line, index) => [`s${index}/Dockerfile`, `FROM alpine:3.19\n${line}\nUSER 10001\n`]));
    const dir = tempDir({ "docklint.config.json": JSON.stringify({ extends: ["all"] }), ...files });
    const { code, results } = await runJson([], { cwd: dir, rules: builtinRules });
    expect(results).toHaveLength(10);
    for (const result of results) {
      expect(result.fatalErrorCount, result.filePath).toBe(0);
      expect(result.messages.filter((m) => m.message.startsWith("Rule ")), result.filePath).toEqual([]);
    }
    expect([0, 1]).toContain(code);
  });

  it("goes on past a file that cannot be parsed, a binary file and a crashing rule: every other file has its result", async () => {
    const dir = tempDir({
      "a/Dockerfile": "FROM alpine:3.19\nRUN echo a\n",
      "b/compose.yaml": "services:\n  web: [unclosed\n",
      "c/Dockerfile": "FROM alpine:3.19\n# CRASH-HERE\nUSER 10001\n",
      "d/Dockerfile": "FROM alpine:3.19\nUSER 10001\n",
      "e/daemon.json": "{ not json",
      "f/Dockerfile": "FROM alpine:3.19\nRUN echo f\n",
    });
    fs.writeFileSync(path.join(dir, "g.Dockerfile"), Buffer.from([0x46, 0x52, 0x00, 0x4d]));
    const { code, results } = await runJson([".", "g.Dockerfile"], { cwd: dir, rules: [...ONLY_NON_ROOT, crashing] });
    expect(code).toBe(1);
    const byFile = Object.fromEntries(results.map((r) => [path.relative(dir, r.filePath), r]));
    expect(Object.keys(byFile).sort()).toEqual(["a/Dockerfile", "b/compose.yaml", "c/Dockerfile", "d/Dockerfile", "e/daemon.json", "f/Dockerfile", "g.Dockerfile"]);
    expect(byFile["a/Dockerfile"]?.messages.map((m) => m.ruleId)).toEqual(["require-non-root-user"]);
    expect(byFile["f/Dockerfile"]?.messages.map((m) => m.ruleId)).toEqual(["require-non-root-user"]);
    expect(byFile["d/Dockerfile"]?.errorCount).toBe(0);
    expect(byFile["b/compose.yaml"]?.messages[0]).toMatchObject({ fatal: true, message: expect.stringMatching(/^Parsing error: YAML syntax error/) });
    expect(byFile["e/daemon.json"]?.messages[0]).toMatchObject({ fatal: true, message: expect.stringMatching(/not valid JSON/) });
    expect(byFile["g.Dockerfile"]?.messages[0]).toMatchObject({ fatal: true, message: expect.stringMatching(/NUL bytes/) });
    expect(byFile["c/Dockerfile"]?.messages).toEqual([expect.objectContaining({ ruleId: "crash-on-marker", message: expect.stringMatching(/^Rule "crash-on-marker" failed on this file \(boom\)/) })]);
  });
});

describe.skipIf(!built)(built ? "dockerfilelint, dockerfile_lint: JSON cut at 64 KiB in a pipe" : "JSON through a pipe (skipped: CLI not built)", () => {
  it(
    "JSON output of several megabytes arrives whole through a pipe and parses",
    async () => {
      const findings = "RUN apt-get install curl\n".repeat(300);
      const files = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`svc${i}/Dockerfile`, `FROM ubuntu\n${findings}`]));
      // Every rule but shellcheck, which tells stderr when the shellcheck program is not installed.
      const dir = tempDir({ "docklint.config.json": JSON.stringify({ extends: ["all"], rules: { shellcheck: "off" } }), ...files });
      const { code, stdout, stderr } = await spawnCli(["--format", "json"], dir);
      expect(stderr).toBe("");
      expect(code).toBe(1);
      expect(Buffer.byteLength(stdout)).toBeGreaterThan(16 * 64 * 1024);
      const results = JSON.parse(stdout) as { filePath: string; messages: unknown[] }[];
      expect(results).toHaveLength(10);
      for (const result of results) expect(result.messages.length).toBeGreaterThan(300);
    },
    60_000,
  );
});

describe("dockerfile_lint: 82 s on a 3.4 KB Dockerfile with a long URL", () => {
  it(
    "lints adversarial URLs (long runs of the characters URL regexes repeat) in every instruction that takes one",
    async () => {
      // The runs that make URL regexes backtrack: path segments, dots, dashes and percent escapes, never closed.
      const url = `https://${"a-".repeat(300)}.example.com/${"a/".repeat(400)}${"%2".repeat(200)}?${"a=&".repeat(150)}`;
      const text = [
        "FROM alpine:3.19",
        `ADD ${url} /opt/`,
        `RUN wget ${url} && curl -fsSL ${url}`,
        `LABEL org.opencontainers.image.source="${url}"`,
        `ENV URL=${url}`,
        "USER 10001",
        "",
      ].join("\n");
      expect(text.length).toBeGreaterThan(3 * 1024);
      const dir = tempDir({ "docklint.config.json": JSON.stringify({ extends: ["all"] }), Dockerfile: text });
      const { results } = await runJson([], { cwd: dir, rules: builtinRules });
      expect(results).toHaveLength(1);
      expect(results[0]?.fatalErrorCount).toBe(0);
      expect(results[0]?.messages.filter((m) => m.message.startsWith("Rule "))).toEqual([]);
    },
    20_000,
  );
});

describe.skipIf(!hasShared)(hasShared ? "dclint: getsentry/self-hosted's many aliases" : skipMessage("getsentry/self-hosted"), () => {
  it(
    "lints getsentry/self-hosted's docker-compose.yml (hundreds of aliases) and refuses an alias bomb beside it",
    async () => {
      const sentry = fs.readFileSync(path.join(sharedDir, "corpus/compose/getsentry__self-hosted/docker-compose.yml"), "utf8");
      expect((sentry.match(/\*[\w-]+/g) ?? []).length).toBeGreaterThan(50);
      const levels = ["a: &a [x, x, x, x, x, x, x, x, x, x]"];
      for (let i = 1; i < 12; i++) levels.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill(`*${String.fromCharCode(96 + i)}`).join(", ")}]`);
      const dir = tempDir({
        "docklint.config.json": JSON.stringify({ extends: ["all"] }),
        "sentry/docker-compose.yml": sentry,
        "bomb/compose.yaml": `x-bomb:\n  ${levels.join("\n  ")}\nservices:\n  web:\n    image: nginx:1.25\n`,
      });
      const { results } = await runJson([], { cwd: dir, rules: builtinRules });
      const byFile = Object.fromEntries(results.map((r) => [path.relative(dir, r.filePath), r]));
      expect(byFile["sentry/docker-compose.yml"]?.fatalErrorCount).toBe(0);
      expect(byFile["sentry/docker-compose.yml"]?.messages.length).toBeGreaterThan(0);
      expect(byFile["bomb/compose.yaml"]?.messages).toEqual([expect.objectContaining({ fatal: true, message: expect.stringMatching(/alias bomb/) })]);
    },
    30_000,
  );
});
