import { describe, it } from "vitest";
import "../../daemon/index.js";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./no-insecure-registries.js";

createRuleTester({ describe, it }).run(rule, {
  valid: [
    { name: "not set", code: '{"icc": false}' },
    { name: "empty list", code: '{"insecure-registries": []}' },
    { name: "loopback registries are insecure by default anyway", code: '{"insecure-registries": ["localhost:5000", "127.0.0.1:5000", "127.0.0.0/8", "[::1]:5000"]}' },
    { name: "a string instead of a list is valid-daemon-config's finding", code: '{"insecure-registries": "registry:5000"}' },
  ],
  invalid: [
    {
      name: "each entry, at the entry",
      code: '{\n  "insecure-registries": [\n    "registry.internal:5000",\n    "localhost:5000",\n    "10.0.0.0/8"\n  ]\n}\n',
      errors: [
        { messageId: "insecure", data: { entry: "registry.internal:5000" }, line: 3, column: 5, endColumn: 29 },
        { messageId: "insecure", data: { entry: "10.0.0.0/8" }, line: 5, column: 5, endColumn: 17 },
      ],
    },
    { name: "with a scheme", code: '{"insecure-registries": ["http://registry.example.com"]}', errors: [{ messageId: "insecure", data: { entry: "http://registry.example.com" }, line: 1, column: 26 }] },
    { name: "a host that only starts like loopback", code: '{"insecure-registries": ["localhost.example.com:5000"]}', errors: [{ messageId: "insecure", data: { entry: "localhost.example.com:5000" }, line: 1, column: 26 }] },
  ],
});
