import { describe, expect, it } from "vitest";
import "../../compose/index.js";
import { createRuleTester } from "../../testing/rule-tester.js";
import dockerfileRule from "../dockerfile/require-non-root-user.js";
import rule from "./require-non-root-user.js";

const service = (lines: string): string => `services:\n  web:\n    image: nginx:1.27\n${lines}`;

createRuleTester({ describe, it }).run(rule, {
  valid: [
    { name: "no user: the image decides, which one file cannot know", code: service("") },
    { name: "build-only service without user", code: "services:\n  app:\n    build: .\n" },
    { name: "uid:gid", code: service('    user: "1000:1000"\n') },
    { name: "numeric uid", code: service("    user: 10001\n") },
    { name: "named user", code: service("    user: nobody\n") },
    { name: "a name that starts with root is not root", code: service("    user: rootless\n") },
    { name: "root group only: the user is unit", code: service("    user: unit:root\n") },
    { name: "interpolated defaults that are not root", code: service('    user: "${UID:-1000}:${GID:-1000}"\n') },
    { name: "variable without default: chosen where the file is run", code: service("    user: ${RUN_AS}\n") },
    { name: "unknown user with a root group", code: service('    user: "${RUN_AS}:0"\n') },
    { name: "required variable", code: service('    user: "${RUN_AS:?set RUN_AS}"\n') },
    { name: "empty default: the image's user", code: service('    user: "${RUN_AS:-}"\n') },
    { name: "options are accepted (shared with the Dockerfile rule)", code: service(""), options: { nonRootBaseImages: ["bitnami/*"] } },
  ],
  invalid: [
    {
      name: "root, at the value",
      code: service("    user: root\n"),
      errors: [{ messageId: "rootUser", data: { service: "web", user: "root" }, line: 4, column: 11, endLine: 4, endColumn: 15 }],
    },
    { name: "quoted 0", code: service('    user: "0"\n'), errors: [{ messageId: "rootUser", line: 4, column: 11, endColumn: 14 }] },
    { name: "integer 0", code: service("    user: 0\n"), errors: [{ messageId: "rootUser", data: { service: "web", user: "0" }, line: 4, column: 11 }] },
    { name: "0:0", code: service('    user: "0:0"\n'), errors: [{ messageId: "rootUser", line: 4, column: 11 }] },
    { name: "root:root", code: service("    user: root:root\n"), errors: [{ messageId: "rootUser", line: 4 }] },
    { name: "0 with a non-root group", code: service('    user: "0:1000"\n'), errors: [{ messageId: "rootUser", line: 4 }] },
    { name: "root:wheel", code: service("    user: root:wheel\n"), errors: [{ messageId: "rootUser", line: 4 }] },
    { name: "000", code: service('    user: "000"\n'), errors: [{ messageId: "rootUser", line: 4 }] },
    {
      name: "interpolated default root",
      code: service("    user: ${RUN_AS:-root}\n"),
      errors: [{ messageId: "rootUser", data: { service: "web", user: "${RUN_AS:-root}" }, line: 4, column: 11, endColumn: 26 }],
    },
    { name: "root with an unknown group is still root", code: service('    user: "root:${GID}"\n'), errors: [{ messageId: "rootUser", line: 4 }] },
    { name: "build-only service", code: "services:\n  app:\n    build: .\n    user: root\n", errors: [{ messageId: "rootUser", line: 4, column: 11 }] },
    {
      name: "partial service (override file): the value is written here",
      code: "services:\n  web:\n    user: root\n",
      errors: [{ messageId: "rootUser", line: 3, column: 11 }],
    },
    {
      name: "merge key: at the merge site",
      code: "x-root: &root\n  user: root\nservices:\n  web:\n    <<: *root\n    image: nginx:1.27\n",
      errors: [{ messageId: "rootUser", line: 5, column: 5, endColumn: 14 }],
    },
    {
      name: "Compose v1 file",
      code: "web:\n  image: nginx:1.27\n  user: root\n",
      errors: [{ messageId: "rootUser", line: 3, column: 9 }],
    },
    {
      name: "one finding per service",
      code: "services:\n  a:\n    image: x:1\n    user: root\n  b:\n    image: y:1\n    user: app\n  c:\n    image: z:1\n    user: \"0\"\n",
      errors: [
        { messageId: "rootUser", data: { service: "a", user: "root" }, line: 4 },
        { messageId: "rootUser", data: { service: "c", user: "0" }, line: 10 },
      ],
    },
  ],
});

describe("require-non-root-user options shared with the Dockerfile rule", () => {
  it("has the same options schema and defaults in both kinds", () => {
    expect(rule.meta.options).toEqual(dockerfileRule.meta.options);
  });
});
