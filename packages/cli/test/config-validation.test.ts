import { describe, expect, it } from "vitest";
import { builtinRules } from "@docklint/core";
import { CLEAN, FAILING, run, runJson, tempDir } from "./helpers.js";

/** Lints a clean Dockerfile with every built-in rule and the given config; returns exit code and stderr. */
async function check(config: unknown, argv: string[] = []): Promise<{ code: number; stderr: string }> {
  const dir = tempDir({ Dockerfile: CLEAN, "docklint.config.json": JSON.stringify(config) });
  const { code, stderr } = await run(["Dockerfile", ...argv], { cwd: dir, rules: builtinRules });
  return { code, stderr };
}

describe("rule options are validated against each rule's options schema", () => {
  it.each([
    [{ "require-pinned-image": ["error", { requireDigest: "yes" }] }, 'rules.require-pinned-image[1].requireDigest: expected a boolean, got "yes".'],
    [{ "require-pinned-image": ["error", { requireDigets: true }] }, 'rules.require-pinned-image[1].requireDigets: unknown option of "require-pinned-image"; did you mean "requireDigest"?'],
    [{ "no-secrets-in-env": ["warn", { allow: ["OK", 3] }] }, "rules.no-secrets-in-env[1].allow[1]: expected a string, got 3."],
    [{ "no-inline-suppressions": ["warn", { allow: ["eslint"] }] }, 'rules.no-inline-suppressions[1].allow[0]: expected one of "docklint", "hadolint", "buildkit", "checkov", got "eslint".'],
    [{ "require-pinned-image": ["error", "strict"] }, 'rules.require-pinned-image[1]: expected an object of rule options, got "strict".'],
    // The schema once took any integer, and the rule then failed on every file with "please report this bug".
    [{ shellcheck: ["warn", { exclude: [2086, 5] }] }, "rules.shellcheck[1].exclude[1]: must be >= 1000, got 5."],
    [{ "require-pinned-image": ["loud", {}] }, 'rules.require-pinned-image[0]: expected "off", "info", "warn" or "error", got "loud".'],
    [{ "require-pinned-image": ["error", {}, {}] }, "rules.require-pinned-image: expected [severity] or [severity, options]."],
    [{ "require-pined-image": "error" }, 'rules.require-pined-image: unknown rule "require-pined-image"; did you mean "require-pinned-image"?'],
    [{ "acme/no-foo": "error" }, 'rules.acme/no-foo: unknown rule "acme/no-foo": no plugin "acme" is loaded; add it to "plugins".'],
  ])("%j", async (rules, message) => {
    const { code, stderr } = await check({ rules });
    expect(stderr).toBe(`docklint: Invalid config file "docklint.config.json": ${message}\n`);
    expect(code).toBe(2);
  });

  it("validates options in overrides, with the override's key path", async () => {
    const { code, stderr } = await check({ overrides: [{ files: ["*.Dockerfile"], rules: { "require-pinned-image": ["warn", { prohibitedTags: "latest" }] } }] });
    expect(stderr).toContain('"docklint.config.json": overrides[0].rules.require-pinned-image[1].prohibitedTags: expected an array, got "latest".');
    expect(code).toBe(2);
  });

  it("validates --rule options the same way and blames the flag", async () => {
    const { code, stderr } = await check({}, ["--rule", 'require-pinned-image:["error", {"requireDigest": 1}]']);
    expect(stderr).toContain('Invalid --rule "require-pinned-image:["error", {"requireDigest": 1}]": rules.require-pinned-image[1].requireDigest: expected a boolean, got 1.');
    expect(code).toBe(2);
  });

  it("accepts valid options, numbers as severities and the [severity] form", async () => {
    const dir = tempDir({
      Dockerfile: "FROM alpine:3.20\nUSER 10001\n",
      "docklint.config.json": JSON.stringify({
        extends: [],
        rules: { "require-pinned-image": [2, { requireDigest: true, prohibitedTags: ["latest", "edge"] }], "require-non-root-user": ["warn"], "no-maintainer": 1 },
      }),
    });
    const { code, results, stderr } = await runJson(["Dockerfile"], { cwd: dir, rules: builtinRules });
    expect(stderr).toBe("");
    expect(code).toBe(1);
    expect(results[0]?.messages.map((m) => [m.ruleId, m.level])).toEqual([["require-pinned-image", "error"]]);
  });
});

describe("the shape of a config", () => {
  it.each([
    [{ overides: [] }, 'overides: unknown key; did you mean "overrides"?'],
    [{ overrides: {} }, "overrides: expected an array of { files, excludedFiles?, rules?, settings? }, got an object."],
    [{ overrides: [{ rules: {} }] }, "overrides[0].files: is required: the globs of the files this override applies to."],
    [{ overrides: [{ files: [""] }] }, 'overrides[0].files[0]: expected a glob (a non-empty string), got "".'],
    [{ overrides: [{ files: "*.yml", rule: {} }] }, 'overrides[0].rule: unknown key; did you mean "rules"?'],
    [{ overrides: [{ files: "*.yml", settings: [] }] }, "overrides[0].settings: expected an object, got an array."],
    [{ ignores: "vendor" }, 'ignores: expected an array of globs, got "vendor".'],
    [{ ignores: [3] }, "ignores[0]: expected a glob (a non-empty string), got 3."],
    [{ plugins: 3 }, "plugins: expected an array of module paths / package names, or an object of namespace → module, got 3."],
    [{ plugins: { "a b": "./x.mjs" } }, "plugins.a b: a namespace is a name without spaces (and at most one slash, for @scope/name)."],
    [{ settings: "x" }, 'settings: expected an object, got "x".'],
    [{ $schema: 1 }, "$schema: expected a string (a URL or path), got 1."],
    [{ reportUnusedSuppressions: "loud" }, 'reportUnusedSuppressions: expected true, false, "error", "warning" or "info", got "loud".'],
  ])("%j", async (config, message) => {
    const { code, stderr } = await check(config);
    expect(stderr).toBe(`docklint: Invalid config file "docklint.config.json": ${message}\n`);
    expect(code).toBe(2);
  });

  it("exits 2 for a broken config found for one of several files", async () => {
    const dir = tempDir({ Dockerfile: FAILING, "sub/Dockerfile": FAILING, "sub/docklint.config.yaml": "rules:\n  require-non-root-usr: off\n" });
    const { code, stderr } = await run([], { cwd: dir });
    expect(code).toBe(2);
    expect(stderr).toContain('Invalid config file "sub/docklint.config.yaml": rules.require-non-root-usr: unknown rule "require-non-root-usr"; did you mean "require-non-root-user"?');
  });
});
