import { describe, expect, it } from "vitest";
import { builtinRules, listRules, type RuleInfo } from "@docklint/core";
import { main } from "../src/main.js";
import { tempDir } from "./helpers.js";

async function rulesCommand(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  // All built-in rules here: this is the listing other tools read.
  const code = await main(argv, { cwd: tempDir(), stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) }, env: {} });
  return { code, stdout, stderr };
}

describe("docklint rules", () => {
  it("--format json is exactly listRules(builtinRules), pretty-printed", async () => {
    const { code, stdout } = await rulesCommand(["rules", "--format", "json"]);
    expect(code).toBe(0);
    expect(stdout).toBe(`${JSON.stringify(listRules(builtinRules), null, 2)}\n`);
    const rules = JSON.parse(stdout) as RuleInfo[];
    const nonRoot = rules.find((r) => r.id === "require-non-root-user");
    expect(nonRoot?.references.hadolint).toContain("DL3002");
    // One id, one concept: the rule covers Dockerfiles (USER) and Compose files (`user:`).
    expect(nonRoot).toMatchObject({ kinds: ["dockerfile", "compose"], category: "security", severity: "error", fixable: false });
    expect(rules.find((r) => r.id === "valid-schema")?.kinds).toEqual(["compose"]);
    expect(nonRoot?.docs).toMatch(/^https:\/\/.*require-non-root-user\.md$/);
  });

  it("prints a table by default", async () => {
    const { code, stdout } = await rulesCommand(["rules"]);
    expect(code).toBe(0);
    const lines = stdout.split("\n");
    expect(lines[0]).toMatch(/^RULE\s+KINDS\s+CATEGORY\s+SEVERITY\s+PRESETS\s+FIX\s+REFERENCES$/);
    const row = lines.find((line) => line.startsWith("require-non-root-user "));
    expect(row).toMatch(/dockerfile,compose\s+security\s+error\s+recommended,strict,cis\s+-\s+hadolint:DL3002 /);
    expect(row).toContain("kics(2)");
    expect(stdout).toMatch(new RegExp(`\\n${listRules(builtinRules).length} rules?\\. `));
    expect(lines.every((line) => line === line.trimEnd())).toBe(true);
  });

  it("--format text is the table too; other formats are usage errors", async () => {
    expect((await rulesCommand(["rules", "--format", "text"])).stdout).toBe((await rulesCommand(["rules"])).stdout);
    const bad = await rulesCommand(["rules", "-f", "compact"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('"compact"');
  });
});
