import { describe, it } from "vitest";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./require-pinned-image.js";

const DIGEST = "sha256:7959ed6f7e35f8b1aaa06d1d8259d4ee25aa85a086d5c125480c333183f9deeb";

createRuleTester({ describe, it }).run(rule, {
  valid: [
    {
      name: "ARG defaults that make no valid image are valid-default-arg-in-from's finding (synapse's `ARG distro=\"\"`)",
      code: 'ARG distro=""\nFROM docker.io/library/${distro}\nARG base="Acme/App"\nFROM ${base}\n',
    },
    {
      name: "a named build context pulls nothing by its name (FROM, COPY --from, RUN --mount from=)",
      code: "FROM base\nCOPY --from=assets /dist /srv\nRUN --mount=from=docker.io/library/tools,target=/t ls /t\n",
      settings: { buildContexts: ["base", "assets", "tools"] },
    },
    {
      // swiftlang/swift-docker's buildx Dockerfiles: BuildKit builds on base-amd64 or base-arm64, pulling nothing.
      name: "FROM a stage picked by platform ARG (`FROM base-$TARGETARCH`)",
      code: "FROM ubuntu:20.04 AS base\nFROM base AS base-amd64\nFROM base AS base-arm64\nFROM base-$TARGETARCH AS final\nCOPY --from=base-arm64 /etc/os-release /\n",
    },
    "FROM alpine:3.20\n",
    "FROM ruby:2\n",
    { name: "digest only", code: `FROM debian@${DIGEST}\n` },
    { name: "latest with a digest is pinned by the digest", code: `FROM debian:latest@${DIGEST}\n` },
    { name: "scratch", code: "FROM scratch\n" },
    { name: "earlier stage", code: "FROM golang:1.22 AS build\nRUN go build\nFROM build AS test\nRUN go test\n" },
    { name: "earlier stage, different case", code: "FROM golang:1.22 AS Build\nFROM build\n" },
    { name: "registry port is not a tag", code: "FROM registry.example.com:5000/team/app:1.4.2\n" },
    { name: "whole image from an ARG without default", code: "ARG BASE\nFROM ${BASE}\n" },
    { name: "tag from an ARG without default is deliberate", code: "ARG TAG\nFROM nginx:${TAG}\n" },
    { name: "ARG default gives a version", code: "ARG TAG=1.27\nFROM nginx:${TAG}\n" },
    { name: "ARG default gives a whole image", code: "ARG BASE=alpine:3.20\nFROM $BASE\n" },
    { name: "a stage ARG is not visible to FROM", code: "FROM alpine:3.20\nARG IMAGE=alpine\nFROM $IMAGE\n" },
    { name: "repository name from a variable may carry the tag", code: "ARG NAME\nFROM registry.example.com/app${NAME}\n" },
    { name: "quotes are removed by the build", code: 'ARG V=ltsc2022\nFROM mcr.microsoft.com/windows/servercore:"${V}"\n' },
    { name: "--platform flag", code: "FROM --platform=$BUILDPLATFORM golang:1.22 AS build\n" },
    { name: "COPY --from a stage", code: "FROM golang:1.22 AS build\nFROM alpine:3.20\nCOPY --from=build /out /out\n" },
    { name: "COPY --from a stage index", code: "FROM golang:1.22\nFROM alpine:3.20\nCOPY --from=0 /out /out\n" },
    { name: "COPY --from a pinned image", code: "FROM alpine:3.20\nCOPY --from=nginx:1.27 /etc/nginx /etc/nginx\n" },
    { name: "RUN --mount from a stage", code: "FROM golang:1.22 AS deps\nFROM alpine:3.20\nRUN --mount=type=bind,from=deps,target=/deps ls /deps\n" },
    { name: "RUN --mount from a pinned image", code: "FROM alpine:3.20\nRUN --mount=type=bind,from=busybox:1.36,target=/bb ls /bb\n" },
    { name: "ONBUILD COPY --from a name: the child's stage", code: "FROM alpine:3.20\nONBUILD COPY --from=builder /out /out\n" },
    { name: "tagged, requireDigest off", code: "FROM nginx:1.27\n", options: { requireDigest: false } },
    { name: "requireDigest: digest present", code: `FROM nginx:1.27@${DIGEST}\n`, options: { requireDigest: true } },
    { name: "requireDigest: scratch and stages", code: `FROM golang:1.22@${DIGEST} AS b\nFROM b\nFROM scratch\n`, options: { requireDigest: true } },
  ],
  invalid: [
    {
      name: "a named build context names one tag only: `alpine:3.20` is not `alpine`",
      code: "FROM alpine\n",
      settings: { buildContexts: ["alpine:3.20"] },
      errors: [{ messageId: "noTag", line: 1, column: 6 }],
    },
    {
      name: "no tag",
      code: "FROM debian\n",
      errors: [{ messageId: "noTag", data: { subject: 'Base image "debian"', name: "debian" }, line: 1, column: 6, endColumn: 12 }],
    },
    {
      name: "no tag, with alias",
      code: "FROM debian AS builder\n",
      errors: [{ messageId: "noTag", line: 1, column: 6, endColumn: 12 }],
    },
    {
      name: "latest: reported at the tag",
      code: "FROM debian:latest\n",
      errors: [{ messageId: "latest", data: { subject: 'Base image "debian:latest"', name: "debian" }, line: 1, column: 13, endColumn: 19 }],
    },
    {
      name: "latest with registry",
      code: "FROM --platform=linux/amd64 ghcr.io/org/tool:latest AS tool\n",
      errors: [{ messageId: "latest", data: { subject: 'Base image "ghcr.io/org/tool:latest"', name: "ghcr.io/org/tool" }, line: 1, column: 46, endColumn: 52 }],
    },
    {
      name: "an image that is not an earlier stage",
      code: "FROM ubuntu:22.04 AS test\nFROM test AS build\nFROM construction AS final\n",
      errors: [{ messageId: "noTag", line: 3, column: 6, endColumn: 18 }],
    },
    {
      name: "a later stage name is not a stage yet",
      code: "FROM app\nFROM alpine:3.20 AS app\n",
      errors: [{ messageId: "noTag", line: 1 }],
    },
    {
      name: "default of an ARG without value: ${TAG:-latest}",
      code: "ARG TAG\nFROM nginx:${TAG:-latest}\n",
      errors: [{ messageId: "latest", data: { subject: 'Base image "nginx:${TAG:-latest}" (= "nginx:latest")', name: "nginx" }, line: 2, column: 12, endColumn: 26 }],
    },
    {
      name: "global ARG default is latest",
      code: "ARG TAG=latest\nFROM nginx:$TAG\n",
      errors: [{ messageId: "latest", line: 2, column: 12, endColumn: 16 }],
    },
    {
      name: "global ARG default without tag",
      code: "ARG BASE=node\nFROM ${BASE}\n",
      errors: [{ messageId: "noTag", data: { subject: 'Base image "${BASE}" (= "node")', name: "node" }, line: 2, column: 6, endColumn: 13 }],
    },
    {
      name: "registry from a variable, no tag",
      code: "ARG REGISTRY\nFROM ${REGISTRY}/team/app\n",
      errors: [{ messageId: "noTag", line: 2 }],
    },
    {
      name: "every stage is judged",
      code: "FROM golang AS build\nFROM alpine:latest\n",
      errors: [
        { messageId: "noTag", line: 1 },
        { messageId: "latest", line: 2 },
      ],
    },
    {
      name: "COPY --from an image",
      code: "FROM alpine:3.20\nCOPY --from=nginx /etc/nginx/nginx.conf /etc/nginx/\n",
      errors: [{ messageId: "noTag", data: { subject: 'COPY --from image "nginx"', name: "nginx" }, line: 2, column: 13, endColumn: 18 }],
    },
    {
      name: "COPY --from an image with latest",
      code: "FROM alpine:3.20\nCOPY --from=nginx:latest /etc/nginx/nginx.conf /etc/nginx/\n",
      errors: [{ messageId: "latest", line: 2, column: 19, endColumn: 25 }],
    },
    {
      name: "COPY --from a variable resolved by a stage ARG",
      code: "FROM alpine:3.20\nARG TOOLS=busybox\nCOPY --from=${TOOLS} /bin/busybox /bin/\n",
      errors: [{ messageId: "noTag", data: { subject: 'COPY --from image "${TOOLS}" (= "busybox")', name: "busybox" }, line: 3, column: 13, endColumn: 21 }],
    },
    {
      name: "RUN --mount from an image",
      code: "FROM alpine:3.20\nRUN --mount=type=bind,from=busybox,target=/bb ls /bb\n",
      errors: [{ messageId: "noTag", data: { subject: 'RUN --mount from= image "busybox"', name: "busybox" }, line: 2, column: 28, endColumn: 35 }],
    },
    {
      name: "RUN --mount from latest, cache mount",
      code: "FROM alpine:3.20\nRUN --mount=type=cache,target=/root/.cache,from=ghcr.io/org/cache:latest make\n",
      errors: [{ messageId: "latest", line: 2 }],
    },
    {
      name: "ONBUILD COPY --from a registry image",
      code: "FROM alpine:3.20\nONBUILD COPY --from=ghcr.io/org/tools /bin/x /bin/x\n",
      errors: [{ messageId: "noTag", line: 2, column: 21, endColumn: 38 }],
    },
    {
      name: "quoted image without tag",
      code: 'FROM "nginx"\n',
      errors: [{ messageId: "noTag", data: { subject: 'Base image "nginx"', name: "nginx" }, line: 1, column: 6, endColumn: 13 }],
    },
    {
      name: "multi-line FROM",
      code: "FROM \\\n  node\nRUN npm ci\n",
      errors: [{ messageId: "noTag", line: 2, column: 3, endColumn: 7 }],
    },
    {
      name: "escape directive",
      code: "# escape=`\nFROM mcr.microsoft.com/windows/servercore\n",
      errors: [{ messageId: "noTag", line: 2, column: 6 }],
    },
    {
      name: "requireDigest: tag without digest",
      code: "FROM nginx:1.27\n",
      options: { requireDigest: true },
      errors: [{ messageId: "noDigest", data: { subject: 'Base image "nginx:1.27"', name: "nginx", tag: "1.27" }, line: 1, column: 6, endColumn: 16 }],
    },
    {
      name: "requireDigest: no tag is still reported as no tag",
      code: "FROM nginx\nCOPY --from=busybox:1.36 /bin/busybox /bin/\n",
      options: { requireDigest: true },
      errors: [
        { messageId: "noTag", line: 1 },
        { messageId: "noDigest", line: 2, column: 13, endColumn: 25 },
      ],
    },
  ],
});
