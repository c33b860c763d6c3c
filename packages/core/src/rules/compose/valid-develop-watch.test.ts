import { describe, it } from "vitest";
import "../../compose/index.js";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./valid-develop-watch.js";

const watch = (entries: string): string => `services:\n  web:\n    build: .\n    develop:\n      watch:\n${entries}`;
const noTarget = (action: string, what = "no `target`") => ({ service: "web", action, what });

createRuleTester({ describe, it }).run(rule, {
  valid: [
    {
      name: "every action with what it needs",
      code: watch(
        "        - path: ./src\n          action: sync\n          target: /app/src\n        - path: ./conf\n          action: sync+restart\n          target: /etc/app\n        - path: ./web\n          action: sync+exec\n          target: /srv\n          exec:\n            command: reload\n        - path: package.json\n          action: rebuild\n        - path: ./config\n          action: restart\n",
      ),
    },
    { name: "a blank path is a path (only the empty string is refused)", code: watch('        - path: " "\n          action: rebuild\n') },
    { name: "unknown variables: no guess", code: watch("        - path: ${SRC}\n          action: ${ACTION}\n        - path: ./a\n          action: sync\n          target: ${T}\n") },
    { name: "an unknown action is valid-schema's", code: watch("        - path: ./src\n          action: copy\n") },
    { name: "a target through a merge key", code: "x-t: &t\n  target: /app\nservices:\n  web:\n    build: .\n    develop:\n      watch:\n        - <<: *t\n          path: ./src\n          action: sync\n" },
    { name: "a null target is valid-schema's", code: watch("        - path: ./src\n          action: sync\n          target:\n") },
    {
      name: "inherited through extends: checked in the base service",
      code: "services:\n  base:\n    build: .\n    develop:\n      watch:\n        - path: ./src\n          action: rebuild\n  web:\n    extends: base\n",
    },
  ],
  invalid: [
    {
      name: "26: sync without target, at the action",
      code: watch("        - path: ./src\n          action: sync\n"),
      errors: [
        {
          messageId: "noTarget",
          line: 7,
          column: 19,
          endColumn: 23,
          message:
            "Service `web` has a `develop.watch` entry with `action: sync` and no `target`, which docker compose refuses (\"services.web.develop.watch: target is required for non-rebuild actions\"); add `target:` with the path in the container to copy the files to, e.g. `target: /app`.",
        },
      ],
    },
    {
      name: "26b: sync+restart and sync+exec without target",
      code: watch("        - path: ./config\n          action: sync+restart\n        - path: ./web\n          action: sync+exec\n          exec:\n            command: reload\n"),
      errors: [
        { messageId: "noTarget", line: 7, column: 19, data: noTarget("sync+restart") },
        { messageId: "noTarget", line: 9, column: 19, data: noTarget("sync+exec") },
      ],
    },
    {
      name: "an empty target, at the target",
      code: watch('        - path: ./src\n          action: sync\n          target: ""\n        - path: ./lib\n          action: sync\n          target: ${LIB:-}\n'),
      errors: [
        { messageId: "noTarget", line: 8, column: 19, data: noTarget("sync", "an empty `target`") },
        { messageId: "noTarget", line: 11, column: 19, data: noTarget("sync", "an empty `target` (`${LIB:-}`, empty once interpolated)") },
      ],
    },
    {
      name: "36: an empty path, at the path",
      code: watch('        - path: ""\n          action: rebuild\n'),
      errors: [
        {
          messageId: "blankPath",
          line: 6,
          column: 17,
          message:
            "Service `web` has a `develop.watch` entry whose `path` is empty, which docker compose refuses (\"services.web.develop.watch.[].path: value can't be blank\"); write the file or directory to watch, e.g. `path: ./src`.",
        },
      ],
    },
    {
      name: "both faults of one entry",
      code: watch('        - path: ""\n          action: sync\n'),
      errors: [
        { messageId: "blankPath", line: 6, column: 17 },
        { messageId: "noTarget", line: 7, column: 19 },
      ],
    },
    {
      name: "a list shared through an anchor: once, where it is written",
      code: "x-w: &w\n  watch:\n    - path: ./src\n      action: sync\nservices:\n  a:\n    build: .\n    develop: *w\n  b:\n    build: .\n    develop: *w\n",
      errors: [{ messageId: "noTarget", line: 4, column: 15, data: { service: "a", action: "sync", what: "no `target`" } }],
    },
  ],
});
