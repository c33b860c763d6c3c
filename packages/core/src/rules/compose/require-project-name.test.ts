import { describe, it } from "vitest";
import "../../compose/index.js";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./require-project-name.js";

createRuleTester({ describe, it }).run(rule, {
  valid: [
    { name: "name present", code: "name: my-project\nservices:\n  web:\n    image: nginx\n" },
    { name: "name after services", code: "services:\n  web:\n    image: nginx\nname: shop\n" },
    { name: "interpolated name with a default", code: "name: ${PROJECT:-shop}\nservices:\n  web:\n    image: nginx\n" },
    { name: "unknown variable: no guess", code: "name: ${PROJECT}\nservices:\n  web:\n    image: nginx\n" },
    { name: "name through a root merge key", code: "x-base: &base\n  name: shop\n<<: *base\nservices:\n  web:\n    image: nginx\n" },
    { name: "override file: every service is partial", code: "services:\n  web:\n    environment:\n      DEBUG: \"1\"\n" },
    { name: "no services at all", code: "networks:\n  front: {}\n" },
    { name: "empty file", code: "" },
    { name: "a file that still declares version (older tools refuse `name`)", code: "version: \"3.9\"\nservices:\n  web:\n    image: nginx\n" },
    { name: "Compose v1 file (no `name` in that format)", code: "web:\n  image: nginx\n" },
    {
      name: "a file another one includes: compose-go drops its `name` (laradock's <service>/compose.yml)",
      code: "services:\n  adminer:\n    build: ./adminer\n",
      filePath: "/repo/laradock/adminer/compose.yml",
      services: { readFile: (path: string) => (path === "../docker-compose.yml" ? "include:\n  - path: adminer/compose.yml\n    project_directory: .\n" : undefined) },
    },
    { name: "an override file with whole services: its base names the project", code: "services:\n  debug:\n    image: busybox:1.36\n", filePath: "compose.override.yaml" },
    {
      name: "a later file of settings.composeFiles",
      code: "services:\n  debug:\n    image: busybox:1.36\n",
      filePath: "compose.ci.yaml",
      settings: { composeFiles: ["compose.yaml", "compose.ci.yaml"] },
    },
  ],
  invalid: [
    {
      name: "missing, at the first key",
      code: "services:\n  web:\n    image: nginx\n",
      errors: [
        {
          messageId: "missing",
          line: 1,
          column: 1,
          endColumn: 9,
          message:
            "This Compose file has no top-level `name`: the project is named after the directory it is run from, so two checkouts in directories with the same name share containers, networks and volumes; add `name: <project>` at the top.",
        },
      ],
    },
    {
      name: "the first file of settings.composeFiles starts the project",
      code: "services:\n  web:\n    image: nginx\n",
      settings: { composeFiles: ["compose.yaml", "compose.ci.yaml"] },
      errors: [{ messageId: "missing", line: 1, column: 1 }],
    },
    {
      name: "an override-named file run first with -f starts the project",
      code: "services:\n  web:\n    image: nginx\n",
      filePath: "compose.override.yaml",
      settings: { composeFiles: ["compose.override.yaml", "compose.ci.yaml"] },
      errors: [{ messageId: "missing", line: 1, column: 1 }],
    },
    {
      name: "after a comment header and a blank line",
      code: "# shop stack\n\nservices:\n  web:\n    build: .\n",
      errors: [{ messageId: "missing", line: 1, column: 1, endLine: 1, endColumn: 1 }],
    },
    {
      name: "one complete service among partial ones",
      code: "services:\n  web:\n    environment:\n      A: b\n  db:\n    image: postgres\n",
      errors: [{ messageId: "missing", line: 1, column: 1 }],
    },
    {
      name: "a file of includes",
      code: "include:\n  - ./db/compose.yaml\n",
      errors: [{ messageId: "missing", line: 1, column: 1 }],
    },
    {
      name: "empty name",
      code: "name: \"\"\nservices:\n  web:\n    image: nginx\n",
      errors: [{ messageId: "empty", line: 1, column: 7, endColumn: 9 }],
    },
    {
      name: "name that interpolates to nothing",
      code: "name: ${PROJECT:-}\nservices:\n  web:\n    image: nginx\n",
      errors: [{ messageId: "empty", line: 1, column: 7 }],
    },
  ],
});
