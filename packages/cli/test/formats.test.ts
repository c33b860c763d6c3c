import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadFormatter, shouldUseColor } from "../src/index.js";
import { CLEAN, FAILING, run, tempDir, type JsonResult } from "./helpers.js";

const ESLINT_RESULT_KEYS = [
  "filePath",
  "messages",
  "suppressedMessages",
  "errorCount",
  "fatalErrorCount",
  "warningCount",
  "fixableErrorCount",
  "fixableWarningCount",
  "usedDeprecatedRules",
];
/* eslint-disable no-control-regex -- looking for ANSI escapes */
const ANSI = /\u001b\[/;
const ANSI_SGR = /\u001b\[[\d;]*m/g;
/* eslint-enable no-control-regex */

describe("--format json", () => {
  it("prints ESLint's result array, with docklint's fields kept", async () => {
    const dir = tempDir({ Dockerfile: FAILING, "ok/Dockerfile": CLEAN });
    const { code, stdout } = await run(["--format", "json"], { cwd: dir });
    expect(code).toBe(1);
    const results = JSON.parse(stdout) as (JsonResult & Record<string, unknown>)[];
    expect(Array.isArray(results)).toBe(true);
    expect(results).toHaveLength(2);
    for (const result of results) {
      for (const key of ESLINT_RESULT_KEYS) expect(result).toHaveProperty(key);
      expect(path.isAbsolute(result.filePath)).toBe(true);
      expect(result).toHaveProperty("kind", "dockerfile");
      expect(result).toHaveProperty("infoCount");
    }
    const [failing, clean] = results;
    expect(failing?.messages[0]).toMatchObject({ ruleId: "require-non-root-user", severity: 2, level: "error", line: 1, column: 1 });
    expect(failing?.errorCount).toBe(1);
    // ESLint gives `source` for files with problems only.
    expect(failing?.source).toBe(FAILING);
    expect(clean?.source).toBeUndefined();
    expect(clean?.messages).toEqual([]);
  });

  it("accepts -f and --format=json", async () => {
    const dir = tempDir({ Dockerfile: CLEAN });
    expect(JSON.parse((await run(["-f", "json"], { cwd: dir })).stdout)).toHaveLength(1);
    expect(JSON.parse((await run(["--format=json"], { cwd: dir })).stdout)).toHaveLength(1);
  });
});

describe("--format compact", () => {
  it("prints one ESLint compact line per message and a total", async () => {
    const dir = tempDir({ Dockerfile: FAILING, "b/Dockerfile": FAILING, "c/Dockerfile": CLEAN });
    const { code, stdout } = await run(["-f", "compact"], { cwd: dir });
    expect(code).toBe(1);
    const lines = stdout.trimEnd().split("\n");
    expect(lines[0]).toBe(
      `${path.join(dir, "Dockerfile")}: line 1, col 1, Error - The final stage (image "alpine:3.19") never sets USER, so the container runs as root; add \`USER <uid>\` (e.g. \`USER 10001\`) after the last step that needs root. (require-non-root-user)`,
    );
    expect(lines[1]).toMatch(/\/b\/Dockerfile: line 1, col 1, Error - .* \(require-non-root-user\)$/);
    expect(lines.slice(2)).toEqual(["", "2 problems"]);
  });

  it("labels warnings and infos", async () => {
    const dir = tempDir({ Dockerfile: FAILING, "b/Dockerfile": FAILING });
    const warn = await run(["Dockerfile", "-f", "compact", "--rule", "require-non-root-user:warn"], { cwd: dir });
    expect(warn.stdout).toMatch(/line 1, col 1, Warning - /);
    const info = await run(["Dockerfile", "-f", "compact", "--rule", "require-non-root-user:info"], { cwd: dir });
    expect(info.stdout).toMatch(/line 1, col 1, Info - /);
  });

  it("prints nothing for clean files", async () => {
    const dir = tempDir({ Dockerfile: CLEAN });
    const { code, stdout } = await run(["-f", "compact"], { cwd: dir });
    expect(code).toBe(0);
    expect(stdout).toBe("");
  });
});

describe("--format friendly (default)", () => {
  it("shows the message, a code frame, the relative path and a link to docklint's rule page", async () => {
    const dir = tempDir({ "sub/Dockerfile": FAILING });
    const { code, stdout } = await run([], { cwd: dir });
    expect(code).toBe(1);
    expect(stdout).toContain("never sets USER");
    expect(stdout).toContain("sub/Dockerfile:1:1");
    expect(stdout).not.toContain(dir);
    expect(stdout).toContain("> 1 | FROM alpine:3.19");
    expect(stdout).toContain("https://github.com/docklint/docklint/blob/main/docs/rules/require-non-root-user.md");
    expect(stdout).not.toContain("eslint.org");
    expect(stdout).toContain("1 problem (1 error, 0 warnings)");
    expect(stdout).not.toMatch(ANSI);
    expect(stdout).not.toContain("1337;CurrentDir");
  });

  it("prints nothing for clean files", async () => {
    const dir = tempDir({ Dockerfile: CLEAN });
    const { code, stdout } = await run([], { cwd: dir });
    expect(code).toBe(0);
    expect(stdout).toBe("");
  });

  it("labels messages without a rule and copes with files it cannot show", async () => {
    const dir = tempDir({ Dockerfile: FAILING, "empty.txt": "" });
    fs.symlinkSync("nowhere", path.join(dir, "Dockerfile.gone"));
    const { code, stdout } = await run(["Dockerfile", "Dockerfile.gone", "empty.txt"], { cwd: dir });
    expect(code).toBe(1);
    expect(stdout).toContain("✘  fatal");
    expect(stdout).toContain("Dockerfile.gone:1:1");
    expect(stdout).toContain("empty.txt:1:1");
    expect(stdout).toContain("3 problems (3 errors, 0 warnings)");
  });

  it("colours with FORCE_COLOR or --color, and not with NO_COLOR or --no-color even on a terminal", async () => {
    const dir = tempDir({ Dockerfile: FAILING });
    expect((await run([], { cwd: dir, env: { FORCE_COLOR: "1" } })).stdout).toMatch(ANSI);
    expect((await run(["--color"], { cwd: dir })).stdout).toMatch(ANSI);
    expect((await run([], { cwd: dir, isTTY: true })).stdout).toMatch(ANSI);
    expect((await run([], { cwd: dir, isTTY: true, env: { NO_COLOR: "1" } })).stdout).not.toMatch(ANSI);
    expect((await run(["--no-color"], { cwd: dir, isTTY: true, env: { FORCE_COLOR: "1" } })).stdout).not.toMatch(ANSI);
    // The coloured link still points at docklint's page.
    const coloured = (await run(["--color"], { cwd: dir })).stdout.replace(ANSI_SGR, "");
    expect(coloured).toContain("https://github.com/docklint/docklint/blob/main/docs/rules/require-non-root-user.md");
  });
});

describe("colour decision", () => {
  it("follows flag, NO_COLOR, FORCE_COLOR, terminal", () => {
    expect(shouldUseColor({ flag: true, env: { NO_COLOR: "1" }, isTTY: false })).toBe(true);
    expect(shouldUseColor({ flag: false, env: { FORCE_COLOR: "1" }, isTTY: true })).toBe(false);
    expect(shouldUseColor({ flag: undefined, env: { NO_COLOR: "1", FORCE_COLOR: "1" }, isTTY: true })).toBe(false);
    expect(shouldUseColor({ flag: undefined, env: { NO_COLOR: "" }, isTTY: true })).toBe(true);
    expect(shouldUseColor({ flag: undefined, env: { FORCE_COLOR: "0" }, isTTY: true })).toBe(false);
    expect(shouldUseColor({ flag: undefined, env: { FORCE_COLOR: "" }, isTTY: false })).toBe(true);
    expect(shouldUseColor({ flag: undefined, env: {}, isTTY: true })).toBe(true);
    expect(shouldUseColor({ flag: undefined, env: { TERM: "dumb" }, isTTY: true })).toBe(false);
    expect(shouldUseColor({ flag: undefined, env: {}, isTTY: false })).toBe(false);
  });
});

describe("--output-file", () => {
  it("writes the report to the file (creating directories) and nothing to stdout", async () => {
    const dir = tempDir({ Dockerfile: FAILING });
    const { code, stdout } = await run(["-f", "json", "-o", "reports/lint.json"], { cwd: dir });
    expect(code).toBe(1);
    expect(stdout).toBe("");
    const results = JSON.parse(fs.readFileSync(path.join(dir, "reports/lint.json"), "utf8")) as JsonResult[];
    expect(results[0]?.errorCount).toBe(1);
  });

  it("never colours a report written to a file", async () => {
    const dir = tempDir({ Dockerfile: FAILING });
    await run(["--output-file", "out.txt"], { cwd: dir, isTTY: true });
    expect(fs.readFileSync(path.join(dir, "out.txt"), "utf8")).not.toMatch(ANSI);
  });

  it("exits 2 when the output path is a directory", async () => {
    const dir = tempDir({ Dockerfile: CLEAN, "out/keep": "" });
    const { code, stderr } = await run(["-o", "out"], { cwd: dir });
    expect(code).toBe(2);
    expect(stderr).toContain('"out"');
  });
});

describe("formatter API", () => {
  it("loads each formatter by name", async () => {
    const results = [
      {
        filePath: "/x/Dockerfile",
        kind: "dockerfile" as const,
        messages: [{ ruleId: "r", severity: 1 as const, level: "warning" as const, message: "m", line: 2, column: 3 }],
        suppressedMessages: [],
        errorCount: 0,
        warningCount: 1,
        infoCount: 0,
        fatalErrorCount: 0,
        fixableErrorCount: 0,
        fixableWarningCount: 0,
        source: "FROM a\nUSER b\n",
      },
    ];
    const context = { cwd: "/x", rulesMeta: {}, color: false };
    expect((await loadFormatter("compact"))(results, context)).toBe("/x/Dockerfile: line 2, col 3, Warning - m (r)\n\n1 problem");
    expect(JSON.parse((await loadFormatter("json"))(results, context))[0].source).toBe("FROM a\nUSER b\n");
    const friendly = (await loadFormatter("friendly"))(results, context);
    expect(friendly).toContain("Dockerfile:2:3");
    expect(friendly).toContain("⚠  r");
  });
});
