import path from "node:path";
import { describe, expect, it } from "vitest";
import { builtinRules } from "@docklint/core";
import { ConfigResolver, printableConfig } from "../src/config.js";
import { FAILING, ONLY_NON_ROOT, runJson, tempDir } from "./helpers.js";

const resolver = (cwd: string, configFile?: string) => new ConfigResolver({ cwd, configFile, lookup: true, overrides: [], rules: ONLY_NON_ROOT });

describe("overrides", () => {
  const dir = tempDir({
    "docklint.config.yaml": [
      "rules:",
      "  require-non-root-user: error",
      "overrides:",
      "  - files: ['*.dev.Dockerfile', 'tools/**']",
      "    excludedFiles: tools/release/**",
      "    rules:",
      "      require-non-root-user: off",
      "  - files: legacy/Dockerfile",
      "    rules:",
      "      require-non-root-user: warn",
      "    settings: { trustedRegistries: [legacy.example.com] }",
      "",
    ].join("\n"),
    Dockerfile: FAILING,
    "app.dev.Dockerfile": FAILING,
    "svc/api.dev.Dockerfile": FAILING,
    "tools/Dockerfile": FAILING,
    "tools/release/Dockerfile": FAILING,
    "legacy/Dockerfile": FAILING,
    "other/legacy/Dockerfile": FAILING,
  });

  it("applies the matching overrides in order, globs relative to the config's directory", async () => {
    const { code, results } = await runJson([], { cwd: dir });
    expect(code).toBe(1);
    expect(results.map((r) => [path.relative(dir, r.filePath), r.errorCount, r.warningCount])).toEqual([
      ["Dockerfile", 1, 0],
      ["app.dev.Dockerfile", 0, 0],
      ["legacy/Dockerfile", 0, 1],
      // A glob with a slash is anchored at the config's directory.
      ["other/legacy/Dockerfile", 1, 0],
      // A glob without a slash matches the file name in any directory.
      ["svc/api.dev.Dockerfile", 0, 0],
      ["tools/Dockerfile", 0, 0],
      ["tools/release/Dockerfile", 1, 0],
    ]);
  });

  it("merges the override's settings over the file's, and gives files with the same overrides one config", async () => {
    const r = resolver(dir);
    const legacy = await r.forFile(path.join(dir, "legacy/Dockerfile"));
    expect(legacy.config.settings).toEqual({ trustedRegistries: ["legacy.example.com"] });
    expect(legacy.file).toBe(path.join(dir, "docklint.config.yaml"));
    const a = await r.forFile(path.join(dir, "app.dev.Dockerfile"));
    const b = await r.forFile(path.join(dir, "svc/api.dev.Dockerfile"));
    expect(a.config).toBe(b.config);
    expect(a.config.rules).toEqual({ "require-non-root-user": "off" });
    expect((await r.forFile(path.join(dir, "Dockerfile"))).config.settings).toBeUndefined();
  });

  it("with --config, globs are relative to the current directory (ESLint's rule)", async () => {
    const cwd = tempDir({ "conf/ci.json": JSON.stringify({ overrides: [{ files: "app/**", rules: { "require-non-root-user": "off" } }] }), "app/Dockerfile": FAILING });
    const { code, results } = await runJson(["-c", "conf/ci.json"], { cwd });
    expect(code).toBe(0);
    expect(results[0]?.errorCount).toBe(0);
  });

  it("keeps an override's severity-only entry on the options set before", async () => {
    const cwd = tempDir({
      "docklint.config.json": JSON.stringify({
        rules: { "require-pinned-image": ["error", { requireDigest: true }] },
        overrides: [{ files: "*.prod.Dockerfile", rules: { "require-pinned-image": "warn" } }],
      }),
    });
    const config = (await new ConfigResolver({ cwd, lookup: true, overrides: [], rules: builtinRules }).forFile(path.join(cwd, "x.prod.Dockerfile"))).config;
    expect(config.rules?.["require-pinned-image"]).toEqual(["warn", { requireDigest: true }]);
  });
});

describe("ignores", () => {
  const dir = tempDir({
    "docklint.config.json": JSON.stringify({ ignores: ["vendor", "**/*.generated.Dockerfile", "/Dockerfile.old", "build/", "!build/keep.Dockerfile"] }),
  });
  const cases: [string, boolean][] = [
    ["Dockerfile", false],
    ["vendor/Dockerfile", true],
    ["a/vendor/b/Dockerfile", true],
    ["app.generated.Dockerfile", true],
    ["deep/x.generated.Dockerfile", true],
    ["Dockerfile.old", true],
    ["sub/Dockerfile.old", false],
    ["build/Dockerfile", true],
    ["build/keep.Dockerfile", false],
  ];
  it.each(cases)("%s ignored: %s", async (file, ignored) => {
    expect((await resolver(dir).forFile(path.join(dir, file))).ignored).toBe(ignored);
  });

  it("never ignores standard input without a name or a file outside the config's directory", async () => {
    const r = resolver(dir, "docklint.config.json");
    expect((await r.forFile(undefined)).ignored).toBe(false);
    expect((await r.forFile(path.join(path.dirname(dir), "vendor", "Dockerfile"))).ignored).toBe(false);
  });

  it("takes ignores from extended files too", async () => {
    const cwd = tempDir({ "base.json": JSON.stringify({ ignores: ["third_party/**"] }), "docklint.config.json": JSON.stringify({ extends: ["./base.json"] }) });
    expect((await resolver(cwd).forFile(path.join(cwd, "third_party/x/Dockerfile"))).ignored).toBe(true);
  });
});

describe("settings and printing", () => {
  it("merges settings across extended files, and prints the effective config as JSON", async () => {
    const cwd = tempDir({
      "base.json": JSON.stringify({ extends: ["strict"], settings: { trustedRegistries: ["docker.io"], strictLabels: true } }),
      "docklint.config.json": JSON.stringify({ extends: ["./base.json", "cis"], settings: { trustedRegistries: ["ghcr.io"] }, reportUnusedSuppressions: "info" }),
    });
    const loaded = await resolver(cwd).forFile(path.join(cwd, "Dockerfile"));
    expect(printableConfig(loaded)).toEqual({
      extends: ["strict", "cis"],
      rules: {},
      settings: { trustedRegistries: ["ghcr.io"], strictLabels: true },
      reportUnusedSuppressions: "info",
    });
  });
});
