import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { CLEAN, FAILING, tempDir } from "./helpers.js";

const BIN = fileURLToPath(new URL("../bin/docklint.js", import.meta.url));
const DIST_MAIN = fileURLToPath(new URL("../dist/main.js", import.meta.url));
const built = fs.existsSync(DIST_MAIN);
if (!built) console.warn(`Skipping the docklint e2e tests: ${DIST_MAIN} is missing; run "pnpm run build" first.`);

// Only the rule these tests know about, so that colleagues' new rules do not change the outcome.
const CONFIG = JSON.stringify({ extends: [], rules: { "require-non-root-user": "error" } });

function docklint(args: string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
  const env = { ...process.env };
  delete env["FORCE_COLOR"];
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: "utf8", env: { ...env, NO_COLOR: "1" }, timeout: 30_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe.skipIf(!built)(built ? "the docklint binary" : "the docklint binary (skipped: packages/cli/dist/main.js missing, run pnpm run build)", () => {
  it("exits 1 with a report for a failing Dockerfile and 0 for a clean one", () => {
    const dir = tempDir({ "docklint.config.json": CONFIG, "app/Dockerfile": FAILING, "ok/Dockerfile": CLEAN });

    const failing = docklint(["app", "--format", "compact"], dir);
    expect(failing.stderr).toBe("");
    expect(failing.status).toBe(1);
    expect(failing.stdout).toMatch(/app\/Dockerfile: line 1, col 1, Error - The final stage .* \(require-non-root-user\)\n\n1 problem\n$/);

    const friendly = docklint(["app"], dir);
    expect(friendly.status).toBe(1);
    expect(friendly.stdout).toContain("app/Dockerfile:1:1");
    expect(friendly.stdout).toContain("require-non-root-user.md");

    const clean = docklint(["ok"], dir);
    expect(clean.status).toBe(0);
    expect(clean.stdout).toBe("");
  });

  it("exits 2 on a usage error and prints the version", () => {
    const dir = tempDir();
    const usage = docklint(["--nope"], dir);
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain('Unknown option "--nope"');
    const version = docklint(["--version"], dir);
    expect(version.status).toBe(0);
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+/);
  });

  it("does not load the friendly formatter for --format json", () => {
    const dir = tempDir({ "docklint.config.json": CONFIG, Dockerfile: FAILING });
    const script = `
      import { createRequire } from "node:module";
      import { main } from ${JSON.stringify(pathToFileURL(DIST_MAIN).href)};
      const sink = { write: () => true };
      const code = await main(process.argv.slice(1), { cwd: process.cwd(), stdout: sink, stderr: sink, env: {} });
      // The parts the friendly report is rendered with (src/formatters/friendly.ts): chalk, babel's highlighter, text-table.
      const loaded = Object.keys(createRequire(import.meta.url).cache).some((id) => /[\\/](?:text-table|@babel[\\/]highlight)[\\/]/.test(id));
      process.stdout.write(JSON.stringify({ code, loaded }));
    `;
    const probe = (format: string): unknown => {
      const result = spawnSync(process.execPath, ["--input-type=module", "-e", script, "--", "--format", format], { cwd: dir, encoding: "utf8" });
      return JSON.parse(result.stdout);
    };
    expect(probe("json")).toEqual({ code: 1, loaded: false });
    // The probe does see it when it is used.
    expect(probe("friendly")).toEqual({ code: 1, loaded: true });
  });
});
