import { describe, it } from "vitest";
import "../../compose/index.js";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./valid-interpolation.js";

createRuleTester({ describe, it }).run(rule, {
  valid: [
    "services:\n  web:\n    image: nginx:${TAG:-1.27}\n",
    {
      name: "every operator, nesting, and $$ escapes",
      code: [
        "services:",
        "  web:",
        "    image: ${REGISTRY-docker.io}/app:${TAG:?set TAG}",
        "    user: ${UID?}:${GID:?}",
        "    hostname: ${HOST:+web}${HOST+x}",
        "    working_dir: ${DIR:-${HOME:-/srv}/app}",
        "    command: echo $$HOME $${NOT_INTERPOLATED} $VAR $_x",
        "    environment:",
        "      PASS: 'p$$w0rd'",
        "",
      ].join("\n"),
    },
    {
      name: "a `$` that starts no variable is literal to compose-go v2 ($1, $(…), regex anchors, trailing $)",
      code: [
        "services:",
        "  web:",
        "    image: x",
        "    command: sh -c 'echo $1 $(date) $ '",
        "    labels:",
        "      - traefik.http.routers.web.rule=HostRegexp(`^.+$`)",
        "      - price=5$",
        "",
      ].join("\n"),
    },
    { name: "keys are not interpolated", code: "services:\n  web:\n    image: x\n    labels:\n      ${KEY: ok\n      \"${\": ok\n" },
    { name: "numbers and booleans", code: "services:\n  web:\n    image: x\n    cpus: 1.5\n    read_only: true\n" },
    { name: "named mappings (`${name[key]}`) are left to Compose", code: "services:\n  web:\n    image: x\n    environment:\n      A: ${secrets[token]}\n" },
    { name: "only the first document is read by Compose", code: "services:\n  web:\n    image: x\n---\nother: ${broken\n" },
  ],
  invalid: [
    {
      name: "unclosed ${, at the expression inside a plain scalar",
      code: "services:\n  web:\n    image: nginx:${TAG\n",
      errors: [
        {
          messageId: "invalid",
          message:
            "`${TAG` is not a valid interpolation: `${TAG` is never closed with `}`. `docker compose` refuses the file (\"invalid interpolation format\"); fix the expression, or write `$$` where a literal `$` is meant.",
          line: 3,
          column: 18,
          endColumn: 23,
        },
      ],
    },
    {
      name: "a space after ${, inside a double-quoted scalar",
      code: "services:\n  web:\n    image: \"nginx:${ TAG}\"\n",
      errors: [{ messageId: "invalid", data: { expression: "${ TAG}", reason: "Expected a variable name (letters, digits and `_`, not starting with a digit) after `${`." }, line: 3, column: 19, endColumn: 26 }],
    },
    {
      name: "a nested default never closed, inside a single-quoted scalar",
      code: "services:\n  web:\n    image: 'a:${VAR:-${NESTED}'\n",
      errors: [{ messageId: "invalid", line: 3, column: 15, endColumn: 31 }],
    },
    {
      name: "several problems in one value, each at its place",
      code: "services:\n  web:\n    image: x\n    command: echo ${} ${A:b}\n",
      errors: [
        { messageId: "invalid", data: { expression: "${}", reason: "Expected a variable name (letters, digits and `_`, not starting with a digit) after `${`." }, line: 4, column: 19, endColumn: 22 },
        { messageId: "invalid", line: 4, column: 23, endColumn: 29 },
      ],
    },
    {
      name: "list items (environment, ports) and a value in a flow map",
      code: "services:\n  web:\n    image: x\n    environment:\n      - URL=http://${HOST:-db}:${PORT\n    ports: [\"${P-80}:80\", {target: 80, published: '${PUB'}]\n",
      errors: [
        { messageId: "invalid", line: 5, column: 32, endColumn: 38 },
        { messageId: "invalid", line: 6, column: 52, endColumn: 57 },
      ],
    },
    {
      name: "a quoted scalar with escapes is reported as a whole",
      code: "services:\n  web:\n    image: x\n    command: \"\\techo ${A\"\n",
      errors: [{ messageId: "invalid", line: 4, column: 14, endColumn: 26 }],
    },
    {
      name: "a block literal: at the line inside the block",
      code: "services:\n  web:\n    image: x\n    command: |\n      echo ok\n      echo ${A:x}\n",
      errors: [{ messageId: "invalid", line: 6, column: 12, endLine: 6, endColumn: 18 }],
    },
    {
      name: "a folded block is reported as a whole, without its trailing newline",
      code: "services:\n  web:\n    image: x\n    command: >\n      echo ok\n      echo ${A:x}\n",
      errors: [{ messageId: "invalid", line: 4, column: 14, endLine: 6, endColumn: 18 }],
    },
    {
      name: "an anchor used twice is reported once, where it is written",
      code: "x-env: &env\n  FOO: ${BAR\nservices:\n  web:\n    image: x\n    environment: *env\n  api:\n    image: x\n    environment: *env\n",
      errors: [{ messageId: "invalid", line: 2, column: 8, endColumn: 13 }],
    },
    {
      name: "extension fields and top-level keys are interpolated too",
      code: "x-tag: ${TAG:-1\nname: ${PROJECT\nservices:\n  web:\n    image: x\n",
      errors: [
        { messageId: "invalid", line: 1, column: 8 },
        { messageId: "invalid", line: 2, column: 7 },
      ],
    },
    {
      name: "a long expression is shortened in the message",
      code: `services:\n  web:\n    image: x\n    command: \${A:-${"x".repeat(60)}\n`,
      errors: [{ messageId: "invalid", data: { expression: `\${A:-${"x".repeat(35)}…`, reason: `\`\${A:-${"x".repeat(35)}\` is never closed with \`}\`.` }, line: 4, column: 14 }],
    },
  ],
});
