import { describe, it } from "vitest";
import "../../compose/index.js";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./no-duplicate-keys.js";

createRuleTester({ describe, it }).run(rule, {
  valid: [
    "services:\n  web:\n    image: nginx:1.27\n  api:\n    image: acme/api:1\n",
    { name: "same key in different maps", code: "services:\n  web:\n    image: nginx:1.27\n    environment:\n      image: x\n" },
    { name: "one merge key with several sources", code: "x-a: &a\n  restart: always\nx-b: &b\n  init: true\nservices:\n  web:\n    <<: [*a, *b]\n    image: nginx:1.27\n" },
    { name: "a key overriding a merged one is not a duplicate", code: "x-a: &a\n  image: nginx:1.26\nservices:\n  web:\n    <<: *a\n    image: nginx:1.27\n" },
    { name: "same text in a list", code: "services:\n  web:\n    image: nginx:1.27\n    ports:\n      - \"80:80\"\n      - \"80:80\"\n" },
  ],
  invalid: [
    {
      name: "a service key twice, at the later one",
      code: "services:\n  web:\n    image: nginx:1.26\n    restart: always\n    image: nginx:1.27\n",
      errors: [{ messageId: "duplicate", data: { name: "image", firstLine: 3 }, line: 5, column: 5, endColumn: 10 }],
    },
    {
      name: "a service twice",
      code: "services:\n  web:\n    image: nginx:1.26\n  web:\n    image: nginx:1.27\n",
      errors: [{ messageId: "duplicate", data: { name: "web", firstLine: 2 }, line: 4, column: 3 }],
    },
    {
      name: "three times: each later one, naming the first",
      code: "volumes:\n  data:\n  data:\n  data:\n",
      errors: [
        { messageId: "duplicate", data: { name: "data", firstLine: 2 }, line: 3 },
        { messageId: "duplicate", data: { name: "data", firstLine: 2 }, line: 4 },
      ],
    },
    {
      name: "in a nested map and a top-level key",
      code: "services:\n  web:\n    image: nginx:1.27\n    environment:\n      A: \"1\"\n      A: \"2\"\nservices:\n  api:\n    image: acme/api:1\n",
      errors: [
        { messageId: "duplicate", data: { name: "A", firstLine: 5 }, line: 6, column: 7 },
        { messageId: "duplicate", data: { name: "services", firstLine: 1 }, line: 7, column: 1 },
      ],
    },
    {
      name: "two merge keys in one map",
      code: "x-a: &a\n  restart: always\nx-b: &b\n  init: true\nservices:\n  web:\n    <<: *a\n    <<: *b\n    image: nginx:1.27\n",
      errors: [{ messageId: "duplicateMerge", data: { firstLine: 7 }, line: 8, column: 5, endColumn: 7 }],
    },
  ],
});
