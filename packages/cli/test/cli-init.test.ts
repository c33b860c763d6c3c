import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { builtinRules } from "@docklint/core";
import { CLEAN, FAILING, run, tempDir } from "./helpers.js";

const ALL = { rules: builtinRules };

function written(dir: string): unknown {
  return JSON.parse(fs.readFileSync(path.join(dir, "docklint.config.json"), "utf8"));
}

describe("--init", () => {
  it("writes a starter config after looking at the repository, and says what it found", async () => {
    const dir = tempDir({ "api/Dockerfile": CLEAN, "web/Dockerfile": CLEAN, "compose.yaml": "services: {}\n", ".gitignore": "dist/\n", "dist/Dockerfile": CLEAN });
    const { code, stdout, stderr } = await run(["--init"], { cwd: dir, ...ALL });
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(written(dir)).toEqual({ $schema: "./node_modules/docklint/schema/docklint.config.schema.json", extends: ["recommended"] });
    expect(stdout.split("\n")).toEqual([
      'Wrote docklint.config.json (extends "recommended").',
      "Found 2 Dockerfiles and 1 Compose file (node_modules, .git and ignored files skipped).",
      'Next: run "npx docklint" to lint, and edit the file to tune rules (docklint rules lists them).',
      "",
    ]);
    // The config it wrote is valid: a lint run uses it.
    // The schema it points at is the one the package publishes (node_modules/docklint/ is this package once installed).
    expect(fs.existsSync(fileURLToPath(new URL("../schema/docklint.config.schema.json", import.meta.url)))).toBe(true);
    const printed = JSON.parse((await run(["--print-config", "api/Dockerfile"], { cwd: dir, ...ALL })).stdout) as { configFile: string; extends: string[] };
    expect(printed).toMatchObject({ configFile: "docklint.config.json", extends: ["recommended"] });
    expect((await run([], { cwd: dir, ...ALL })).stderr).toBe("");
  });

  it("carries hadolint's ignored and overridden checks over to the rules that reference them", async () => {
    const dir = tempDir({
      Dockerfile: FAILING,
      ".hadolint.yaml": [
        "ignored:",
        "  - DL3003 # cd in RUN",
        "  - DL4000",
        "  - DL3007",
        "  - DL9999",
        "override:",
        "  error: [DL3059]",
        "  info: [DL3025]",
        "trustedRegistries:",
        "  - registry.example.com",
        "",
      ].join("\n"),
    });
    const { code, stdout } = await run(["--init"], { cwd: dir, ...ALL });
    expect(code).toBe(0);
    expect(written(dir)).toEqual({
      $schema: "./node_modules/docklint/schema/docklint.config.schema.json",
      extends: ["recommended"],
      rules: { "no-cd-in-run": "off", "no-consecutive-run": "error", "no-maintainer": "off", "require-exec-form": "info" },
      settings: { trustedRegistries: ["registry.example.com"] },
    });
    expect(stdout).toContain('From .hadolint.yaml: DL3059 → "no-consecutive-run": "error"; DL3025 → "require-exec-form": "info"; DL3003 → "no-cd-in-run": "off"; DL4000 → "no-maintainer": "off".');
    // DL3007 is only half of require-pinned-image (DL3006, DL3007): turning the rule off would drop DL3006 too.
    expect(stdout).toContain('DL3007 (off) is one of the checks of "require-pinned-image" (DL3006, DL3007), which was left as it is');
    expect(stdout).toContain("no docklint rule references DL9999: not carried over.");
    expect(stdout).toContain('settings.trustedRegistries ["registry.example.com"]');
    expect((await run(["--print-config", "Dockerfile"], { cwd: dir, ...ALL })).stdout).toContain('"no-maintainer": "off"');
  });

  it("carries dclint's rule levels over (0 off, 1 warn, 2 error, alone or with options)", async () => {
    const dir = tempDir({
      "compose.yaml": "services: {}\n",
      ".dclintrc.yml": "rules:\n  no-version-field: 0\n  services-alphabetical-order: [1, {}]\n  no-build-and-image: 2\n  made-up-rule: 2\nexclude: [legacy]\n",
    });
    const { code, stdout } = await run(["--init"], { cwd: dir, ...ALL });
    expect(code).toBe(0);
    expect(written(dir)).toEqual({
      $schema: "./node_modules/docklint/schema/docklint.config.schema.json",
      extends: ["recommended"],
      rules: { "no-build-and-image": "error", "no-version-field": "off", "order-services": "warn" },
    });
    expect(stdout).toContain("Found 0 Dockerfiles and 1 Compose file");
    expect(stdout).toContain("no docklint rule references made-up-rule");
    expect(stdout).toContain('"exclude" is not carried over; list those paths in .docklintignore');
  });

  it("refuses to overwrite an existing configuration, in any of its forms", async () => {
    for (const [name, content] of [
      ["docklint.config.json", "{}"],
      [".docklintrc", "{}"],
      ["package.json", JSON.stringify({ name: "x", docklint: { extends: ["strict"] } })],
    ] as const) {
      const dir = tempDir({ [name]: content, Dockerfile: CLEAN });
      const { code, stdout, stderr } = await run(["--init"], { cwd: dir, ...ALL });
      expect(code).toBe(2);
      expect(stdout).toBe("");
      expect(stderr).toMatch(/^docklint: A docklint configuration already exists here: .*--init does not overwrite it/);
      expect(fs.readFileSync(path.join(dir, name), "utf8")).toBe(content);
    }
    // A package.json without a "docklint" key is not a configuration.
    const plain = tempDir({ "package.json": JSON.stringify({ name: "x" }), Dockerfile: CLEAN });
    expect((await run(["--init"], { cwd: plain, ...ALL })).code).toBe(0);
  });

  it("stops with exit code 2, writing nothing, when a peer config cannot be read", async () => {
    const dir = tempDir({ Dockerfile: CLEAN, ".hadolint.yaml": "ignored: [DL3003\n" });
    const { code, stderr } = await run(["--init"], { cwd: dir, ...ALL });
    expect(code).toBe(2);
    expect(stderr).toMatch(/^docklint: Cannot read "\.hadolint\.yaml": .*; fix it or move it away, then run docklint --init again\./);
    expect(fs.existsSync(path.join(dir, "docklint.config.json"))).toBe(false);
  });

  it("is a usage error with paths or --fix", async () => {
    const dir = tempDir({ Dockerfile: CLEAN });
    expect((await run(["--init", "."], { cwd: dir })).stderr).toContain("--init takes no paths to lint");
    expect((await run(["--init", "--fix"], { cwd: dir })).code).toBe(2);
  });

  it.skipIf(spawnSync("mkfifo", ["--version"], { stdio: "ignore" }).status !== 0)("refuses a FIFO named .hadolint.yaml instead of waiting on it forever", async () => {
    const dir = tempDir({ Dockerfile: CLEAN });
    execFileSync("mkfifo", [path.join(dir, ".hadolint.yaml")]);
    const { code, stderr } = await run(["--init"], { cwd: dir, ...ALL });
    expect(code).toBe(2);
    expect(stderr).toContain('Cannot read ".hadolint.yaml": it is not a regular file.');
    expect(fs.existsSync(path.join(dir, "docklint.config.json"))).toBe(false);
  });

  it.skipIf(spawnSync("mkfifo", ["--version"], { stdio: "ignore" }).status !== 0)("passes over a FIFO named package.json when it looks for an existing config, instead of waiting on it forever", async () => {
    const dir = tempDir({ Dockerfile: CLEAN });
    execFileSync("mkfifo", [path.join(dir, "package.json")]);
    const { code } = await run(["--init"], { cwd: dir, ...ALL });
    expect(code).toBe(0);
    expect(fs.existsSync(path.join(dir, "docklint.config.json"))).toBe(true);
  });
});
