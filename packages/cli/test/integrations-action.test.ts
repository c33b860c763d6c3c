import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { CLEAN, FAILING, tempDir } from "./helpers.js";

/**
 * The GitHub Action (action.yml + scripts/action-run.sh) and the CI examples (examples/ci/).
 * The action's lint step is run here as GitHub runs it: its `run:` body under bash, with the
 * step's `env:` evaluated for the given inputs (`${{ inputs.x }}`, `${{ github.action_path }}`).
 * The install step (pnpm install + build from the action's checkout) needs the network and is
 * what `pnpm install && pnpm build` already does before these tests; it is checked for shape only.
 */

const REPO = fileURLToPath(new URL("../../../", import.meta.url));
const DIST_MAIN = path.join(REPO, "packages/cli/dist/main.js");
const BIN = path.join(REPO, "packages/cli/bin/docklint.js");
const built = fs.existsSync(DIST_MAIN);
if (!built) console.warn(`Skipping the action and CI example runs: ${DIST_MAIN} is missing; run "pnpm build" first.`);

interface Step {
  name?: string;
  id?: string;
  if?: string;
  uses?: string;
  run?: string;
  shell?: string;
  "working-directory"?: string;
  env?: Record<string, string>;
  with?: Record<string, string | boolean>;
}
interface Action {
  name: string;
  description: string;
  inputs: Record<string, { description: string; required?: boolean; default?: string }>;
  outputs: Record<string, { description: string; value: string }>;
  runs: { using: string; steps: Step[] };
}

const action = parse(fs.readFileSync(path.join(REPO, "action.yml"), "utf8")) as Action;
const SCRIPT = path.join(REPO, "scripts/action-run.sh");
const lintStep = action.runs.steps.find((step) => step.id === "lint");

const CONFIG = JSON.stringify({ extends: [], rules: { "require-non-root-user": "error", "no-maintainer": "warn" } });
const WARNS_ONLY = 'FROM alpine:3.19\nMAINTAINER "Jane"\nUSER 10001\n';

/**
 * Standard input from /dev/null: Node gives a child a socket for a piped stdin, and bash reads
 * ~/.bashrc when its standard input is a socket (it takes it for an ssh session).
 */
const BASH_STDIO: ["ignore", "pipe", "pipe"] = ["ignore", "pipe", "pipe"];

/** GitHub's substitution of the two expression forms the lint step uses. */
function evaluate(value: string, inputs: Record<string, string>): string {
  return value.replace(/\$\{\{\s*(inputs\.([\w-]+)|github\.action_path)\s*\}\}/g, (_whole, _expr: string, input: string | undefined) => {
    if (input === undefined) return REPO.replace(/\/$/, "");
    const spec = action.inputs[input];
    if (!spec) throw new Error(`action.yml refers to an undeclared input "${input}"`);
    return inputs[input] ?? spec.default ?? "";
  });
}

interface StepRun {
  status: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
}

/** Runs the action's lint step in `cwd` (the "workspace") with these inputs. */
function runLintStep(cwd: string, inputs: Record<string, string>, extraEnv: Record<string, string> = {}): StepRun {
  if (!lintStep?.run || !lintStep.env) throw new Error("action.yml has no lint step with run and env");
  const outputFile = path.join(tempDir(), "github-output");
  fs.writeFileSync(outputFile, "");
  const env: NodeJS.ProcessEnv = { PATH: process.env["PATH"], HOME: process.env["HOME"], NO_COLOR: "1", GITHUB_OUTPUT: outputFile, GITHUB_ACTION_PATH: REPO.replace(/\/$/, "") };
  for (const [key, value] of Object.entries(lintStep.env)) env[key] = evaluate(value, inputs);
  Object.assign(env, extraEnv);
  const result = spawnSync("bash", ["-e", "-c", lintStep.run], { cwd, env, encoding: "utf8", timeout: 60_000, stdio: BASH_STDIO });
  const outputs: Record<string, string> = {};
  for (const line of fs.readFileSync(outputFile, "utf8").split("\n")) {
    const eq = line.indexOf("=");
    if (eq > 0) outputs[line.slice(0, eq)] = line.slice(eq + 1);
  }
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, outputs };
}

