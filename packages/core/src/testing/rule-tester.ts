import assert from "node:assert/strict";
import type { LintServices, Rule, Settings } from "../rule.js";
import { lintText } from "../linter.js";
import type { FileKind, LintMessage } from "../types.js";
import { visibleText } from "../util/visible-text.js";

export interface ValidCase {
  code: string;
  name?: string;
  options?: Record<string, unknown>;
  settings?: Settings;
  filePath?: string;
  services?: LintServices;
}

export interface ExpectedError {
  messageId: string;
  data?: Record<string, string | number>;
  /** The full message text, when the test wants to pin the wording. */
  message?: string;
  line: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
  /** Suggestion descriptions, in order. */
  suggestions?: string[];
}

export interface InvalidCase extends ValidCase {
  errors: ExpectedError[];
  /** Text after `--fix`; `null` asserts that no fix is offered. Required when the rule fixes. */
  output?: string | null;
}

export interface TestFramework {
  describe(name: string, body: () => void): void;
  it(name: string, body: () => void): void;
}

const KIND_FILE: Record<FileKind, string> = { dockerfile: "Dockerfile", compose: "compose.yaml", daemon: "daemon.json" };

function run(rule: Rule, testCase: ValidCase, fix = false) {
  const id = rule.meta.id;
  return lintText(testCase.code, {
    filePath: testCase.filePath ?? KIND_FILE[rule.meta.kind],
    kind: rule.meta.kind,
    rules: [rule],
    config: { rules: { [id]: testCase.options ? ["error", testCase.options] : "error" }, settings: testCase.settings ?? {} },
    fix,
    ...(testCase.services ? { services: testCase.services } : {}),
  });
}

/**
 * The text after applying one suggestion of one finding of `rule` on `code` — for tests of
 * suggestion output. `findings` asserts how many findings the code gives first.
 */
export function applySuggestion(
  rule: Rule,
  code: string,
  options: { finding?: number; suggestion?: number; findings?: number } = {},
): string {
  const result = run(rule, { code });
  if (options.findings !== undefined) {
    assert.equal(result.messages.length, options.findings, `expected ${options.findings} finding(s):\n${describeMessages(result.messages)}`);
  }
  const fix = result.messages[options.finding ?? 0]?.suggestions?.[options.suggestion ?? 0]?.fix;
  assert.ok(fix, "expected a suggestion");
  return code.slice(0, fix.range[0]) + fix.text + code.slice(fix.range[1]);
}

function describeMessages(messages: readonly LintMessage[]): string {
  return messages.map((m) => `  ${m.line}:${m.column} ${m.ruleId ?? "(none)"} ${m.messageId ?? ""} ${m.message}`).join("\n") || "  (none)";
}

function title(testCase: ValidCase): string {
  return testCase.name ?? testCase.code.replace(/\s+/g, " ").slice(0, 70);
}

/**
 * ESLint-style table-driven tests for a docklint rule. Runner-agnostic: pass vitest's or
 * node:test's `describe` and `it`. Assertions use node:assert, so any runner reports them.
 */
export function createRuleTester(framework: TestFramework) {
  return {
    run(rule: Rule, cases: { valid: (string | ValidCase)[]; invalid: InvalidCase[] }): void {
      framework.describe(rule.meta.id, () => {
        framework.describe("valid", () => {
          for (const raw of cases.valid) {
            const testCase = typeof raw === "string" ? { code: raw } : raw;
            framework.it(title(testCase), () => {
              const result = run(rule, testCase);
              assert.equal(result.messages.length, 0, `expected no findings, got:\n${describeMessages(result.messages)}`);
            });
          }
        });
        framework.describe("invalid", () => {
          for (const testCase of cases.invalid) {
            framework.it(title(testCase), () => {
              const result = run(rule, testCase);
              const messages = result.messages;
              assert.equal(
                messages.length,
                testCase.errors.length,
                `expected ${testCase.errors.length} finding(s), got ${messages.length}:\n${describeMessages(messages)}`,
              );
              testCase.errors.forEach((expected, i) => {
                const actual = messages[i];
                assert.ok(actual);
                assert.equal(actual.ruleId, rule.meta.id, `finding ${i}: ${actual.message}`);
                assert.equal(actual.messageId, expected.messageId, `finding ${i} messageId: ${actual.message}`);
                // A placeholder as formatMessage reads them; a message may quote `{{` itself (a template's tag).
                assert.ok(!/\{\{\s*\w+\s*\}\}/.test(actual.message), `finding ${i} has an unfilled placeholder: ${actual.message}`);
                if (expected.message !== undefined) assert.equal(actual.message, expected.message);
                if (expected.data) {
                  const template = rule.meta.messages[expected.messageId] ?? "";
                  // As lintText gives it: the data's control characters shown as signs.
                  const wanted = visibleText(template.replace(/\{\{\s*(\w+)\s*\}\}/g, (w, k: string) => String(expected.data?.[k] ?? w)));
                  assert.equal(actual.message, wanted, `finding ${i} message`);
                }
                assert.equal(actual.line, expected.line, `finding ${i} line: ${actual.message}`);
                if (expected.column !== undefined) assert.equal(actual.column, expected.column, `finding ${i} column`);
                if (expected.endLine !== undefined) assert.equal(actual.endLine, expected.endLine, `finding ${i} endLine`);
                if (expected.endColumn !== undefined) assert.equal(actual.endColumn, expected.endColumn, `finding ${i} endColumn`);
                if (expected.suggestions !== undefined) {
                  assert.deepEqual((actual.suggestions ?? []).map((s) => s.desc), expected.suggestions, `finding ${i} suggestions`);
                }
              });
              const offersFix = messages.some((m) => m.fix);
              if (testCase.output === undefined) {
                assert.ok(!offersFix, "the rule offers a fix: add `output` to the test case");
              } else if (testCase.output === null) {
                assert.ok(!offersFix, "expected no fix");
              } else {
                assert.ok(offersFix, "expected a fix");
                const fixed = run(rule, testCase, true);
                assert.equal(fixed.output ?? testCase.code, testCase.output);
              }
            });
          }
        });
      });
    },
  };
}
