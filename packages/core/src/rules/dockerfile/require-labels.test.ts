import { describe, it } from "vitest";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./require-labels.js";

const settings = { labelSchema: { "org.opencontainers.image.source": "url", maintainer: "email" } };
const one = { labelSchema: { foo: "text" } };

createRuleTester({ describe, it }).run(rule, {
  valid: [
    { name: "no schema: the rule does nothing", code: "FROM alpine:3.20\nRUN true\n" },
    { name: "empty schema", code: "FROM alpine:3.20\n", settings: { labelSchema: {} } },
    {
      name: "all labels present",
      code: 'FROM alpine:3.20\nLABEL org.opencontainers.image.source="https://github.com/acme/app" \\\n      maintainer="ops@acme.example"\n',
      settings,
    },
    { name: "empty value is present (valid-label-values reports it)", code: 'FROM alpine:3.20\nLABEL foo=""\n', settings: one },
    { name: "inherited from the stage it builds on", code: 'FROM baseimage AS base\nLABEL foo="bar"\nFROM base\n', settings: one },
    { name: "a stage only copied from is an ingredient", code: 'FROM golang:1.22 AS build\nRUN go build\nFROM alpine:3.20\nLABEL foo="bar"\nCOPY --from=build /out /app\n', settings: one },
    { name: "a stage mounted from is an ingredient", code: 'FROM golang:1.22 AS deps\nFROM alpine:3.20\nLABEL foo="bar"\nRUN --mount=type=bind,from=deps,target=/deps true\n', settings: one },
    { name: "label set in the final stage that builds on the base", code: 'FROM baseimage as base\nFROM base\nLABEL foo="bar"\n', settings: one },
    { name: "ONBUILD LABEL of the parent labels the child", code: "FROM alpine:3.20 AS base\nONBUILD LABEL foo=bar\nFROM base\n", settings: one },
    { name: "key from an ARG default", code: "FROM alpine:3.20\nARG KEY=foo\nLABEL ${KEY}=1\n", settings: one },
    { name: "stages: final ignores other results", code: 'FROM alpine:3.20 AS test\nRUN true\nFROM alpine:3.20\nLABEL foo="bar"\n', settings: one, options: { stages: "final" } },
  ],
  invalid: [
    {
      name: "stages: final judges a build target (settings.buildTargets) too, even one a later stage copies from",
      code: 'FROM alpine:3.20 AS test\nRUN true\nFROM alpine:3.20\nCOPY --from=test /x /x\nLABEL foo="bar"\n',
      settings: { ...one, buildTargets: ["test"] },
      options: { stages: "final" },
      errors: [{ messageId: "missing", line: 1 }],
    },
    {
      name: "single stage, no label",
      code: "FROM baseimage\n",
      settings: one,
      errors: [{ messageId: "missing", data: { stage: "1 (FROM baseimage)", count: "a label", labels: '"foo"', example: "foo=…" }, line: 1, column: 1, endColumn: 15 }],
    },
    {
      name: "wrong label",
      code: 'FROM baseimage\nLABEL bar="baz"\n',
      settings: one,
      errors: [{ messageId: "missing", line: 1 }],
    },
    {
      name: "two labels missing, one message",
      code: "FROM alpine:3.20 AS app\nRUN true\n",
      settings,
      errors: [
        {
          messageId: "missing",
          data: { stage: '"app"', count: "2 labels", labels: '"org.opencontainers.image.source" and "maintainer"', example: "org.opencontainers.image.source=… maintainer=…" },
          line: 1,
        },
      ],
    },
    {
      name: "two independent results",
      code: 'FROM baseimage\nFROM newimage\nLABEL foo="bar"\n',
      settings: one,
      errors: [{ messageId: "missing", data: { stage: "1 (FROM baseimage)", count: "a label", labels: '"foo"', example: "foo=…" }, line: 1 }],
    },
    {
      name: "inheritance: the end result is reported once",
      code: "FROM baseimage as base\nFROM base\n",
      settings: one,
      errors: [{ messageId: "missing", data: { stage: "2 (FROM base)", count: "a label", labels: '"foo"', example: "foo=…" }, line: 2 }],
    },
    {
      name: "one of two results built on the same base",
      code: 'FROM baseimage as base\nFROM base\nLABEL foo="bar"\n\nFROM base\n',
      settings: one,
      errors: [{ messageId: "missing", line: 5 }],
    },
    {
      name: "ONBUILD LABEL does not label the stage that declares it",
      code: "FROM alpine:3.20\nONBUILD LABEL foo=bar\n",
      settings: one,
      errors: [{ messageId: "missing", line: 1 }],
    },
    {
      name: "a key that is only an undeclared variable does not count",
      code: "FROM alpine:3.20\nLABEL $KEY=1\n",
      settings: one,
      errors: [{ messageId: "missing", line: 1 }],
    },
    {
      name: "multi-line FROM",
      code: "FROM \\\n  alpine:3.20 AS final\n",
      settings: one,
      errors: [{ messageId: "missing", data: { stage: '"final"', count: "a label", labels: '"foo"', example: "foo=…" }, line: 1, endLine: 2 }],
    },
    {
      name: "more than three labels",
      code: "FROM alpine:3.20\n",
      settings: { labelSchema: { a: "text", b: "text", c: "text", "d e": "text" } },
      errors: [{ messageId: "missing", data: { stage: "1 (FROM alpine:3.20)", count: "4 labels", labels: '"a", "b" and 2 more', example: "a=… b=… c=… …" }, line: 1 }],
    },
  ],
});
