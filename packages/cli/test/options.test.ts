import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../src/index.js";
import { CLEAN, FAILING, run, runJson, tempDir } from "./helpers.js";

const pkg = createRequire(import.meta.url)("../package.json") as { version: string };

describe("exit codes", () => {
  it("is 0 for a clean file and 1 for a file with an error", async () => {
    const dir = tempDir({ "clean/Dockerfile": CLEAN, "failing/Dockerfile": FAILING });
    expect((await run(["clean"], { cwd: dir })).code).toBe(0);
    expect((await run(["failing"], { cwd: dir })).code).toBe(1);
    expect((await run([], { cwd: dir })).code).toBe(1);
  });

  it("is 1 for a file that does not parse", async () => {
    const dir = tempDir({ Dockerfile: "\u0000\u0001binary" });
    const { code, results } = await runJson([], { cwd: dir });
    expect(code).toBe(1);
    expect(results[0]?.fatalErrorCount).toBe(1);
  });

  it("is 2 with a short usage naming an unknown option", async () => {
    const dir = tempDir({ Dockerfile: CLEAN });
    const { code, stdout, stderr } = await run(["--frobnicate"], { cwd: dir });
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toContain('Unknown option "--frobnicate"');
    expect(stderr).toContain("Usage: docklint");
    expect((await run(["--quite"], { cwd: dir })).stderr).toContain('did you mean "--quiet"?');
    expect((await run(["-z"], { cwd: dir })).stderr).toContain('Unknown option "-z"');
  });

  it("is 2 for bad option values", async () => {
    const dir = tempDir({ Dockerfile: CLEAN });
    for (const argv of [
      ["--format", "stylish"],
      ["--format"],
      ["--kind", "podfile"],
      ["--max-warnings", "many"],
      ["--rule", "require-non-root-user"],
      ["--fix", "--fix-dry-run"],
      ["--stdin", "Dockerfile"],
      ["--stdin", "--fix"],
      ["--stdin-filename", "Dockerfile"],
      ["rules", "--format", "friendly"],
      ["rules", "somewhere"],
    ]) {
      const { code, stderr } = await run(argv, { cwd: dir, stdin: "" });
      expect({ argv, code }).toEqual({ argv, code: 2 });
      expect(stderr).toMatch(/^docklint: /);
    }
  });

  it("is 2, never a throw, when something unexpected breaks", async () => {
    const dir = tempDir({ Dockerfile: FAILING });
    let stderr = "";
    const code = await main(["-f", "compact"], {
      cwd: dir,
      stdout: {
        write: () => {
          throw new Error("disk on fire");
        },
      },
      stderr: { write: (s: string) => (stderr += s) },
      env: {},
    });
    expect(code).toBe(2);
    expect(stderr).toContain("internal error");
    expect(stderr).toContain("disk on fire");
  });
});

describe("--version and --help", () => {
  it("prints the package version", async () => {
    const dir = tempDir();
    for (const flag of ["--version", "-v"]) {
      const { code, stdout } = await run([flag], { cwd: dir });
      expect(code).toBe(0);
      expect(stdout).toBe(`${pkg.version}\n`);
    }
  });

  it("prints the help", async () => {
    const dir = tempDir();
    const { code, stdout } = await run(["-h"], { cwd: dir });
    expect(code).toBe(0);
    expect(stdout).toContain("Usage: docklint");
    for (const option of ["--format", "--output-file", "--config", "--rule", "--kind", "--stdin-filename", "--max-warnings", "--fix-dry-run"]) {
      expect(stdout).toContain(option);
    }
  });
});

