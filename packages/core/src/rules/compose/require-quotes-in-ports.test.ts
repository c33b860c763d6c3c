import { describe, it } from "vitest";
import "../../compose/index.js";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./require-quotes-in-ports.js";

const ports = (...entries: string[]) => `services:\n  web:\n    image: nginx\n    ports:\n${entries.map((e) => `      - ${e}\n`).join("")}`;

createRuleTester({ describe, it }).run(rule, {
  valid: [
    { name: "single quotes (the default style)", code: ports("'80'", "'8080:80'", "'127.0.0.1:53:53/udp'") },
    { name: "double quotes when configured", code: ports('"80"', '"8080:80"'), options: { quoteType: "double" } },
    { name: "long syntax values are not entries", code: "services:\n  web:\n    image: nginx\n    ports:\n      - target: 80\n        published: 8080\n" },
    { name: "no ports or expose", code: "services:\n  web:\n    image: nginx\n" },
    { name: "quoted expose in a flow list", code: "services:\n  web:\n    image: nginx\n    expose: ['3000', '3001']\n" },
    { name: "other keys are not ports", code: "services:\n  web:\n    image: nginx\n    command: [\"serve\", 8080]\n" },
  ],
  invalid: [
    {
      name: "plain number and mapping, plain expose",
      code: "services:\n  web:\n    image: nginx\n    ports:\n      - 80\n      - 8080:80\n    expose:\n      - 3000  \n",
      errors: [
        {
          messageId: "unquoted",
          line: 5,
          column: 9,
          endColumn: 11,
          message:
            "The port `80` in `ports` of service `web` is not quoted; write `'80'`, so every YAML parser reads it as text (YAML 1.1 parsers read an unquoted `22:22` as the number 1342).",
        },
        { messageId: "unquoted", line: 6, column: 9, endColumn: 16 },
        { messageId: "unquoted", line: 8, column: 9, data: { service: "web", key: "expose", value: "3000", expected: "`'3000'`" } },
      ],
      output: "services:\n  web:\n    image: nginx\n    ports:\n      - '80'\n      - '8080:80'\n    expose:\n      - '3000'  \n",
    },
    {
      name: "the YAML 1.1 base-60 trap is named",
      code: ports("22:22", "2222:22"),
      errors: [
        {
          messageId: "sexagesimal",
          line: 5,
          column: 9,
          message:
            "The port `22:22` in `ports` of service `web` is not quoted, and YAML 1.1 parsers (docker-compose v1, PyYAML-based tools) read it as the base-60 number 1342; write `'22:22'`.",
        },
        { messageId: "sexagesimal", line: 6, column: 9, data: { service: "web", key: "ports", value: "2222:22", number: 133342, expected: "`'2222:22'`" } },
      ],
      output: ports("'22:22'", "'2222:22'"),
    },
    {
      name: "double quotes when single are wanted",
      code: ports('"80"', '"8080:80" # web'),
      errors: [
        { messageId: "otherQuotes", line: 5, column: 9, data: { service: "web", key: "ports", value: "80", actual: "double", wanted: "single", expected: "`'80'`" } },
        { messageId: "otherQuotes", line: 6, column: 9 },
      ],
      output: ports("'80'", "'8080:80' # web"),
    },
    {
      name: "single quotes when double are wanted, plain too",
      code: ports("'80'", "8080:80"),
      options: { quoteType: "double" },
      errors: [
        { messageId: "otherQuotes", line: 5, column: 9, data: { service: "web", key: "ports", value: "80", actual: "single", wanted: "double", expected: '`"80"`' } },
        { messageId: "unquoted", line: 6, column: 9 },
      ],
      output: ports('"80"', '"8080:80"'),
    },
    {
      name: "interpolation is kept as written",
      code: ports('"${PORT:-8080}:80"'),
      errors: [{ messageId: "otherQuotes", line: 5, column: 9 }],
      output: ports("'${PORT:-8080}:80'"),
    },
    {
      name: "flow sequence, CRLF",
      code: "services:\r\n  web:\r\n    image: nginx\r\n    ports: [80, \"443:443\"]  # edge\r\n",
      errors: [
        { messageId: "unquoted", line: 4, column: 13, endColumn: 15 },
        { messageId: "otherQuotes", line: 4, column: 17, endColumn: 26 },
      ],
      output: "services:\r\n  web:\r\n    image: nginx\r\n    ports: ['80', '443:443']  # edge\r\n",
    },
    {
      name: "anchor kept, aliased entry reported once where it is written",
      code: "services:\n  web:\n    image: nginx\n    ports:\n      - &https 443:443\n  proxy:\n    image: nginx\n    ports:\n      - *https\n",
      errors: [{ messageId: "unquoted", line: 5, column: 16 }],
      output: "services:\n  web:\n    image: nginx\n    ports:\n      - &https '443:443'\n  proxy:\n    image: nginx\n    ports:\n      - *https\n",
    },
    {
      name: "converting escapes: a quote and a backslash into double quotes",
      code: ports("'8\"0\\1'"),
      options: { quoteType: "double" },
      errors: [{ messageId: "otherQuotes", line: 5, column: 9, data: { service: "web", key: "ports", value: '8"0\\1', actual: "single", wanted: "double", expected: '`"8\\"0\\\\1"`' } }],
      output: ports('"8\\"0\\\\1"'),
    },
    {
      name: "a control character single quotes cannot write: reported without a fix",
      code: ports('"80\\x01"'),
      errors: [{ messageId: "otherQuotes", line: 5, column: 9, data: { service: "web", key: "ports", value: "80\u0001", actual: "double", wanted: "single", expected: "it in single quotes" } }],
      output: null,
    },
    {
      name: "a number YAML parsers read differently: reported without a fix",
      code: ports("0x50", "017"),
      errors: [
        { messageId: "unquoted", line: 5, column: 9, data: { service: "web", key: "ports", value: "0x50", expected: "it in single quotes" } },
        { messageId: "unquoted", line: 6, column: 9 },
      ],
      output: null,
    },
  ],
});
