import { describe, it } from "vitest";
import "../../compose/index.js";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./no-privileged.js";

createRuleTester({ describe, it }).run(rule, {
  valid: [
    "services:\n  web:\n    image: nginx:1.27\n",
    { name: "explicit false", code: "services:\n  web:\n    image: nginx:1.27\n    privileged: false\n" },
    { name: "string false", code: "services:\n  web:\n    image: nginx:1.27\n    privileged: \"false\"\n" },
    { name: "unset variable without default", code: "services:\n  web:\n    image: nginx:1.27\n    privileged: ${PRIV}\n" },
    { name: "default false", code: "services:\n  web:\n    image: nginx:1.27\n    privileged: ${PRIV:-false}\n" },
    // compose-go refuses "1" for a boolean (valid-scalar-values' finding): the service never runs.
    { name: "a string compose-go cannot read as a boolean", code: "services:\n  web:\n    image: nginx:1.27\n    privileged: \"1\"\n" },
    { name: "anchor not merged anywhere", code: "x-base: &base\n  privileged: true\nservices:\n  web:\n    image: nginx:1.27\n" },
  ],
  invalid: [
    {
      name: "boolean true, at the value",
      code: "services:\n  web:\n    image: nginx:1.27\n    privileged: true\n",
      errors: [{ messageId: "privileged", line: 4, column: 17, endLine: 4, endColumn: 21 }],
    },
    {
      name: "string true",
      code: "services:\n  web:\n    image: nginx:1.27\n    privileged: \"true\"\n",
      errors: [{ messageId: "privileged", line: 4, column: 17, endColumn: 23 }],
    },
    {
      // compose-go's toBoolean reads YAML 1.1's spellings, in any case, as true.
      name: "yes and on, as compose-go reads them",
      code: "services:\n  a:\n    image: x\n    privileged: \"yes\"\n  b:\n    image: y\n    privileged: ON\n",
      errors: [
        { messageId: "privileged", line: 4, column: 17 },
        { messageId: "privileged", line: 7, column: 17 },
      ],
    },
    {
      name: "interpolated default true",
      code: "services:\n  web:\n    image: nginx:1.27\n    privileged: ${PRIV:-true}\n",
      errors: [{ messageId: "privileged", line: 4, column: 17, endColumn: 30 }],
    },
    {
      name: "merge key: reported at the merge site",
      code: "x-base: &base\n  privileged: true\nservices:\n  web:\n    <<: *base\n    image: nginx:1.27\n",
      errors: [{ messageId: "privileged", line: 5, column: 5 }],
    },
    {
      name: "one finding per service",
      code: "services:\n  a:\n    image: x\n    privileged: true\n  b:\n    image: y\n  c:\n    image: z\n    privileged: True\n",
      errors: [
        { messageId: "privileged", line: 4, column: 17 },
        { messageId: "privileged", line: 9, column: 17 },
      ],
    },
  ],
});
