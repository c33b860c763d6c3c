import { describe, it } from "vitest";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./no-copy-entire-filesystem.js";

createRuleTester({ describe, it }).run(rule, {
  valid: [
    { name: "root without --from", code: "FROM alpine:3.20\nCOPY / /\n" },
    { name: "a directory from another stage", code: "FROM golang:1.22 AS build\nFROM alpine:3.20\nCOPY --from=build /app /\n" },
    { name: "root into a subdirectory", code: "FROM golang:1.22 AS build\nFROM alpine:3.20\nCOPY --from=build / /app\n" },
    {
      name: "an export stage built from scratch is made to be overlaid",
      code: "FROM golang:1.22 AS build\nRUN go build -o /out/app\nFROM scratch AS binaries\nCOPY --from=build /out/app /app\nFROM alpine:3.20\nCOPY --from=binaries / /\n",
    },
    {
      name: "a stage picked by a build argument among scratch stages",
      code: "FROM scratch AS binaries-linux\nFROM scratch AS binaries-windows\nFROM binaries-$TARGETOS AS binaries\nFROM alpine:3.20\nCOPY --link --from=binaries / /\n",
    },
    {
      name: "allowed by option (a tool image made to be overlaid)",
      code: "FROM --platform=$BUILDPLATFORM tonistiigi/xx:1.9.0 AS xx\nFROM golang:1.22\nCOPY --from=xx / /\n",
      options: { allowedSources: ["tonistiigi/xx*"] },
    },
    {
      name: "allowed image by option",
      code: "FROM alpine:3.20\nCOPY --from=gloursdocker/docker / /\n",
      options: { allowedSources: ["gloursdocker/*"] },
    },
    { name: "a heredoc source named /", code: "FROM alpine:3.20 AS a\nFROM alpine:3.20\nCOPY --from=a <<EOF /\nhello\nEOF\n" },
  ],
  invalid: [
    {
      name: "no FROM (hadolint DL3067)",
      code: "COPY --from=build / /\n",
      errors: [{ messageId: "entire", data: { from: "build", what: '"build"' }, line: 1, column: 19, endColumn: 20 }],
    },
    {
      name: "quoted root paths",
      code: 'COPY --from=build "/" "/"\n',
      errors: [{ messageId: "entire", line: 1, column: 19, endColumn: 22 }],
    },
    {
      name: "a stage built on a full image",
      code: "FROM node:20 AS build\nRUN npm ci\nFROM nginx:1.27\nCOPY --from=build / /\n",
      errors: [{ messageId: "entire", data: { from: "build", what: 'stage "build" (based on node:20)' }, line: 4, column: 19, endColumn: 20 }],
    },
    {
      name: "by index, with other flags",
      code: "FROM debian:12\nFROM alpine:3.20\nCOPY --link --chown=0:0 --from=0 / /\n",
      errors: [{ messageId: "entire", data: { from: "0", what: "stage 0 (based on debian:12)" }, line: 3 }],
    },
    {
      name: "an image",
      code: "FROM alpine:3.20\nCOPY --from=gloursdocker/docker / /\n",
      errors: [{ messageId: "entireImage", data: { from: "gloursdocker/docker", image: "gloursdocker/docker" }, line: 2, column: 33, endColumn: 34 }],
    },
    {
      name: "spellings of the root",
      code: "FROM debian:12 AS a\nFROM alpine:3.20\nCOPY --from=a /. //\n",
      errors: [{ messageId: "entire", line: 3, column: 15, endColumn: 17 }],
    },
    {
      name: "exec form",
      code: 'FROM debian:12 AS a\nFROM alpine:3.20\nCOPY --from=a ["/", "/"]\n',
      errors: [{ messageId: "entire", line: 3, column: 16, endColumn: 19 }],
    },
    {
      name: "through a build argument",
      code: "ARG ROOT=/\nFROM debian:12 AS a\nFROM alpine:3.20\nARG ROOT\nCOPY --from=a ${ROOT} /\n",
      errors: [{ messageId: "entire", line: 5, column: 15, endColumn: 22 }],
    },
    {
      name: "ONBUILD",
      code: "FROM alpine:3.20\nONBUILD COPY --from=builder / /\n",
      errors: [{ messageId: "entire", data: { from: "builder", what: '"builder"' }, line: 2, column: 29, endColumn: 30 }],
    },
    {
      name: "escape directive",
      code: "# escape=`\nFROM debian:12 AS a\nFROM alpine:3.20\nCOPY --from=a `\n  / /\n",
      errors: [{ messageId: "entire", line: 5, column: 3, endColumn: 4 }],
    },
  ],
});
