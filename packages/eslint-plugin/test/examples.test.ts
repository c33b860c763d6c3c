import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { MAJORS, pluginRoot, repoRoot, tempDir } from "./helpers.js";

const example = path.join(repoRoot, "examples", "eslint");
/**
 * The end-of-life rule judges against today, and `node:22` reaches its end of life on 2027-04-30:
 * the findings these tests pin must not change with the date they run on.
 */
const NO_CLOCK = ["--rule", "docklint/no-eol-base-image: off"];

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
  messages: { ruleId: string | null; line: number; column: number; severity: number; message: string }[];
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
    const { status, results, stderr } = eslint(bin, dir, [".", ...NO_CLOCK]);
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
    const { results } = eslint(bin, dir, ["--report-unused-disable-directives", ...NO_CLOCK, "Dockerfile"]);
    expect(summary(results, dir)["Dockerfile"]).toEqual(["2:1 docklint/require-non-root-user", "3:1 docklint/no-maintainer", "5:6 docklint/no-secret-files-in-context", "9:1 null"]);
  });
});

describe("packages/eslint-plugin/README.md's example output", () => {
  it("is what ESLint reports on examples/eslint: the same findings, messages and counts", () => {
    const readme = fs.readFileSync(path.join(pluginRoot, "README.md"), "utf8");
    const block = /Real output of `npx eslint \.` in that example:\n\n```text\n([\s\S]*?)```/.exec(readme)?.[1] ?? "";
    const shown: string[] = [];
    let file = "";
    for (const line of block.split("\n")) {
      if (line.startsWith("/")) file = path.posix.basename(line);
      const finding = /^\s+(\d+:\d+)\s+(error|warning)\s+(.*?)\s+(docklint\/\S+)$/.exec(line);
      if (finding) shown.push(`${file} ${finding[1]} ${finding[2]} ${finding[4]}: ${finding[3]}`);
    }
    const dir = installedCopy();
    const run = spawnSync(process.execPath, [MAJORS[0].bin, ".", ...NO_CLOCK, "--format", "json"], { cwd: dir, encoding: "utf8" });
    const results = JSON.parse(run.stdout) as JsonResult[];
    // The stylish formatter drops a message's final period.
    const reported = results.flatMap((r) =>
      r.messages.map((m) => `${path.basename(r.filePath)} ${m.line}:${m.column} ${m.severity === 2 ? "error" : "warning"} ${m.ruleId}: ${m.message.replace(/([^ ])\.$/u, "$1")}`),
    );
    expect(shown).toEqual(reported);
    const errors = results.flatMap((r) => r.messages).filter((m) => m.severity === 2).length;
    expect(block).toContain(`✖ ${reported.length} problems (${errors} errors, ${reported.length - errors} warnings)`);
  });
});

describe("examples/eslint/.vscode/settings.json", () => {
  it("validates Dockerfiles, Compose files and YAML, and keeps the JS/TS ids eslint.validate would otherwise drop", () => {
    const settings = JSON.parse(fs.readFileSync(path.join(example, ".vscode", "settings.json"), "utf8")) as { "eslint.validate": string[] };
    expect(settings["eslint.validate"]).toEqual(expect.arrayContaining(["javascript", "javascriptreact", "typescript", "typescriptreact", "dockerfile", "dockercompose", "yaml"]));
  });
});
