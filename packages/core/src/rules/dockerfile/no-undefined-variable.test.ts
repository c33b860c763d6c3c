import { describe, it } from "vitest";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./no-undefined-variable.js";

createRuleTester({ describe, it }).run(rule, {
  valid: [
    "\nFROM scratch\nARG foo\nCOPY Dockerfile${foo} .\n",
    { name: "an ARG with a value in the parent stage", code: "\nFROM alpine AS base\nARG foo=Dockerfile\n\nFROM base\nCOPY $foo .\n" },
    { name: "PATH is always set", code: "\nFROM alpine\nRUN echo $PATH\nENV PATH=/opt/bin:$PATH\n" },
    { name: "an unknown name on an image docklint does not know may come from it", code: "FROM python:3.12\nENV VERSION=$PYTHON_VERSION\n" },
    { name: "a common variable on an unknown image", code: "FROM node:20\nWORKDIR $HOME/app\n" },
    { name: "shell-form RUN: the shell's business", code: "FROM alpine:3.20\nRUN echo $HOME $UNDEFINED_IN_DOCKERFILE\n" },
    { name: "the RUN script sets it itself", code: "ARG VERSION=1\nFROM alpine:3.20\nRUN for VERSION in 1 2; do echo $VERSION; done\n" },
    { name: "a redeclared global ARG", code: "ARG VERSION=1\nFROM alpine:3.20\nARG VERSION\nRUN echo $VERSION\nCOPY app-$VERSION.jar /app.jar\n" },
    { name: "a declared platform ARG; ARG A B declares both", code: "FROM alpine:3.20\nARG TARGETOS TARGETARCH\nCOPY bin/$TARGETOS-$TARGETARCH /app\nRUN echo $TARGETARCH\n" },
    { name: "single quotes and escapes are not expanded", code: "FROM scratch\nLABEL a='$nothing' b=\\$nothing\n" },
    { name: "a quoted COPY heredoc is not expanded", code: "FROM alpine:3.20\nCOPY <<'EOF' /entrypoint.sh\n#!/bin/sh\nexec \"$APP_HOME/run\" \"$@\"\nEOF\n" },
    { name: "the image chose the variable: FROM node:${NODE_VERSION}", code: "ARG NODE_VERSION=20\nFROM node:${NODE_VERSION}-alpine\nRUN echo $NODE_VERSION\n" },
    { name: "CMD and ENTRYPOINT are not expanded by the build", code: "FROM scratch\nCMD echo $X\nENTRYPOINT [\"/app\", \"$Y\"]\n" },
    { name: "ONBUILD triggers are expanded in the child", code: "FROM scratch\nONBUILD COPY $SRC /app\n" },
    { name: "a self-reference inside one ENV is no-env-self-reference's", code: "FROM scratch\nENV A=1 B=$A\n" },
    { name: "ARG VERSION=${VERSION:-master} refers to itself harmlessly", code: "FROM alpine:3.20\nARG VERSION=${VERSION:-master}\n" },
    { name: "escape directive", code: "# escape=`\nFROM scratch\nARG DIR\nCOPY $DIR C:\\app `\n  C:\\dest\\\n" },
    {
      // swiftlang/swift-docker's buildx Dockerfiles: `FROM base-$TARGETARCH` builds on base-amd64 or base-arm64, both `FROM base`.
      name: "a stage picked by platform ARG inherits the ARGs of the stage the candidates build on, and theirs",
      code: [
        "FROM ubuntu:20.04 AS base",
        "ARG SWIFT_WEBROOT=https://download.swift.org",
        "FROM base AS base-amd64",
        "ARG OS_ARCH_SUFFIX=",
        "FROM base AS base-arm64",
        "ARG OS_ARCH_SUFFIX=-aarch64",
        "FROM base-$TARGETARCH AS final",
        'ARG PLATFORM_WEBROOT="$SWIFT_WEBROOT/ubuntu2004$OS_ARCH_SUFFIX"',
        "ENV SWIFT_WEBROOT=$SWIFT_WEBROOT",
        "USER 1000",
        "",
      ].join("\n"),
    },
  ],
  invalid: [
    {
      name: "a stage picked by platform ARG starts from the image of the stages it may build on (ubuntu: only PATH)",
      code: "FROM ubuntu:24.04 AS base\nFROM base AS base-amd64\nFROM base AS base-arm64\nFROM base-${TARGETARCH} AS final\nENV WEBROOT=$SWIFT_WEBROOT\n",
      errors: [
        {
          messageId: "undefinedVariable",
          data: { reference: "$SWIFT_WEBROOT", name: "SWIFT_WEBROOT", where: " and the config of `ubuntu` does not set it", effect: "it expands to an empty string" },
          line: 5,
          column: 13,
          endColumn: 27,
        },
      ],
    },
    {
      name: "a FROM that also depends on a user ARG is an image as before: the stage's own later ENV is all it knows",
      code: "ARG FLAVOR\nFROM ubuntu:24.04 AS base\nARG SWIFT_WEBROOT=https://download.swift.org\nFROM base AS base-amd64\nFROM base-${FLAVOR}${TARGETARCH}\nARG URL=$SWIFT_WEBROOT/file\nENV SWIFT_WEBROOT=/srv\n",
      errors: [{ messageId: "usedBeforeDeclared", data: { reference: "$SWIFT_WEBROOT", name: "SWIFT_WEBROOT", kind: "ENV", line: 7 }, line: 6, column: 9, endColumn: 23 }],
    },
    {
      // The first eight names are searched for in the script, the later ones read from its word
      // set: both ways must see G10 and G12 as other words than G1 and $G1 as no mention.
      name: "names the RUN sets, past the first eight a RUN asks about",
      code: "ARG G1\nARG G2\nARG G3\nARG G4\nARG G5\nARG G6\nARG G7\nARG G8\nARG G9\nARG G10\nARG G11\nARG G12\nFROM alpine:3.20\nRUN G2=x G4=x G6=x G8=x G10=x G12=x; echo $G1 $G2 $G3 $G4 $G5 $G6 $G7 $G8 $G9 $G10 $G11 $G12\n",
      errors: [
        { messageId: "globalArgNotInStage", line: 14, column: 43 },
        { messageId: "globalArgNotInStage", line: 14, column: 51 },
        { messageId: "globalArgNotInStage", line: 14, column: 59 },
        { messageId: "globalArgNotInStage", line: 14, column: 67 },
        { messageId: "globalArgNotInStage", line: 14, column: 75 },
        { messageId: "globalArgNotInStage", line: 14, column: 84 },
      ],
    },
    {
      name: "BuildKit: an undefined variable in each stage built on scratch",
      code: "\nFROM scratch AS first\nCOPY $foo .\n\nFROM scratch AS second\nCOPY $bar .\n",
      errors: [
        { messageId: "undefinedVariable", data: { reference: "$foo", name: "foo", where: " and the stage starts from scratch", effect: "it expands to an empty string" }, line: 3, column: 6, endColumn: 10 },
        { messageId: "undefinedVariable", data: { reference: "$bar", name: "bar", where: " and the stage starts from scratch", effect: "it expands to an empty string" }, line: 6 },
      ],
    },
    {
      name: "BuildKit: used before the ARG declares it",
      code: "\nFROM alpine\nCOPY $foo .\nARG foo=bar\nRUN echo $foo\n",
      errors: [{ messageId: "usedBeforeDeclared", data: { reference: "$foo", name: "foo", kind: "ARG", line: 4 }, line: 3, column: 6, endColumn: 10 }],
    },
    {
      name: "BuildKit: a near miss of a declared ARG",
      code: "\nFROM alpine\nARG DIR_BINARIES=binaries/\nARG DIR_ASSETS=assets/\nARG DIR_CONFIG=config/\nCOPY $DIR_ASSET .\n",
      errors: [{ messageId: "typo", data: { reference: "$DIR_ASSET", name: "DIR_ASSET", suggestion: "DIR_ASSETS" }, line: 6, column: 6, endColumn: 16, suggestions: ["Replace DIR_ASSET with DIR_ASSETS"] }],
    },
    {
      name: "BuildKit: PAHT",
      code: "\nFROM alpine\nENV PATH=$PAHT:/tmp/bin\n",
      errors: [{ messageId: "typo", data: { reference: "$PAHT", name: "PAHT", suggestion: "PATH" }, line: 3, column: 10, endColumn: 15 }],
    },
    {
      name: "HOME is not in alpine's config: WORKDIR becomes /app",
      code: "FROM alpine:3.20\nWORKDIR $HOME/app\n",
      errors: [{ messageId: "undefinedVariable", data: { reference: "$HOME", name: "HOME", where: " and the config of `alpine` does not set it", effect: "it expands to an empty string" }, line: 2, column: 9, endColumn: 14 }],
    },
    {
      name: "a global ARG not repeated in the stage, in the build and in RUN",
      code: "ARG VERSION=1.2.3\nFROM eclipse-temurin:21\nCOPY app-${VERSION}.jar /app.jar\nRUN echo \"$VERSION\"\n",
      errors: [
        {
          messageId: "globalArgNotInStage",
          data: { reference: "${VERSION}", name: "VERSION", line: 1, fromLine: 2 },
          line: 3,
          column: 10,
          endColumn: 20,
          suggestions: ["Add `ARG VERSION` after the FROM on line 2"],
        },
        { messageId: "globalArgNotInStage", data: { reference: "$VERSION", name: "VERSION", line: 1, fromLine: 2 }, line: 4, column: 11, endColumn: 19 },
      ],
    },
    {
      name: "a platform ARG not declared in the stage",
      code: "FROM --platform=$BUILDPLATFORM golang:1.22 AS build\nRUN GOARCH=$TARGETARCH go build -o /out/app\n",
      errors: [{ messageId: "platformArgNotDeclared", data: { reference: "$TARGETARCH", name: "TARGETARCH", fromLine: 1 }, line: 2, column: 12, endColumn: 23, suggestions: ["Add `ARG TARGETARCH` after the FROM on line 1"] }],
    },
    {
      name: "a heredoc RUN script and a RUN --mount value",
      code: "ARG CACHE_ID=go\nFROM golang:1.22\nRUN --mount=type=cache,id=${CACHE_ID},target=/root/.cache <<EOF\ngo build -ldflags \"-X main.v=${VERSION}\"\nEOF\nARG VERSION\n",
      errors: [
        { messageId: "globalArgNotInStage", data: { reference: "${CACHE_ID}", name: "CACHE_ID", line: 1, fromLine: 2 }, line: 3, column: 27, endColumn: 38 },
        { messageId: "usedBeforeDeclared", data: { reference: "${VERSION}", name: "VERSION", kind: "ARG", line: 6 }, line: 4, column: 30, endColumn: 40 },
      ],
    },
    {
      name: "an unquoted COPY heredoc is expanded at build time",
      code: "FROM alpine:3.20\nCOPY <<EOF /etc/motd\nWelcome to $HOME '$HOSTNAME'\nEOF\n",
      errors: [
        { messageId: "undefinedVariable", data: { reference: "$HOME", name: "HOME", where: " and the config of `alpine` does not set it", effect: "it expands to an empty string" }, line: 3, column: 12, endColumn: 17 },
        { messageId: "undefinedVariable", data: { reference: "$HOSTNAME", name: "HOSTNAME", where: " and the config of `alpine` does not set it", effect: "it expands to an empty string" }, line: 3, column: 19, endColumn: 28 },
      ],
    },
    {
      name: "a default word: the default always wins",
      code: "FROM alpine:3.20\nARG RUNTIME_UID\nENV RUNTIME_UID=${UID:-1000}\n",
      errors: [{ messageId: "undefinedVariable", data: { reference: "${UID:-1000}", name: "UID", where: " and the config of `alpine` does not set it", effect: "its default is always used and `--build-arg` cannot change it" }, line: 3, column: 17, endColumn: 29 }],
    },
    {
      name: "a global ARG default using an undeclared variable",
      code: "ARG IMAGE=${REGISTRY}/app\nFROM scratch\n",
      errors: [{ messageId: "undefinedVariable", data: { reference: "${REGISTRY}", name: "REGISTRY", where: " before the first FROM", effect: "it expands to an empty string" }, line: 1, column: 11, endColumn: 22 }],
    },
    {
      name: "options: an image whose environment is known",
      code: "FROM node:20\nENV X=$NODE_VERSION Y=$NODE_VERSON\n",
      options: { baseImageEnv: { node: ["PATH", "NODE_VERSION", "YARN_VERSION"] } },
      errors: [{ messageId: "typo", data: { reference: "$NODE_VERSON", name: "NODE_VERSON", suggestion: "NODE_VERSION" }, line: 2, column: 23, endColumn: 35 }],
    },
  ],
});
