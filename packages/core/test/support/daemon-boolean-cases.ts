/**
 * The rule tester's table for the daemon.json rules built on `requireBoolean`
 * (rules/daemon/_daemon-setting.ts): one setting that must hold one boolean. Every such rule is
 * judged on the same cases; the positions follow from the text each case writes.
 */
import type { InvalidCase, ValidCase } from "../../src/testing/rule-tester.js";

export function requiredBooleanCases(key: string, required: boolean): { valid: ValidCase[]; invalid: InvalidCase[] } {
  const good = JSON.stringify(required);
  const bad = JSON.stringify(!required);
  const setting = `"${key}"`;
  // `  "key": value` on line 3: the value starts after the indent, the key, `: `.
  const valueColumn = `  ${setting}: `.length + 1;
  return {
    valid: [
      { name: "set as required", code: `{\n  ${setting}: ${good}\n}\n` },
      { name: "among other settings", code: `{"debug": false, ${setting}: ${good}, "log-level": "info"}` },
      { name: "a value of the wrong type is valid-daemon-config's finding", code: `{${setting}: "${bad}"}` },
      { name: "repeated: dockerd keeps the last value", code: `{${setting}: ${bad}, ${setting}: ${good}}` },
    ],
    invalid: [
      { name: "missing: at the opening brace", code: '{\n  "debug": false\n}\n', errors: [{ messageId: "missing", line: 1, column: 1, endLine: 1, endColumn: 2 }] },
      { name: "missing from an empty object", code: "{}", errors: [{ messageId: "missing", line: 1, column: 1 }] },
      { name: "missing from an empty file", code: "", errors: [{ messageId: "missing", line: 1, column: 1 }] },
      { name: "missing after a byte order mark", code: '\uFEFF  {"debug": true}', errors: [{ messageId: "missing", line: 1, column: 4 }] },
      {
        name: "the opposite value: at the value",
        code: `{\n  "debug": false,\n  ${setting}: ${bad}\n}\n`,
        errors: [{ messageId: "wrongValue", line: 3, column: valueColumn, endLine: 3, endColumn: valueColumn + bad.length }],
      },
      { name: "repeated, the last one wrong", code: `{${setting}: ${good}, ${setting}: ${bad}}`, errors: [{ messageId: "wrongValue", line: 1 }] },
    ],
  };
}
