/** Every option through the built binary: stdout, stderr and the exit code as a shell or CI sees them. */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { CLEAN, FAILING, tempDir } from "./helpers.js";

const BIN = fileURLToPath(new URL("../bin/docklint.js", import.meta.url));
const DIST_MAIN = fileURLToPath(new URL("../dist/main.js", import.meta.url));
const built = fs.existsSync(DIST_MAIN);
if (!built) console.warn(`Skipping the option e2e tests: ${DIST_MAIN} is missing; run "pnpm run build" first.`);

const CONFIG = JSON.stringify({ extends: [], rules: { "require-non-root-user": "error", "no-maintainer": "warn", "consistent-instruction-casing": "warn" } });
const MESSY = "from alpine:3.19\nMAINTAINER Jo <jo@example.com>\n";
const ansi = new RegExp(String.raw`\u001b\[`);

interface Spawned {
  status: number | null;
  stdout: string;
  stderr: string;
}

function docklint(args: string[], cwd: string, options: { env?: Record<string, string>; input?: string } = {}): Spawned {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env["FORCE_COLOR"];
  delete env["NO_COLOR"];
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: "utf8", env: { ...env, ...options.env }, timeout: 30_000, input: options.input ?? "" });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe.skipIf(!built)(built ? "options (built CLI)" : "options (skipped: packages/cli/dist/main.js missing, run pnpm run build)", () => {
  it("--format sarif --output-file a.sarif --format friendly: a SARIF file and a friendly report on standard output", () => {
    const dir = tempDir({ "docklint.config.json": CONFIG, "app/Dockerfile": FAILING });
    const { status, stdout, stderr } = docklint(["--format", "sarif", "--output-file", "a.sarif", "--format", "friendly"], dir, { env: { NO_COLOR: "1" } });
    expect(stderr).toBe("");
    expect(status).toBe(1);
    expect(stdout).toContain("app/Dockerfile:1:1");
    const sarif = JSON.parse(fs.readFileSync(path.join(dir, "a.sarif"), "utf8")) as { runs: { results: { ruleId: string }[] }[] };
    expect(sarif.runs[0]?.results.map((r) => r.ruleId)).toEqual(["require-non-root-user"]);
  });

  it("-c, --no-config-lookup, --rule and --kind", () => {
    const dir = tempDir({ "docklint.config.json": CONFIG, "off.json": JSON.stringify({ extends: [] }), "build.txt": FAILING, Dockerfile: FAILING });
    expect(docklint(["-c", "off.json"], dir).status).toBe(0);
    expect(docklint(["--no-config-lookup", "--rule", "require-non-root-user: off", "-f", "compact"], dir).status).toBe(0);
    expect(docklint(["--rule", "require-non-root-user: [warn, {nonRootBaseImages: [debian:*]}]", "Dockerfile"], dir).status).toBe(0);
    const kind = docklint(["--kind", "dockerfile", "build.txt", "-f", "json"], dir);
    expect((JSON.parse(kind.stdout) as { kind: string }[])[0]?.kind).toBe("dockerfile");
  });

  it("--quiet and --max-warnings", () => {
    const dir = tempDir({ "docklint.config.json": CONFIG, Dockerfile: `${MESSY}USER 10001\n` });
    const warned = docklint(["-f", "compact"], dir);
    expect(warned.status).toBe(0);
    expect(warned.stdout).toContain("Warning");
    expect(docklint(["-f", "compact", "--quiet"], dir).stdout).toBe("");
    const over = docklint(["--max-warnings", "1", "-f", "compact"], dir);
    expect(over.status).toBe(1);
    expect(over.stderr).toBe("docklint found too many warnings (2; maximum: 1): fix some, or raise --max-warnings.\n");
    expect(docklint(["--max-warnings", "2"], dir).status).toBe(0);
  });

  it("--color, --no-color, NO_COLOR and FORCE_COLOR", () => {
    const dir = tempDir({ "docklint.config.json": CONFIG, Dockerfile: FAILING });
    expect(docklint([], dir).stdout).not.toMatch(ansi);
    expect(docklint([], dir, { env: { FORCE_COLOR: "1" } }).stdout).toMatch(ansi);
    expect(docklint(["--no-color"], dir, { env: { FORCE_COLOR: "1" } }).stdout).not.toMatch(ansi);
    expect(docklint(["--color"], dir, { env: { NO_COLOR: "1" } }).stdout).toMatch(ansi);
    expect(docklint([], dir, { env: { NO_COLOR: "1", FORCE_COLOR: "1" } }).stdout).not.toMatch(ansi);
  });

  it("--stdin and --stdin-filename", () => {
    const dir = tempDir({ "docklint.config.json": CONFIG });
    const unnamed = docklint(["--stdin", "-f", "compact"], dir, { input: FAILING });
    expect(unnamed.status).toBe(1);
    expect(unnamed.stdout).toMatch(/^<text>: line 1, col 1, Error/);
    const named = docklint(["--stdin", "--stdin-filename", "svc/Dockerfile", "-f", "json"], dir, { input: FAILING });
    expect((JSON.parse(named.stdout) as { filePath: string }[])[0]?.filePath).toBe(path.join(dir, "svc/Dockerfile"));
  });

  it("--fix-dry-run prints a diff and --fix writes it, once", () => {
    const dir = tempDir({ "docklint.config.json": CONFIG, Dockerfile: `${MESSY}USER 10001\n` });
    const dry = docklint(["--fix-dry-run"], dir);
    expect(dry.status).toBe(0);
    expect(dry.stdout).toBe(
      '--- a/Dockerfile\n+++ b/Dockerfile\n@@ -1,3 +1,3 @@\n-from alpine:3.19\n-MAINTAINER Jo <jo@example.com>\n+FROM alpine:3.19\n+LABEL org.opencontainers.image.authors="Jo <jo@example.com>"\n USER 10001\n',
    );
    expect(fs.readFileSync(path.join(dir, "Dockerfile"), "utf8")).toBe(`${MESSY}USER 10001\n`);
    expect(docklint(["--fix"], dir).status).toBe(0);
    const fixed = fs.readFileSync(path.join(dir, "Dockerfile"), "utf8");
    expect(fixed).toBe('FROM alpine:3.19\nLABEL org.opencontainers.image.authors="Jo <jo@example.com>"\nUSER 10001\n');
    expect(docklint(["--fix"], dir).status).toBe(0);
    expect(fs.readFileSync(path.join(dir, "Dockerfile"), "utf8")).toBe(fixed);
    expect(docklint(["--fix-dry-run"], dir).stdout).toBe("");
  });

  it("--no-ignore and --no-error-on-unmatched-pattern", () => {
    const dir = tempDir({ "docklint.config.json": CONFIG, ".docklintignore": "vendor/\n", "vendor/Dockerfile": FAILING, Dockerfile: CLEAN });
    expect(docklint([], dir).status).toBe(0);
    expect(docklint(["--no-ignore"], dir).status).toBe(1);
    const none = docklint(["nothing/**/Dockerfile"], dir);
    expect(none.status).toBe(2);
    expect(none.stderr).toContain('No files matching the pattern "nothing/**/Dockerfile"');
    expect(docklint(["nothing/**/Dockerfile", "--no-error-on-unmatched-pattern"], dir).status).toBe(0);
  });

  it("--print-config, --report-unused-disable-directives and --init", () => {
    const dir = tempDir({ Dockerfile: `# docklint-disable-next-line require-non-root-user\n${CLEAN}`, ".hadolint.yaml": "ignored: [DL4000]\n" });
    const init = docklint(["--init"], dir);
    expect(init.status).toBe(0);
    expect(init.stdout).toContain('DL4000 → "no-maintainer": "off"');
    expect(docklint(["--init"], dir).status).toBe(2);
    const printed = JSON.parse(docklint(["--print-config", "Dockerfile"], dir).stdout) as { rules: Record<string, unknown>; configFile: string };
    expect(printed.configFile).toBe("docklint.config.json");
    expect(printed.rules["no-maintainer"]).toBe("off");
    expect(docklint([], dir).status).toBe(0);
    const unused = docklint(["--report-unused-disable-directives", "-f", "compact"], dir);
    expect(unused.status).toBe(1);
    expect(unused.stdout).toContain("Dockerfile: line 1, col 1, Error - Unused docklint suppression");
  });

  it("--help fits one screen, --version prints the version, and a usage error exits 2", () => {
    const dir = tempDir();
    const help = docklint(["--help"], dir);
    expect(help.status).toBe(0);
    const lines = help.stdout.trimEnd().split("\n");
    expect(lines.length).toBeLessThanOrEqual(24);
    expect(Math.max(...lines.map((line) => [...line].length))).toBeLessThanOrEqual(80);
    expect(docklint(["--version"], dir).stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
    const usage = docklint(["--format", "json", "--format", "sarif"], dir);
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain("Only one report can go to standard output");
  });
});