interface Sarif {
  version: string;
  runs: { tool: { driver: { name: string; rules?: { id: string }[] } }; results: { ruleId: string; level: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[];
}

function readSarif(file: string): Sarif {
  return JSON.parse(fs.readFileSync(file, "utf8")) as Sarif;
}

function sarifFindings(sarif: Sarif): string[] {
  return sarif.runs.flatMap((run) => run.results.map((r) => `${r.locations[0]?.physicalLocation.artifactLocation.uri} ${r.ruleId} ${r.level}`)).sort();
}

describe("action.yml", () => {
  it("is a composite action with the documented inputs and outputs", () => {
    expect(action.name).toBe("docklint");
    expect(action.runs.using).toBe("composite");
    expect(Object.keys(action.inputs)).toEqual(["paths", "config", "format", "fail-on", "sarif-file", "upload-sarif"]);
    expect(Object.fromEntries(Object.entries(action.inputs).map(([name, spec]) => [name, spec.default]))).toEqual({
      paths: ".",
      config: "",
      format: "friendly",
      "fail-on": "error",
      "sarif-file": "docklint.sarif",
      "upload-sarif": "true",
    });
    for (const [name, spec] of Object.entries(action.inputs)) {
      expect(spec.description.length, name).toBeGreaterThan(20);
      expect(spec.required, name).toBe(false);
    }
    expect(action.outputs["exit-code"]?.value).toBe("${{ steps.lint.outputs.exit-code }}");
    expect(action.outputs["sarif-file"]?.value).toBe("${{ steps.lint.outputs.sarif-file }}");
    for (const step of action.runs.steps) if (step.run) expect(step.shell, step.name).toBe("bash");
  });

  it("builds itself from its own checkout with the repository's pnpm, then runs scripts/action-run.sh", () => {
    const [install, lint, upload] = action.runs.steps;
    expect(action.runs.steps).toHaveLength(3);
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO, "package.json"), "utf8")) as { packageManager: string };
    expect(install?.["working-directory"]).toBe("${{ github.action_path }}");
    expect(install?.run).toContain(`npx --yes ${pkg.packageManager} install --frozen-lockfile`);
    expect(install?.run).toContain(`npx --yes ${pkg.packageManager} build`);
    expect(lint?.id).toBe("lint");
    expect(lint?.run).toBe('bash "$GITHUB_ACTION_PATH/scripts/action-run.sh"');
    expect(lint?.env?.["DOCKLINT_BIN"]).toBe("${{ github.action_path }}/packages/cli/bin/docklint.js");
    expect(fs.existsSync(BIN)).toBe(true);
    // Every input reaches the script, and every variable the script reads is set.
    const fromInputs = Object.values(lint?.env ?? {}).flatMap((value) => /^\$\{\{ inputs\.([\w-]+) \}\}$/.exec(value)?.[1] ?? []);
    expect(fromInputs.sort()).toEqual(["config", "fail-on", "format", "paths", "sarif-file"]);
    const script = fs.readFileSync(SCRIPT, "utf8");
    const read = [...new Set([...script.matchAll(/\$\{(DOCKLINT_[A-Z_]+)/g)].map((m) => m[1]))].sort();
    expect(read).toEqual(Object.keys(lint?.env ?? {}).sort());
    // The upload runs also when the lint step failed on findings, and only when a report exists.
    expect(upload?.uses).toBe("github/codeql-action/upload-sarif@v3");
    expect(upload?.if).toBe("${{ always() && inputs.upload-sarif == 'true' && steps.lint.outputs.sarif-file != '' }}");
    expect(upload?.with).toEqual({ sarif_file: "${{ steps.lint.outputs.sarif-file }}", category: "docklint" });
  });
});

