import { describe, it } from "vitest";
import "../../compose/index.js";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./no-privileged.js";

/** A service whose one `develop.watch` entry (after `./docs`'s) runs `exec` lines (indented for the exec mapping). */
const watch = (exec: string): string =>
  `services:\n  web:\n    image: nginx:1.27\n    develop:\n      watch:\n        - path: ./docs\n          action: rebuild\n        - path: ./src\n          action: sync+exec\n          target: /app\n          exec:\n${exec}`;

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
    // go-yaml merges only a plain `<<`: valid-schema reports the quoted key as unknown.
    { name: "a quoted \"<<\" merges nothing", code: "x-base: &base\n  privileged: true\nservices:\n  web:\n    image: nginx:1.27\n    \"<<\": *base\n" },
    // Lifecycle hooks: the same reading of `privileged` as the service's.
    ...[
      ["a hook without privileged", "command: echo hi"],
      ["a hook with privileged false", "command: echo hi\n        privileged: false"],
      ["a hook with privileged \"no\"", "command: echo hi\n        privileged: \"no\""],
      ["a hook with privileged from an unset variable", "command: echo hi\n        privileged: ${HOOK_PRIV}"],
      ["a hook with privileged \"1\" (compose-go refuses it)", "command: echo hi\n        privileged: \"1\""],
    ].flatMap(([name, hook]) =>
      ["pre_start", "post_start", "pre_stop"].map((key) => ({ name: `${name} (${key})`, code: `services:\n  web:\n    image: nginx:1.27\n    ${key}:\n      - ${hook}\n` })),
    ),
    // develop.watch[].exec: a service_hook, read the same way.
    { name: "a watch exec without privileged", code: watch("            command: kill -HUP 1\n") },
    { name: "a watch exec with privileged false", code: watch("            command: kill -HUP 1\n            privileged: false\n") },
    { name: "a watch exec with privileged from an unset variable", code: watch("            command: kill -HUP 1\n            privileged: ${WATCH_PRIV}\n") },
    { name: "watch entries without exec", code: "services:\n  web:\n    image: nginx:1.27\n    develop:\n      watch:\n        - path: ./src\n          action: sync\n          target: /app\n" },
    { name: "develop without watch", code: "services:\n  web:\n    image: nginx:1.27\n    develop:\n" },
    { name: "privileged on a watch entry is not the exec's (valid-schema's finding)", code: "services:\n  web:\n    image: nginx:1.27\n    develop:\n      watch:\n        - path: ./src\n          action: rebuild\n          privileged: true\n" },
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
    // Lifecycle hooks, each reported at its value, named as docker compose names it.
    ...(
      [
        ["pre_start", "privilegedPreStart", "true", "true"],
        ["post_start", "privilegedExec", "\"yes\"", "yes"],
        ["pre_stop", "privilegedExec", "ON", "ON"],
        ["post_start", "privilegedExec", "${HOOK_PRIV:-true}", "${HOOK_PRIV:-true}"],
      ] as const
    ).map(([key, messageId, written, value]) => ({
      name: `${key} with privileged: ${written}`,
      code: `services:\n  app:\n    image: app:1.4\n    ${key}:\n      - command: echo one\n      - command: echo two\n        privileged: ${written}\n`,
      errors: [{ messageId, data: { hook: `services.app.${key}[1]`, service: "app", value }, line: 7, column: 21, endColumn: 21 + written.length }],
    })),
    {
      name: "a privileged service and its privileged hook: two findings",
      code: "services:\n  app:\n    image: app:1.4\n    privileged: true\n    pre_start:\n      - image: busybox:1.37\n        command: chown -R 10001 /data\n        privileged: true\n",
      errors: [
        { messageId: "privileged", line: 4, column: 17 },
        {
          messageId: "privilegedPreStart",
          message:
            "Hook `services.app.pre_start[0]` runs a privileged container (`privileged: true`) with the volumes of service `app`: it gets every capability, every host device and no seccomp/AppArmor confinement, so root in it is root on the host; remove `privileged` from the hook: changing files in the service's volumes, the usual job of a `pre_start` step, needs no privileges.",
          line: 8,
          column: 21,
        },
      ],
    },
    {
      name: "a hook's privileged from a merge key inside the hook: at the `<<` line",
      code: "x-priv: &priv\n  privileged: true\nservices:\n  app:\n    image: app:1.4\n    post_start:\n      - <<: *priv\n        command: echo hi\n",
      errors: [{ messageId: "privilegedExec", data: { hook: "services.app.post_start[0]", service: "app", value: "true" }, line: 7, column: 9, endColumn: 18 }],
    },
    {
      name: "a hook's privileged from an alias: at the alias",
      code: "x-yes: &yes true\nservices:\n  app:\n    image: app:1.4\n    post_start:\n      - command: echo hi\n        privileged: *yes\n",
      errors: [{ messageId: "privilegedExec", data: { hook: "services.app.post_start[0]", service: "app", value: "true" }, line: 7, column: 21, endColumn: 25 }],
    },
    {
      name: "a hook list from an alias: at the alias, once per service that uses it",
      code: "x-hooks: &hooks\n  - command: echo hi\n    privileged: true\nservices:\n  a:\n    image: a:1\n    pre_stop: *hooks\n  b:\n    image: b:1\n    pre_stop: *hooks\n",
      errors: [
        { messageId: "privilegedExec", data: { hook: "services.a.pre_stop[0]", service: "a", value: "true" }, line: 7, column: 15 },
        { messageId: "privilegedExec", data: { hook: "services.b.pre_stop[0]", service: "b", value: "true" }, line: 10, column: 15 },
      ],
    },
    {
      name: "a hook inherited through extends: at the base's value and at the extending service's `extends`",
      code: "services:\n  base:\n    image: app:1.4\n    post_start:\n      - command: echo hi\n        privileged: true\n  app:\n    extends: base\n    post_start:\n      - command: echo own\n",
      errors: [
        { messageId: "privilegedExec", data: { hook: "services.base.post_start[0]", service: "base", value: "true" }, line: 6, column: 21 },
        { messageId: "privilegedExec", data: { hook: "services.app.post_start[0]", service: "app", value: "true" }, line: 8, column: 5 },
      ],
    },
    // develop.watch[].exec runs as docker exec in the service's container, as post_start does.
    {
      name: "a watch exec with privileged: true, at the value",
      code: watch("            command: kill -HUP 1\n            privileged: true\n"),
      errors: [
        {
          messageId: "privilegedExec",
          message:
            "Hook `services.web.develop.watch[1].exec` runs its command privileged in the container of service `web` (`privileged: true`, as `docker exec --privileged`): the command gets every capability, whatever the service's `cap_add`/`cap_drop` leave it; remove `privileged` from the hook, and add to the service's `cap_add` only the capability the command needs.",
          line: 13,
          column: 25,
          endColumn: 29,
        },
      ],
    },
    {
      name: "a watch exec with privileged: \"yes\", in flow style",
      code: watch("            { command: kill -HUP 1, privileged: \"yes\" }\n"),
      errors: [{ messageId: "privilegedExec", data: { hook: "services.web.develop.watch[1].exec", service: "web", value: "yes" }, line: 12, column: 49 }],
    },
    {
      name: "a watch exec from a merge key inside it: at the `<<` line",
      code: "x-priv: &priv\n  privileged: true\n" + watch("            <<: *priv\n            command: kill -HUP 1\n"),
      errors: [{ messageId: "privilegedExec", data: { hook: "services.web.develop.watch[1].exec", service: "web", value: "true" }, line: 14, column: 13, endColumn: 22 }],
    },
    {
      name: "a watch exec from an alias: at the alias",
      code: "x-exec: &exec\n  command: kill -HUP 1\n  privileged: true\nservices:\n  web:\n    image: nginx:1.27\n    develop:\n      watch:\n        - path: ./src\n          action: sync+exec\n          target: /app\n          exec: *exec\n",
      errors: [{ messageId: "privilegedExec", data: { hook: "services.web.develop.watch[0].exec", service: "web", value: "true" }, line: 12, column: 17, endColumn: 22 }],
    },
    {
      name: "a watch entry from a merge key: at the entry's `<<` line",
      code: "x-watch: &watch\n  action: sync+exec\n  target: /app\n  exec:\n    command: kill -HUP 1\n    privileged: true\nservices:\n  web:\n    image: nginx:1.27\n    develop:\n      watch:\n        - <<: *watch\n          path: ./src\n",
      errors: [{ messageId: "privilegedExec", data: { hook: "services.web.develop.watch[0].exec", service: "web", value: "true" }, line: 12, column: 11, endColumn: 21 }],
    },
    {
      name: "a watch list from an alias: at the alias, once per service that uses it",
      code: "x-watch: &watch\n  - path: ./src\n    action: sync+exec\n    target: /app\n    exec:\n      command: kill -HUP 1\n      privileged: true\nservices:\n  a:\n    image: a:1\n    develop:\n      watch: *watch\n  b:\n    image: b:1\n    develop:\n      watch: *watch\n",
      errors: [
        { messageId: "privilegedExec", data: { hook: "services.a.develop.watch[0].exec", service: "a", value: "true" }, line: 12, column: 14 },
        { messageId: "privilegedExec", data: { hook: "services.b.develop.watch[0].exec", service: "b", value: "true" }, line: 16, column: 14 },
      ],
    },
    {
      name: "a develop section from a merge key: at the service's `<<` line",
      code: "x-dev: &dev\n  develop:\n    watch:\n      - path: ./src\n        action: sync+exec\n        target: /app\n        exec:\n          command: kill -HUP 1\n          privileged: true\nservices:\n  web:\n    <<: *dev\n    image: nginx:1.27\n",
      errors: [{ messageId: "privilegedExec", data: { hook: "services.web.develop.watch[0].exec", service: "web", value: "true" }, line: 12, column: 5, endColumn: 13 }],
    },
    {
      name: "a watch exec inherited through extends: at the base's value and at the extending service's `extends`",
      code: "services:\n  base:\n    image: app:1.4\n    develop:\n      watch:\n        - path: ./src\n          action: sync+exec\n          target: /app\n          exec:\n            command: kill -HUP 1\n            privileged: true\n  app:\n    extends: base\n",
      errors: [
        { messageId: "privilegedExec", data: { hook: "services.base.develop.watch[0].exec", service: "base", value: "true" }, line: 11, column: 25 },
        { messageId: "privilegedExec", data: { hook: "services.app.develop.watch[0].exec", service: "app", value: "true" }, line: 13, column: 5 },
      ],
    },
    {
      name: "hooks and a watch exec of one service: a finding each",
      code: "services:\n  web:\n    image: nginx:1.27\n    develop:\n      watch:\n        - path: ./src\n          action: sync+exec\n          target: /app\n          exec:\n            command: kill -HUP 1\n            privileged: true\n    post_start:\n      - command: echo hi\n        privileged: true\n",
      errors: [
        { messageId: "privilegedExec", data: { hook: "services.web.develop.watch[0].exec", service: "web", value: "true" }, line: 11, column: 25 },
        { messageId: "privilegedExec", data: { hook: "services.web.post_start[0]", service: "web", value: "true" }, line: 14, column: 21 },
      ],
    },
    {
      name: "a hook key written with an escape is the key",
      code: 'services:\n  app:\n    image: app:1.4\n    "post\\u005fstart":\n      - command: echo hi\n        privileged: true\n',
      errors: [{ messageId: "privilegedExec", data: { hook: "services.app.post_start[0]", service: "app", value: "true" }, line: 6, column: 21 }],
    },
    {
      name: "a whole service from an alias: at the alias",
      code: "x-svc: &svc\n  image: app:1.4\n  pre_stop:\n    - command: echo bye\n      privileged: true\nservices:\n  app: *svc\n",
      errors: [{ messageId: "privilegedExec", data: { hook: "services.app.pre_stop[0]", service: "app", value: "true" }, line: 7, column: 8 }],
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
