import { describe, it } from "vitest";
import "../../compose/index.js";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./no-version-field.js";

createRuleTester({ describe, it }).run(rule, {
  valid: [
    "services:\n  web:\n    image: nginx:1.27\n",
    { name: "a service key named version", code: "services:\n  version:\n    image: nginx:1.27\n" },
    { name: "version inside a service", code: "services:\n  web:\n    image: nginx:1.27\n    labels:\n      version: \"3\"\n" },
    { name: "an x- extension holding a version", code: "x-meta:\n  version: \"3\"\nservices:\n  web:\n    image: nginx:1.27\n" },
    { name: "empty file", code: "" },
  ],
  invalid: [
    {
      name: "quoted version, at the key",
      code: "version: '3'\nservices:\n  web:\n    image: nginx:1.27\n",
      errors: [{ messageId: "obsolete", line: 1, column: 1, endLine: 1, endColumn: 8, message: "The top-level `version: '3'` is obsolete: Compose v2 ignores it, reads the file with the current Compose Specification and warns about it on every run; delete the line." }],
      output: "services:\n  web:\n    image: nginx:1.27\n",
    },
    {
      name: "comments on other lines are kept, the one on the version line goes",
      code: "# my stack\nversion: \"3.8\" # compose format\n# services below\nservices:\n  web:\n    image: nginx:1.27\n",
      errors: [{ messageId: "obsolete", line: 2, column: 1 }],
      output: "# my stack\n# services below\nservices:\n  web:\n    image: nginx:1.27\n",
    },
    {
      name: "version after services, last line without a line break",
      code: "services:\n  web:\n    image: nginx:1.27\nversion: 3",
      errors: [{ messageId: "obsolete", line: 4, column: 1 }],
      output: "services:\n  web:\n    image: nginx:1.27\n",
    },
    {
      name: "value on the next line",
      code: "version:\n  \"3.9\"\nservices:\n  web:\n    image: nginx:1.27\n",
      errors: [{ messageId: "obsolete", line: 1, column: 1, data: { value: " \"3.9\"" } }],
      output: "services:\n  web:\n    image: nginx:1.27\n",
    },
    {
      name: "block scalar value: its lines go, the blank line and comment after it stay",
      code: "version: >-\n  3.8\n\n# keep me\nservices:\n  web:\n    image: nginx:1.27\n",
      errors: [{ messageId: "obsolete", line: 1, column: 1, data: { value: " …" } }],
      output: "\n# keep me\nservices:\n  web:\n    image: nginx:1.27\n",
    },
    {
      name: "CRLF file",
      code: "version: \"3\"\r\nservices:\r\n  web:\r\n    image: nginx:1.27\r\n",
      errors: [{ messageId: "obsolete", line: 1, column: 1 }],
      output: "services:\r\n  web:\r\n    image: nginx:1.27\r\n",
    },
    {
      name: "duplicate version keys: both reported, both deleted",
      code: "version: \"2\"\nservices:\n  web:\n    image: nginx:1.27\nversion: \"3\"\n",
      errors: [
        { messageId: "obsolete", line: 1, column: 1 },
        { messageId: "obsolete", line: 5, column: 1 },
      ],
      output: "services:\n  web:\n    image: nginx:1.27\n",
    },
    {
      name: "flow map: reported without a fix",
      code: "{version: \"3\", services: {web: {image: nginx}}}\n",
      errors: [{ messageId: "obsolete", line: 1, column: 2, endColumn: 9 }],
      output: null,
    },
    {
      name: "anchored value used elsewhere: no fix, deleting it would break the alias",
      code: "version: &v \"3\"\nx-meta:\n  format: *v\nservices:\n  web:\n    image: nginx:1.27\n",
      errors: [{ messageId: "obsolete", line: 1, column: 1 }],
      output: null,
    },
    {
      name: "through a root merge key: at the merge, no fix",
      code: "x-base: &base\n  version: \"3\"\n<<: *base\nservices:\n  web:\n    image: nginx:1.27\n",
      errors: [{ messageId: "obsolete", line: 3, column: 1, data: { value: " 3" } }],
      output: null,
    },
    {
      name: "empty version key",
      code: "version:\nservices:\n  web:\n    image: nginx:1.27\n",
      errors: [{ messageId: "obsolete", line: 1, column: 1 }],
      output: "services:\n  web:\n    image: nginx:1.27\n",
    },
  ],
});
