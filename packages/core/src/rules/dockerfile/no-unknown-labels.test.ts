import { describe, it } from "vitest";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./no-unknown-labels.js";

const strict = { labelSchema: { required: "text", "org.opencontainers.image.source": "url" }, strictLabels: true };

createRuleTester({ describe, it }).run(rule, {
  valid: [
    { name: "strictLabels off: the rule does nothing", code: 'FROM alpine:3.20\nLABEL other="bar"\n', settings: { labelSchema: { required: "text" } } },
    { name: "no label", code: "FROM alpine:3.20\n", settings: strict },
    { name: "schema labels", code: 'FROM alpine:3.20\nLABEL required="foo" org.opencontainers.image.source=https://x.example\n', settings: strict },
    { name: "allowed by a glob", code: 'FROM alpine:3.20\nLABEL org.opencontainers.image.title="app"\n', settings: strict, options: { allow: ["org.opencontainers.image.*"] } },
    { name: "key from a build argument", code: "FROM alpine:3.20\nARG KEY\nLABEL ${KEY}=1\n", settings: strict },
  ],
  invalid: [
    {
      name: "other label",
      code: 'FROM alpine:3.20\nLABEL other="bar"\n',
      settings: strict,
      errors: [{ messageId: "unknown", data: { key: "other" }, line: 2, column: 7, endColumn: 12 }],
    },
    {
      name: "other label next to a required one",
      code: 'LABEL required="foo" other="bar"\n',
      settings: strict,
      errors: [{ messageId: "unknown", data: { key: "other" }, line: 1, column: 22, endColumn: 27 }],
    },
    {
      name: "strictLabels without a schema: every label",
      code: "FROM alpine:3.20\nLABEL a=1 b=2\n",
      settings: { strictLabels: true },
      errors: [
        { messageId: "unknown", data: { key: "a" }, line: 2, column: 7 },
        { messageId: "unknown", data: { key: "b" }, line: 2, column: 11 },
      ],
    },
    {
      name: "keys are case-sensitive",
      code: "FROM alpine:3.20\nLABEL Required=1\n",
      settings: strict,
      errors: [{ messageId: "unknown", data: { key: "Required" }, line: 2 }],
    },
    {
      name: "ONBUILD LABEL and every stage",
      code: "FROM alpine:3.20 AS a\nLABEL x=1\nFROM alpine:3.20\nONBUILD LABEL y=2\n",
      settings: strict,
      errors: [
        { messageId: "unknown", data: { key: "x" }, line: 2 },
        { messageId: "unknown", data: { key: "y" }, line: 4, column: 15, endColumn: 16 },
      ],
    },
    {
      name: "key from an ARG default",
      code: "FROM alpine:3.20\nARG KEY=team\nLABEL ${KEY}=core\n",
      settings: strict,
      errors: [{ messageId: "unknown", data: { key: "team" }, line: 3, column: 7, endColumn: 13 }],
    },
    {
      name: "legacy form, escape directive",
      code: "# escape=`\nFROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nLABEL description a `\n  Windows image\n",
      settings: strict,
      errors: [{ messageId: "unknown", data: { key: "description" }, line: 3 }],
    },
  ],
});
