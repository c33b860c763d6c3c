import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { builtinRules, type FileKind, type Rule } from "@docklint/core";
import { cacheFilePath, DEFAULT_CACHE_FILE, isCrashResult } from "../src/cache.js";
import { fatalResult } from "../src/lint.js";
import { CLEAN, FAILING, NON_ROOT, run, runJson, tempDir, write } from "./helpers.js";

/** Paths of the files linted, in the order linted: a rule that notes every file it runs on. */
function counted(): { rules: readonly Rule[]; linted: string[] } {
  const linted: string[] = [];
  const counter = (kind: FileKind): Rule => ({
    meta: { id: `count-${kind}`, kind, category: "correctness", severity: "info", docs: "Counts lints.", messages: {}, presets: ["recommended"], references: {} },
    check(context) {
      linted.push(path.basename(path.dirname(context.filePath ?? "")) + "/" + path.basename(context.filePath ?? ""));
    },
  });
  const real = new Set([NON_ROOT, "no-secret-files-in-context", "valid-file-references", "consistent-instruction-casing"]);
  return { rules: [...builtinRules.filter((rule) => real.has(rule.meta.id)), counter("dockerfile"), counter("compose")], linted };
}

const COPY_ALL = "FROM alpine:3.19\nCOPY . /app\nUSER 10001\n";
const COMPOSE_WITH_ENV_FILE = "services:\n  app:\n    image: nginx:1.27\n    env_file: ./app.env\n";

function project(): string {
  return tempDir({ "a/Dockerfile": FAILING, "b/Dockerfile": COPY_ALL, "c/compose.yaml": COMPOSE_WITH_ENV_FILE });
}

function ruleIds(results: readonly { messages: readonly { ruleId: string | null }[] }[]): (string | null)[][] {
  return results.map((r) => r.messages.map((m) => m.ruleId));
}

