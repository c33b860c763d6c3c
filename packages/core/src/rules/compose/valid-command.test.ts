import { describe, it } from "vitest";
import "../../compose/index.js";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./valid-command.js";

const service = (lines: string): string => `services:\n  web:\n    image: nginx:1.27\n${lines}`;
const found = (key: string, shown: string, reason: string, name = "web") => ({ service: name, key, shown, reason });

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
