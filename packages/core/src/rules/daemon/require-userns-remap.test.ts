import { describe, it } from "vitest";
import "../../daemon/index.js";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./require-userns-remap.js";

createRuleTester({ describe, it }).run(rule, {
  valid: [
    { name: "default", code: '{"userns-remap": "default"}' },
    { name: "a user and group", code: '{\n  "userns-remap": "dockremap:dockremap"\n}\n' },
    { name: "a wrong type is valid-daemon-config's finding", code: '{"userns-remap": true}' },
  ],
  invalid: [
    { name: "missing: at the opening brace", code: '{\n  "icc": false\n}\n', errors: [{ messageId: "missing", line: 1, column: 1, endColumn: 2 }] },
    { name: "empty file", code: "\n", errors: [{ messageId: "missing", line: 1, column: 1 }] },
    { name: "empty string turns it off: at the value", code: '{\n  "userns-remap": ""\n}\n', errors: [{ messageId: "empty", line: 2, column: 19, endColumn: 21 }] },
    { name: "blank string", code: '{"userns-remap": "  "}', errors: [{ messageId: "empty", line: 1, column: 18 }] },
  ],
});
