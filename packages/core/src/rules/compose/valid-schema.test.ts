import { describe, it } from "vitest";
import "../../compose/index.js";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./valid-schema.js";

createRuleTester({ describe, it }).run(rule, {
  valid: [
    "services:\n  web:\n    image: nginx:1.27\n    ports:\n      - \"127.0.0.1:8080:80\"\n",
    { name: "extension keys and anchors", code: "x-base: &base\n  restart: always\nservices:\n  web:\n    <<: *base\n    image: nginx:1.27\n" },
    { name: "a fragment for -f merging", code: "services:\n  web:\n    environment:\n      DEBUG: \"1\"\n" },
  ],
  invalid: [
    {
      name: "unknown key, reported at the key, with a suggestion",
      code: "services:\n  web:\n    imagee: nginx:1.27\n",
      errors: [{ messageId: "schema", line: 3, column: 5, endColumn: 11 }],
    },
    {
      name: "wrong type, reported at the value",
      code: "services:\n  web:\n    image: nginx:1.27\n    ports: 8080\n",
      errors: [{ messageId: "schema", line: 4, column: 12 }],
    },
    {
      name: "unknown top-level key",
      code: "servics:\n  web:\n    image: nginx\n",
      errors: [{ messageId: "schema", line: 1, column: 1 }],
    },
    {
      name: "a v1 file gets one finding, not one per service",
      code: "web:\n  image: nginx\ndb:\n  image: postgres\n",
      errors: [{ messageId: "legacyV1", line: 1, column: 1 }],
    },
  ],
});
