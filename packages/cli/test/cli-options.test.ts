import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { builtinRules } from "@docklint/core";
import { HELP, OPTION_NAMES, parseCliArgs } from "../src/args.js";
import { FORMATTER_NAMES } from "../src/formatters/index.js";
import { CLEAN, FAILING, NON_ROOT, run, runJson, tempDir } from "./helpers.js";

describe("--help", () => {
  it("fits one screen: at most 24 lines of at most 80 columns", async () => {
    const { code, stdout } = await run(["--help"], { cwd: tempDir() });
    expect(code).toBe(0);
    const lines = stdout.replace(/\n$/, "").split("\n");
    expect(lines.length).toBeLessThanOrEqual(24);
    for (const line of lines) expect([...line].length, line).toBeLessThanOrEqual(80);
  });

  it("mentions every option and every format", () => {
    for (const name of OPTION_NAMES) {
      const flag = name === "error-on-unmatched-pattern" ? "--no-error-on-unmatched-pattern" : `--${name}`;
      expect(HELP, flag).toContain(flag);
    }
    for (const format of FORMATTER_NAMES) expect(HELP).toContain(format);
    expect(HELP).toContain("Exit codes: 0");
  });
});

describe("several formats in one run", () => {
  const dir = tempDir({ Dockerfile: FAILING });

  it("pairs each --output-file with the --format before it, the one without a file going to standard output", async () => {
    const { code, stdout, stderr } = await run(["--format", "sarif", "--output-file", "out/a.sarif", "--format", "compact", "-f", "json", "-o", "b.json"], { cwd: dir });
    expect(stderr).toBe("");
    expect(code).toBe(1);
    expect(stdout).toMatch(/Dockerfile: line 1, col 1, Error - .*\(require-non-root-user\)\n\n1 problem\n$/);
    const sarif = JSON.parse(fs.readFileSync(path.join(dir, "out/a.sarif"), "utf8")) as { version: string; runs: { results: { ruleId: string }[] }[] };
    expect(sarif.version).toBe("2.1.0");
    expect(sarif.runs[0]?.results.map((r) => r.ruleId)).toEqual([NON_ROOT]);
    const json = JSON.parse(fs.readFileSync(path.join(dir, "b.json"), "utf8")) as { messages: { ruleId: string }[] }[];
    expect(json[0]?.messages[0]?.ruleId).toBe(NON_ROOT);
  });

  it("binds an --output-file given before any --format to the first format, as with a single format", async () => {
    expect(parseCliArgs(["-o", "r.json", "-f", "json"]).outputs).toEqual([{ format: "json", outputFile: "r.json" }]);
    expect(parseCliArgs(["-o", "r.txt"]).outputs).toEqual([{ format: "friendly", outputFile: "r.txt" }]);
    expect(parseCliArgs(["-f", "sarif", "-o", "a.sarif", "-f", "friendly"]).outputs).toEqual([
      { format: "sarif", outputFile: "a.sarif" },
      { format: "friendly", outputFile: undefined },
    ]);
    expect(parseCliArgs([]).outputs).toEqual([{ format: "friendly", outputFile: undefined }]);
  });

  it.each([
    [["-f", "json", "-f", "compact"], /Only one report can go to standard output, but --format json and --format compact have no --output-file/],
    [["-f", "json", "-o", "a", "-o", "b"], /--output-file "b" follows --format json, which already writes to "a"/],
    [["-f", "json", "-o", "a", "-f", "sarif", "-o", "a"], /Two reports would be written to "a"/],
    [["-f", "sarif", "-f", "nope", "-o", "x"], /Unknown format "nope"/],
    [["rules", "-f", "json", "-f", "text"], /"docklint rules" writes one report/],
  ])("exits 2 for %j", async (argv, message) => {
    const { code, stdout, stderr } = await run(argv, { cwd: dir });
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toMatch(message);
  });

  it("writes every file report even when nothing is found, and still reports a file it cannot write", async () => {
    const clean = tempDir({ Dockerfile: CLEAN });
    fs.mkdirSync(path.join(clean, "taken"));
    const { code, stderr } = await run(["-f", "junit", "-o", "r.xml", "-f", "json", "-o", "taken"], { cwd: clean });
    expect(code).toBe(2);
    expect(fs.readFileSync(path.join(clean, "r.xml"), "utf8")).toContain("<testsuites");
    expect(stderr).toBe('docklint: Cannot write the report to "taken": it is a directory.\n');
  });
});

