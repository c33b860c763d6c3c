import { describe, it } from "vitest";
import "../../compose/index.js";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./valid-healthcheck.js";

const test = (value: string): string => `services:\n  web:\n    image: nginx:1.27\n    healthcheck:\n      test: ${value}\n`;
const HINT_REFUSED = 'docker compose refuses (`healthcheck.test must start either by "CMD", "CMD-SHELL" or "NONE"`)';

createRuleTester({ describe, it }).run(rule, {
  valid: [
    { name: "CMD", code: test('["CMD", "curl", "-f", "http://localhost/"]') },
    { name: "CMD-SHELL", code: test('["CMD-SHELL", "curl -f http://localhost/ || exit 1"]') },
    { name: "NONE", code: test('["NONE"]') },
    { name: "a string is CMD-SHELL's command", code: test("curl -f http://localhost/ || exit 1") },
    { name: "an empty list", code: test("[]") },
    { name: "a block list", code: test("\n        - CMD\n        - /healthcheck") },
    { name: "an unknown variable: no guess", code: test('["${KIND}", "curl"]') },
    { name: "a default that is valid", code: test('["${KIND:-CMD}", "curl"]') },
    { name: "a first item that is not a string is valid-schema's", code: test("[1, curl]") },
    { name: "no test", code: "services:\n  web:\n    image: nginx:1.27\n    healthcheck:\n      disable: true\n" },
    {
      name: "inherited through extends: checked in the base service",
      code: "services:\n  base:\n    image: nginx:1.27\n    healthcheck:\n      test: [CMD, true]\n  web:\n    extends: base\n",
    },
  ],
  invalid: [
    {
      name: "08: a command without CMD, at the first item",
      code: test('["curl", "-f", "http://localhost/"]'),
      output: null,
      errors: [
        {
          messageId: "badFirst",
          line: 5,
          column: 14,
          endColumn: 20,
          message: `Service \`web\` starts \`healthcheck.test\` with \`curl\`, which ${HINT_REFUSED}; put \`CMD\` first to run the list as a command (\`["CMD", "curl", "-f", "http://localhost/"]\`), or write the test as one string, which runs in a shell.`,
        },
      ],
    },
    {
      name: "97: lower case, fixed in its quotes",
      code: test('["cmd-shell", "curl -f http://localhost/ || exit 1"]'),
      output: test('["CMD-SHELL", "curl -f http://localhost/ || exit 1"]'),
      errors: [
        {
          messageId: "lowercase",
          line: 5,
          column: 14,
          message:
            'Service `web` starts `healthcheck.test` with `cmd-shell`, which docker compose refuses (`healthcheck.test must start either by "CMD", "CMD-SHELL" or "NONE"`: the check is case-sensitive); write `CMD-SHELL`.',
        },
      ],
    },
    {
      name: "plain and single-quoted, in block lists",
      code: "services:\n  a:\n    image: x:1\n    healthcheck:\n      test:\n        - cmd\n        - /ok\n  b:\n    image: x:1\n    healthcheck:\n      test:\n        - 'None'\n",
      output: "services:\n  a:\n    image: x:1\n    healthcheck:\n      test:\n        - CMD\n        - /ok\n  b:\n    image: x:1\n    healthcheck:\n      test:\n        - 'NONE'\n",
      errors: [
        { messageId: "lowercase", line: 6, column: 11, data: { service: "a", first: "cmd", upper: "CMD" } },
        { messageId: "lowercase", line: 12, column: 11, data: { service: "b", first: "None", upper: "NONE" } },
      ],
    },
    {
      name: "an empty first item",
      code: test('["", "curl"]'),
      output: null,
      errors: [{ messageId: "badFirst", line: 5, data: { service: "web", first: "", evaluated: "" } }],
    },
    {
      name: "the interpolated default is what counts; no fix through a variable",
      code: test('["${KIND:-cmd}", "true"]'),
      output: null,
      errors: [{ messageId: "badFirst", line: 5, data: { service: "web", first: "${KIND:-cmd}", evaluated: " (`cmd` once interpolated)" } }],
    },
    {
      name: "a list shared through an anchor: once, where it is written",
      code: "x-hc: &hc\n  test: [curl, localhost]\nservices:\n  a:\n    image: x:1\n    healthcheck: *hc\n  b:\n    image: x:1\n    healthcheck:\n      <<: *hc\n",
      output: null,
      errors: [{ messageId: "badFirst", line: 2, column: 10, data: { service: "a", first: "curl", evaluated: "" } }],
    },
  ],
});
