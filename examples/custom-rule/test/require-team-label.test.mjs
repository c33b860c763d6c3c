// The rule's tests, with the rule tester docklint's own rules use. It takes any test framework's
// describe/it: here node's built-in runner (`node --test test/`); vitest or mocha work the same.
import { describe, it } from "node:test";
import { createRuleTester } from "@docklint/core/testing";
import rule from "../rules/require-team-label.mjs";

createRuleTester({ describe, it }).run(rule, {
  valid: [
    'FROM alpine:3.20\nLABEL com.acme.team="payments"\n',
    { name: "inherited from the stage it builds on", code: 'FROM alpine:3.20 AS base\nLABEL com.acme.team=payments\nFROM base AS final\nUSER 10001\n' },
    { name: "another label name", code: "FROM alpine:3.20\nLABEL org.example.owner=search\n", options: { label: "org.example.owner" } },
  ],
  invalid: [
    {
      name: "no label",
      code: "FROM alpine:3.20\nRUN echo hi\n",
      errors: [{ messageId: "missing", data: { image: "alpine:3.20", label: "com.acme.team" }, line: 1, column: 1, endLine: 1, endColumn: 17 }],
    },
    {
      name: "only an earlier, unrelated stage has it",
      code: "FROM golang:1.22 AS build\nLABEL com.acme.team=payments\nFROM alpine:3.20\n",
      errors: [{ messageId: "missing", line: 3, column: 1 }],
    },
    {
      name: "empty value",
      code: 'FROM alpine:3.20\nLABEL com.acme.team=""\n',
      errors: [{ messageId: "empty", line: 2, column: 7 }],
    },
  ],
});
