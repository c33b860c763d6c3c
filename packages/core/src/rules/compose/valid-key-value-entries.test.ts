import { describe, it } from "vitest";
import "../../compose/index.js";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./valid-key-value-entries.js";

/** A service with one hook of `key` whose `environment:` holds `env` (lines indented for the list or mapping). */
const hook = (key: string, env: string): string => `services:\n  web:\n    image: x:1\n    ${key}:\n      - command: ./init\n        environment:\n${env}`;
/** A service with one develop.watch entry whose `exec` has `environment:` `env` (indented 14). */
const watchExec = (env: string): string =>
  `services:\n  web:\n    image: x:1\n    develop:\n      watch:\n        - path: ./src\n          action: sync+exec\n          target: /app\n          exec:\n            command: ./reload\n            environment:\n${env}`;
const HOOK_KEYS = ["pre_start", "post_start", "pre_stop"] as const;

createRuleTester({ describe, it }).run(rule, {
  valid: [
    { name: "entries with and without values", code: 'services:\n  web:\n    image: x:1\n    environment:\n      - DEBUG\n      - "LOG_LEVEL=debug"\n      - "GREETING=hello world"\n' },
    { name: "a blank after = belongs to the value", code: 'services:\n  web:\n    image: x:1\n    environment:\n      - "LOG_LEVEL= debug"\n' },
    { name: "the map forms", code: 'services:\n  web:\n    build:\n      context: .\n      args:\n        "VERSION ": "1"\n      additional_contexts:\n        shared: ../shared\n      ssh:\n        default: ""\n' },
    { name: "build lists in their accepted forms", code: "services:\n  web:\n    build:\n      context: .\n      args:\n        - VERSION=1\n        - BUILD_ONLY\n      additional_contexts:\n        - shared=../shared\n        - base=docker-image://alpine:3.20\n      ssh:\n        - default\n        - github=~/.ssh/id_ed25519\n" },
    { name: "a variable in the value only", code: 'services:\n  web:\n    image: x:1\n    environment:\n      - "LOG_LEVEL=${LEVEL}"\n' },
    { name: "an unknown variable may hold the =", code: "services:\n  web:\n    build:\n      context: .\n      additional_contexts:\n        - ${SHARED_CONTEXT}\n" },
    // Lifecycle hooks' `environment` lists are read as a service's.
    ...HOOK_KEYS.flatMap((key) => [
      { name: `${key}: entries with and without values`, code: hook(key, '          - DEBUG\n          - "GREETING=hello world"\n          - "LOG_LEVEL= debug"\n') },
      { name: `${key}: the map form`, code: hook(key, '          "LOG_LEVEL ": debug\n') },
      { name: `${key}: a variable in the value only`, code: hook(key, '          - "LOG_LEVEL=${LEVEL}"\n') },
    ]),
    { name: "a watch exec's entries", code: watchExec("              - DEBUG\n              - LOG_LEVEL=debug\n") },
    { name: "a hook's name from a variable without default", code: hook("post_start", '          - "${NAME} =1"\n') },
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
    // Lifecycle hooks: compose-go reads their `environment` as a MappingWithEquals too.
    ...HOOK_KEYS.map((key) => ({
      name: `${key}: a blank before =`,
      code: hook(key, '          - DEBUG\n          - "LOG_LEVEL =debug"\n'),
      errors: [{ messageId: "trailingSpaceHook", data: { hook: `services.web.${key}[0]`, entry: "LOG_LEVEL =debug", evaluated: "", name: "LOG_LEVEL " }, line: 8, column: 13, endColumn: 31 }],
    })),
    {
      name: "a hook's blank before =, with its message",
      code: hook("pre_start", '          - "LOG_LEVEL =debug"\n'),
      errors: [
        {
          messageId: "trailingSpaceHook",
          message:
            'Hook `services.web.pre_start[0]` has the `environment` entry `LOG_LEVEL =debug`, whose name `LOG_LEVEL ` ends in a blank, which docker compose refuses ("environment variable LOG_LEVEL  is declared with a trailing space"); remove the blank before `=`.',
          line: 7,
          column: 13,
        },
      ],
    },
    {
      name: "a watch exec's blank before =",
      code: watchExec('              - "LOG_LEVEL\t=debug"\n'),
      errors: [{ messageId: "trailingSpaceHook", data: { hook: "services.web.develop.watch[0].exec", entry: "LOG_LEVEL\t=debug", evaluated: "", name: "LOG_LEVEL\t" }, line: 12, column: 17 }],
    },
    {
      name: "a hook's name from an interpolation default",
      code: hook("post_start", '          - "${NAME:-LEVEL }=1"\n'),
      errors: [{ messageId: "trailingSpaceHook", data: { hook: "services.web.post_start[0]", entry: "${NAME:-LEVEL }=1", evaluated: " (`LEVEL =1` once interpolated)", name: "LEVEL " }, line: 7, column: 13 }],
    },
    {
      name: "an environment list shared by a service and its hook: once, where it is written",
      code: 'x-env: &env\n  - "A =1"\nservices:\n  web:\n    image: x:1\n    environment: *env\n    post_start:\n      - command: ./init\n        environment: *env\n',
      errors: [{ messageId: "trailingSpace", line: 2, column: 5 }],
    },
    {
      name: "a hook list shared by two services: once, where it is written, named after the first",
      code: 'x-hooks: &hooks\n  - command: ./init\n    environment:\n      - "A =1"\nservices:\n  a:\n    image: x:1\n    pre_stop: *hooks\n  b:\n    image: x:1\n    pre_stop: *hooks\n',
      errors: [{ messageId: "trailingSpaceHook", data: { hook: "services.a.pre_stop[0]", entry: "A =1", evaluated: "", name: "A " }, line: 4, column: 9 }],
    },
    {
      name: "a hook's environment from a merge key inside it: where it is written",
      code: 'x-hook: &hook\n  environment:\n    - "A =1"\nservices:\n  web:\n    image: x:1\n    pre_start:\n      - <<: *hook\n        command: ./init\n',
      errors: [{ messageId: "trailingSpaceHook", data: { hook: "services.web.pre_start[0]", entry: "A =1", evaluated: "", name: "A " }, line: 3, column: 7 }],
    },
    {
      name: "a hook inherited through extends: once, in the base",
      code: 'services:\n  base:\n    image: x:1\n    post_start:\n      - command: ./init\n        environment:\n          - "A =1"\n  web:\n    extends: base\n',
      errors: [{ messageId: "trailingSpaceHook", data: { hook: "services.base.post_start[0]", entry: "A =1", evaluated: "", name: "A " }, line: 7, column: 13 }],
    },
    {
      name: "a list shared through an anchor is reported once, where it is written",
      code: 'x-env: &env\n  - "A =1"\nservices:\n  a:\n    image: x:1\n    environment: *env\n  b:\n    image: x:1\n    environment: *env\n',
      errors: [{ messageId: "trailingSpace", line: 2, column: 5 }],
    },
  ],
});
