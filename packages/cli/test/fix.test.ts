import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { defineRule, type Rule } from "@docklint/core";
import { writeFileAtomic } from "../src/lint.js";
import { CLEAN, FAILING, ONLY_NON_ROOT, run, runJson, tempDir } from "./helpers.js";

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
