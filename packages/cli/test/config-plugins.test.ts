import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { namespaceOf } from "../src/plugins.js";
import { CLEAN, FAILING, runJson, tempDir, write } from "./helpers.js";

/** A plugin module's text: rules as plain objects (what defineRule returns), so no package is needed. */
function pluginSource(rules: string): string {
  return `export default { rules: [${rules}] };\n`;
}
const RUN_RULE = `{
  meta: { id: "no-run", kind: "dockerfile", severity: "warning", presets: ["recommended"], messages: { run: "RUN {{what}} is not allowed here." }, references: {} },
  check({ model, report }) {
    for (const i of model.instructions) if (i.keyword === "RUN") report({ messageId: "run", data: { what: i.argsText }, range: i.range });
  },
}`;
const THROWING_RULE = `{
  meta: { id: "boom", kind: "dockerfile", severity: "error", presets: ["recommended"], messages: {} },
  check() { throw new TypeError("cannot read properties of undefined"); },
}`;

type Finding = [string | null, number, number];
const findings = (messages: readonly { ruleId: string | null; line: number; column: number }[]): Finding[] => messages.map((m) => [m.ruleId, m.line, m.column]);

describe("plugin namespaces", () => {
  it.each([
    ["./my-rules.mjs", "my-rules"],
    ["../shared/docklint-plugin-acme.js", "acme"],
    ["./acme/index.js", "acme"],
    ["/abs/path/team.mjs", "team"],
    ["docklint-plugin-foo", "foo"],
    ["docklint-plugin-foo/extra", "foo"],
    ["@team/docklint-plugin-bar", "@team/bar"],
    ["@team/docklint-plugin", "@team"],
    ["some-rules", "some-rules"],
    ["@team/rules", "@team/rules"],
  ])("%s → %s", (specifier, namespace) => {
    expect(namespaceOf(specifier)).toBe(namespace);
  });
});

