import { describe, it } from "vitest";
import "../../daemon/index.js";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./no-iptables-disabled.js";

createRuleTester({ describe, it }).run(rule, {
  valid: [
    { name: "not set: the default is fine", code: '{\n  "debug": false\n}\n' },
    { name: "empty file", code: "" },
    { name: "set to the default", code: '{"iptables": true}' },
    { name: "a string is valid-daemon-config's finding", code: '{"iptables": "false"}' },
  ],
  invalid: [
    {
      name: "at the value",
      code: '{\n  "debug": false,\n  "iptables": false\n}\n',
      errors: [{ messageId: "wrongValue", line: 3, column: 15, endLine: 3, endColumn: 20 }],
    },
    { name: "repeated, the last one counts", code: '{"iptables": true, "iptables": false}', errors: [{ messageId: "wrongValue", line: 1, column: 32 }] },
  ],
});
