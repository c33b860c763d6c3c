import { describe, it } from "vitest";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./no-constant-platform.js";

const MESSAGE = (value: string, arch: string) =>
  `\`FROM --platform=${value}\` pins this stage to ${value}, so a multi-platform build (\`docker buildx build --platform …\`) still builds it for ${value} only; drop the flag and pass \`--platform\` at build time, use \`$BUILDPLATFORM\` for a stage that only runs build tools, or name the stage after its platform (\`AS build-${arch}\`).`;

createRuleTester({ describe, it }).run(rule, {
  valid: [
    "FROM debian:12\n",
    { name: "$BUILDPLATFORM", code: "FROM --platform=$BUILDPLATFORM debian:12\n" },
    { name: "quoted", code: 'FROM --platform="$BUILDPLATFORM" debian:12\n' },
    { name: "braces and an empty default", code: "FROM --platform=${BUILDPLATFORM:-} debian:12\n" },
    { name: "$TARGETPLATFORM (no-redundant-target-platform's finding)", code: "FROM --platform=$TARGETPLATFORM debian:12\n" },
    { name: "OS and arch variables", code: "FROM --platform=$TARGETOS/$TARGETARCH debian:12\n" },
    { name: "a global ARG with a default can be overridden per build", code: "ARG PLATFORM=linux/amd64\nFROM --platform=${PLATFORM} python:3.11-slim\n" },
    { name: "stage named after its architecture (BuildKit)", code: "FROM --platform=linux/amd64 scratch AS my_amd64_stage\n" },
    { name: "stage named after its OS (BuildKit)", code: "FROM --platform=linux/amd64 scratch AS linux\n" },
    { name: "stage named with an architecture alias", code: "FROM --platform=linux/x86_64 alpine:3.20 AS build-x86_64\n" },
    { name: "stage named after the normalised architecture", code: "FROM --platform=linux/aarch64 alpine:3.20 AS build-arm64\n" },
  ],
  invalid: [
    {
      name: "linux/amd64",
      code: "\nFROM --platform=linux/amd64 scratch\n",
      errors: [{ messageId: "constant", message: MESSAGE("linux/amd64", "amd64"), line: 2, column: 17, endColumn: 28 }],
    },
    {
      name: "an OS only (hadolint DL3029)",
      code: "FROM --platform=linux debian:jessie\n",
      errors: [{ messageId: "constant", data: { value: "linux", arch: "linux" }, line: 1, column: 17, endColumn: 22 }],
    },
    {
      name: "an architecture only, stage named otherwise (KICS)",
      code: "FROM alpine:3.5\nRUN apk add --update py2-pip\nFROM --platform=arm64 baseimage as baseimage-build\n",
      errors: [{ messageId: "constant", data: { value: "arm64", arch: "arm64" }, line: 3, column: 17, endColumn: 22 }],
    },
    {
      name: "a variant, stage named otherwise",
      code: "FROM --platform=linux/arm/v7 ubuntu:22.04 AS installer-env\n",
      errors: [{ messageId: "constant", data: { value: "linux/arm/v7", arch: "arm" }, line: 1 }],
    },
    {
      name: "quoted constant",
      code: 'FROM --platform="linux/amd64" node:20 AS web\n',
      errors: [{ messageId: "constant", data: { value: "linux/amd64", arch: "amd64" }, line: 1, column: 17, endColumn: 30 }],
    },
    {
      name: "every stage with a constant",
      code: "FROM --platform=linux/amd64 node:20 as FOO\nRUN npm install\nFROM --platform=linux/amd64 node:20 as BAR\n",
      errors: [
        { messageId: "constant", line: 1 },
        { messageId: "constant", line: 3 },
      ],
    },
    {
      name: "lower-case FROM and a continued line",
      code: "from \\\n  --platform=windows/amd64 mcr.microsoft.com/windows/nanoserver:ltsc2022\n",
      errors: [{ messageId: "constant", data: { value: "windows/amd64", arch: "amd64" }, line: 2, column: 14, endColumn: 27 }],
    },
  ],
});
