import { describe, it } from "vitest";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./require-definition-description.js";

createRuleTester({ describe, it }).run(rule, {
  valid: [
    [
      "# check=skip=all;experimental=InvalidDefinitionDescription",
      "# foo this is the foo",
      "ARG foo=bar",
      "",
      "# base this is the base image",
      "FROM scratch AS base",
      "",
      "# version this is the version number",
      "ARG version=latest",
      "",
      "# baz this is the baz",
      "ARG foo=baz bar=qux baz=quux",
      "#",
      "ARG bit=bat",
      "",
      "# comment for something other than ARG or FROM",
      "COPY Dockerfile .",
      "",
    ].join("\n"),
    { name: "an empty line separates a comment that is not a description", code: "# a non-descriptive comment\n\nFROM scratch AS base\n\n# another non-descriptive comment\n\nARG VERSION=1\n" },
    { name: "a stage without a name", code: "# the base image\nFROM alpine:3.20\n" },
    { name: "a multi-line description starting with the name", code: "# build-cli builds the CLI binary\n# with CGO disabled.\nFROM golang:1.22 AS build-cli\n" },
    { name: "tool pragmas are not descriptions", code: "FROM alpine:3.20\n# hadolint ignore=DL3018\n# checkov:skip=CKV_DOCKER_2: no healthcheck in a build image\nARG API_TOKEN\n" },
    { name: "the stage name is compared lower-cased", code: "# builder compiles\nFROM golang:1.22 AS Builder\n" },
    { name: "ARG A B: either name", code: "# TARGETARCH is set by BuildKit\nARG TARGETOS TARGETARCH\nFROM alpine:3.20\n" },
  ],
  invalid: [
    {
      name: "BuildKit's own case",
      code: [
        "# check=experimental=InvalidDefinitionDescription",
        "# bar this is the bar",
        "ARG foo=bar",
        "# BasE this is the BasE image",
        "FROM scratch AS base",
        "# definitely a bad comment",
        "ARG version=latest",
        "# definitely a bad comment",
        "ARG foo=baz bar=qux baz=quux",
        "",
      ].join("\n"),
      errors: [
        {
          messageId: "description",
          data: { keyword: "ARG", instruction: "ARG foo=bar", expected: "`foo`" },
          line: 2,
          column: 1,
          endColumn: 22,
          suggestions: ["Start the comment with `foo`", "Put an empty line between the comment and the ARG"],
        },
        { messageId: "description", data: { keyword: "FROM", instruction: "FROM scratch AS base", expected: "`base`" }, line: 4 },
        { messageId: "description", data: { keyword: "ARG", instruction: "ARG version=latest", expected: "`version`" }, line: 6 },
        { messageId: "description", data: { keyword: "ARG", instruction: "ARG foo=baz bar=qux baz=quux", expected: "`foo` or `bar` or `baz`" }, line: 8 },
      ],
    },
    {
      name: "the FROM is quoted as written, not as `FROM <stage>`, which a later FROM is (rabbitmq's alpine image)",
      code: "# Alpine is not officially supported\nFROM alpine:3.20 AS build-base\n\nFROM build-base AS final\n",
      errors: [
        {
          messageId: "description",
          message:
            "This comment directly above `FROM alpine:3.20 AS build-base` does not start with `build-base`, so `docker build --call=outline` shows no description for it (BuildKit's InvalidDefinitionDescription); start it with the name if it describes the FROM, or put an empty line between the comment and the FROM if it is a remark.",
          line: 1,
        },
      ],
    },
    {
      name: "a long instruction is shortened: FROM without flags, digest and registry path, ARG without its value",
      code: [
        "# Go toolchain",
        "FROM --platform=$BUILDPLATFORM golang:1.22-bookworm@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef AS Builder",
        "# where the release notes live",
        "arg RELEASE_NOTES_URL=https://github.com/example/project/releases/download/v1.2.3/notes.md",
        "# a registry mirror",
        "FROM registry.example.com/platform/base-images/python-runtime:3.12-slim AS runtime",
        "",
      ].join("\n"),
      errors: [
        { messageId: "description", data: { keyword: "FROM", instruction: "FROM golang:1.22-bookworm@sha256:… AS Builder", expected: "`builder`" }, line: 1 },
        { messageId: "description", data: { keyword: "ARG", instruction: "arg RELEASE_NOTES_URL", expected: "`RELEASE_NOTES_URL`" }, line: 3 },
        { messageId: "description", data: { keyword: "FROM", instruction: "FROM …/python-runtime:3.12-slim AS runtime", expected: "`runtime`" }, line: 5 },
      ],
    },
    {
      name: "reported on the comment nearest to the instruction",
      code: "FROM alpine:3.20\n# Pin the version\n# so that builds are reproducible\nARG NODE_VERSION=20\n",
      errors: [{ messageId: "description", line: 3, column: 1, endColumn: 34 }],
    },
    {
      name: "an indented comment, escape directive",
      code: "# escape=`\nFROM mcr.microsoft.com/windows/nanoserver:ltsc2022\n  # the install root\nARG ROOT=C:\\app\n",
      errors: [{ messageId: "description", line: 3, column: 3, endColumn: 21 }],
    },
  ],
});