describe("--rule", () => {
  const dir = tempDir({ Dockerfile: FAILING });

  it("turns a rule off or changes its level over the config", async () => {
    expect((await run(["--rule", "require-non-root-user:off"], { cwd: dir })).code).toBe(0);
    const warn = await runJson(["--rule", "require-non-root-user:warn"], { cwd: dir });
    expect(warn.code).toBe(0);
    expect(warn.results[0]?.messages[0]).toMatchObject({ severity: 1, level: "warning" });
    const info = await runJson(["--rule", "require-non-root-user:info"], { cwd: dir });
    expect(info.results[0]).toMatchObject({ warningCount: 0, infoCount: 1 });
    // The last flag for an id wins.
    expect((await run(["--rule", "require-non-root-user:off", "--rule", "require-non-root-user:2"], { cwd: dir })).code).toBe(1);
  });

  it("takes options as JSON", async () => {
    const allowed = '["error", {"nonRootBaseImages": ["alpine:*"]}]';
    expect((await run(["--rule", `require-non-root-user:${allowed}`], { cwd: dir })).code).toBe(0);
    const bad = await run(["--rule", 'require-non-root-user:["error", {"nonRootImages": []}]'], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("rules.require-non-root-user[1].nonRootImages");
  });

  it("exits 2 for an unknown rule or severity, naming the flag", async () => {
    const unknown = await run(["--rule", "require-non-root-usr:off"], { cwd: dir });
    expect(unknown.code).toBe(2);
    expect(unknown.stdout).toBe("");
    expect(unknown.stderr).toContain('Invalid --rule "require-non-root-usr:off"');
    expect(unknown.stderr).toContain('did you mean "require-non-root-user"');
    const severity = await run(["--rule", "require-non-root-user:fatal"], { cwd: dir });
    expect(severity.code).toBe(2);
    expect(severity.stderr).toContain('"fatal"');
  });
});

describe("--max-warnings and --quiet", () => {
  const dir = tempDir({ Dockerfile: FAILING, "b/Dockerfile": FAILING });
  const asWarning = ["--rule", "require-non-root-user:warn"];

  it("exits 1 when warnings exceed the maximum", async () => {
    const over = await run([...asWarning, "--max-warnings", "1"], { cwd: dir });
    expect(over.code).toBe(1);
    expect(over.stderr).toContain("too many warnings (2; maximum: 1)");
    expect((await run([...asWarning, "--max-warnings", "2"], { cwd: dir })).code).toBe(0);
    expect((await run([...asWarning, "--max-warnings=-1"], { cwd: dir })).code).toBe(0);
  });

  it("does not count infos as warnings", async () => {
    expect((await run(["--rule", "require-non-root-user:info", "--max-warnings", "0"], { cwd: dir })).code).toBe(0);
  });

  it("--quiet reports errors only", async () => {
    const quiet = await runJson([...asWarning, "--quiet"], { cwd: dir });
    expect(quiet.code).toBe(0);
    expect(quiet.results.map((r) => [r.messages.length, r.warningCount])).toEqual([
      [0, 0],
      [0, 0],
    ]);
    const errors = await runJson(["--quiet"], { cwd: dir });
    expect(errors.code).toBe(1);
    expect(errors.results[0]?.messages).toHaveLength(1);
  });
});

describe("--config", () => {
  it("uses the presets and rules of a JSON config file", async () => {
    const dir = tempDir({
      Dockerfile: FAILING,
      "off.json": JSON.stringify({ extends: ["recommended"], rules: { "require-non-root-user": "off" } }),
      "warn.json": JSON.stringify({ rules: { "require-non-root-user": "warn" } }),
      "nothing.json": JSON.stringify({ $schema: "https://example.com/schema.json", extends: [] }),
      "cis.json": JSON.stringify({ extends: "cis", settings: { trustedRegistries: ["docker.io"] } }),
    });
    expect((await run(["-c", "off.json"], { cwd: dir })).code).toBe(0);
    const warn = await runJson(["--config", "warn.json"], { cwd: dir });
    expect(warn.results[0]?.warningCount).toBe(1);
    expect((await run(["-c", "nothing.json"], { cwd: dir })).code).toBe(0);
    expect((await run(["-c", "cis.json"], { cwd: dir })).code).toBe(1);
    // --rule applies over the file.
    expect((await run(["-c", "off.json", "--rule", "require-non-root-user:error"], { cwd: dir })).code).toBe(1);
  });

  it("keeps the file's rule options when --rule changes only the severity", async () => {
    const dir = tempDir({
      Dockerfile: FAILING,
      "c.json": JSON.stringify({ rules: { "require-non-root-user": ["error", { nonRootBaseImages: ["alpine:*"] }] } }),
    });
    expect((await run(["-c", "c.json", "--rule", "require-non-root-user:warn"], { cwd: dir })).code).toBe(0);
  });

  it.each([
    ["missing.json", null, /Cannot read config file "missing.json": no such file/],
    ["bad.json", '{\n  "rules": {\n    "require-non-root-user": "off",\n  }\n}', /"bad.json" is not valid JSON: .*\(line 4, column 3\)/],
    ["unknown-rule.json", '{"rules": {"require-nonroot-user": "off"}}', /"unknown-rule.json": rules\.require-nonroot-user: unknown rule .*did you mean "require-non-root-user"/],
    ["bad-preset.json", '{"extends": ["recomended"]}', /"bad-preset.json": extends\[0\]: unknown preset "recomended"; did you mean "recommended"/],
    ["bad-severity.json", '{"rules": {"require-non-root-user": "loud"}}', /rules\.require-non-root-user: expected "off", "info", "warn" or "error"/],
    ["bad-key.json", '{"rule": {}}', /"bad-key.json": rule: unknown key; did you mean "rules"/],
    ["bad-extends.json", '{"extends": 3}', /extends: expected a preset name/],
    ["array.json", "[]", /\(root\): expected a JSON object/],
  ])("exits 2 for %s, naming the file and the key", async (name, content, message) => {
    const dir = tempDir({ Dockerfile: CLEAN, ...(content === null ? {} : { [name]: content }) });
    const { code, stdout, stderr } = await run(["-c", name], { cwd: dir });
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toMatch(message);
  });
});

describe("config file lookup", () => {
  const dir = tempDir({
    "docklint.config.json": JSON.stringify({ rules: { "require-non-root-user": "off" } }),
    Dockerfile: FAILING,
    "svc/.docklintrc.json": JSON.stringify({ rules: { "require-non-root-user": "warn" } }),
    "svc/Dockerfile": FAILING,
    "svc/deep/Dockerfile": FAILING,
    "other/.docklintrc": JSON.stringify({ extends: ["recommended"] }),
    "other/Dockerfile": FAILING,
  });

  it("uses the nearest config file above each linted file", async () => {
    const { code, results } = await runJson([], { cwd: dir });
    expect(code).toBe(1);
    expect(results.map((r) => [path.relative(dir, r.filePath), r.errorCount, r.warningCount])).toEqual([
      ["Dockerfile", 0, 0],
      ["other/Dockerfile", 1, 0],
      ["svc/Dockerfile", 0, 1],
      ["svc/deep/Dockerfile", 0, 1],
    ]);
  });

  it("finds the config above the current directory", async () => {
    const { code } = await run(["."], { cwd: path.join(dir, "svc/deep") });
    expect(code).toBe(0);
  });

  it("--no-config-lookup and --config skip the lookup", async () => {
    expect((await run(["Dockerfile", "--no-config-lookup"], { cwd: dir })).code).toBe(1);
    fs.writeFileSync(path.join(dir, "strict.json"), JSON.stringify({ extends: ["strict"] }));
    expect((await run(["Dockerfile", "-c", "strict.json"], { cwd: dir })).code).toBe(1);
  });

  it("exits 2 for a broken config file found by lookup", async () => {
    const broken = tempDir({ "a/Dockerfile": CLEAN, "a/.docklintrc": "{ nope" });
    const { code, stderr } = await run([], { cwd: broken });
    expect(code).toBe(2);
    expect(stderr).toContain('"a/.docklintrc" is not valid JSON');
  });
});

describe("--stdin", () => {
  it("lints standard input as <text>, detecting the kind from the content", async () => {
    const dir = tempDir();
    const { code, stdout } = await run(["--stdin", "-f", "compact"], { cwd: dir, stdin: FAILING });
    expect(code).toBe(1);
    expect(stdout).toMatch(/^<text>: line 1, col 1, Error - .*\(require-non-root-user\)/);
    expect((await run(["--stdin"], { cwd: dir, stdin: CLEAN })).code).toBe(0);
  });

  it("uses --stdin-filename for the path, the kind and the config lookup", async () => {
    const dir = tempDir({ "svc/.docklintrc.json": JSON.stringify({ rules: { "require-non-root-user": "warn" } }) });
    const { code, results } = await runJson(["--stdin", "--stdin-filename", "svc/api.Dockerfile"], { cwd: dir, stdin: FAILING });
    expect(code).toBe(0);
    expect(results[0]?.filePath).toBe(path.join(dir, "svc/api.Dockerfile"));
    expect(results[0]?.warningCount).toBe(1);
    expect(results[0]?.source).toBe(FAILING);
  });

  it("needs --kind for text it cannot recognise", async () => {
    const dir = tempDir();
    const unknown = await runJson(["--stdin"], { cwd: dir, stdin: "USER root\n" });
    expect(unknown.results[0]?.messages[0]?.fatal).toBe(true);
    const known = await runJson(["--stdin", "--kind", "dockerfile"], { cwd: dir, stdin: "USER root\n" });
    expect(known.results[0]?.kind).toBe("dockerfile");
  });

  it("--fix-dry-run gives no output when nothing is fixable", async () => {
    const dir = tempDir();
    const { results } = await runJson(["--stdin", "--fix-dry-run"], { cwd: dir, stdin: FAILING });
    expect(results[0]?.output).toBeUndefined();
  });
});