describe("plugins", () => {
  it("loads a local module relative to the config file; its rules are <namespace>/<id>, on by their presets", async () => {
    const dir = tempDir({
      "config/docklint.config.json": JSON.stringify({ plugins: ["./rules/acme.mjs"] }),
      "config/rules/acme.mjs": pluginSource(RUN_RULE),
      Dockerfile: FAILING,
    });
    const { code, results, stderr } = await runJson(["Dockerfile", "-c", "config/docklint.config.json"], { cwd: dir });
    expect(stderr).toBe("");
    expect(code).toBe(1);
    expect(findings(results[0]?.messages ?? [])).toEqual([
      ["require-non-root-user", 1, 1],
      ["acme/no-run", 2, 1],
    ]);
    expect(results[0]?.messages[1]?.message).toBe("RUN echo hi is not allowed here.");
  });

  it("configures plugin rules like built-in ones, in rules and overrides, and by explicit namespace", async () => {
    const dir = tempDir({
      "docklint.config.yaml": [
        "extends: []",
        "plugins: { team: ./acme.mjs }",
        "rules: { team/no-run: error }",
        "overrides:",
        "  - files: legacy/**",
        "    rules: { team/no-run: off }",
        "",
      ].join("\n"),
      "acme.mjs": pluginSource(RUN_RULE),
      Dockerfile: FAILING,
      "legacy/Dockerfile": FAILING,
    });
    const { code, results } = await runJson([], { cwd: dir });
    expect(code).toBe(1);
    expect(results.map((r) => [path.relative(dir, r.filePath), findings(r.messages), r.errorCount])).toEqual([
      ["Dockerfile", [["team/no-run", 2, 1]], 1],
      ["legacy/Dockerfile", [], 0],
    ]);
    const typo = await runJson([], { cwd: tempDir({ "docklint.config.json": JSON.stringify({ plugins: ["./acme.mjs"], rules: { "acme/no-rum": "off" } }), "acme.mjs": pluginSource(RUN_RULE), Dockerfile: CLEAN }) });
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('rules.acme/no-rum: unknown rule "acme/no-rum"; did you mean "acme/no-run"?');
  });

  it("validates a plugin rule's options against its schema", async () => {
    const rule = RUN_RULE.replace("references: {} }", 'references: {}, options: { schema: { type: "object", properties: { max: { type: "integer" } }, additionalProperties: false }, defaults: { max: 1 } } }');
    const dir = tempDir({ "docklint.config.json": JSON.stringify({ plugins: ["./acme.mjs"], rules: { "acme/no-run": ["error", { max: "2" }] } }), "acme.mjs": pluginSource(rule), Dockerfile: CLEAN });
    const { code, stderr } = await runJson([], { cwd: dir });
    expect(code).toBe(2);
    expect(stderr).toContain('rules.acme/no-run[1].max: expected a whole number, got "2".');
  });

  it("finds a package from the config file's directory (exports, scoped names) and names it after the package", async () => {
    const dir = tempDir({
      "docklint.config.json": JSON.stringify({ extends: [], plugins: ["docklint-plugin-foo", "@team/docklint-plugin"], rules: { "foo/no-run": "warn", "@team/no-run": "error" } }),
      "node_modules/docklint-plugin-foo/package.json": JSON.stringify({ name: "docklint-plugin-foo", type: "module", exports: { ".": { import: "./lib/index.js" } } }),
      "node_modules/docklint-plugin-foo/lib/index.js": pluginSource(RUN_RULE),
      "node_modules/@team/docklint-plugin/package.json": JSON.stringify({ name: "@team/docklint-plugin", type: "module", main: "main.mjs" }),
      "node_modules/@team/docklint-plugin/main.mjs": pluginSource(RUN_RULE),
      "svc/Dockerfile": FAILING,
    });
    const { code, results, stderr } = await runJson(["svc/Dockerfile"], { cwd: dir });
    expect(stderr).toBe("");
    expect(code).toBe(1);
    expect(results[0]?.messages.map((m) => [m.ruleId, m.level])).toEqual([
      ["@team/no-run", "error"],
      ["foo/no-run", "warning"],
    ]);
  });

  it("reports a plugin that cannot be loaded on every file, and the other rules and files still run", async () => {
    const dir = tempDir({
      "docklint.config.json": JSON.stringify({
        plugins: ["./broken.mjs", "./acme.mjs", "docklint-plugin-missing"],
        rules: { "broken/anything": ["error", { whatever: true }], "acme/no-run": "error" },
      }),
      "broken.mjs": 'throw new Error("this plugin needs a database");\n',
      "acme.mjs": pluginSource(RUN_RULE),
      Dockerfile: FAILING,
      "b/Dockerfile": CLEAN,
    });
    const { code, results, stderr } = await runJson([], { cwd: dir });
    expect(stderr).toBe("");
    expect(code).toBe(1);
    expect(results.map((r) => [path.relative(dir, r.filePath), findings(r.messages)])).toEqual([
      [
        "Dockerfile",
        [
          ["broken/plugin-error", 1, 1],
          ["missing/plugin-error", 1, 1],
          ["require-non-root-user", 1, 1],
          ["acme/no-run", 2, 1],
        ],
      ],
      [
        "b/Dockerfile",
        [
          ["broken/plugin-error", 1, 1],
          ["missing/plugin-error", 1, 1],
        ],
      ],
    ]);
    const [broken, missing] = results[1]?.messages ?? [];
    expect(broken?.message).toBe('The plugin "broken" ("./broken.mjs") could not be loaded, so its rules did not run on this file: Error: this plugin needs a database.');
    expect(missing?.message).toMatch(/^The plugin "missing" \("docklint-plugin-missing"\) could not be loaded, .*cannot find the package "docklint-plugin-missing" from .* \(install it next to the config: npm install --save-dev docklint-plugin-missing\)\.$/);
  });

  it.each([
    ["no rules export", "export const name = 'x';\n", /it exports no `rules`; export `\{ rules: \[rule, …\] \}`/],
    ["a rule without a kind", pluginSource('{ meta: { id: "x", messages: {} }, check() {} }'), /rules\[0\] \("x"\): meta.kind must be one of dockerfile, compose, daemon, got undefined/],
    ["a rule id with a slash", pluginSource('{ meta: { id: "a/b", kind: "dockerfile", messages: {} }, check() {} }'), /meta.id must be a kebab-case id such as "no-foo", got "a\/b"/],
    ["a rule without check", pluginSource('{ meta: { id: "x", kind: "dockerfile", messages: {} } }'), /rules\[0\] \("x"\) has no check\(context\) function/],
    ["a missing file", null, /no such file: .*gone\.mjs/],
  ])("reports a malformed plugin (%s) as that plugin's error", async (_name, source, message) => {
    const dir = tempDir({ "docklint.config.json": JSON.stringify({ extends: [], plugins: ["./gone.mjs"] }), Dockerfile: CLEAN, ...(source === null ? {} : { "gone.mjs": source }) });
    const { code, results } = await runJson([], { cwd: dir });
    expect(code).toBe(1);
    expect(results[0]?.messages).toHaveLength(1);
    expect(results[0]?.messages[0]?.ruleId).toBe("gone/plugin-error");
    expect(results[0]?.messages[0]?.message).toMatch(message);
  });

  it("reports a rule that throws as that plugin rule's error on the file, and the other rules and files go on", async () => {
    const dir = tempDir({ "docklint.config.json": JSON.stringify({ plugins: ["./acme.mjs"] }), "acme.mjs": pluginSource(`${THROWING_RULE}, ${RUN_RULE}`), Dockerfile: FAILING, "b/Dockerfile": FAILING });
    const { code, results } = await runJson([], { cwd: dir });
    expect(code).toBe(1);
    for (const result of results) {
      expect(findings(result.messages)).toEqual([
        ["acme/boom", 1, 1],
        ["require-non-root-user", 1, 1],
        ["acme/no-run", 2, 1],
      ]);
      expect(result.messages[0]?.message).toContain(`the plugin "acme" ("./acme.mjs") threw TypeError: cannot read properties of undefined; report it to the plugin's author`);
    }
  });

  it("refuses two plugins with one namespace, and loads one plugin named by two files once", async () => {
    const clash = tempDir({ "docklint.config.json": JSON.stringify({ plugins: ["./a/acme.mjs", "./b/acme.mjs"] }), "a/acme.mjs": pluginSource(RUN_RULE), "b/acme.mjs": pluginSource(RUN_RULE), Dockerfile: CLEAN });
    const { code, stderr } = await runJson([], { cwd: clash });
    expect(code).toBe(2);
    expect(stderr).toContain('Invalid config file "docklint.config.json": plugins[1]: the namespace "acme" is already used by "./a/acme.mjs"; give one of them another name with the object form: "plugins": { "<name>": "./b/acme.mjs" }.');

    const shared = tempDir({
      "base.json": JSON.stringify({ plugins: ["./acme.mjs"] }),
      "docklint.config.json": JSON.stringify({ extends: ["./base.json"], plugins: ["./acme.mjs"], rules: { "acme/no-run": "error" } }),
      "acme.mjs": pluginSource(RUN_RULE),
      Dockerfile: FAILING,
    });
    const ok = await runJson([], { cwd: shared });
    expect(findings(ok.results[0]?.messages ?? [])).toEqual([
      ["require-non-root-user", 1, 1],
      ["acme/no-run", 2, 1],
    ]);
  });
});

