import { describe, it } from "vitest";
import "../../daemon/index.js";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./require-no-new-privileges.js";

createRuleTester({ describe, it }).run(rule, {
  valid: [
    { name: "set as required", code: '{\n  "no-new-privileges": true\n}\n' },
    { name: "among other settings", code: '{"debug": false, "no-new-privileges": true, "log-level": "info"}' },
    { name: "a value of the wrong type is valid-daemon-config's finding", code: '{"no-new-privileges": "false"}' },
    { name: "repeated: dockerd keeps the last value", code: '{"no-new-privileges": false, "no-new-privileges": true}' },
  ],
  invalid: [
    { name: "missing: at the opening brace", code: '{\n  "debug": false\n}\n', errors: [{ messageId: "missing", line: 1, column: 1, endLine: 1, endColumn: 2 }] },
    { name: "missing from an empty object", code: "{}", errors: [{ messageId: "missing", line: 1, column: 1 }] },
    { name: "missing from an empty file", code: "", errors: [{ messageId: "missing", line: 1, column: 1 }] },
    { name: "missing after a byte order mark", code: '\uFEFF  {"debug": true}', errors: [{ messageId: "missing", line: 1, column: 4 }] },
    {
      name: "the opposite value: at the value",
      code: '{\n  "debug": false,\n  "no-new-privileges": false\n}\n',
      errors: [{ messageId: "wrongValue", line: 3, column: 24, endLine: 3, endColumn: 29 }],
    },
    { name: "repeated, the last one wrong", code: '{"no-new-privileges": true, "no-new-privileges": false}', errors: [{ messageId: "wrongValue", line: 1 }] },
  ],
});
