import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterEach, describe, expect, it, vi } from "vitest";
import { builtinRules, lintText, type LintResult, type Rule, type RuleEntry } from "@docklint/core";
import { CliError, FORMAT_NAMES, format, lintFiles, outputFixes } from "../src/api.js";
import { CLEAN, FAILING, run, tempDir } from "./helpers.js";

const REPO = fileURLToPath(new URL("../../../", import.meta.url));
const RULE_IDS = ["require-non-root-user", "no-maintainer", "require-pinned-image"];
/** A fixed rule set, so that colleagues' new rules do not change these results. */
const RULES: readonly Rule[] = builtinRules.filter((rule) => RULE_IDS.includes(rule.meta.id));
const CONFIG = { extends: [], rules: { "require-non-root-user": "error", "no-maintainer": "warn", "require-pinned-image": "warn" } } as const;
const CONFIG_JSON = JSON.stringify(CONFIG);

const MAINTAINED = 'FROM alpine:3.19\nMAINTAINER "Jane <jane@example.com>"\nUSER 10001\n';
const COMPOSE_LATEST = "services:\n  web:\n    image: nginx:latest\n";

function ids(result: LintResult | undefined): (string | null)[] {
  return (result?.messages ?? []).map((m) => m.ruleId);
}

function rel(results: readonly LintResult[], dir: string): string[] {
  return results.map((r) => path.relative(dir, r.filePath).split(path.sep).join("/"));
}

