import { describe, it } from "vitest";
import "../../daemon/index.js";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./require-icc-disabled.js";

createRuleTester({ describe, it }).run(rule, {
  valid: [
    { name: "set as required", code: '{\n  "icc": false\n}\n' },
    { name: "among other settings", code: '{"debug": false, "icc": false, "log-level": "info"}' },
    { name: "a value of the wrong type is valid-daemon-config's finding", code: '{"icc": "true"}' },
    { name: "repeated: dockerd keeps the last value", code: '{"icc": true, "icc": false}' },
  ],
  invalid: [
    { name: "missing: at the opening brace", code: '{\n  "debug": false\n}\n', errors: [{ messageId: "missing", line: 1, column: 1, endLine: 1, endColumn: 2 }] },
    { name: "missing from an empty object", code: "{}", errors: [{ messageId: "missing", line: 1, column: 1 }] },
    { name: "missing from an empty file", code: "", errors: [{ messageId: "missing", line: 1, column: 1 }] },
    { name: "missing after a byte order mark", code: '\uFEFF  {"debug": true}', errors: [{ messageId: "missing", line: 1, column: 4 }] },
    {
      name: "the opposite value: at the value",
      code: '{\n  "debug": false,\n  "icc": true\n}\n',
      errors: [{ messageId: "wrongValue", line: 3, column: 10, endLine: 3, endColumn: 14 }],
    },
    { name: "repeated, the last one wrong", code: '{"icc": false, "icc": true}', errors: [{ messageId: "wrongValue", line: 1 }] },
  ],
});