describe("examples/custom-rule", () => {
  const EXAMPLE = fileURLToPath(new URL("../../../examples/custom-rule/", import.meta.url));
  const CORE = fileURLToPath(new URL("../../core/", import.meta.url));
  const BIN = fileURLToPath(new URL("../bin/docklint.js", import.meta.url));
  const built = fs.existsSync(fileURLToPath(new URL("../dist/main.js", import.meta.url))) && fs.existsSync(path.join(CORE, "dist/index.js"));

  /** The example as a user has it after `npm install --save-dev docklint @docklint/core`. */
  function installedCopy(): string {
    const dir = tempDir();
    fs.cpSync(EXAMPLE, dir, { recursive: true, filter: (source) => !source.includes(`${path.sep}node_modules`) });
    fs.mkdirSync(path.join(dir, "node_modules/@docklint"), { recursive: true });
    fs.symlinkSync(CORE, path.join(dir, "node_modules/@docklint/core"), "dir");
    return dir;
  }

  it.skipIf(!built)("its rule tester tests pass under node --test", () => {
    const dir = installedCopy();
    const result = spawnSync(process.execPath, ["--test", "test/"], { cwd: dir, encoding: "utf8", timeout: 60_000 });
    expect(result.stdout).toMatch(/# pass 6\n/);
    expect(result.stdout).toMatch(/# fail 0\n/);
    expect(result.status).toBe(0);
  });

  it.skipIf(!built)("the built CLI runs the plugin rule with the example's config", () => {
    const dir = installedCopy();
    const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1" };
    delete env["FORCE_COLOR"];
    const result = spawnSync(process.execPath, [BIN, "sample-dockerfile.txt", "--format", "json"], { cwd: dir, encoding: "utf8", env, timeout: 30_000 });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(1);
    const [report] = JSON.parse(result.stdout) as { messages: { ruleId: string; line: number; column: number; severity: number; message: string }[] }[];
    const own = report?.messages.filter((m) => m.ruleId.startsWith("acme/"));
    expect(own?.map((m) => [m.ruleId, m.line, m.column, m.severity])).toEqual([["acme/require-team-label", 3, 1, 2]]);
    expect(own?.[0]?.message).toBe('The final stage (image "alpine:3.20") has no `com.acme.team` label; add `LABEL com.acme.team="<team>"` so that on-call knows whose image this is.');

    // With the label, the plugin's rule is satisfied.
    write(dir, "sample-dockerfile.txt", 'FROM alpine:3.20\nLABEL com.acme.team="payments"\nUSER 10001\nCMD ["true"]\n');
    const fixed = spawnSync(process.execPath, [BIN, "sample-dockerfile.txt", "--format", "json"], { cwd: dir, encoding: "utf8", env, timeout: 30_000 });
    const [after] = JSON.parse(fixed.stdout) as { messages: { ruleId: string }[] }[];
    expect(after?.messages.filter((m) => m.ruleId.startsWith("acme/"))).toEqual([]);
  });
});
