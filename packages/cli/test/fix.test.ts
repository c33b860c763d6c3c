import fs from "node:fs";
import path from "node:path";
import { applyPatch } from "diff";
import { describe, expect, it } from "vitest";
import { builtinRules, defineRule, type Rule } from "@docklint/core";
import { writeFileAtomic } from "../src/lint.js";
import { CLEAN, FAILING, NON_ROOT, ONLY_NON_ROOT, run, runJson, tempDir } from "./helpers.js";

/** No built-in rule fixes anything yet: a test rule that replaces tabs with spaces exercises --fix end to end. */
const noTabs = defineRule<unknown>({
  meta: {
    id: "test-no-tabs",
    kind: "dockerfile",
    category: "style",
    severity: "warning",
    docs: "Indent with spaces.",
    presets: ["recommended"],
    fixable: true,
    messages: { tab: "Tab character; indent with spaces." },
    references: {},
  },
  check({ source, report }) {
    for (let i = source.text.indexOf("\t"); i >= 0; i = source.text.indexOf("\t", i + 1)) {
      report({ messageId: "tab", range: [i, i + 1], fix: { range: [i, i + 1], text: "  " } });
    }
  },
});
const rules: readonly Rule[] = [...ONLY_NON_ROOT, noTabs as Rule];

const TABBED = "\uFEFFFROM alpine:3.19\r\nRUN echo a \\\r\n\t&& echo b\r\nUSER 10001\r\n";
const FIXED = "\uFEFFFROM alpine:3.19\r\nRUN echo a \\\r\n  && echo b\r\nUSER 10001\r\n";

function otherFiles(dir: string, keep: string[]): string[] {
  return fs.readdirSync(dir).filter((name) => !keep.includes(name));
}

describe("--fix", () => {
  it("writes the fixed text back atomically, keeping BOM, line endings and mode, and reports what is left", async () => {
    const dir = tempDir({ Dockerfile: TABBED });
    const file = path.join(dir, "Dockerfile");
    fs.chmodSync(file, 0o640);
    const inode = fs.statSync(file).ino;
    const { code, results } = await runJson(["--fix"], { cwd: dir, rules });
    expect(code).toBe(0);
    expect(fs.readFileSync(file, "utf8")).toBe(FIXED);
    expect(fs.statSync(file).mode & 0o777).toBe(0o640);
    // Replaced by rename, not rewritten in place: readers never see a half-written file.
    expect(fs.statSync(file).ino).not.toBe(inode);
    expect(otherFiles(dir, ["Dockerfile"])).toEqual([]);
    expect(results[0]?.messages).toEqual([]);
    expect(results[0]?.output).toBe(FIXED);
  });

  it("writes through a symbolic link instead of replacing it", async () => {
    const dir = tempDir({ "docker/app.Dockerfile": TABBED });
    fs.symlinkSync("docker/app.Dockerfile", path.join(dir, "Dockerfile"));
    await run(["Dockerfile", "--fix"], { cwd: dir, rules });
    expect(fs.lstatSync(path.join(dir, "Dockerfile")).isSymbolicLink()).toBe(true);
    expect(fs.readFileSync(path.join(dir, "docker/app.Dockerfile"), "utf8")).toBe(FIXED);
  });

  it("leaves files without fixes untouched and still reports their errors", async () => {
    const dir = tempDir({ Dockerfile: FAILING, "ok/Dockerfile": CLEAN });
    const file = path.join(dir, "Dockerfile");
    const before = fs.statSync(file);
    const { code, results } = await runJson(["--fix"], { cwd: dir, rules });
    expect(code).toBe(1);
    expect(fs.readFileSync(file, "utf8")).toBe(FAILING);
    expect(fs.statSync(file).ino).toBe(before.ino);
    expect(fs.statSync(file).mtimeMs).toBe(before.mtimeMs);
    expect(results[0]?.output).toBeUndefined();
    expect(results[0]?.messages[0]?.ruleId).toBe("require-non-root-user");
  });

  it("with the built-in rules (none fixable yet), changes nothing", async () => {
    const dir = tempDir({ Dockerfile: FAILING });
    const { code } = await run(["--fix"], { cwd: dir });
    expect(code).toBe(1);
    expect(fs.readFileSync(path.join(dir, "Dockerfile"), "utf8")).toBe(FAILING);
    expect(otherFiles(dir, ["Dockerfile"])).toEqual([]);
  });
});