describe("--rule", () => {
  const dir = tempDir({ Dockerfile: FAILING });

  it("takes 'id: level' with a space, and options in ESLint's unquoted style (YAML flow)", async () => {
    expect((await run(["--rule", "require-non-root-user: off"], { cwd: dir })).code).toBe(0);
    const warn = await runJson(["--rule", " require-non-root-user : warn "], { cwd: dir });
    expect(warn.results[0]?.warningCount).toBe(1);
    expect((await run(["--rule", "require-non-root-user: [error, {nonRootBaseImages: [alpine:*]}]"], { cwd: dir })).code).toBe(0);
    expect((await run(["--rule", 'require-non-root-user: [warn, {"nonRootBaseImages": ["debian:*"]}]', "-f", "json"], { cwd: dir })).code).toBe(0);
  });

  it("names the flag and shows the syntax when the value cannot be read", async () => {
    const bad = await run(["--rule", "require-non-root-user: [error, {nonRootBaseImages: [x]"], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('Invalid --rule "require-non-root-user: [error, {nonRootBaseImages: [x]"');
    expect(bad.stderr).toContain("e.g. --rule 'require-non-root-user: off'");
    const empty = await run(["--rule", "require-non-root-user:"], { cwd: dir });
    expect(empty.stderr).toContain("expected <rule-id>: <severity>");
  });
});

describe("--print-config", () => {
  const dir = tempDir({
    "svc/docklint.config.json": JSON.stringify({ extends: [], rules: { [NON_ROOT]: ["warn", { nonRootBaseImages: ["distroless/*"] }] }, settings: { trustedRegistries: ["docker.io"] } }),
    "svc/Dockerfile": FAILING,
    "notes.txt": "hello\n",
  });
  const rules = builtinRules.filter((rule) => rule.meta.id === NON_ROOT || rule.meta.id === "no-maintainer");

  it("prints the configuration a file is linted with, every rule of its kind resolved", async () => {
    const { code, stdout, stderr } = await run(["--print-config", "svc/Dockerfile"], { cwd: dir, rules });
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const printed = JSON.parse(stdout) as Record<string, unknown>;
    expect(printed).toMatchObject({
      filePath: "svc/Dockerfile",
      kind: "dockerfile",
      configFile: "svc/docklint.config.json",
      ignored: false,
      extends: [],
      settings: { trustedRegistries: ["docker.io"] },
      reportUnusedSuppressions: false,
    });
    expect(printed["rules"]).toEqual({ "no-maintainer": "off", [NON_ROOT]: ["warn", expect.objectContaining({ nonRootBaseImages: ["distroless/*"] })] });
  });

  it("applies --rule, --config and --report-unused-disable-directives as a lint run would", async () => {
    const { stdout } = await run(["--print-config", "svc/Dockerfile", "--rule", "no-maintainer: error", "--report-unused-disable-directives"], { cwd: dir, rules });
    const printed = JSON.parse(stdout) as { rules: Record<string, unknown>; reportUnusedSuppressions: unknown };
    expect(printed.rules["no-maintainer"]).toEqual(["error", {}]);
    expect(printed.reportUnusedSuppressions).toBe("error");
    const none = JSON.parse((await run(["--print-config", "svc/Dockerfile", "--no-config-lookup"], { cwd: dir, rules })).stdout) as { configFile: unknown; extends: unknown };
    expect(none).toMatchObject({ configFile: null, extends: ["recommended"] });
  });

  it("names a config under a directory whose name starts with two dots relative to the working directory, like any other", async () => {
    const dotted = tempDir({ "..svc/docklint.config.json": JSON.stringify({ extends: [] }), "..svc/Dockerfile": FAILING });
    const printed = JSON.parse((await run(["--print-config", "..svc/Dockerfile"], { cwd: dotted, rules })).stdout) as { configFile: string };
    expect(printed.configFile).toBe("..svc/docklint.config.json");
  });

  it("works for a file that does not exist yet, and asks for --kind when the name says nothing", async () => {
    const compose = JSON.parse((await run(["--print-config", "new/compose.yaml"], { cwd: dir })).stdout) as { kind: string };
    expect(compose.kind).toBe("compose");
    const unknown = await run(["--print-config", "notes.txt"], { cwd: dir });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Cannot tell whether "notes.txt" is a Dockerfile or a Compose file from its name or content; add --kind dockerfile');
    expect(JSON.parse((await run(["--print-config", "notes.txt", "--kind", "dockerfile"], { cwd: dir })).stdout)).toMatchObject({ kind: "dockerfile" });
  });

  it("is a usage error with paths to lint", async () => {
    const { code, stderr } = await run(["--print-config", "Dockerfile", "svc"], { cwd: dir });
    expect(code).toBe(2);
    expect(stderr).toContain('--print-config takes no paths to lint (got "svc")');
  });
});

describe("--report-unused-disable-directives", () => {
  it("reports a suppression that silences nothing as an error, naming the line", async () => {
    const dir = tempDir({ Dockerfile: `# docklint-disable-next-line ${NON_ROOT}\n${CLEAN}` });
    expect((await run([], { cwd: dir })).code).toBe(0);
    const { code, results } = await runJson(["--report-unused-disable-directives"], { cwd: dir });
    expect(code).toBe(1);
    expect(results[0]?.messages).toEqual([
      expect.objectContaining({ ruleId: null, severity: 2, line: 1, message: expect.stringContaining(`no finding of "${NON_ROOT}" was silenced here`) }),
    ]);
  });
});

describe("colours", () => {
  const dir = tempDir({ Dockerfile: FAILING });
  const ansi = new RegExp(String.raw`\u001b\[`);

  it("follows --color/--no-color first, then NO_COLOR, then FORCE_COLOR, then the terminal", async () => {
    expect((await run([], { cwd: dir, isTTY: true })).stdout).toMatch(ansi);
    expect((await run([], { cwd: dir, isTTY: false })).stdout).not.toMatch(ansi);
    expect((await run([], { cwd: dir, isTTY: true, env: { NO_COLOR: "1" } })).stdout).not.toMatch(ansi);
    expect((await run([], { cwd: dir, isTTY: false, env: { FORCE_COLOR: "1" } })).stdout).toMatch(ansi);
    expect((await run([], { cwd: dir, isTTY: true, env: { FORCE_COLOR: "0" } })).stdout).not.toMatch(ansi);
    expect((await run(["--color"], { cwd: dir, isTTY: false, env: { NO_COLOR: "1" } })).stdout).toMatch(ansi);
    expect((await run(["--no-color"], { cwd: dir, isTTY: true, env: { FORCE_COLOR: "1" } })).stdout).not.toMatch(ansi);
  });

  it("never colours a report file unless --color is given", async () => {
    await run(["-o", "plain.txt"], { cwd: dir, env: { FORCE_COLOR: "1" } });
    expect(fs.readFileSync(path.join(dir, "plain.txt"), "utf8")).not.toMatch(ansi);
    await run(["-o", "coloured.txt", "--color"], { cwd: dir });
    expect(fs.readFileSync(path.join(dir, "coloured.txt"), "utf8")).toMatch(ansi);
  });
});
