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
      name: "no FROM (hadolint DL3067): nothing is claimed about what the stage holds",
      code: "COPY --from=build / /\n",
      errors: [{ messageId: "entireStage", data: { from: "build", what: '"build"' }, line: 1, column: 19, endColumn: 20 }],
    },
    {
      name: "quoted root paths",
      code: 'COPY --from=build "/" "/"\n',
      errors: [{ messageId: "entireStage", line: 1, column: 19, endColumn: 22 }],
    },
    {
      name: "a stage built on a full image",
      code: "FROM node:20 AS build\nRUN npm ci\nFROM nginx:1.27\nCOPY --from=build / /\n",
      errors: [
        {
          messageId: "entire",
          message:
            "`COPY --from=build / /` copies the whole filesystem of stage \"build\" (based on node:20), its package database, /etc and shell included, over this stage's root, which undoes the point of a multi-stage build; copy only the paths the image needs, e.g. `COPY --from=build /out/app /usr/local/bin/app`.",
          line: 4,
          column: 19,
          endColumn: 20,
        },
      ],
    },
    {
      name: "by index, with other flags",
      code: "FROM debian:12\nFROM alpine:3.20\nCOPY --link --chown=0:0 --from=0 / /\n",
      errors: [{ messageId: "entire", data: { from: "0", what: "stage 0 (based on debian:12)" }, line: 3 }],
    },
    {
      name: "a stage on a tool image is not said to hold a package database and shells (qdrant's tonistiigi/xx)",
      code: "FROM --platform=$BUILDPLATFORM tonistiigi/xx:1.6.1 AS xx\nFROM --platform=$BUILDPLATFORM golang:1.26-alpine\nCOPY --from=xx / /\n",
      errors: [
        {
          messageId: "entireStage",
          message:
            "`COPY --from=xx / /` copies the whole filesystem of stage \"xx\" (based on tonistiigi/xx:1.6.1) over this stage's root, whatever its base image holds; copy only the paths the image needs (e.g. `COPY --from=xx /out/app /usr/local/bin/app`), or list the base image in the `allowedSources` option if it is a tool image made to be overlaid whole (`tonistiigi/xx`).",
          line: 3,
          column: 16,
          endColumn: 17,
        },
      ],
    },
    {
      name: "known distributions elsewhere than Docker Hub's library, and what is not one",
      code: "FROM registry.access.redhat.com/ubi9/ubi:9.4 AS a\nFROM arm64v8/debian:12 AS b\nFROM busybox:1.36 AS c\nFROM gcr.io/distroless/static-debian12 AS d\nFROM golang:1.22-nanoserver-ltsc2022 AS e\nFROM alpine:3.20\nCOPY --from=a / /\nCOPY --from=b / /\nCOPY --from=c / /\nCOPY --from=d / /\nCOPY --from=e / /\n",
      errors: [
        { messageId: "entire", line: 7 },
        { messageId: "entire", line: 8 },
        { messageId: "entireStage", line: 9 },
        { messageId: "entireStage", line: 10 },
        { messageId: "entireStage", line: 11 },
      ],
    },
    {
      name: "squashing into FROM scratch: no base to overwrite, but the config stays behind (kind's base image)",
      code: "ARG BASE_IMAGE=debian:trixie-slim\nFROM $BASE_IMAGE AS build\nRUN apt-get update\nFROM scratch\nCOPY --from=build / /\nENV container=docker\nFROM scratch AS squashed-image\nCOPY --from=nginx:1.27 / /\n",
      errors: [
        {
          messageId: "squash",
          message:
            "`COPY --from=build / /` squashes stage \"build\" (based on debian:trixie-slim) into this `FROM scratch` stage as one layer, but copies files only: its ENV, USER, WORKDIR, ENTRYPOINT and CMD (and its base image's) are not carried over; set the ones the image needs again after this COPY.",
          line: 5,
          column: 19,
          endColumn: 20,
        },
        { messageId: "squash", data: { from: "nginx:1.27", what: 'image "nginx:1.27"' }, line: 8 },
      ],
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
      errors: [{ messageId: "entireStage", data: { from: "builder", what: '"builder"' }, line: 2, column: 29, endColumn: 30 }],
    },
    {
      name: "escape directive",
      code: "# escape=`\nFROM debian:12 AS a\nFROM alpine:3.20\nCOPY --from=a `\n  / /\n",
      errors: [{ messageId: "entire", line: 5, column: 3, endColumn: 4 }],
    },
  ],
});
