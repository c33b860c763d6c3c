import { describe, it } from "vitest";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./no-reserved-stage-name.js";

createRuleTester({ describe, it }).run(rule, {
  valid: [
    "FROM foo:bar AS foobar\n",
    { name: "FROM scratch without a name", code: "FROM scratch\nFROM scratch AS a\n" },
    { name: "names that only contain the words", code: "FROM alpine:3.20 AS scratch-build\nFROM alpine:3.20 AS build-context\n" },
    { name: "inherited object keys are no reserved words", code: "FROM alpine:3.20 AS constructor\nFROM alpine:3.20 AS toString\n" },
  ],
  invalid: [
    {
      name: "scratch",
      code: "FROM foo:bar AS scratch\n",
      errors: [{ messageId: "reserved", data: { name: "scratch", lower: "scratch", meaning: "the empty base image, so a later `FROM scratch` or `--from=scratch` becomes ambiguous" }, line: 1, column: 17, endColumn: 24 }],
    },
    {
      name: "context",
      code: "FROM foo:bar AS context\n",
      errors: [{ messageId: "reserved", data: { name: "context", lower: "context", meaning: "the build context itself in BuildKit, so `--from=context` becomes ambiguous" }, line: 1, column: 17, endColumn: 24 }],
    },
    {
      name: "both, in any case (BuildKit lower-cases names)",
      code: "\nFROM scratch AS Scratch\nfrom scratch as CONTEXT\n",
      errors: [
        { messageId: "reserved", line: 2, column: 17, endColumn: 24 },
        { messageId: "reserved", line: 3, column: 17, endColumn: 24 },
      ],
    },
  ],
});
