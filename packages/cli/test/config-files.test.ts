import fs from "node:fs";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { CONFIG_FILE_NAMES } from "../src/config.js";
import { CLEAN, FAILING, run, runJson, tempDir, write } from "./helpers.js";

const OFF = { rules: { "require-non-root-user": "off" } };
const WARN = { rules: { "require-non-root-user": "warn" } };

/** [errors, warnings] of the one Dockerfile linted in `dir`. */
async function counts(dir: string, argv: string[] = ["Dockerfile"]): Promise<[number, number, number]> {
  const { code, results, stderr } = await runJson(argv, { cwd: dir });
  expect(stderr).toBe("");
  return [code, results[0]?.errorCount ?? -1, results[0]?.warningCount ?? -1];
}

describe("config file formats", () => {
  it.each([
    ["docklint.config.json", JSON.stringify(WARN)],
    ["docklint.config.yaml", "# a comment\nrules:\n  require-non-root-user: warn\n"],
    ["docklint.config.yml", "rules: { require-non-root-user: warn }\n"],
    ["docklint.config.mjs", `export default ${JSON.stringify(WARN)};\n`],
    ["docklint.config.js", `export default { rules: { "require-non-root-user": "warn" } };\n`],
    [".docklintrc.json", JSON.stringify(WARN)],
    [".docklintrc.yaml", "rules:\n  require-non-root-user: warn\n"],
    [".docklintrc.yml", "rules:\n  require-non-root-user: warn\n"],
    [".docklintrc", "rules:\n  require-non-root-user: warn\n"],
    [".docklintrc", JSON.stringify(WARN)],
    ["package.json", JSON.stringify({ name: "app", docklint: WARN })],
  ])("reads %s", async (name, content) => {
    const dir = tempDir({ Dockerfile: FAILING, [name]: content });
    expect(await counts(dir)).toEqual([0, 0, 1]);
    // The same file given with --config.
    expect(await counts(dir, ["Dockerfile", "--config", name])).toEqual([0, 0, 1]);
  });

  it("reads a CommonJS .js config in a CommonJS package", async () => {
    const dir = tempDir({ Dockerfile: FAILING, "package.json": JSON.stringify({ type: "commonjs" }), "docklint.config.js": `module.exports = ${JSON.stringify(WARN)};\n` });
    expect(await counts(dir)).toEqual([0, 0, 1]);
  });

  it("lists every name in lookup order, and the first one in a directory wins", async () => {
    expect(CONFIG_FILE_NAMES).toEqual([
      "docklint.config.json",
      "docklint.config.yaml",
      "docklint.config.yml",
      "docklint.config.mjs",
      "docklint.config.js",
      ".docklintrc.json",
      ".docklintrc.yaml",
      ".docklintrc.yml",
      ".docklintrc",
      "package.json",
    ]);
    const dir = tempDir({ Dockerfile: FAILING, "docklint.config.yaml": "rules: { require-non-root-user: warn }\n", ".docklintrc.json": JSON.stringify(OFF) });
    expect(await counts(dir)).toEqual([0, 0, 1]);
  });

  it("skips a package.json without a \"docklint\" key (or that is not JSON) and keeps looking upward", async () => {
    const dir = tempDir({
      "docklint.config.json": JSON.stringify(WARN),
      "app/package.json": JSON.stringify({ name: "app" }),
      "app/Dockerfile": FAILING,
      "broken/package.json": "{ not json",
      "broken/Dockerfile": FAILING,
    });
    const { code, results } = await runJson([], { cwd: dir });
    expect(code).toBe(0);
    expect(results.map((r) => [path.relative(dir, r.filePath), r.warningCount])).toEqual([
      ["app/Dockerfile", 1],
      ["broken/Dockerfile", 1],
    ]);
  });

  it("re-reads a .mjs config that changed (long-lived processes)", async () => {
    const dir = tempDir({ Dockerfile: FAILING, "docklint.config.mjs": `export default ${JSON.stringify(WARN)};\n` });
    expect(await counts(dir)).toEqual([0, 0, 1]);
    const file = write(dir, "docklint.config.mjs", `export default ${JSON.stringify(OFF)};\n`);
    fs.utimesSync(file, new Date(), new Date(Date.now() + 5000));
    expect(await counts(dir)).toEqual([0, 0, 0]);
  });

  it.each([
    ["docklint.config.yaml", "rules:\n  require-non-root-user: warn\n   bad: indent\n", /"docklint.config.yaml" is not valid YAML: Nested mappings .*\(line 2, column \d+\)\./],
    ["docklint.config.yaml", "rules: {}\n---\nrules: {}\n", /"docklint.config.yaml" is not valid YAML: it holds 2 documents/],
    ["docklint.config.yaml", "rules: {}\nrules: {}\n", /"docklint.config.yaml" is not valid YAML: Map keys must be unique \(line 2, column 1\)/],
    ["docklint.config.yaml", "- a\n- b\n", /"docklint.config.yaml": \(root\): expected a YAML mapping, got an array/],
    ["docklint.config.mjs", "export default {\n  rules: {\n", /Cannot load config file "docklint.config.mjs": .*(SyntaxError|invalid JS syntax)/],
    ["docklint.config.mjs", "throw new Error('no network here');\n", /Cannot load config file "docklint.config.mjs": Error: no network here/],
    ["docklint.config.mjs", "export const rules = {};\n", /"docklint.config.mjs" has no default export; write `export default/],
    ["docklint.config.mjs", "export default 42;\n", /"docklint.config.mjs": \(root\): expected an object \(the module's default export\), got 42/],
    ["package.json", JSON.stringify({ docklint: { rulez: {} } }), /"package.json": rulez: unknown key; did you mean "rules"\?/],
  ])("exits 2 for a broken %s, naming the file and where", async (name, content, message) => {
    const dir = tempDir({ Dockerfile: CLEAN, [name]: content });
    const { code, stdout, stderr } = await run([], { cwd: dir });
    expect(stderr).toMatch(message);
    expect(code).toBe(2);
    expect(stdout).toBe("");
  });

  it("a YAML config, or --rule in YAML, makes yaml write no process warning beside docklint's own message", async () => {
    // yaml logs tags it does not know and collection keys through process.emitWarning, which Node prints to standard error.
    const warn = vi.spyOn(process, "emitWarning").mockImplementation(() => undefined);
    try {
      const dir = tempDir({ Dockerfile: CLEAN, "docklint.config.yaml": "rules:\n  require-non-root-user: !warn warn\n  ? [a, b]\n  : error\n" });
      const { code, stderr } = await run([], { cwd: dir });
      expect(stderr).toContain('unknown rule "[ a, b ]"');
      expect(code).toBe(2);
      const flag = await run(["Dockerfile", "--rule", "no-sudo: !x [warn]"], { cwd: tempDir({ Dockerfile: CLEAN }) });
      expect(flag.stderr).toContain("Invalid --rule");
      expect(warn).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
    }
  });

  it("says so when --config names a package.json without a docklint key", async () => {
    const dir = tempDir({ Dockerfile: CLEAN, "package.json": "{}" });
    const { code, stderr } = await run(["-c", "package.json"], { cwd: dir });
    expect(code).toBe(2);
    expect(stderr).toContain('Config file "package.json" has no "docklint" key.');
  });

  it("treats an empty YAML file as an empty config (recommended)", async () => {
    const dir = tempDir({ Dockerfile: FAILING, ".docklintrc.yaml": "" });
    expect(await counts(dir)).toEqual([1, 1, 0]);
  });
});

describe("extends", () => {
  it("applies presets and files in order, files relative to the config that names them", async () => {
    const dir = tempDir({
      Dockerfile: FAILING,
      "shared/base.yaml": "extends: []\nrules:\n  require-non-root-user: warn\n",
      "shared/team.json": JSON.stringify({ extends: ["./base.yaml"], settings: { trustedRegistries: ["docker.io"] } }),
      "docklint.config.json": JSON.stringify({ extends: ["./shared/team.json"] }),
      "off.json": JSON.stringify({ extends: ["./shared/team.json"], rules: { "require-non-root-user": "off" } }),
    });
    expect(await counts(dir)).toEqual([0, 0, 1]);
    // The extending file's own rules come last.
    expect(await counts(dir, ["Dockerfile", "-c", "off.json"])).toEqual([0, 0, 0]);
  });

  it("keeps the options of an extended file when a later file changes only the severity", async () => {
    const dir = tempDir({
      Dockerfile: FAILING,
      "base.json": JSON.stringify({ rules: { "require-non-root-user": ["error", { nonRootBaseImages: ["alpine:*"] }] } }),
      "docklint.config.json": JSON.stringify({ extends: ["./base.json"], rules: { "require-non-root-user": "warn" } }),
    });
    // alpine is declared non-root by the extended options: nothing to report, at any severity.
    expect(await counts(dir)).toEqual([0, 0, 0]);
  });

  it("reports a cycle with the chain of files", async () => {
    const dir = tempDir({
      Dockerfile: CLEAN,
      "a.json": JSON.stringify({ extends: ["./b.json"] }),
      "b.json": JSON.stringify({ extends: ["recommended", "./a.json"] }),
      "self.json": JSON.stringify({ extends: ["./self.json"] }),
    });
    const cycle = await run(["-c", "a.json"], { cwd: dir });
    expect(cycle.code).toBe(2);
    expect(cycle.stderr).toContain('Invalid config file "b.json": extends[1]: circular extends: a.json → b.json → a.json.');
    expect((await run(["-c", "self.json"], { cwd: dir })).stderr).toContain("circular extends: self.json → self.json");
  });

  it("names a missing extended file and an unknown preset", async () => {
    const dir = tempDir({
      Dockerfile: CLEAN,
      "missing.json": JSON.stringify({ extends: ["recommended", "./nope.json"] }),
      "preset.json": JSON.stringify({ extends: ["stric"] }),
      "bare.json": JSON.stringify({ extends: ["team-config"] }),
      "deep.json": JSON.stringify({ extends: ["./bad.yaml"] }),
      "bad.yaml": "rules:\n  require-non-root-user: loud\n",
    });
    expect((await run(["-c", "missing.json"], { cwd: dir })).stderr).toContain(
      'Invalid config file "missing.json": extends[1]: no such file: "./nope.json" (resolved to nope.json); paths are relative to this config file.',
    );
    expect((await run(["-c", "preset.json"], { cwd: dir })).stderr).toContain('extends[0]: unknown preset "stric"; did you mean "strict"?');
    expect((await run(["-c", "bare.json"], { cwd: dir })).stderr).toContain('a config file is written as a path ("./team-config")');
    // A mistake in an extended file names that file.
    const deep = await run(["-c", "deep.json"], { cwd: dir });
    expect(deep.code).toBe(2);
    expect(deep.stderr).toContain('Invalid config file "bad.yaml": rules.require-non-root-user: expected "off", "info", "warn" or "error", got "loud".');
  });
});