async function rejection(promise: Promise<unknown>): Promise<CliError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CliError);
  return error as CliError;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("lintFiles", () => {
  it("searches directories like the CLI, looks up each file's config, and returns sorted ESLint-shaped results with source", async () => {
    const dir = tempDir({
      "docklint.config.json": CONFIG_JSON,
      "app/Dockerfile": FAILING,
      "app/compose.yaml": COMPOSE_LATEST,
      "app/README.md": "# not linted\n",
      "app/Dockerfile.dockerignore": "node_modules\n",
      // A nearer config turns the error off for this directory only.
      "quiet/docklint.config.json": JSON.stringify({ extends: [], rules: { "require-non-root-user": "off" } }),
      "quiet/Dockerfile": FAILING,
    });
    const results = await lintFiles(["."], { cwd: dir, rules: RULES });
    expect(rel(results, dir)).toEqual(["app/Dockerfile", "app/compose.yaml", "quiet/Dockerfile"]);
    expect(results.every((r) => path.isAbsolute(r.filePath))).toBe(true);
    expect(results.map((r) => r.kind)).toEqual(["dockerfile", "compose", "dockerfile"]);
    const [dockerfile, compose, quiet] = results;
    expect(ids(dockerfile)).toEqual(["require-non-root-user"]);
    expect(dockerfile?.messages[0]).toMatchObject({ severity: 2, level: "error", line: 1, column: 1 });
    expect(dockerfile).toMatchObject({ errorCount: 1, warningCount: 0, source: FAILING });
    expect(ids(compose)).toEqual(["require-pinned-image"]);
    expect(compose).toMatchObject({ errorCount: 0, warningCount: 1 });
    expect(quiet?.messages).toEqual([]);
  });

  it("agrees with `docklint --format json` on the same tree", async () => {
    const dir = tempDir({ "docklint.config.json": CONFIG_JSON, Dockerfile: MAINTAINED, "b/Dockerfile": FAILING, "b/compose.yml": COMPOSE_LATEST });
    const results = await lintFiles([], { cwd: dir, rules: RULES });
    const cli = await run(["--format", "json"], { cwd: dir, rules: RULES });
    expect(cli.code).toBe(1);
    expect(JSON.parse(cli.stdout)).toEqual(JSON.parse(await format(results, "json", { cwd: dir, rules: RULES })));
    expect(results.map((r) => r.errorCount)).toEqual([0, 1, 0]);
  });

  it("accepts a single pattern string, globs and explicit files whatever their name, with kind for names that say nothing", async () => {
    const dir = tempDir({ "a/Dockerfile": FAILING, "b/Dockerfile.prod": CLEAN, "build/api.txt": FAILING });
    const config = { ...CONFIG };
    expect(rel(await lintFiles("a", { cwd: dir, rules: RULES, config }), dir)).toEqual(["a/Dockerfile"]);
    expect(rel(await lintFiles(["**/Dockerfile*"], { cwd: dir, rules: RULES, config }), dir)).toEqual(["a/Dockerfile", "b/Dockerfile.prod"]);
    const [txt] = await lintFiles(["build/*.txt"], { cwd: dir, rules: RULES, config, kind: "dockerfile" });
    expect(txt).toMatchObject({ kind: "dockerfile", errorCount: 1 });
    // An explicit file is linted whatever its name; its content says it is a Dockerfile.
    expect(ids((await lintFiles([path.join(dir, "build/api.txt")], { rules: RULES, config }))[0])).toEqual(["require-non-root-user"]);
  });

  it("takes configFile, an inline config and ruleOverrides, with configLookup off meaning the recommended defaults", async () => {
    const dir = tempDir({
      "docklint.config.json": JSON.stringify({ extends: [], rules: { "no-maintainer": "error" } }),
      "ci.json": JSON.stringify({ extends: [], rules: { "require-non-root-user": "warn" } }),
      Dockerfile: 'FROM alpine:3.19\nMAINTAINER "Jane"\n',
    });
    const levels = (results: LintResult[]) => results[0]?.messages.map((m) => `${m.ruleId}:${m.level}`);
    expect(levels(await lintFiles(["Dockerfile"], { cwd: dir, rules: RULES }))).toEqual(["no-maintainer:error"]);
    expect(levels(await lintFiles(["Dockerfile"], { cwd: dir, rules: RULES, configFile: "ci.json" }))).toEqual(["require-non-root-user:warning"]);
    expect(levels(await lintFiles(["Dockerfile"], { cwd: dir, rules: RULES, config: { extends: [], rules: { "no-maintainer": "info" } } }))).toEqual([
      "no-maintainer:info",
    ]);
    expect(
      levels(await lintFiles(["Dockerfile"], { cwd: dir, rules: RULES, configFile: "ci.json", ruleOverrides: { "require-non-root-user": "error", "no-maintainer": "warn" } })),
    ).toEqual(["require-non-root-user:error", "no-maintainer:warning"]);
    // No lookup: the recommended preset (both rules are in it, at their default levels).
    expect(levels(await lintFiles(["Dockerfile"], { cwd: dir, rules: RULES, configLookup: false }))).toEqual([
      "require-non-root-user:error",
      "no-maintainer:warning",
    ]);
  });

  it("computes fixes without writing them, and outputFixes writes them atomically", async () => {
    const dir = tempDir({ Dockerfile: MAINTAINED, "clean/Dockerfile": CLEAN });
    const file = path.join(dir, "Dockerfile");
    fs.chmodSync(file, 0o640);
    const results = await lintFiles(["."], { cwd: dir, rules: RULES, config: CONFIG, fix: true });
    const fixed = 'FROM alpine:3.19\nLABEL org.opencontainers.image.authors="Jane <jane@example.com>"\nUSER 10001\n';
    expect(results[0]).toMatchObject({ output: fixed, source: MAINTAINED, messages: [] });
    expect(results[1]?.output).toBeUndefined();
    expect(fs.readFileSync(file, "utf8")).toBe(MAINTAINED);

    expect(await outputFixes(results)).toEqual({ written: [file], errors: [] });
    expect(fs.readFileSync(file, "utf8")).toBe(fixed);
    expect(fs.statSync(file).mode & 0o777).toBe(0o640);
    expect(fs.readdirSync(dir).sort()).toEqual(["Dockerfile", "clean"]);
    // Fixed once, nothing left to fix.
    const again = await lintFiles(["."], { cwd: dir, rules: RULES, config: CONFIG, fix: true });
    expect(again.map((r) => r.output)).toEqual([undefined, undefined]);
    expect(await outputFixes(again)).toEqual({ written: [], errors: [] });
  });

  it("outputFixes reports a file it cannot write and still writes the others", async () => {
    const dir = tempDir({ "a/Dockerfile": MAINTAINED, "b/Dockerfile": MAINTAINED });
    const results = await lintFiles(["."], { cwd: dir, rules: RULES, config: CONFIG, fix: true });
    fs.rmSync(path.join(dir, "a"), { recursive: true });
    const outcome = await outputFixes(results);
    expect(outcome.written).toEqual([path.join(dir, "b/Dockerfile")]);
    expect(outcome.errors).toHaveLength(1);
    expect(outcome.errors[0]?.filePath).toBe(path.join(dir, "a/Dockerfile"));
    expect(outcome.errors[0]?.message).toMatch(/^Cannot write the fixes to ".*a\/Dockerfile": ENOENT/);
  });

  it("skips what .docklintignore, .gitignore and the config's ignores exclude, unless ignore is false", async () => {
    const dir = tempDir({
      "docklint.config.json": JSON.stringify({ ...CONFIG, ignores: ["legacy/**"] }),
      ".docklintignore": "vendor/\n",
      ".gitignore": "build/\n",
      "app/Dockerfile": FAILING,
      "vendor/Dockerfile": FAILING,
      "build/Dockerfile": FAILING,
      "legacy/Dockerfile": FAILING,
    });
    expect(rel(await lintFiles(["."], { cwd: dir, rules: RULES }), dir)).toEqual(["app/Dockerfile"]);
    // As --no-ignore: ignore files and the config's `ignores` are all set aside.
    expect(rel(await lintFiles(["."], { cwd: dir, rules: RULES, ignore: false }), dir)).toEqual(["app/Dockerfile", "build/Dockerfile", "legacy/Dockerfile", "vendor/Dockerfile"]);
    const cli = await run([".", "--format", "json"], { cwd: dir, rules: RULES });
    expect((JSON.parse(cli.stdout) as { filePath: string }[]).map((r) => path.relative(dir, r.filePath))).toEqual([path.join("app", "Dockerfile")]);
  });

  it("quiet keeps errors only", async () => {
    const dir = tempDir({ Dockerfile: 'FROM alpine:3.19\nMAINTAINER "Jane"\n' });
    const [result] = await lintFiles(["."], { cwd: dir, rules: RULES, config: CONFIG, quiet: true });
    expect(ids(result)).toEqual(["require-non-root-user"]);
    expect(result).toMatchObject({ errorCount: 1, warningCount: 0 });
  });

  it("gives a binary file a fatal result and lints the others", async () => {
    const dir = tempDir({ "a/Dockerfile": "FROM alpine\0\0\n", "b/Dockerfile": CLEAN });
    const results = await lintFiles(["a/Dockerfile", "b"], { cwd: dir, rules: RULES, config: CONFIG });
    expect(rel(results, dir)).toEqual(["a/Dockerfile", "b/Dockerfile"]);
    expect(results.map((r) => r.fatalErrorCount)).toEqual([1, 0]);
    expect(results[0]?.messages[0]).toMatchObject({ fatal: true, line: 1, column: 1 });
  });

  it("neither prints nor exits, whatever happens", async () => {
    const stdout = vi.spyOn(process.stdout, "write");
    const stderr = vi.spyOn(process.stderr, "write");
    const exit = vi.spyOn(process, "exit");
    const dir = tempDir({ Dockerfile: FAILING, "docklint.config.json": "{ nope" });
    await lintFiles(["Dockerfile"], { cwd: dir, rules: RULES, config: CONFIG });
    await rejection(lintFiles(["Dockerfile"], { cwd: dir, rules: RULES }));
    await rejection(lintFiles(["missing"], { cwd: dir, rules: RULES }));
    expect(stdout).not.toHaveBeenCalled();
    expect(stderr).not.toHaveBeenCalled();
    expect(exit).not.toHaveBeenCalled();
  });

  it("throws CliError with the message the CLI prints before exiting with 2", async () => {
    const dir = tempDir({ "docs/readme.md": "x", "bad/docklint.config.json": '{"rules": {"no-sudoo": "error"}}', "bad/Dockerfile": CLEAN });
    const cases: [string[], Parameters<typeof lintFiles>[1], string[]][] = [
      [["missing"], {}, ["missing"]],
      [["docs"], {}, ["docs"]],
      [["bad"], {}, ["bad"]],
      [["."], { configFile: "nope.json" }, [".", "--config", "nope.json"]],
      [["bad"], { ruleOverrides: { "no-sudo": "loud" as RuleEntry }, configLookup: false }, ["bad", "--no-config-lookup", "--rule", "no-sudo:loud"]],
    ];
    for (const [patterns, options, argv] of cases) {
      const error = await rejection(lintFiles(patterns, { cwd: dir, ...options }));
      const cli = await run(argv, { cwd: dir, rules: builtinRules });
      expect(cli.code, argv.join(" ")).toBe(2);
      const expected = cli.stderr.split("\n")[0]?.replace(/^docklint: /, "").replace('Invalid --rule "no-sudo:loud"', 'Invalid ruleOverrides entry "no-sudo: loud"');
      expect(error.message, argv.join(" ")).toBe(expected);
    }
    expect(await lintFiles(["docs"], { cwd: dir, errorOnUnmatchedPattern: false })).toEqual([]);
    expect((await rejection(lintFiles(["bad"], { cwd: dir }))).message).toMatch(/^Invalid config file "bad\/docklint.config.json": .*no-sudoo.*did you mean "no-sudo"\?/);
  });

  it("keeps results in a cache with cache: true, as the CLI's --cache, and reports its problems through onWarning", async () => {
    const dir = tempDir({ "docklint.config.json": CONFIG_JSON, "app/Dockerfile": FAILING, "web/compose.yaml": COMPOSE_LATEST });
    let lints = 0;
    const counting: Rule = {
      meta: { id: "count-lints", kind: "dockerfile", category: "correctness", severity: "info", docs: "Counts lints.", messages: {}, presets: [], references: {} },
      check() {
        lints++;
      },
    };
    const config = { ...CONFIG, rules: { ...CONFIG.rules, "count-lints": "info" as const } };
    const options = { cwd: dir, rules: [...RULES, counting], config, cache: true, cacheLocation: "out/" } as const;
    const first = await lintFiles(["."], options);
    expect(lints).toBe(1);
    expect(fs.existsSync(path.join(dir, "out/.docklintcache"))).toBe(true);
    expect(await lintFiles(["."], options)).toEqual(first);
    expect(lints).toBe(1);
    expect(await lintFiles(["."], { ...options, cache: false })).toEqual(first);
    expect(lints).toBe(2);
    // A damaged cache is replaced, with a note.
    const warnings: string[] = [];
    fs.writeFileSync(path.join(dir, "out/.docklintcache"), "{");
    expect(await lintFiles(["."], { ...options, onWarning: (note) => warnings.push(note) })).toEqual(first);
    expect(warnings).toEqual([expect.stringMatching(/^the cache ".*\.docklintcache" is damaged \(.+\); linting every file and writing it anew$/)]);
  });

  it("rejects bad options with a message naming the option and the fix", async () => {
    const dir = tempDir({ Dockerfile: CLEAN });
    const message = async (options: unknown, patterns: unknown = ["."]) =>
      (await rejection(lintFiles(patterns as string[], { cwd: dir, ...(options as object) }))).message;
    expect(await message({ configFlie: "x.json" })).toBe('lintFiles(): unknown option "configFlie"; did you mean "configFile"?');
    expect(await message({ config: {}, configFile: "x.json" })).toMatch(/"config" and "configFile" cannot be used together/);
    expect(await message({ fix: "yes" })).toBe('lintFiles(): option "fix" must be true or false.');
    expect(await message({ kind: "podfile" })).toBe('lintFiles(): option "kind" must be one of dockerfile, compose, daemon (got "podfile").');
    expect(await message({ cache: "yes" })).toBe('lintFiles(): option "cache" must be true or false.');
    expect(await message({ cacheLocation: 3 })).toBe('lintFiles(): option "cacheLocation" must be a string.');
    expect(await message({ cacheStrategy: "mtime" })).toBe('lintFiles(): option "cacheStrategy" must be one of content, metadata (got "mtime").');
    expect(await message({}, [42])).toMatch(/^lintFiles\(\): patterns must be a string or an array of strings/);
    expect(await message({ config: { extends: ["recomended"] } })).toMatch(/^lintFiles\(\): invalid config option: .*recomended.*did you mean "recommended"\?/);
    expect(await message({ config: { rulez: {} } })).toMatch(/^lintFiles\(\): invalid config option: .*rulez.*did you mean "rules"\?/);
    expect(await message({ ruleOverrides: { "no-sudoo": "off" } })).toBe('Invalid ruleOverrides entry "no-sudoo: off": rules.no-sudoo: unknown rule "no-sudoo"; did you mean "no-sudo"?');
    expect(await message({ ruleOverrides: { "no-sudo": "loud" } })).toMatch(/^Invalid ruleOverrides entry "no-sudo: loud": rules.no-sudo: /);
    expect(await message({ config: {}, ruleOverrides: { "no-sudo": "loud" } })).toMatch(/^lintFiles\(\): invalid ruleOverrides \(or config\) option: .*no-sudo/);
  });

  it("reports through onWarning, not stderr, that the shellcheck rule was on but ShellCheck is missing", async () => {
    const shellcheck = builtinRules.filter((rule) => rule.meta.id === "shellcheck");
    expect(shellcheck).toHaveLength(1);
    const dir = tempDir({ Dockerfile: "FROM alpine:3.19\nRUN echo $1\nUSER 1\n", "empty-bin/.keep": "" });
    const stderr = vi.spyOn(process.stderr, "write");
    const warnings: string[] = [];
    vi.stubEnv("PATH", path.join(dir, "empty-bin"));
    try {
      const results = await lintFiles(["."], { cwd: dir, rules: shellcheck, config: { extends: [], rules: { shellcheck: "warn" } }, onWarning: (m) => warnings.push(m) });
      expect(results[0]?.messages).toEqual([]);
    } finally {
      vi.unstubAllEnvs();
    }
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^the shellcheck rule was skipped: the shellcheck program is not installed/);
    expect(stderr).not.toHaveBeenCalled();
  });
});