describe("--fix-dry-run", () => {
  it("puts the fixed text in the JSON output and writes nothing", async () => {
    const dir = tempDir({ Dockerfile: TABBED });
    const { code, results } = await runJson(["--fix-dry-run"], { cwd: dir, rules });
    expect(code).toBe(0);
    expect(results[0]?.output).toBe(FIXED);
    expect(results[0]?.source).toBeUndefined();
    expect(fs.readFileSync(path.join(dir, "Dockerfile"), "utf8")).toBe(TABBED);
    expect(otherFiles(dir, ["Dockerfile"])).toEqual([]);
  });

  it("without it, fixable problems are reported and nothing is fixed", async () => {
    const dir = tempDir({ Dockerfile: TABBED });
    const { results } = await runJson([], { cwd: dir, rules });
    expect(results[0]).toMatchObject({ warningCount: 1, fixableWarningCount: 1 });
    expect(results[0]?.output).toBeUndefined();
  });

  it("works on standard input", async () => {
    const dir = tempDir();
    const { results } = await runJson(["--stdin", "--fix-dry-run"], { cwd: dir, rules, stdin: TABBED });
    expect(results[0]?.output).toBe(FIXED);
  });
});

describe("writeFileAtomic", () => {
  it("keeps executable bits and leaves no temporary file behind", async () => {
    const dir = tempDir({ "run.sh": "old" });
    const file = path.join(dir, "run.sh");
    fs.chmodSync(file, 0o755);
    await writeFileAtomic(file, "new");
    expect(fs.readFileSync(file, "utf8")).toBe("new");
    expect(fs.statSync(file).mode & 0o777).toBe(0o755);
    expect(fs.readdirSync(dir)).toEqual(["run.sh"]);
  });

  it("fails without leaving a temporary file when the target is gone", async () => {
    const dir = tempDir();
    await expect(writeFileAtomic(path.join(dir, "missing"), "x")).rejects.toThrow();
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});

describe("the built-in fixes from the command line", () => {
  const FIXING = builtinRules.filter((rule) => ["consistent-instruction-casing", "no-maintainer", NON_ROOT].includes(rule.meta.id));
  const CONFIG = JSON.stringify({ extends: [], rules: { "consistent-instruction-casing": "warn", "no-maintainer": "warn", [NON_ROOT]: "error" } });
  const MESSY = "\uFEFFfrom alpine:3.19\r\nMAINTAINER Jo <jo@example.com>\r\nUSER 10001\r\n";
  const TIDY = '\uFEFFFROM alpine:3.19\r\nLABEL org.opencontainers.image.authors="Jo <jo@example.com>"\r\nUSER 10001\r\n';
  const DIFF = [
    "--- a/svc/Dockerfile",
    "+++ b/svc/Dockerfile",
    "@@ -1,3 +1,3 @@",
    "-\uFEFFfrom alpine:3.19\r",
    "-MAINTAINER Jo <jo@example.com>\r",
    "+\uFEFFFROM alpine:3.19\r",
    '+LABEL org.opencontainers.image.authors="Jo <jo@example.com>"\r',
    " USER 10001\r",
    "",
  ].join("\n");

  it("--fix-dry-run prints a unified diff per file that git apply / patch -p1 take, and writes nothing", async () => {
    const dir = tempDir({ "docklint.config.json": CONFIG, "svc/Dockerfile": MESSY, "ok/Dockerfile": CLEAN });
    const { code, stdout, stderr } = await run(["--fix-dry-run", "-f", "compact"], { cwd: dir, rules: FIXING });
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout).toBe(DIFF);
    expect(applyPatch(MESSY, stdout)).toBe(TIDY);
    expect(fs.readFileSync(path.join(dir, "svc/Dockerfile"), "utf8")).toBe(MESSY);
    expect(otherFiles(path.join(dir, "svc"), ["Dockerfile"])).toEqual([]);
  });

  it("--fix-dry-run prints the diff before the report of what fixing leaves, in colour when asked", async () => {
    const dir = tempDir({ "docklint.config.json": CONFIG, "svc/Dockerfile": MESSY.replace("USER 10001\r\n", "") });
    const { code, stdout } = await run(["--fix-dry-run", "-f", "compact", "--color"], { cwd: dir, rules: FIXING });
    expect(code).toBe(1);
    expect(stdout).toContain("\u001b[31m-MAINTAINER Jo <jo@example.com>\r\u001b[0m\n");
    expect(stdout).toContain("\u001b[32m+\uFEFFFROM alpine:3.19\r\u001b[0m\n");
    const report = stdout.slice(stdout.lastIndexOf("\u001b[0m\n") + 5);
    expect(report).toMatch(/^\S*\/svc\/Dockerfile: line 1, col \d+, Error - .*\(require-non-root-user\)\n\n1 problem\n$/);
  });

  it("--fix-dry-run keeps a report for tools parseable: json on standard output carries `output` instead of a diff", async () => {
    const dir = tempDir({ "docklint.config.json": CONFIG, "svc/Dockerfile": MESSY });
    const json = await runJson(["--fix-dry-run"], { cwd: dir, rules: FIXING });
    expect(json.results[0]?.output).toBe(TIDY);
    // With the json report in a file, standard output is for people again.
    const both = await run(["--fix-dry-run", "-f", "json", "-o", "report.json", "-f", "compact"], { cwd: dir, rules: FIXING });
    expect(both.stdout).toBe(DIFF);
    expect((JSON.parse(fs.readFileSync(path.join(dir, "report.json"), "utf8")) as { output?: string }[])[0]?.output).toBe(TIDY);
  });

  it("--fix twice is --fix once: the second run changes nothing and does not rewrite the file", async () => {
    const dir = tempDir({ "docklint.config.json": CONFIG, "svc/Dockerfile": MESSY });
    const file = path.join(dir, "svc/Dockerfile");
    fs.chmodSync(file, 0o750);
    const first = await run(["--fix"], { cwd: dir, rules: FIXING });
    expect(first.code).toBe(0);
    expect(fs.readFileSync(file, "utf8")).toBe(TIDY);
    expect(fs.statSync(file).mode & 0o777).toBe(0o750);
    const after = fs.statSync(file);
    const second = await runJson(["--fix"], { cwd: dir, rules: FIXING });
    expect(second.code).toBe(0);
    expect(second.results[0]?.output).toBeUndefined();
    expect(fs.readFileSync(file, "utf8")).toBe(TIDY);
    expect(fs.statSync(file).ino).toBe(after.ino);
    expect(fs.statSync(file).mtimeMs).toBe(after.mtimeMs);
    expect((await run(["--fix-dry-run", "-f", "compact"], { cwd: dir, rules: FIXING })).stdout).toBe("");
  });

  it("names standard input in the diff as it is", async () => {
    const dir = tempDir({ "docklint.config.json": CONFIG });
    const { stdout } = await run(["--stdin", "--fix-dry-run", "-f", "compact"], { cwd: dir, rules: FIXING, stdin: MESSY });
    expect(stdout.split("\n").slice(0, 2)).toEqual(["--- <text>", "+++ <text>"]);
  });
});

describe("writeFileAtomic with the text the fixes were computed from", () => {
  it("writes when the file still holds that text, keeping its mode", async () => {
    const dir = tempDir({ Dockerfile: "FROM alpine:3.19\nmaintainer me\n" });
    const file = path.join(dir, "Dockerfile");
    fs.chmodSync(file, 0o640);
    await writeFileAtomic(file, "FROM alpine:3.19\nMAINTAINER me\n", "FROM alpine:3.19\nmaintainer me\n");
    expect(fs.readFileSync(file, "utf8")).toBe("FROM alpine:3.19\nMAINTAINER me\n");
    expect(fs.statSync(file).mode & 0o777).toBe(0o640);
  });

  it("leaves a file that changed since it was read alone, and says so", async () => {
    const dir = tempDir({ Dockerfile: "FROM alpine:3.19\n# edited by someone during the run\n" });
    const file = path.join(dir, "Dockerfile");
    await expect(writeFileAtomic(file, "FROM alpine:3.19\nMAINTAINER me\n", "FROM alpine:3.19\nmaintainer me\n")).rejects.toThrow(/changed on disk/);
    expect(fs.readFileSync(file, "utf8")).toBe("FROM alpine:3.19\n# edited by someone during the run\n");
    expect(fs.readdirSync(dir)).toEqual(["Dockerfile"]);
  });
});
