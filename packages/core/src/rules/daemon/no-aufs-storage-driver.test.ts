import { describe, it } from "vitest";
import "../../daemon/index.js";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./no-aufs-storage-driver.js";

createRuleTester({ describe, it }).run(rule, {
  valid: [
    { name: "not set", code: "{}" },
    { name: "overlay2", code: '{"storage-driver": "overlay2"}' },
    { name: "a wrong type is valid-daemon-config's finding", code: '{"storage-driver": ["aufs"]}' },
  ],
  invalid: [
    { name: "aufs: at the value", code: '{\n  "storage-driver": "aufs"\n}\n', errors: [{ messageId: "aufs", data: { value: "aufs" }, line: 2, column: 21, endColumn: 27 }] },
    { name: "any case", code: '{"storage-driver": "AUFS"}', errors: [{ messageId: "aufs", data: { value: "AUFS" }, line: 1, column: 20 }] },
  ],
});
