import { describe, it } from "vitest";
import "../../daemon/index.js";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./no-experimental-features.js";

createRuleTester({ describe, it }).run(rule, {
  valid: [
    { name: "not set: the default is fine", code: '{\n  "debug": false\n}\n' },
    { name: "empty file", code: "" },
    { name: "set to the default", code: '{"experimental": false}' },
    { name: "a string is valid-daemon-config's finding", code: '{"experimental": "true"}' },
  ],
  invalid: [
    {
      name: "at the value",
      code: '{\n  "debug": false,\n  "experimental": true\n}\n',
      errors: [{ messageId: "wrongValue", line: 3, column: 19, endLine: 3, endColumn: 23 }],
    },
    { name: "repeated, the last one counts", code: '{"experimental": false, "experimental": true}', errors: [{ messageId: "wrongValue", line: 1, column: 41 }] },
  ],
});