describe.skipIf(!built)("the action's lint step (scripts/action-run.sh)", () => {
  it("with the defaults: prints the friendly report, writes SARIF, outputs, and fails on errors", () => {
    const dir = tempDir({ "docklint.config.json": CONFIG, "app/Dockerfile": FAILING, "ok/Dockerfile": CLEAN, "notes.txt": "x" });
    const run = runLintStep(dir, {});
    expect(run.stderr).toBe("");
    expect(run.status).toBe(1);
    expect(run.stdout).toContain("app/Dockerfile:1:1");
    expect(run.stdout).toContain("require-non-root-user");
    const sarifFile = path.join(dir, "docklint.sarif");
    expect(run.outputs).toEqual({ "exit-code": "1", "sarif-file": sarifFile });
    const sarif = readSarif(sarifFile);
    expect(sarif.version).toBe("2.1.0");
    expect(sarif.runs[0]?.tool.driver.name).toBe("docklint");
    expect(sarifFindings(sarif)).toEqual(["app/Dockerfile require-non-root-user error"]);
  });

  it("fail-on: never passes with findings, warning fails on warnings, error does not", () => {
    const dir = tempDir({ "docklint.config.json": CONFIG, "a/Dockerfile": FAILING, "w/Dockerfile": WARNS_ONLY });
    const never = runLintStep(dir, { "fail-on": "never", paths: "a" });
    expect(never.status).toBe(0);
    expect(never.stdout).toContain('fail-on is "never"');
    expect(never.outputs["exit-code"]).toBe("1");
    expect(sarifFindings(readSarif(path.join(dir, "docklint.sarif")))).toEqual(["a/Dockerfile require-non-root-user error"]);

    const errorOnly = runLintStep(dir, { paths: "w" });
    expect(errorOnly.status).toBe(0);
    expect(errorOnly.outputs["exit-code"]).toBe("0");
    expect(sarifFindings(readSarif(path.join(dir, "docklint.sarif")))).toEqual(["w/Dockerfile no-maintainer warning"]);

    const warning = runLintStep(dir, { paths: "w", "fail-on": "warning" });
    expect(warning.status).toBe(1);
    expect(warning.outputs["exit-code"]).toBe("1");
    expect(warning.stderr).toContain("too many warnings");
  });

  it("takes paths one per line (spaces allowed) or space-separated, a config file, a format and a SARIF path", () => {
    const dir = tempDir({
      "my app/Dockerfile": FAILING,
      "b/Dockerfile": WARNS_ONLY,
      "c/Dockerfile": FAILING,
      "ci/docklint.json": JSON.stringify({ extends: [], rules: { "no-maintainer": "error" } }),
    });
    const lines = runLintStep(dir, { paths: "my app\nb\n", config: "ci/docklint.json", format: "compact", "sarif-file": "reports/out.sarif" });
    expect(lines.status).toBe(1);
    expect(lines.stdout).toMatch(/\/b\/Dockerfile: line 2, col 1, Error - MAINTAINER is deprecated.*\(no-maintainer\)\n\n1 problem\n$/);
    expect(lines.outputs["sarif-file"]).toBe(path.join(dir, "reports/out.sarif"));
    expect(sarifFindings(readSarif(path.join(dir, "reports/out.sarif")))).toEqual(["b/Dockerfile no-maintainer error"]);

    const words = runLintStep(dir, { paths: "b c", config: "ci/docklint.json", format: "json", "sarif-file": path.join(dir, "abs.sarif") });
    expect(words.status).toBe(1);
    expect((JSON.parse(words.stdout) as { filePath: string }[]).map((r) => path.relative(dir, r.filePath))).toEqual([path.join("b", "Dockerfile"), path.join("c", "Dockerfile")]);
    expect(words.outputs["sarif-file"]).toBe(path.join(dir, "abs.sarif"));
  });

  it("with an empty sarif-file writes no report and outputs no sarif-file (so nothing is uploaded)", () => {
    const dir = tempDir({ "docklint.config.json": CONFIG, Dockerfile: FAILING });
    const run = runLintStep(dir, { "sarif-file": "", format: "compact" });
    expect(run.status).toBe(1);
    expect(run.outputs).toEqual({ "exit-code": "1" });
    expect(fs.readdirSync(dir).sort()).toEqual(["Dockerfile", "docklint.config.json"]);
    expect(run.stdout).toContain("(require-non-root-user)");
  });

  it("format sarif prints the SARIF report to the log as well", () => {
    const dir = tempDir({ "docklint.config.json": CONFIG, Dockerfile: FAILING });
    const run = runLintStep(dir, { format: "sarif", "sarif-file": "" });
    expect(run.status).toBe(1);
    expect(sarifFindings(JSON.parse(run.stdout) as Sarif)).toEqual(["Dockerfile require-non-root-user error"]);
  });

  it("exits 2 without a sarif-file output when docklint cannot run: bad config, missing path, bad fail-on, no CLI", () => {
    const dir = tempDir({ "docklint.config.json": '{"rules": {"no-sudoo": "error"}}', Dockerfile: CLEAN });
    const badConfig = runLintStep(dir, {});
    expect(badConfig.status).toBe(2);
    expect(badConfig.stderr).toMatch(/Invalid config file "docklint.config.json": .*did you mean "no-sudo"\?/);
    expect(badConfig.outputs).toEqual({ "exit-code": "2" });

    const missing = runLintStep(tempDir({ Dockerfile: CLEAN }), { paths: "nope" });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('"nope"');
    expect(missing.outputs["sarif-file"]).toBeUndefined();

    const failOn = runLintStep(dir, { "fail-on": "warnings" });
    expect(failOn.status).toBe(2);
    expect(failOn.stdout).toContain("::error title=docklint::");
    expect(failOn.stderr).toContain('Invalid input fail-on "warnings": expected error, warning or never.');
    expect(failOn.outputs).toEqual({});

    const noCli = runLintStep(dir, {}, { DOCKLINT_BIN: path.join(dir, "missing.js") });
    expect(noCli.status).toBe(2);
    expect(noCli.stderr).toContain("does not exist: the action's install step (pnpm install && pnpm build) must run first");
  });

  it("does not read a path starting with '-' as an option", () => {
    const dir = tempDir({ "docklint.config.json": CONFIG, "-x/Dockerfile": FAILING });
    const run = runLintStep(dir, { paths: "-x", format: "compact" });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain("-x/Dockerfile: line 1, col 1, Error");
  });
});

