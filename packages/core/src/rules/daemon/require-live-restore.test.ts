import { describe, it } from "vitest";
import "../../daemon/index.js";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./require-live-restore.js";

createRuleTester({ describe, it }).run(rule, {
  valid: [
    { name: "set as required", code: '{\n  "live-restore": true\n}\n' },
    { name: "among other settings", code: '{"debug": false, "live-restore": true, "log-level": "info"}' },
    { name: "a value of the wrong type is valid-daemon-config's finding", code: '{"live-restore": "false"}' },
    { name: "repeated: dockerd keeps the last value", code: '{"live-restore": false, "live-restore": true}' },
  ],
  invalid: [
    { name: "missing: at the opening brace", code: '{\n  "debug": false\n}\n', errors: [{ messageId: "missing", line: 1, column: 1, endLine: 1, endColumn: 2 }] },
    { name: "missing from an empty object", code: "{}", errors: [{ messageId: "missing", line: 1, column: 1 }] },
    { name: "missing from an empty file", code: "", errors: [{ messageId: "missing", line: 1, column: 1 }] },
    { name: "missing after a byte order mark", code: '\uFEFF  {"debug": true}', errors: [{ messageId: "missing", line: 1, column: 4 }] },
    {
      name: "the opposite value: at the value",
      code: '{\n  "debug": false,\n  "live-restore": false\n}\n',
      errors: [{ messageId: "wrongValue", line: 3, column: 19, endLine: 3, endColumn: 24 }],
    },
    { name: "repeated, the last one wrong", code: '{"live-restore": true, "live-restore": false}', errors: [{ messageId: "wrongValue", line: 1 }] },
  ],
});
