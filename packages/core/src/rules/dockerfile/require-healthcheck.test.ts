import { describe, it } from "vitest";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./require-healthcheck.js";

createRuleTester({ describe, it }).run(rule, {
  valid: [
    'FROM node:20\nHEALTHCHECK CMD ["node", "healthcheck.js"]\n',
    { name: "shell-form check", code: "FROM node:20\nHEALTHCHECK --interval=30s CMD curl -f http://localhost:3000/ || exit 1\n" },
    { name: "HEALTHCHECK NONE is a deliberate opt-out by default", code: "FROM alpine:3\nHEALTHCHECK NONE\n" },
    { name: "inherited from a parent stage", code: "FROM scratch AS base\nHEALTHCHECK CMD [\"/bin/check\"]\nFROM base\n" },
    {
      name: "only the final stage is judged",
      code: "FROM golang:1.22 AS build\nRUN go build -o /app\nFROM gcr.io/distroless/static:nonroot\nCOPY --from=build /app /app\nHEALTHCHECK CMD [\"/app\", \"health\"]\n",
    },
    { name: "inherited NONE, allowed", code: "FROM scratch AS base1\nFROM base1 AS base2\nHEALTHCHECK NONE\nFROM base2 AS end\n" },
    { name: "no FROM at all", code: "HEALTHCHECK CMD foobar\n" },
    { name: "a check after NONE wins", code: "FROM alpine:3\nHEALTHCHECK NONE\nHEALTHCHECK CMD [\"true\"]\n", options: { allowNone: false } },
  ],
  invalid: [
    {
      name: "a build target without HEALTHCHECK (settings.buildTargets), and the last stage with one",
      code: "FROM node:20 AS dev\nCMD [\"npm\", \"run\", \"dev\"]\nFROM node:20-slim\nHEALTHCHECK CMD [\"/app\", \"health\"]\n",
      settings: { buildTargets: ["dev"] },
      errors: [{ messageId: "missing", data: { stage: "The build target `dev`", image: "node:20" }, line: 1 }],
    },
    {
      name: "a HEALTHCHECK NONE that a build target and the last stage inherit is reported once",
      code: "FROM alpine:3.20 AS base\nHEALTHCHECK NONE\nFROM base AS debug\nFROM base\n",
      settings: { buildTargets: ["debug"] },
      options: { allowNone: false },
      errors: [{ messageId: "disabled", data: { stage: "the build target `debug`" }, line: 2 }],
    },
    {
      name: "missing",
      code: "FROM node:20-alpine\nCMD [\"node\", \"app.js\"]\n",
      errors: [{ messageId: "missing", data: { stage: "The final stage", image: "node:20-alpine" }, line: 1, column: 1, endLine: 1, endColumn: 20 }],
    },
    {
      name: "a build stage's HEALTHCHECK does not reach an unrelated final stage",
      code: "FROM scratch AS base\nHEALTHCHECK CMD [\"/bin/bla\"]\nFROM scratch\n",
      errors: [{ messageId: "missing", data: { stage: "The final stage", image: "scratch" }, line: 3 }],
    },
    {
      name: "final stage of a bifurcating chain",
      code: "FROM scratch AS base1\nFROM base1 AS base2\nFROM base2 AS a\nHEALTHCHECK NONE\nFROM base2 AS b\n",
      errors: [{ messageId: "missing", data: { stage: "The final stage", image: "base2" }, line: 5 }],
    },
    {
      name: "ONBUILD HEALTHCHECK only applies to child images",
      code: "FROM alpine:3\nONBUILD HEALTHCHECK CMD [\"true\"]\n",
      errors: [{ messageId: "missing", line: 1 }],
    },
    {
      name: "multi-line FROM",
      code: "FROM \\\n  nginx:1.27 \\\n  AS web\n",
      errors: [{ messageId: "missing", line: 1, endLine: 3 }],
    },
    {
      name: "NONE reported when allowNone is false",
      code: "FROM alpine:3\nHEALTHCHECK NONE\n",
      options: { allowNone: false },
      errors: [{ messageId: "disabled", line: 2, column: 13, endColumn: 17 }],
    },
    {
      name: "inherited NONE reported where it is written",
      code: "FROM alpine:3 AS base\nhealthcheck none\nFROM base\nRUN true\n",
      options: { allowNone: false },
      errors: [{ messageId: "disabled", line: 2, column: 13, endColumn: 17 }],
    },
  ],
});
