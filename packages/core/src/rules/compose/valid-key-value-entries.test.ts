import { describe, it } from "vitest";
import "../../compose/index.js";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./valid-key-value-entries.js";

createRuleTester({ describe, it }).run(rule, {
  valid: [
    { name: "entries with and without values", code: 'services:\n  web:\n    image: x:1\n    environment:\n      - DEBUG\n      - "LOG_LEVEL=debug"\n      - "GREETING=hello world"\n' },
    { name: "a blank after = belongs to the value", code: 'services:\n  web:\n    image: x:1\n    environment:\n      - "LOG_LEVEL= debug"\n' },
    { name: "the map forms", code: 'services:\n  web:\n    build:\n      context: .\n      args:\n        "VERSION ": "1"\n      additional_contexts:\n        shared: ../shared\n      ssh:\n        default: ""\n' },
    { name: "build lists in their accepted forms", code: "services:\n  web:\n    build:\n      context: .\n      args:\n        - VERSION=1\n        - BUILD_ONLY\n      additional_contexts:\n        - shared=../shared\n        - base=docker-image://alpine:3.20\n      ssh:\n        - default\n        - github=~/.ssh/id_ed25519\n" },
    { name: "a variable in the value only", code: 'services:\n  web:\n    image: x:1\n    environment:\n      - "LOG_LEVEL=${LEVEL}"\n' },
    { name: "an unknown variable may hold the =", code: "services:\n  web:\n    build:\n      context: .\n      additional_contexts:\n        - ${SHARED_CONTEXT}\n" },
  ],
  invalid: [
    {
      name: "audit 56: a blank before = in environment",
      code: 'services:\n  web:\n    image: x:1\n    environment:\n      - "LOG_LEVEL =debug"\n',
      errors: [
        {
          messageId: "trailingSpace",
          message:
            'Service `web` has the `environment` entry `LOG_LEVEL =debug`, whose name `LOG_LEVEL ` ends in a blank, which docker compose refuses ("environment variable LOG_LEVEL  is declared with a trailing space"); remove the blank before `=`.',
          line: 5,
          column: 9,
        },
      ],
    },
    {
      name: "a build arg with a tab before = and a variable in its value",
      code: 'services:\n  web:\n    build:\n      context: .\n      args:\n        - "VERSION\\t=${V:-1}"\n',
      errors: [{ messageId: "trailingSpace", line: 6, column: 11 }],
    },
    {
      name: "audit 39: an additional context without =",
      code: "services:\n  web:\n    build:\n      context: .\n      additional_contexts:\n        - ../shared\n",
      errors: [{ messageId: "noEquals", data: { service: "web", key: "build.additional_contexts", entry: "../shared", evaluated: "", example: "shared" }, line: 6, column: 11 }],
    },
    {
      name: "audit 40: an ssh key without a path",
      code: "services:\n  web:\n    build:\n      context: .\n      ssh:\n        - mykey\n",
      errors: [
        {
          messageId: "sshWithoutPath",
          message:
            'Service `web` has the `build.ssh` entry `mykey` without `=`, which docker compose refuses ("invalid ssh key"): only `default` may stand alone; write `mykey=/path/to/key`, or `default`.',
          line: 6,
          column: 11,
        },
      ],
    },
    {
      name: "a list shared through an anchor is reported once, where it is written",
      code: 'x-env: &env\n  - "A =1"\nservices:\n  a:\n    image: x:1\n    environment: *env\n  b:\n    image: x:1\n    environment: *env\n',
      errors: [{ messageId: "trailingSpace", line: 2, column: 5 }],
    },
  ],
});