describe("--cache", () => {
  it("lints nothing on a second run over unchanged files, with byte-identical reports in every format", async () => {
    const dir = project();
    const uncached = counted();
    const expected = await runJson(["."], { cwd: dir, rules: uncached.rules });
    expect(uncached.linted.sort()).toEqual(["a/Dockerfile", "b/Dockerfile", "c/compose.yaml"]);

    const first = counted();
    expect(await runJson([".", "--cache"], { cwd: dir, rules: first.rules })).toEqual(expected);
    expect(first.linted).toHaveLength(3);
    expect(fs.existsSync(path.join(dir, DEFAULT_CACHE_FILE))).toBe(true);

    const second = counted();
    expect(await runJson([".", "--cache"], { cwd: dir, rules: second.rules })).toEqual(expected);
    expect(second.linted).toEqual([]);
    for (const format of ["friendly", "compact", "sarif", "github"]) {
      const fresh = await run([".", "--format", format], { cwd: dir, rules: counted().rules });
      const cached = counted();
      expect(await run([".", "--format", format, "--cache"], { cwd: dir, rules: cached.rules }), format).toEqual(fresh);
      expect(cached.linted, format).toEqual([]);
    }
  });

  it("lints a changed file again, and only that file", async () => {
    const dir = project();
    await run([".", "--cache"], { cwd: dir, rules: counted().rules });
    write(dir, "a/Dockerfile", CLEAN);
    const again = counted();
    const { results, code } = await runJson([".", "--cache"], { cwd: dir, rules: again.rules });
    expect(again.linted).toEqual(["a/Dockerfile"]);
    expect(code).toBe(1);
    expect(results.find((r) => r.filePath.endsWith(`a${path.sep}Dockerfile`))?.errorCount).toBe(0);
  });

  it("takes the text's digest by default, and size and time with --cache-strategy metadata", async () => {
    const dir = project();
    const file = path.join(dir, "a/Dockerfile");
    for (const strategy of ["content", "metadata"]) {
      await run([".", "--cache", "--cache-strategy", strategy], { cwd: dir, rules: counted().rules });
      // The same text, written again a minute later.
      const later = new Date(fs.statSync(file).mtimeMs + 60_000);
      fs.utimesSync(file, later, later);
      const again = counted();
      await run([".", "--cache", "--cache-strategy", strategy], { cwd: dir, rules: again.rules });
      expect(again.linted, strategy).toEqual(strategy === "content" ? [] : ["a/Dockerfile"]);
    }
  });

  it("lints a Dockerfile again when a .dockerignore appears beside it", async () => {
    const dir = project();
    const first = await runJson([".", "--cache"], { cwd: dir, rules: counted().rules });
    expect(ruleIds(first.results)).toContainEqual(expect.arrayContaining(["no-secret-files-in-context"]));
    write(dir, "b/.dockerignore", ".git\n.env\n*.pem\n");
    const again = counted();
    const second = await runJson([".", "--cache"], { cwd: dir, rules: again.rules });
    expect(again.linted).toEqual(["b/Dockerfile"]);
    expect(ruleIds(second.results).flat()).not.toContain("no-secret-files-in-context");
    // And when it changes again.
    write(dir, "b/.dockerignore", ".git\n");
    const third = counted();
    await run([".", "--cache"], { cwd: dir, rules: third.rules });
    expect(third.linted).toEqual(["b/Dockerfile"]);
  });

  it("lints a Compose file again when a file it refers to appears", async () => {
    const dir = project();
    const first = await runJson([".", "--cache"], { cwd: dir, rules: counted().rules });
    expect(ruleIds(first.results).flat()).toContain("valid-file-references");
    write(dir, "c/app.env", "LOG_LEVEL=info\n");
    const again = counted();
    const second = await runJson([".", "--cache"], { cwd: dir, rules: again.rules });
    expect(again.linted).toEqual(["c/compose.yaml"]);
    expect(ruleIds(second.results).flat()).not.toContain("valid-file-references");
  });

  it("lints a Dockerfile again when what its build context was inferred from changes", async () => {
    const dir = tempDir({ ".git/HEAD": "x\n", "docker/app.Dockerfile": "FROM alpine:3.19\nCOPY app /app\nCOPY . /src\nUSER 10001\n", ".env": "TOKEN=x\n" });
    const secretsNamed = (results: readonly { messages: readonly { ruleId: string | null; message: string }[] }[]): string[] =>
      results.flatMap((r) => r.messages.filter((m) => m.ruleId === "no-secret-files-in-context" && m.message.includes("copies `.env`")).map((m) => m.message));
    const first = await runJson([".", "--cache"], { cwd: dir, rules: counted().rules });
    expect(secretsNamed(first.results)).toEqual([]);
    // `app` appears at the top: the context is the top, which holds `.env`.
    write(dir, "app/main.py", "");
    const again = counted();
    const second = await runJson([".", "--cache"], { cwd: dir, rules: again.rules });
    expect(again.linted).toEqual(["docker/app.Dockerfile"]);
    expect(secretsNamed(second.results)).toHaveLength(1);
  });

  it("lints every file again when the configuration or the rule list changes", async () => {
    const dir = project();
    await run([".", "--cache"], { cwd: dir, rules: counted().rules });
    write(dir, "docklint.config.json", JSON.stringify({ rules: { [NON_ROOT]: "warn" } }));
    const again = counted();
    const { code } = await run([".", "--cache"], { cwd: dir, rules: again.rules });
    expect(again.linted).toHaveLength(3);
    expect(code).toBe(1);
    const other = counted();
    await run([".", "--cache"], { cwd: dir, rules: other.rules.filter((rule) => rule.meta.id !== "valid-file-references") });
    expect(other.linted).toHaveLength(3);
    const flag = counted();
    await run([".", "--cache", "--rule", `${NON_ROOT}: off`], { cwd: dir, rules: flag.rules });
    expect(flag.linted).toHaveLength(3);
  });

  it("fixes files with --fix --cache, and never serves a fixed file's old results", async () => {
    const dir = tempDir({ Dockerfile: "from alpine:3.19\nUSER 10001\n" });
    const before = await runJson([".", "--cache"], { cwd: dir, rules: counted().rules });
    expect(ruleIds(before.results)).toEqual([["consistent-instruction-casing"]]);
    const fixing = await run([".", "--cache", "--fix"], { cwd: dir, rules: counted().rules });
    expect(fixing.code).toBe(0);
    expect(fs.readFileSync(path.join(dir, "Dockerfile"), "utf8")).toBe("FROM alpine:3.19\nUSER 10001\n");
    const after = counted();
    const { results } = await runJson([".", "--cache"], { cwd: dir, rules: after.rules });
    expect(after.linted).toEqual([`${path.basename(dir)}/Dockerfile`]);
    expect(ruleIds(results)).toEqual([[]]);
  });

  it("replaces a damaged cache, with a note, and keeps the results", async () => {
    const dir = project();
    const expected = await runJson(["."], { cwd: dir, rules: counted().rules });
    // A whole cache whose only damage is one message without a line: that entry is dropped.
    await run([".", "--cache"], { cwd: dir, rules: counted().rules });
    const whole = JSON.parse(fs.readFileSync(path.join(dir, DEFAULT_CACHE_FILE), "utf8")) as { entries: Record<string, { result: { messages: Record<string, unknown>[] } }> };
    delete whole.entries[path.join(dir, "a/Dockerfile")]?.result.messages[0]?.["line"];
    const lineless = JSON.stringify(whole);
    for (const damage of ["{not json", JSON.stringify({ format: 99, entries: {} }), JSON.stringify({ format: 1, entries: { [path.join(dir, "a/Dockerfile")]: { digest: 1 } } }), lineless]) {
      fs.writeFileSync(path.join(dir, DEFAULT_CACHE_FILE), damage);
      const linted = counted();
      const result = await runJson([".", "--cache"], { cwd: dir, rules: linted.rules });
      expect(result.stdout).toBe(expected.stdout);
      expect(result.code).toBe(expected.code);
      expect(linted.linted, damage).toEqual(damage === lineless ? ["a/Dockerfile"] : expect.arrayContaining(["a/Dockerfile", "b/Dockerfile", "c/compose.yaml"]));
      if (!damage.includes('"digest"')) expect(result.stderr).toMatch(/the cache ".*\.docklintcache" is damaged \(.+\); linting every file and writing it anew/);
      const next = counted();
      await run([".", "--cache"], { cwd: dir, rules: next.rules });
      expect(next.linted).toEqual([]);
    }
  });

  it("reports a cache it cannot write as a note, with the run's own results and exit code", async () => {
    const dir = project();
    const expected = await runJson(["."], { cwd: dir, rules: counted().rules });
    const result = await runJson([".", "--cache", "--cache-location", "a/Dockerfile/cache"], { cwd: dir, rules: counted().rules });
    expect(result.stdout).toBe(expected.stdout);
    expect(result.code).toBe(expected.code);
    expect(result.stderr).toMatch(/docklint: cannot write the cache ".*cache" \(.+\); the next run lints every file again/);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(fs.readFileSync(path.join(dir, "a/Dockerfile"), "utf8")).toBe(FAILING);
  });

  it.skipIf(spawnSync("mkfifo", ["--version"], { stdio: "ignore" }).status !== 0)("does not hang on a FIFO at the cache's path: a note, every file linted, and the FIFO replaced by the cache", async () => {
    const dir = project();
    const expected = await runJson(["."], { cwd: dir, rules: counted().rules });
    execFileSync("mkfifo", [path.join(dir, "fifo-cache")]);
    const result = await runJson([".", "--cache", "--cache-location", "fifo-cache"], { cwd: dir, rules: counted().rules });
    expect(result.stdout).toBe(expected.stdout);
    expect(result.stderr).toMatch(/docklint: cannot read the cache ".*fifo-cache" \(it is not a regular file\); linting every file/);
    expect(fs.statSync(path.join(dir, "fifo-cache")).isFile()).toBe(true);
  });

  it("puts the cache where --cache-location says, a directory holding .docklintcache", async () => {
    const dir = project();
    expect(cacheFilePath(dir, undefined)).toBe(path.join(dir, DEFAULT_CACHE_FILE));
    expect(cacheFilePath(dir, "tmp/lint.cache")).toBe(path.join(dir, "tmp/lint.cache"));
    expect(cacheFilePath(dir, "new-dir/")).toBe(path.join(dir, "new-dir", DEFAULT_CACHE_FILE));
    expect(cacheFilePath(dir, "a")).toBe(path.join(dir, "a", DEFAULT_CACHE_FILE));
    await run([".", "--cache", "--cache-location", "out/cache/"], { cwd: dir, rules: counted().rules });
    expect(fs.existsSync(path.join(dir, "out/cache", DEFAULT_CACHE_FILE))).toBe(true);
    expect(fs.existsSync(path.join(dir, DEFAULT_CACHE_FILE))).toBe(false);
    const again = counted();
    await run([".", "--cache", "--cache-location", "out/cache"], { cwd: dir, rules: again.rules });
    expect(again.linted).toEqual([]);
  });

  it("keeps other files' entries, and forgets files that are gone", async () => {
    const dir = project();
    await run(["a", "--cache"], { cwd: dir, rules: counted().rules });
    await run(["b", "--cache"], { cwd: dir, rules: counted().rules });
    const both = counted();
    await run(["a", "b", "--cache"], { cwd: dir, rules: both.rules });
    expect(both.linted).toEqual([]);
    fs.rmSync(path.join(dir, "a"), { recursive: true });
    await run(["b", "--cache"], { cwd: dir, rules: counted().rules });
    const entries = Object.keys((JSON.parse(fs.readFileSync(path.join(dir, DEFAULT_CACHE_FILE), "utf8")) as { entries: object }).entries);
    expect(entries).toEqual([path.join(dir, "b/Dockerfile")]);
  });

  it("lints a file with the shellcheck rule on every time: its findings depend on the ShellCheck installed", async () => {
    const dir = tempDir({ "a/Dockerfile": FAILING, "b/Dockerfile": CLEAN, "b/docklint.config.json": JSON.stringify({ rules: { shellcheck: "warn" } }) });
    const withShellcheck = (): { rules: readonly Rule[]; linted: string[] } => {
      const base = counted();
      return { rules: [...base.rules, ...builtinRules.filter((rule) => rule.meta.id === "shellcheck")], linted: base.linted };
    };
    await run([".", "--cache"], { cwd: dir, rules: withShellcheck().rules });
    const again = withShellcheck();
    await run([".", "--cache"], { cwd: dir, rules: again.rules });
    expect(again.linted).toEqual(["b/Dockerfile"]);
    const entries = Object.keys((JSON.parse(fs.readFileSync(path.join(dir, DEFAULT_CACHE_FILE), "utf8")) as { entries: object }).entries);
    expect(entries).toEqual([path.join(dir, "a/Dockerfile")]);
  });

  it("never caches standard input", async () => {
    const dir = tempDir();
    const { code } = await run(["--stdin", "--stdin-filename", "Dockerfile", "--cache"], { cwd: dir, stdin: FAILING, rules: counted().rules });
    expect(code).toBe(1);
    expect(fs.existsSync(path.join(dir, DEFAULT_CACHE_FILE))).toBe(false);
  });

  it.each([
    [["--cache-location", "x"], /--cache-location needs --cache/],
    [["--cache-strategy", "content"], /--cache-strategy needs --cache/],
    [["--cache", "--cache-strategy", "contents"], /Unknown --cache-strategy "contents"; did you mean "content"\? \(expected content, metadata\)/],
  ])("refuses %j", async (argv, message) => {
    const { code, stderr } = await run([".", ...argv], { cwd: tempDir({ Dockerfile: CLEAN }) });
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });

  it("tells a crash result from a file's own fatal error (a crash is linted again next time)", () => {
    expect(isCrashResult(fatalResult("/x/Dockerfile", "dockerfile", "docklint failed on this file (boom); please report this bug with the file."))).toBe(true);
    expect(isCrashResult(fatalResult("/x/Dockerfile", "dockerfile", "This Dockerfile is empty"))).toBe(false);
  });
});
