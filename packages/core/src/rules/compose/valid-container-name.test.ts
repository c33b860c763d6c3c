import { describe, it } from "vitest";
import "../../compose/index.js";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./valid-container-name.js";

createRuleTester({ describe, it }).run(rule, {
  valid: [
    { name: "letters, digits, _ . -", code: "services:\n  web:\n    image: nginx\n    container_name: my-app_1.2\n" },
    { name: "quoted", code: "services:\n  web:\n    image: nginx\n    container_name: \"my-app-123\"\n" },
    { name: "two characters", code: "services:\n  web:\n    image: nginx\n    container_name: db\n" },
    { name: "a number", code: "services:\n  web:\n    image: nginx\n    container_name: 42\n" },
    { name: "a leading slash, which Docker strips", code: "services:\n  web:\n    image: nginx\n    container_name: /web\n" },
    { name: "unknown variable", code: "services:\n  web:\n    image: nginx\n    container_name: ${NAME}\n" },
    { name: "unknown variable next to an odd character", code: "services:\n  web:\n    image: nginx\n    container_name: ${PREFIX}@web\n" },
    { name: "valid default", code: "services:\n  web:\n    image: nginx\n    container_name: ${NAME:-web}\n" },
    { name: "empty: Compose names it", code: "services:\n  web:\n    image: nginx\n    container_name: \"\"\n" },
    { name: "no container_name", code: "services:\n  web:\n    image: nginx\n" },
  ],
  invalid: [
    {
      name: "an @, at the value",
      code: "services:\n  web:\n    image: nginx\n    container_name: \"my-app@123\"\n",
      errors: [
        {
          messageId: "invalid",
          line: 4,
          column: 21,
          endColumn: 33,
          message:
            "Service `web` sets `container_name: my-app@123`, which Docker refuses (it contains \"@\", and only letters, digits, `_`, `.` and `-` are allowed): the container cannot be created; use letters, digits, `_`, `.` and `-`, starting with a letter or a digit.",
        },
      ],
    },
    {
      name: "a leading dash",
      code: "services:\n  web:\n    image: nginx\n    container_name: -web\n",
      errors: [{ messageId: "invalid", line: 4, column: 21, data: { service: "web", value: "-web", evaluated: "", reason: "it starts with \"-\", and the first character must be a letter or a digit" } }],
    },
    {
      name: "one character",
      code: "services:\n  web:\n    image: nginx\n    container_name: w\n",
      errors: [{ messageId: "invalid", line: 4, column: 21, data: { service: "web", value: "w", evaluated: "", reason: "it has a single character, and Docker needs at least two" } }],
    },
    {
      name: "a space and non-ASCII letters",
      code: "services:\n  web:\n    image: nginx\n    container_name: my app\n  db:\n    image: postgres\n    container_name: café\n",
      errors: [
        { messageId: "invalid", line: 4, column: 21 },
        { messageId: "invalid", line: 7, column: 21 },
      ],
    },
    {
      name: "the interpolated default is what counts",
      code: "services:\n  web:\n    image: nginx\n    container_name: ${NAME:-my app}\n",
      errors: [{ messageId: "invalid", line: 4, column: 21, data: { service: "web", value: "${NAME:-my app}", evaluated: " (`my app` once interpolated)", reason: "it contains \" \", and only letters, digits, `_`, `.` and `-` are allowed" } }],
    },
    {
      name: "through a merge key: at the merge site",
      code: "x-c: &c\n  container_name: web@1\nservices:\n  web:\n    <<: *c\n    image: nginx\n",
      errors: [{ messageId: "invalid", line: 5, column: 5 }],
    },
  ],
});
