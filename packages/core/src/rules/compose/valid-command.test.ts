import { describe, it } from "vitest";
import "../../compose/index.js";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./valid-command.js";

const service = (lines: string): string => `services:\n  web:\n    image: nginx:1.27\n${lines}`;
const found = (key: string, shown: string, reason: string, name = "web") => ({ service: name, key, shown, reason });
/** A service with one hook of `key` whose command is `command`. */
const hook = (key: string, command: string): string => service(`    ${key}:\n      - command: ${command}\n`);
/** A service with one develop.watch entry whose `exec` runs `command`. */
const watchExec = (command: string): string => service(`    develop:\n      watch:\n        - path: ./src\n          action: sync+exec\n          target: /app\n          exec:\n            command: ${command}\n`);
const HOOK_KEYS = ["pre_start", "post_start", "pre_stop"] as const;

createRuleTester({ describe, it }).run(rule, {
  valid: [
    { name: "quotes closed", code: service("    command: sh -c 'echo hello && sleep 5'\n    entrypoint: \"/bin/sh -c \\\"exec nginx\\\"\"\n") },
    { name: "a list is not split", code: service("    command: [\"sh\", \"-c\", \"echo 'unclosed\"]\n") },
    { name: "the line ends at an operator: what follows is not read", code: service("    command: run && echo \"x\n") },
    { name: "$( … ) and $$( … )", code: service("    command: echo $(date) $$(hostname)\n") },
    { name: "a `)` pair that 1.0.12 accepts", code: service("    command: echo ) )\n") },
    { name: "an unknown variable: no guess", code: service("    command: sh -c '${SCRIPT}\n") },
    { name: "null and empty", code: service("    command:\n    entrypoint: \"\"\n") },
    { name: "inherited through extends: checked in the base service", code: "services:\n  base:\n    image: x:1\n    command: run\n  web:\n    extends: base\n" },
    // Lifecycle hooks' `command`, a ShellCommand as a service's.
    ...HOOK_KEYS.flatMap((key) => [
      { name: `${key}: quotes closed`, code: hook(key, "sh -c 'echo \"In the pre-stop\" >> /data/log.txt'") },
      { name: `${key}: a list is not split`, code: hook(key, "[\"sh\", \"-c\", \"echo 'unclosed\"]") },
      { name: `${key}: an unknown variable`, code: hook(key, "sh -c 'echo ${HOOK_VERSION}") },
    ]),
    { name: "a watch exec: quotes closed", code: watchExec("kill -HUP 1") },
    { name: "a hook without command (a pre_start image's entrypoint)", code: service("    pre_start:\n      - image: busybox:1.37\n") },
  ],
  invalid: [
    {
      name: "91: a single quote not closed, at the value",
      code: service("    command: sh -c 'echo hello\n"),
      errors: [
        {
          messageId: "unsplittable",
          line: 4,
          column: 14,
          endColumn: 31,
          message:
            "The `command` of service `web` (`sh -c 'echo hello`) cannot be split into words by docker compose (\"invalid command line string\": a single quote is not closed), so it refuses the file; fix the quoting, or write the command as a list of words (`[\"sh\", \"-c\", \"…\"]`), which Compose does not split.",
        },
      ],
    },
    {
      name: "96: an entrypoint with a double quote not closed",
      code: service('    entrypoint: "/bin/sh -c \\"exec nginx"\n'),
      errors: [{ messageId: "unsplittable", line: 4, column: 17, data: found("entrypoint", ' (`/bin/sh -c "exec nginx`)', "a double quote is not closed") }],
    },
    {
      name: "parentheses, a trailing backslash, a backquote",
      code: "services:\n  a:\n    image: x:1\n    command: sh -c (echo)\n  b:\n    image: x:1\n    command: echo )\n  c:\n    image: x:1\n    command: 'echo \\'\n  d:\n    image: x:1\n    command: echo `date\n",
      errors: [
        { messageId: "unsplittable", line: 4, data: found("command", " (`sh -c (echo)`)", "a `(` outside quotes does not follow `$`", "a") },
        { messageId: "unsplittable", line: 7, data: found("command", " (`echo )`)", "a `)` outside quotes closes no `$(`", "b") },
        { messageId: "unsplittable", line: 10, data: found("command", " (`echo \\`)", "it ends with a backslash", "c") },
        { messageId: "unsplittable", line: 13, data: found("command", "", "a backquote is not closed", "d") },
      ],
    },
    // Lifecycle hooks: compose-go splits their `command` string with the same shellwords.
    ...HOOK_KEYS.map((key) => ({
      name: `${key}: a single quote not closed`,
      code: hook(key, "sh -c 'echo hello"),
      errors: [{ messageId: "unsplittableHook", data: { hook: `services.web.${key}[0]`, shown: " (`sh -c 'echo hello`)", reason: "a single quote is not closed" }, line: 5, column: 18, endColumn: 35 }],
    })),
    {
      name: "a hook's command, with its message",
      code: hook("post_start", 'sh -c "echo (x)'),
      errors: [
        {
          messageId: "unsplittableHook",
          message:
            "The `command` of hook `services.web.post_start[0]` (`sh -c \"echo (x)`) cannot be split into words by docker compose (\"invalid command line string\": a double quote is not closed), so it refuses the file; fix the quoting, or write the command as a list of words (`[\"sh\", \"-c\", \"…\"]`), which Compose does not split.",
          line: 5,
        },
      ],
    },
    {
      name: "a watch exec's command",
      code: watchExec("echo )"),
      errors: [{ messageId: "unsplittableHook", data: { hook: "services.web.develop.watch[0].exec", shown: " (`echo )`)", reason: "a `)` outside quotes closes no `$(`" }, line: 10, column: 22 }],
    },
    {
      name: "a hook list shared by two services: once, where it is written",
      code: "x-hooks: &hooks\n  - command: sh -c 'x\nservices:\n  a:\n    image: x:1\n    pre_stop: *hooks\n  b:\n    image: x:1\n    pre_stop: *hooks\n",
      errors: [{ messageId: "unsplittableHook", data: { hook: "services.a.pre_stop[0]", shown: " (`sh -c 'x`)", reason: "a single quote is not closed" }, line: 2, column: 14 }],
    },
    {
      name: "a hook inherited through extends: once, in the base",
      code: "services:\n  base:\n    image: x:1\n    post_start:\n      - command: sh -c 'x\n  web:\n    extends: base\n",
      errors: [{ messageId: "unsplittableHook", data: { hook: "services.base.post_start[0]", shown: " (`sh -c 'x`)", reason: "a single quote is not closed" }, line: 5, column: 18 }],
    },
    {
      name: "a script is not shown, and the default is what counts",
      code: service("    command: >\n      sh -c 'echo one;\n      echo two\n    entrypoint: ${EP:-sh -c \"x}\n"),
      errors: [
        { messageId: "unsplittable", line: 4, column: 14, data: found("command", "", "a single quote is not closed") },
        { messageId: "unsplittable", line: 7, data: found("entrypoint", ' (`${EP:-sh -c "x}`, `sh -c "x` once interpolated)', "a double quote is not closed") },
      ],
    },
  ],
});
