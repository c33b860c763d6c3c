import { execFileSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { lintFiles } from "docklint";
import plugin, { shellcheckRunner } from "../src/index.js";
import { eslintRuleId, finding, findingKey, MAJORS, tempDir } from "./helpers.js";

const hasShellcheck = shellcheckRunner() !== undefined;

/** A Dockerfile whose RUN ShellCheck flags (SC2155: declare and assign separately). */
const SHELLCHECKED = 'FROM alpine:3.20\nRUN export NOW="$(date)" && echo "$NOW"\n';
const DIRECTIVES = "# check=error=maybe\nFROM alpine:3.20\n# docklint-disable-next-line not-a-rule\nRUN id\n";
const COMPOSE_DIRECTIVES = "services:\n  web:\n    # docklint-disable-next-line nope\n    image: nginx:1.27\n";

/** The CLI's findings (its own API, every rule on, ShellCheck as the CLI runs it), named as ESLint names them. */
async function cliFindings(dir: string, file: string): Promise<string[]> {
  const [result] = await lintFiles([file], { cwd: dir, config: { extends: ["all"] }, configLookup: false });
  // ESLint prefixes parse failures with "Parsing error: "; fatal messages have no end.
  return (result?.messages ?? [])
    .map((m) => finding({ ...m, ruleId: eslintRuleId(m), ...(m.fatal ? { message: `Parsing error: ${m.message}`, endLine: undefined, endColumn: undefined } : {}) }))
    .map(findingKey)
    .sort();
}

describe.each(MAJORS)("ESLint $major: the plugin's findings equal the CLI's", ({ ESLint }) => {
  const eslintFor = (cwd: string) => new ESLint({ cwd, overrideConfigFile: true, overrideConfig: plugin.configs.all as never });
  const eslintFindings = async (dir: string, file: string) => {
    const [result] = await eslintFor(dir).lintFiles([file]);
    return { result, keys: (result?.messages ?? []).map(finding).map(findingKey).sort() };
  };

  it("reports an empty or blank file as a fatal parse failure at 1:1 with the CLI's message", async () => {
    const dir = tempDir({ Dockerfile: "", "compose.yaml": "\n  \n", "etc/daemon.json": "\uFEFF \n" });
    for (const [file, wording] of [
      ["Dockerfile", /^Parsing error: This Dockerfile is empty: `docker build` fails on it/],
      ["compose.yaml", /^Parsing error: This Compose file is empty: `docker compose` rejects it/],
      ["etc/daemon.json", /^Parsing error: This file is empty: there is nothing to lint/],
    ] as const) {
      const { result, keys } = await eslintFindings(dir, file);
      expect(result?.fatalErrorCount, file).toBe(1);
      expect(result?.messages, file).toEqual([expect.objectContaining({ ruleId: null, fatal: true, severity: 2, line: 1, column: 1, message: expect.stringMatching(wording) })]);
      expect(keys, file).toEqual(await cliFindings(dir, file));
    }
  });

  it("reports core's messages of no rule (invalid # check=, unknown rules in docklint-disable comments) as docklint/directives", async () => {
    const dir = tempDir({ Dockerfile: DIRECTIVES, "compose.yaml": COMPOSE_DIRECTIVES });
    const { result, keys } = await eslintFindings(dir, "Dockerfile");
    const directives = result?.messages.filter((m) => m.ruleId === "docklint/directives") ?? [];
    expect(directives.map((m) => `${m.line}:${m.column} ${m.message}`)).toEqual([
      '1:1 Invalid "# check=" directive: error="maybe" is not a boolean; the build rejects it.',
      '3:30 Unknown rule "not-a-rule" in a docklint-disable-next-line comment; check the spelling, or remove it.',
    ]);
    expect(directives.every((m) => m.severity === 1)).toBe(true);
    expect(keys).toEqual(await cliFindings(dir, "Dockerfile"));
    const compose = await eslintFindings(dir, "compose.yaml");
    expect(compose.result?.messages.filter((m) => m.ruleId === "docklint/directives").map((m) => `${m.line}:${m.column}`)).toEqual(["3:34"]);
    expect(compose.keys).toEqual(await cliFindings(dir, "compose.yaml"));
  });

  it("runs docklint/directives alone (no other docklint rule on), and not at all when it is off", async () => {
    const dir = tempDir({ Dockerfile: DIRECTIVES });
    const only = (severity: "warn" | "off") =>
      new ESLint({
        cwd: dir,
        overrideConfigFile: true,
        overrideConfig: [{ files: ["**/Dockerfile"], plugins: { docklint: plugin }, language: "docklint/dockerfile", rules: { "docklint/directives": severity } }] as never,
      });
    const [alone] = await only("warn").lintFiles(["Dockerfile"]);
    expect(alone?.messages.map((m) => `${m.ruleId}@${m.line}`)).toEqual(["docklint/directives@1", "docklint/directives@3"]);
    const [off] = await only("off").lintFiles(["Dockerfile"]);
    expect(off?.messages).toEqual([]);
  });

  it("turns docklint/directives on in every config", () => {
    for (const preset of ["recommended", "strict", "cis", "all"] as const) {
      for (const config of plugin.configs[preset]) expect(config.rules["docklint/directives"], `${preset} ${config.language}`).toBe("warn");
    }
    expect(plugin.rules["directives"]?.meta?.docs?.description).toMatch(/check=/);
  });

  it.skipIf(!hasShellcheck)("runs ShellCheck through the CLI's runner when docklint/shellcheck is on", async () => {
    const dir = tempDir({ Dockerfile: SHELLCHECKED });
    const { result, keys } = await eslintFindings(dir, "Dockerfile");
    expect(result?.messages.filter((m) => m.ruleId === "docklint/shellcheck").map((m) => m.message)).toEqual([expect.stringMatching(/^SC2155: /)]);
    expect(keys).toEqual(await cliFindings(dir, "Dockerfile"));
    // Off: no ShellCheck finding, and the runner is not asked.
    const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: [...plugin.configs.all, { files: ["**/Dockerfile"], rules: { "docklint/shellcheck": "off" } }] as never });
    const [off] = await eslint.lintFiles(["Dockerfile"]);
    expect(off?.messages.some((m) => m.ruleId === "docklint/shellcheck")).toBe(false);
  });

  it.skipIf(!hasShellcheck)("passes docklint/shellcheck's options to the runner's findings (exclude)", async () => {
    const dir = tempDir({ Dockerfile: SHELLCHECKED });
    const eslint = new ESLint({
      cwd: dir,
      overrideConfigFile: true,
      overrideConfig: [...plugin.configs.all, { files: ["**/Dockerfile"], rules: { "docklint/shellcheck": ["error", { exclude: ["SC2155"] }] } }] as never,
    });
    const [result] = await eslint.lintFiles([path.join(dir, "Dockerfile")]);
    expect(result?.messages.some((m) => m.ruleId === "docklint/shellcheck")).toBe(false);
  });
});

if (!hasShellcheck) {
  describe("ShellCheck in ESLint", () => {
    it.skip("skipped: the shellcheck program is not installed (not found on PATH), so the ShellCheck tests cannot run", () => undefined);
  });
}

describe.runIf(hasShellcheck)("the plugin's ShellCheck runner", () => {
  it("is the CLI's, on the program found on PATH", () => {
    const found = execFileSync(process.platform === "win32" ? "where" : "which", ["shellcheck"], { encoding: "utf8" }).split(/\r?\n/)[0] ?? "";
    expect(shellcheckRunner()?.executable).toBe(path.resolve(found));
    expect(shellcheckRunner()).toBe(shellcheckRunner());
  });
});
