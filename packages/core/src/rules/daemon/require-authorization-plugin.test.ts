import { describe, it } from "vitest";
import "../../daemon/index.js";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./require-authorization-plugin.js";

createRuleTester({ describe, it }).run(rule, {
  valid: [
    { name: "a plugin", code: '{"authorization-plugins": ["opa-docker-authz"]}' },
    { name: "a wrong type is valid-daemon-config's finding", code: '{"authorization-plugins": "opa-docker-authz"}' },
  ],
  invalid: [
    { name: "missing: at the opening brace", code: '\n{\n  "icc": false\n}\n', errors: [{ messageId: "missing", line: 2, column: 1, endColumn: 2 }] },
    { name: "an empty list: at the list", code: '{\n  "authorization-plugins": []\n}\n', errors: [{ messageId: "empty", line: 2, column: 28, endColumn: 30 }] },
    { name: "a list of blank names", code: '{"authorization-plugins": [""]}', errors: [{ messageId: "empty", line: 1, column: 27 }] },
  ],
});
