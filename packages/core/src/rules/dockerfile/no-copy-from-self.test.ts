import { describe, it } from "vitest";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./no-copy-from-self.js";

createRuleTester({ describe, it }).run(rule, {
  valid: [
    { name: "an earlier stage", code: "FROM scratch AS build\nRUN foo\nFROM node:20 AS run\nCOPY --from=build foo .\n" },
    { name: "a stage built on the one copied from", code: "FROM alpine:3.20 AS base\nFROM base AS final\nCOPY --from=base /etc/os-release /tmp/\n" },
    { name: "an image named like the stage", code: "FROM node:20 AS node\nCOPY --from=node:20 /usr/local/bin/node /tmp/\n" },
    { name: "a later stage (no-undefined-stage's finding)", code: "FROM alpine:3.20 AS a\nCOPY --from=b /x /x\nFROM alpine:3.20 AS b\n" },
    { name: "ONBUILD: the child's stages", code: "FROM alpine:3.20 AS base\nONBUILD COPY --from=base /x /x\n" },
    { name: "a variable (no-undefined-stage's finding: the build does not expand it)", code: "FROM alpine:3.20 AS app\nARG SRC=app\nCOPY --from=${SRC} /x /x\n" },
    { name: "RUN mount of an earlier stage", code: "FROM alpine:3.20 AS a\nFROM alpine:3.20 AS b\nRUN --mount=from=a,target=/a ls /a\n" },
  ],
  invalid: [
    {
      name: "own alias (hadolint DL3023)",
      code: "FROM node:20 as foo\nCOPY --from=foo bar .\n",
      errors: [{ messageId: "copySelf", data: { value: "foo", stage: 'stage "foo"' }, line: 2, column: 13, endColumn: 16 }],
    },
    {
      name: "own alias in another case",
      code: "FROM golang:1.22 AS Dep\nCOPY --from=dep /binary /\n",
      errors: [{ messageId: "copySelf", data: { value: "dep", stage: 'stage "Dep"' }, line: 2 }],
    },
    {
      name: "own index in a single-stage build",
      code: "FROM alpine:3.20\nCOPY --from=0 /a /b\n",
      errors: [{ messageId: "copySelf", data: { value: "0", stage: "stage 0" }, line: 2, column: 13, endColumn: 14 }],
    },
    {
      name: "own index in the second stage",
      code: "FROM golang:1.22 AS build\nFROM alpine:3.20 AS final\nCOPY --from=1 /a /b\n",
      errors: [{ messageId: "copySelf", data: { value: "1", stage: 'stage 1 ("final")' }, line: 3 }],
    },
    {
      name: "with other flags and a continued line",
      code: "FROM alpine:3.20 AS app\nCOPY --chown=1000:1000 \\\n  --from=app /a /b\n",
      errors: [{ messageId: "copySelf", line: 3, column: 10, endColumn: 13 }],
    },
    {
      name: "RUN --mount from the own stage",
      code: "FROM alpine:3.20 AS app\nRUN --mount=type=bind,from=app,target=/src ls /src\n",
      errors: [{ messageId: "mountSelf", data: { value: "app", stage: 'stage "app"' }, line: 2, column: 28, endColumn: 31 }],
    },
    {
      name: "exec-form COPY",
      code: 'FROM alpine:3.20 AS app\nCOPY --from=app ["/a b", "/c/"]\n',
      errors: [{ messageId: "copySelf", line: 2 }],
    },
  ],
});
