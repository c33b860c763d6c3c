import { describe, it } from "vitest";
import "../../compose/index.js";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./no-quotes-in-volumes.js";

const vols = (...entries: string[]) => `services:\n  web:\n    image: nginx\n    volumes:\n${entries.map((e) => `      - ${e}\n`).join("")}`;

createRuleTester({ describe, it }).run(rule, {
  valid: [
    { name: "plain entries", code: vols("data:/data", "./conf:/etc/nginx/conf.d:ro") },
    {
      name: "quoted values inside the long syntax",
      code: "services:\n  web:\n    image: nginx\n    volumes:\n      - type: volume\n        source: \"db-data\"\n        target: '/data'\n",
    },
    { name: "quoted top-level volume names", code: "services:\n  web:\n    image: nginx\nvolumes:\n  \"data\": {}\n" },
    { name: "quoted values elsewhere in the service", code: "services:\n  web:\n    image: \"nginx\"\n    ports: [\"80:80\"]\n" },
    { name: "an empty quoted entry is left to the schema", code: vols('""') },
  ],
  invalid: [
    {
      name: "double quotes, at the entry",
      code: vols('"data:/data"'),
      errors: [
        {
          messageId: "quoted",
          line: 5,
          column: 9,
          endColumn: 21,
          message: "The volume `\"data:/data\"` of service `web` is quoted, and needs no quotes; write `data:/data`.",
        },
      ],
      output: vols("data:/data"),
    },
    {
      name: "single quotes with an escaped quote, a comment after it",
      code: vols("'./it''s:/x' # mine"),
      errors: [{ messageId: "quoted", line: 5, column: 9, endColumn: 21, data: { service: "web", written: "`'./it''s:/x'`", plain: "./it's:/x" } }],
      output: vols("./it's:/x # mine"),
    },
    {
      name: "options with a comma in a block list",
      code: vols('"./a:/b:ro,z"', '"C:\\\\data:/data"'),
      errors: [
        { messageId: "quoted", line: 5, column: 9 },
        { messageId: "quoted", line: 6, column: 9 },
      ],
      output: vols("./a:/b:ro,z", "C:\\data:/data"),
    },
    {
      name: "entries whose quotes are needed: reported without a fix",
      code: vols('"a: b"', '"#x:/y"', '"*x:/y"', '"true"', '"./a:/b #1"', '" ./padded:/x"', '"./tab\\there:/x"'),
      errors: [
        { messageId: "needsQuotes", line: 5, column: 9 },
        { messageId: "needsQuotes", line: 6, column: 9 },
        { messageId: "needsQuotes", line: 7, column: 9 },
        { messageId: "needsQuotes", line: 8, column: 9 },
        { messageId: "needsQuotes", line: 9, column: 9 },
        { messageId: "needsQuotes", line: 10, column: 9 },
        { messageId: "needsQuotes", line: 11, column: 9 },
      ],
      output: null,
    },
    {
      name: "flow sequence: a comma needs the quotes there, a plain path does not",
      code: "services:\n  web:\n    image: nginx\n    volumes: [\"./a:/b:ro,z\", 'data:/d']  # keep\n",
      errors: [
        { messageId: "needsQuotes", line: 4, column: 15 },
        { messageId: "quoted", line: 4, column: 30, endColumn: 39 },
      ],
      output: "services:\n  web:\n    image: nginx\n    volumes: [\"./a:/b:ro,z\", data:/d]  # keep\n",
    },
    {
      name: "anchor and tag stay, the aliased entry is reported once where it is written",
      code: "services:\n  web:\n    image: nginx\n    volumes:\n      - &v \"data:/data\"\n      - !!str \"x:/y\"\n  db:\n    image: postgres\n    volumes:\n      - *v\n",
      errors: [
        { messageId: "quoted", line: 5, column: 12 },
        { messageId: "quoted", line: 6, column: 15 },
      ],
      output: "services:\n  web:\n    image: nginx\n    volumes:\n      - &v data:/data\n      - !!str x:/y\n  db:\n    image: postgres\n    volumes:\n      - *v\n",
    },
    {
      name: "a list shared through a merge key is reported once, in the anchor",
      code: "x-vols: &vols\n  volumes:\n    - \"data:/data\"\nservices:\n  a:\n    <<: *vols\n    image: nginx\n  b:\n    <<: *vols\n    image: nginx\n",
      errors: [{ messageId: "quoted", line: 3, column: 7 }],
      output: "x-vols: &vols\n  volumes:\n    - data:/data\nservices:\n  a:\n    <<: *vols\n    image: nginx\n  b:\n    <<: *vols\n    image: nginx\n",
    },
    {
      name: "CRLF file, multi-line quoted scalar",
      code: "services:\r\n  web:\r\n    image: nginx\r\n    volumes:\r\n      - \"data:/data\"\r\n      - \"./a:\r\n        /b\"\r\n",
      errors: [
        { messageId: "quoted", line: 5, column: 9 },
        { messageId: "needsQuotes", line: 6, column: 9 },
      ],
      output: "services:\r\n  web:\r\n    image: nginx\r\n    volumes:\r\n      - data:/data\r\n      - \"./a:\r\n        /b\"\r\n",
    },
  ],
});