describe("examples/ci/github-workflow.yml", () => {
  const workflow = parse(fs.readFileSync(path.join(REPO, "examples/ci/github-workflow.yml"), "utf8")) as {
    permissions: Record<string, string>;
    jobs: Record<string, { "runs-on": string; steps: Step[] }>;
  };

  it("runs the action with its inputs and the permission SARIF upload needs", () => {
    expect(workflow.permissions).toEqual({ contents: "read", "security-events": "write" });
    const steps = workflow.jobs["docklint"]?.steps ?? [];
    expect(steps[0]?.uses).toMatch(/^actions\/checkout@v\d+$/);
    const uses = steps.find((step) => step.uses?.startsWith("docklint/docklint@"));
    expect(uses).toBeDefined();
    const given = Object.keys(uses?.with ?? {});
    expect(given.every((input) => input in action.inputs)).toBe(true);
    expect(uses?.with?.["upload-sarif"]).toBe(true);
    expect(uses?.with?.["sarif-file"]).toBe(action.inputs["sarif-file"]?.default);
  });
});

describe("examples/ci/gitlab-ci.yml", () => {
  const pipeline = parse(fs.readFileSync(path.join(REPO, "examples/ci/gitlab-ci.yml"), "utf8")) as Record<
    string,
    { script: string[]; artifacts: { when: string; reports: { codequality: string } } }
  >;
  const job = pipeline["docklint"];
  const lintLine = job?.script.find((line) => line.startsWith("$DOCKLINT "));

  it("publishes the report as a Code Quality artifact, also when the job fails", () => {
    expect(job?.artifacts).toEqual({ when: "always", reports: { codequality: "gl-code-quality-report.json" } });
    expect(lintLine).toBe("$DOCKLINT --format gitlab --output-file gl-code-quality-report.json --format friendly .");
    expect(job?.script.some((line) => line.includes("export DOCKLINT=") && line.includes("packages/cli/bin/docklint.js"))).toBe(true);
  });

  it.skipIf(!built)("its lint command writes a Code Quality report of the documented shape and fails on errors", () => {
    const dir = tempDir({ "docklint.config.json": CONFIG, "app/Dockerfile": FAILING, "w/Dockerfile": WARNS_ONLY, "ok/compose.yaml": "services:\n  web:\n    image: nginx:1.27\n" });
    const result = spawnSync("bash", ["-e", "-c", lintLine ?? "false"], {
      cwd: dir,
      env: { PATH: process.env["PATH"], NO_COLOR: "1", DOCKLINT: `${process.execPath} ${BIN}` },
      encoding: "utf8",
      timeout: 60_000,
      stdio: BASH_STDIO,
    });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(1);
    expect(result.stdout).toContain("app/Dockerfile:1:1");
    // https://docs.gitlab.com/ci/testing/code_quality/#code-quality-report-format
    const report = JSON.parse(fs.readFileSync(path.join(dir, "gl-code-quality-report.json"), "utf8")) as {
      description: string;
      check_name: string;
      fingerprint: string;
      severity: string;
      location: { path: string; lines: { begin: number } };
    }[];
    expect(report.map((issue) => [issue.location.path, issue.check_name, issue.severity, issue.location.lines.begin]).sort()).toEqual([
      ["app/Dockerfile", "require-non-root-user", expect.stringMatching(/^(major|critical|blocker)$/), 1],
      ["w/Dockerfile", "no-maintainer", expect.stringMatching(/^(minor|major)$/), 2],
    ]);
    for (const issue of report) {
      expect(issue.description.length).toBeGreaterThan(20);
      expect(issue.fingerprint).toMatch(/^[0-9a-f]{16,}$/);
    }
    expect(new Set(report.map((issue) => issue.fingerprint)).size).toBe(report.length);
  });
});
