import { describe, it } from "vitest";
import "../../daemon/index.js";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./require-userland-proxy-disabled.js";

createRuleTester({ describe, it }).run(rule, {
  valid: [
    { name: "set as required", code: '{\n  "userland-proxy": false\n}\n' },
    { name: "among other settings", code: '{"debug": false, "userland-proxy": false, "log-level": "info"}' },
    { name: "a value of the wrong type is valid-daemon-config's finding", code: '{"userland-proxy": "true"}' },
    { name: "repeated: dockerd keeps the last value", code: '{"userland-proxy": true, "userland-proxy": false}' },
  ],
  invalid: [
    { name: "missing: at the opening brace", code: '{\n  "debug": false\n}\n', errors: [{ messageId: "missing", line: 1, column: 1, endLine: 1, endColumn: 2 }] },
    { name: "missing from an empty object", code: "{}", errors: [{ messageId: "missing", line: 1, column: 1 }] },
    { name: "missing from an empty file", code: "", errors: [{ messageId: "missing", line: 1, column: 1 }] },
    { name: "missing after a byte order mark", code: '\uFEFF  {"debug": true}', errors: [{ messageId: "missing", line: 1, column: 4 }] },
    {
      name: "the opposite value: at the value",
      code: '{\n  "debug": false,\n  "userland-proxy": true\n}\n',
      errors: [{ messageId: "wrongValue", line: 3, column: 21, endLine: 3, endColumn: 25 }],
    },
    { name: "repeated, the last one wrong", code: '{"userland-proxy": false, "userland-proxy": true}', errors: [{ messageId: "wrongValue", line: 1 }] },
  ],
});
