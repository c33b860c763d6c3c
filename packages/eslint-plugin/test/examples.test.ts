import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { MAJORS, pluginRoot, repoRoot, tempDir } from "./helpers.js";

const example = path.join(repoRoot, "examples", "eslint");

/** The example as a user has it: a copy whose node_modules holds the plugin and @eslint/js. */
function installedCopy(): string {
  const dir = tempDir();
  fs.cpSync(example, dir, { recursive: true });
  fs.mkdirSync(path.join(dir, "node_modules", "@eslint"), { recursive: true });
  fs.symlinkSync(pluginRoot, path.join(dir, "node_modules", "eslint-plugin-docklint"), "dir");
  fs.symlinkSync(fs.realpathSync(path.join(repoRoot, "node_modules", "@eslint", "js")), path.join(dir, "node_modules", "@eslint", "js"), "dir");
  return dir;
}

interface JsonResult {
  filePath: string;
  messages: { ruleId: string | null; line: number; column: number; severity: number }[];
  output?: string;
}

function eslint(bin: string, cwd: string, args: string[]): { status: number | null; results: JsonResult[]; stderr: string } {
  const run = spawnSync(process.execPath, [bin, ...args, "--format", "json"], { cwd, encoding: "utf8" });
  return { status: run.status, results: run.stdout ? (JSON.parse(run.stdout) as JsonResult[]) : [], stderr: run.stderr };
}

const summary = (results: readonly JsonResult[], cwd: string) =>
  Object.fromEntries(results.map((r) => [path.relative(cwd, r.filePath), r.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`)]));

describe.each(MAJORS)("examples/eslint with the ESLint $major CLI", ({ bin }) => {
  it("reports docklint's findings in the Dockerfile and compose.yaml next to the JS results, and exits 1", () => {
    const dir = installedCopy();
    const { status, results, stderr } = eslint(bin, dir, ["."]);
    expect(stderr).toBe("");
    expect(status).toBe(1);
    expect(summary(results, dir)).toEqual({
      // COPY . . with no .dockerignore (and node_modules/ in the context): a warning.
      Dockerfile: ["2:1 docklint/require-non-root-user", "3:1 docklint/no-maintainer", "5:6 docklint/no-secret-files-in-context"],
      "compose.yaml": [
        // No require-cap-drop-all: a privileged service gets every capability whatever cap_drop says.
        "2:3 docklint/require-no-new-privileges",
        // The project view: `build: .` builds the Dockerfile beside it, which never sets USER.
        "2:3 docklint/require-non-root-user",
        "2:3 docklint/require-resource-limits",
        "2:3 docklint/require-resource-limits",
        "4:17 docklint/no-privileged",
        "6:9 docklint/require-port-host-ip",
      ],
      "eslint.config.js": [],
      "src/index.js": [],
    });
  });

  it("--fix rewrites the Dockerfile and leaves the # syntax= directive on line 1", () => {
    const dir = installedCopy();
    const { status } = eslint(bin, dir, ["--fix", "."]);
    expect(status).toBe(1);
    const fixed = fs.readFileSync(path.join(dir, "Dockerfile"), "utf8");
    expect(fixed.split("\n").slice(0, 3)).toEqual(["# syntax=docker/dockerfile:1", "FROM node:22", 'LABEL org.opencontainers.image.authors="team@example.com"']);
    expect(fs.readFileSync(path.join(dir, "compose.yaml"), "utf8")).toBe(fs.readFileSync(path.join(example, "compose.yaml"), "utf8"));
  });

  it("reports the used disable comment as used, and an unused one with --report-unused-disable-directives", () => {
    const dir = installedCopy();
    fs.appendFileSync(path.join(dir, "Dockerfile"), "# eslint-disable-next-line docklint/no-sudo\nRUN npm test\n");
    const { results } = eslint(bin, dir, ["--report-unused-disable-directives", "Dockerfile"]);
    expect(summary(results, dir)["Dockerfile"]).toEqual(["2:1 docklint/require-non-root-user", "3:1 docklint/no-maintainer", "5:6 docklint/no-secret-files-in-context", "9:1 null"]);
  });
});

describe("examples/eslint/.vscode/settings.json", () => {
  it("validates Dockerfiles, Compose files and YAML, and keeps the JS/TS ids eslint.validate would otherwise drop", () => {
    const settings = JSON.parse(fs.readFileSync(path.join(example, ".vscode", "settings.json"), "utf8")) as { "eslint.validate": string[] };
    expect(settings["eslint.validate"]).toEqual(expect.arrayContaining(["javascript", "javascriptreact", "typescript", "typescriptreact", "dockerfile", "dockercompose", "yaml"]));
  });
});
