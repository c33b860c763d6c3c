import { describe, it } from "vitest";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./no-undefined-stage.js";

createRuleTester({ describe, it }).run(rule, {
  valid: [
    {
      name: "a named build context of settings.buildContexts (a Compose service's additional_contexts)",
      code: "FROM alpine:3.20\nCOPY --from=assets /dist /srv\nRUN --mount=from=assets,target=/a ls /a\n",
      settings: { buildContexts: ["assets"] },
    },
    { name: "FROM a named build context that a later stage is named after: the context is read", code: "FROM tools\nFROM alpine:3.20 AS tools\n", settings: { buildContexts: ["tools"] } },
    {
      // swiftlang/swift-docker's buildx Dockerfiles: BuildKit builds on base-amd64 or base-arm64, pulling nothing.
      name: "FROM a stage picked by platform ARG (`FROM base-$TARGETARCH`)",
      code: "FROM ubuntu:20.04 AS base\nFROM base AS base-amd64\nFROM base AS base-arm64\nFROM base-$TARGETARCH AS final\nCOPY --from=base-arm64 /etc/os-release /\n",
    },
    { name: "earlier stage by name", code: "FROM golang:1.22 AS build\nRUN go build -o /out/app\nFROM alpine:3.20\nCOPY --from=build /out/app /app\n" },
    { name: "names are case-insensitive", code: "FROM golang:1.22 AS Build\nFROM alpine:3.20\nCOPY --from=BUILD /out/app /app\n" },
    { name: "earlier stage by index", code: "FROM golang:1.22\nFROM alpine:3.20\nCOPY --from=0 /out/app /app\n" },
    { name: "an image with a tag", code: "FROM alpine:3.20\nCOPY --from=nginx:1.27 /etc/nginx/nginx.conf /etc/nginx/\n" },
    { name: "an image with a registry path", code: "FROM alpine:3.20\nCOPY --from=ghcr.io/acme/tools /bin/tool /usr/local/bin/\n" },
    { name: "an image with a digest", code: "FROM alpine:3.20\nCOPY --from=busybox@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef /bin/sh /bin/\n" },
    { name: "a stage named after a build argument, then copied from by name", code: "ARG IMAGE=alpine:3.20\nFROM ${IMAGE} AS image\nFROM alpine:3.20\nCOPY --from=image /etc/os-release /tmp/\n" },
    { name: "RUN --mount from an earlier stage", code: "FROM node:20 AS deps\nFROM node:20\nRUN --mount=type=bind,from=deps,source=/node_modules,target=/node_modules npm test\n" },
    { name: "RUN --mount from an image", code: "FROM alpine:3.20\nRUN --mount=type=bind,from=busybox:1.36,target=/bb ls /bb\n" },
    { name: "RUN --mount without from", code: "FROM alpine:3.20\nRUN --mount=type=cache,target=/root/.cache pip install -r requirements.txt\n" },
    {
      name: "ONBUILD COPY --from names a stage of the child's Dockerfile",
      code: "FROM alpine:3.20\nONBUILD COPY --from=build /out /app\n",
    },
    {
      name: "a named build context",
      code: "FROM alpine:3.20\nCOPY --from=docs /site /srv/www\n",
      options: { buildContexts: ["docs"] },
    },
    { name: "FROM an earlier stage", code: "FROM alpine:3.20 AS base\nFROM base AS final\n" },
    { name: "FROM an image named like the stage it starts", code: "FROM node:20 AS node\nFROM node\nRUN node --version\n" },
    { name: "FROM an image that a later stage is not named after", code: "FROM nginx:1.27\nFROM alpine:3.20 AS tools\n" },
    { name: "FROM a variable the builder gives", code: "ARG BASE\nFROM ${BASE}\nFROM alpine:3.20 AS build\n" },
    { name: "escape directive", code: "# escape=`\nFROM golang:1.22 AS build\nFROM alpine:3.20\nCOPY --from=build `\n  /out/app /app\n" },
  ],
  invalid: [
    {
      name: "a named build context of another name",
      code: "FROM alpine:3.20\nCOPY --from=assets /dist /srv\n",
      settings: { buildContexts: ["docs"] },
      errors: [{ messageId: "missing", data: { what: "COPY --from=assets", name: "assets" }, line: 2 }],
    },
    {
      name: "no such stage",
      code: "FROM alpine:3.20\nCOPY --from=builder /out/app /app\n",
      errors: [{ messageId: "missing", data: { what: "COPY --from=builder", name: "builder" }, line: 2, column: 13, endColumn: 20 }],
    },
    {
      name: "no FROM at all (hadolint DL3022)",
      code: "COPY --from=foo bar .\n",
      errors: [{ messageId: "missing", line: 1, column: 13, endColumn: 16 }],
    },
    {
      name: "a stage defined later",
      code: "FROM scratch\nCOPY --from=build foo .\nFROM node:20 AS build\nRUN baz\n",
      errors: [{ messageId: "later", data: { what: "COPY --from=build", target: 'stage "build"', line: 3 }, line: 2, column: 13, endColumn: 18 }],
    },
    {
      name: "an index past the stages defined so far",
      code: "FROM golang:1.22\nCOPY --from=2 /a /b\nFROM alpine:3.20\n",
      errors: [{ messageId: "noSuchIndex", data: { what: "COPY --from=2", index: 2, available: "no stage comes before this one" }, line: 2, column: 13, endColumn: 14 }],
    },
    {
      name: "an index with no stage at all (hadolint DL3022)",
      code: "COPY --from=0 bar .\n",
      errors: [{ messageId: "noSuchIndex", line: 1 }],
    },
    {
      name: "an index of a later stage",
      code: "FROM golang:1.22\nFROM alpine:3.20\nCOPY --from=2 /a /b\nFROM busybox:1.36 AS last\n",
      errors: [{ messageId: "later", data: { what: "COPY --from=2", target: 'stage 2 ("last")', line: 4 }, line: 3 }],
    },
    {
      name: "a typo of an earlier stage gets a suggestion",
      code: "FROM golang:1.22 AS build\nFROM alpine:3.20\nCOPY --from=biuld /out/app /app\n",
      errors: [{ messageId: "missingTypo", data: { what: "COPY --from=biuld", name: "biuld", suggestion: "build" }, line: 3, column: 13, endColumn: 18, suggestions: ['Copy from stage "build"'] }],
    },
    {
      name: "a part of a stage name (docker/compose: --from=set for license-set)",
      code: "FROM base:1 AS license-set\nRUN make\nFROM scratch AS license-update\nCOPY --from=set /out /\n",
      errors: [{ messageId: "missingTypo", data: { what: "COPY --from=set", name: "set", suggestion: "license-set" }, line: 4 }],
    },
    {
      name: "a variable, even one that names a stage: the build does not expand --from",
      code: "ARG SRC=build\nFROM golang:1.22 AS build\nFROM alpine:3.20\nARG SRC\nCOPY --from=${SRC} /out/app /app\n",
      errors: [{ messageId: "variable", data: { what: "COPY --from=${SRC}", name: "SRC", stage: "src" }, line: 5, column: 13, endColumn: 19 }],
    },
    {
      name: "a variable the builder gives",
      code: "FROM alpine:3.20\nARG BUILDER_IMAGE\nCOPY --from=$BUILDER_IMAGE /out/app /app\n",
      errors: [{ messageId: "variable", data: { what: "COPY --from=$BUILDER_IMAGE", name: "BUILDER_IMAGE", stage: "builder-image" }, line: 3, column: 13, endColumn: 27 }],
    },
    {
      name: "a variable in a mount",
      code: "FROM alpine:3.20\nARG DEPS=deps\nRUN --mount=type=bind,from=${DEPS},target=/d ls /d\n",
      errors: [{ messageId: "variable", data: { what: "RUN --mount from=${DEPS}", name: "DEPS", stage: "deps" }, line: 3, column: 28, endColumn: 35 }],
    },
    {
      name: "a variable in ONBUILD COPY fails the child's build",
      code: "FROM alpine:3.20\nONBUILD COPY --from=${SRC} /a /b\n",
      errors: [{ messageId: "variable", line: 2, column: 21, endColumn: 27 }],
    },
    {
      name: "RUN --mount from no stage",
      code: "FROM node:20\nRUN --mount=type=bind,from=deps,target=/deps ls /deps\n",
      errors: [{ messageId: "missing", data: { what: "RUN --mount from=deps", name: "deps" }, line: 2, column: 28, endColumn: 32 }],
    },
    {
      name: "RUN --mount from a later stage, in a heredoc RUN",
      code: "FROM node:20\nRUN --mount=type=cache,from=cache,target=/c <<EOF\nls /c\nEOF\nFROM scratch AS cache\n",
      errors: [{ messageId: "later", line: 2, column: 29, endColumn: 34 }],
    },
    {
      name: "--from without = (the value is taken for a source)",
      code: "FROM alpine:3.20 AS build\nFROM nginx:1.27\nCOPY --from build /app/public /usr/share/nginx/html\n",
      errors: [{ messageId: "empty", data: { what: "COPY --from" }, line: 3, column: 6, endColumn: 12 }],
    },
    {
      name: "an empty from= in a mount",
      code: "FROM alpine:3.20\nRUN --mount=type=bind,from=,target=/x ls /x\n",
      errors: [{ messageId: "empty", data: { what: "RUN --mount from=" }, line: 2 }],
    },
    {
      name: "FROM names a stage defined below it",
      code: "FROM build AS final\nFROM golang:1.22 AS build\n",
      errors: [{ messageId: "fromLater", data: { value: "build", name: "build", line: 2 }, line: 1, column: 6, endColumn: 11 }],
    },
    {
      name: "FROM names a later stage through a global ARG default",
      code: "ARG BASE=builder\nFROM ${BASE}\nFROM golang:1.22 AS builder\n",
      errors: [{ messageId: "fromLater", line: 2, column: 6, endColumn: 13 }],
    },
    {
      name: "several references in one Dockerfile",
      code: "FROM alpine:3.20 AS a\nFROM alpine:3.20\nCOPY --from=a /x /x\nCOPY --from=b /y /y\nCOPY --from=5 /z /z\n",
      errors: [
        { messageId: "missing", line: 4 },
        { messageId: "noSuchIndex", data: { what: "COPY --from=5", index: 5, available: "only stage 0 comes before this one" }, line: 5 },
      ],
    },
    {
      name: "escape directive: a continued COPY",
      code: "# escape=`\nFROM alpine:3.20\nCOPY --from=missing `\n  C:\\out C:\\app\n",
      errors: [{ messageId: "missing", line: 3, column: 13, endColumn: 20 }],
    },
  ],
});