describe("format", () => {
  it("renders results with every CLI formatter, the same text as --format <name>", async () => {
    const dir = tempDir({ "docklint.config.json": CONFIG_JSON, Dockerfile: MAINTAINED.replace("USER 10001\n", ""), "compose.yaml": COMPOSE_LATEST });
    const results = await lintFiles([], { cwd: dir, rules: RULES });
    expect(FORMAT_NAMES).toEqual(expect.arrayContaining(["friendly", "json", "compact"]));
    for (const name of FORMAT_NAMES) {
      const text = await format(results, name, { cwd: dir, rules: RULES });
      const cli = await run(["--format", name], { cwd: dir, rules: RULES });
      expect(cli.code, name).toBe(1);
      expect(text.endsWith("\n") ? text : `${text}\n`, name).toBe(cli.stdout);
    }
    const compact = await format(results, "compact", { cwd: dir, rules: RULES });
    expect(compact).toContain(`${path.join(dir, "Dockerfile")}: line 2, col 1, Warning - MAINTAINER is deprecated`);
    const friendly = await format(results, "friendly", { cwd: dir, rules: RULES });
    expect(friendly).toContain("Dockerfile:1:1");
    expect(friendly).toContain("docs/rules/no-maintainer.md");
    const ESC = String.fromCharCode(27);
    expect(friendly).not.toContain(`${ESC}[`);
    expect(await format(results, "friendly", { cwd: dir, rules: RULES, color: true })).toContain(`${ESC}[`);
  });

  it("formats core's lintText results too", async () => {
    const result = lintText(FAILING, { filePath: "/project/Dockerfile", rules: RULES, config: { extends: [], rules: { "require-non-root-user": "error" } } });
    const [parsed] = JSON.parse(await format([result], "json")) as { filePath: string; messages: { ruleId: string }[] }[];
    expect(parsed?.filePath).toBe("/project/Dockerfile");
    expect(parsed?.messages.map((m) => m.ruleId)).toEqual(["require-non-root-user"]);
    expect(await format([result], "compact")).toMatch(/^\/project\/Dockerfile: line 1, col 1, Error - .*\(require-non-root-user\)\n\n1 problem$/);
  });

  it("throws for an unknown formatter, suggesting the closest", async () => {
    expect((await rejection(format([], "compat" as never))).message).toMatch(/^format\(\): unknown format "compat"; did you mean "compact"\? \(formats: friendly, /);
    expect((await rejection(format("nope" as never, "json"))).message).toMatch(/results must be an array/);
  });
});

describe("docs/api.md", () => {
  const doc = fs.readFileSync(path.join(REPO, "docs/api.md"), "utf8");

  it("shows examples/api/lint-and-report.ts verbatim", () => {
    const block = /<!-- example:start -->\n```ts\n([\s\S]*?)```\n<!-- example:end -->/.exec(doc)?.[1];
    expect(block).toBe(fs.readFileSync(path.join(REPO, "examples/api/lint-and-report.ts"), "utf8"));
  });

  it("documents every lintFiles option and every format name", () => {
    const options = ["cwd", "configFile", "config", "configLookup", "ruleOverrides", "rules", "kind", "fix", "quiet", "ignore", "errorOnUnmatchedPattern", "onWarning"];
    for (const option of options) expect(doc, option).toContain(`| \`${option}\` |`);
    for (const name of FORMAT_NAMES) expect(doc, name).toContain(`\`${name}\``);
  });
});

// The example of docs/api.md, as a user has it: it imports the built package ("docklint"), so it
// needs `pnpm build`, and packages/cli/src/index.ts must re-export the API.
const EXAMPLE = path.join(REPO, "examples/api/lint-and-report.ts");
const DIST_INDEX = path.join(REPO, "packages/cli/dist/index.js");
const built = fs.existsSync(DIST_INDEX);
if (!built) console.warn(`Skipping the examples/api tests: ${DIST_INDEX} is missing; run "pnpm build" first.`);

describe.skipIf(!built)("examples/api/lint-and-report.ts (docs/api.md)", () => {
  it("the built package exports the API", async () => {
    const pkg = (await import(pathToFileURL(DIST_INDEX).href)) as Record<string, unknown>;
    for (const name of ["lintFiles", "format", "outputFixes", "CliError"]) {
      expect(typeof pkg[name], `packages/cli/src/index.ts must have: export * from "./api.js"; (${name} is missing)`).toBe("function");
    }
  });

  it("type-checks with tsc against the published typings", () => {
    const tsc = path.join(REPO, "node_modules/typescript/bin/tsc");
    const result = spawnSync(process.execPath, [tsc, "-p", path.dirname(EXAMPLE), "--noEmit"], { cwd: REPO, encoding: "utf8", timeout: 60_000 });
    expect(result.stdout + result.stderr).toBe("");
    expect(result.status).toBe(0);
  });

  it("runs: lints a tree, writes a JSON report, and returns the summary and exit code", async () => {
    const example = (await import(pathToFileURL(EXAMPLE).href)) as {
      lintForCi(patterns: string[], options: { cwd: string; reportFile?: string }): Promise<{ errors: number; warnings: number; summary: string; exitCode: number }>;
    };
    const dir = tempDir({ "docklint.config.json": CONFIG_JSON, "web/Dockerfile": FAILING, "ok/Dockerfile": CLEAN });
    const reportFile = path.join(dir, "report.json");
    const report = await example.lintForCi(["."], { cwd: dir, reportFile });
    expect(report).toMatchObject({ errors: 1, warnings: 0, exitCode: 1 });
    expect(report.summary).toMatch(/web\/Dockerfile: line 1, col 1, Error - .*\(require-non-root-user\)\n\n1 problem$/);
    const json = JSON.parse(fs.readFileSync(reportFile, "utf8")) as { filePath: string; errorCount: number }[];
    expect(json.map((r) => [path.relative(dir, r.filePath), r.errorCount])).toEqual([
      [path.join("ok", "Dockerfile"), 0],
      [path.join("web", "Dockerfile"), 1],
    ]);
    const clean = await example.lintForCi(["ok"], { cwd: dir });
    expect(clean).toMatchObject({ errors: 0, exitCode: 0, summary: "" });
    await expect(example.lintForCi(["missing"], { cwd: dir })).rejects.toThrow('No such file or directory: "missing"');
  });
});
