import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll } from "vitest";
import { ESLint as ESLint10, RuleTester as RuleTester10 } from "eslint";
import { ESLint as ESLint9, RuleTester as RuleTester9 } from "eslint9";

/** Both majors the plugin supports, through their real Node API. */
export const MAJORS = [
  { major: 10, ESLint: ESLint10 as unknown as typeof ESLint10, RuleTester: RuleTester10 as unknown as typeof RuleTester10, bin: path.resolve(import.meta.dirname, "../../../node_modules/eslint/bin/eslint.js") },
  { major: 9, ESLint: ESLint9 as unknown as typeof ESLint10, RuleTester: RuleTester9 as unknown as typeof RuleTester10, bin: path.resolve(import.meta.dirname, "../node_modules/eslint9/bin/eslint.js") },
] as const;

export const pluginRoot = path.resolve(import.meta.dirname, "..");
export const repoRoot = path.resolve(pluginRoot, "..", "..");

const created: string[] = [];
afterAll(() => {
  for (const dir of created) fs.rmSync(dir, { recursive: true, force: true });
});

/** A fresh temporary directory with the given files (path → content); removed after the test file. */
export function tempDir(files: Record<string, string> = {}): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "docklint-eslint-")));
  created.push(dir);
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(dir, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
  return dir;
}

export interface Finding {
  ruleId: string | null;
  line: number;
  column: number;
  endLine?: number | undefined;
  endColumn?: number | undefined;
  message: string;
}

/** The comparable part of a message, ESLint's or core's. */
export function finding(m: Finding): Finding {
  return { ruleId: m.ruleId, line: m.line, column: m.column, endLine: m.endLine, endColumn: m.endColumn, message: m.message };
}

/** The id ESLint gives a core message: `docklint/<id>`, `docklint/directives` for core's messages of no rule, null for a fatal one. */
export function eslintRuleId(m: { ruleId: string | null; fatal?: boolean | undefined }): string | null {
  if (m.ruleId !== null) return `docklint/${m.ruleId}`;
  return m.fatal ? null : "docklint/directives";
}

/** A finding as one comparable line, for sorted lists of them. */
export function findingKey(m: Finding): string {
  return `${m.line}:${m.column}-${m.endLine}:${m.endColumn} ${m.ruleId} ${m.message}`;
}

/** A core message (lintText's) as the plugin makes ESLint report it: its ESLint rule id, a fatal error without an end. */
export function asEslintFinding(m: Finding & { fatal?: boolean | undefined }): Finding {
  return finding({ ...m, ruleId: eslintRuleId(m), ...(m.fatal ? { endLine: undefined, endColumn: undefined } : {}) });
}
