import { describe, it } from "vitest";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./valid-default-arg-in-from.js";

createRuleTester({ describe, it }).run(rule, {
  valid: [
    '\nARG VERSION="latest"\nFROM busybox:${VERSION}\n',
    { name: "an empty suffix still gives a valid name", code: '\nARG BUSYBOX_VARIANT=""\nFROM busybox:stable${BUSYBOX_VARIANT}\n' },
    { name: "a bare ARG as a suffix", code: "ARG BUSYBOX_VARIANT\nFROM busybox:stable${BUSYBOX_VARIANT}\n" },
    { name: "a default word", code: "ARG TAG\nFROM alpine:${TAG:-3.20}\n" },
    { name: "a default from an earlier global ARG", code: "ARG MAJOR=3\nARG TAG=${MAJOR}.20\nFROM alpine:${TAG}\n" },
    { name: "undeclared: no-undefined-arg-in-from's finding", code: "FROM busybox:${UNDECLARED}\n" },
    { name: "invalid whatever the values: not about defaults", code: "ARG TAG\nFROM My_Image:${TAG}\n" },
    { name: "a predefined platform arg with a value", code: "FROM --platform=$BUILDPLATFORM golang:1.22-${TARGETARCH}\n" },
    { name: "pattern operators", code: "ARG V=1.2.3\nFROM alpine:${V%.*}\nFROM alpine:${V//./-}\nFROM alpine:${V#1.}\n" },
    { name: "single quotes keep the dollar: no expansion, so not about defaults", code: "ARG TAG\nFROM 'alpine:$TAG'\n" },
    { name: "a stage name", code: "ARG BASE=build\nFROM alpine:3.20 AS build\nFROM ${BASE}\n" },
    { name: "single quotes: the substitution is not expanded, so not written wrong", code: "ARG V=12\nFROM 'debian:${V:x}'\n" },
    { name: "a required variable that is set", code: "ARG V=12\nFROM debian:${V:?required}\n" },
    {
      name: "a template: the image holds tags (no blanks, so one word), and the finding on them is dropped",
      code: "{% if registry %}\nFROM {{registry}}/app:${TAG:{{suffix}}}\n{% endif %}\n",
    },
  ],
  invalid: [
    {
      name: "an empty tag",
      code: "\nARG VERSION\nFROM busybox:$VERSION\n",
      errors: [
        {
          messageId: "invalidImage",
          data: { written: "busybox:$VERSION", value: "busybox:", advice: "give `VERSION` a default (`ARG VERSION=<value>`) or write `${VERSION:-<value>}`" },
          line: 3,
          column: 6,
          endColumn: 22,
        },
      ],
    },
    {
      name: "an empty image",
      code: "\nARG IMAGE\nFROM $IMAGE\n",
      errors: [{ messageId: "emptyImage", data: { written: "$IMAGE", advice: "give `IMAGE` a default (`ARG IMAGE=<value>`) or write `${IMAGE:-<value>}`" }, line: 3, column: 6, endColumn: 12 }],
    },
    {
      name: "a default that makes the name invalid",
      code: '\nARG SFX="box:"\nFROM busy${SFX}\n',
      errors: [{ messageId: "invalidImage", data: { written: "busy${SFX}", value: "busybox:", advice: 'fix the default of `SFX` ("box:")' }, line: 3, column: 6, endColumn: 16 }],
    },
    {
      name: "ARG A B: the model's pairs would read TAG as the default of REGISTRY",
      code: "ARG REGISTRY=ghcr.io\nARG OWNER TAG\nFROM ${REGISTRY}/${OWNER}/app:${TAG}\n",
      errors: [{ messageId: "invalidImage", data: { written: "${REGISTRY}/${OWNER}/app:${TAG}", value: "ghcr.io//app:", advice: "give `OWNER` and `TAG` a default (`ARG OWNER=<value>`) or write `${OWNER:-<value>}`" }, line: 3 }],
    },
    {
      name: "a pattern that removes the whole tag",
      code: "ARG V=1.2\nFROM alpine:${V#1.2}\n",
      errors: [{ messageId: "invalidImage", data: { written: "alpine:${V#1.2}", value: "alpine:", advice: 'fix the default of `V` ("1.2")' }, line: 2, column: 6, endColumn: 21 }],
    },
    {
      name: "an unset default operator on a declared, valueless ARG",
      code: "ARG TAG\nFROM alpine:${TAG:+$TAG}\n",
      errors: [{ messageId: "invalidImage", data: { written: "alpine:${TAG:+$TAG}", value: "alpine:", advice: "give `TAG` a default (`ARG TAG=<value>`) or write `${TAG:-<value>}`" }, line: 2 }],
    },
    {
      name: "an empty platform",
      code: "ARG PLATFORM\nFROM --platform=$PLATFORM alpine:3.20 AS base\n",
      errors: [{ messageId: "emptyPlatform", data: { written: "$PLATFORM", advice: "give `PLATFORM` a default (`ARG PLATFORM=<value>`) or write `${PLATFORM:-<value>}`" }, line: 2, column: 17, endColumn: 26 }],
    },
    {
      name: "TARGETVARIANT is empty on amd64",
      code: "FROM arm32v7/alpine:${TARGETVARIANT}\n",
      errors: [{ messageId: "invalidImage", data: { written: "arm32v7/alpine:${TARGETVARIANT}", value: "arm32v7/alpine:", advice: "`TARGETVARIANT` is empty when building for linux/amd64; write `${TARGETVARIANT:-<value>}`" }, line: 1 }],
    },
    {
      name: "every stage, escape directive",
      code: "# escape=`\nARG WINVER\nFROM mcr.microsoft.com/windows/servercore:${WINVER} AS build\nFROM mcr.microsoft.com/windows/nanoserver:${WINVER}\n",
      errors: [
        { messageId: "invalidImage", line: 3, column: 6, endColumn: 52 },
        { messageId: "invalidImage", line: 4, column: 6, endColumn: 52 },
      ],
    },
    {
      name: "a default BuildKit cannot expand: say so, not the lexer's value after the error (vscode-dev-containers templates)",
      code: "ARG VARIANT=${templateOption:imageVariant}\nFROM debian:${VARIANT}\n",
      errors: [
        {
          messageId: "invalidDefault",
          message:
            '`debian:${VARIANT}` uses `VARIANT`, whose default BuildKit cannot expand (`${templateOption:imageVariant}`: "unsupported modifier (:i) in substitution"), so a plain `docker build` fails at that ARG; write a valid default for `VARIANT`, or always pass `--build-arg VARIANT=…`.',
          line: 2,
          column: 6,
          endColumn: 23,
        },
      ],
    },
    {
      name: "a quoted default, and one that takes the broken default of another ARG",
      code: 'ARG A="${x:i}"\nARG B=${A}-slim\nFROM debian:${B}\nFROM alpine:"3.20${A}"\n',
      errors: [
        { messageId: "invalidDefault", data: { written: "debian:${B}", name: "A", fault: "${x:i}", error: "unsupported modifier (:i) in substitution" }, line: 3 },
        { messageId: "invalidDefault", data: { written: 'alpine:"3.20${A}"', name: "A", fault: "${x:i}", error: "unsupported modifier (:i) in substitution" }, line: 4 },
      ],
    },
    {
      name: "two broken defaults: the first ARG in the file, where BuildKit stops",
      code: "ARG BASE_IMAGE=${templateOption:baseVariant}\nARG VARIANT=${templateOption:imageVariant}\nFROM ${VARIANT}:${BASE_IMAGE}\n",
      errors: [{ messageId: "invalidDefault", data: { written: "${VARIANT}:${BASE_IMAGE}", name: "BASE_IMAGE", fault: "${templateOption:baseVariant}", error: "unsupported modifier (:b) in substitution" }, line: 3 }],
    },
    {
      name: "a required variable without a value, an unclosed quote, a missing brace in defaults",
      code: 'ARG NEEDED\nARG TAG=${NEEDED:?required}\nARG Q="3.20\nARG R=${S:-x\nFROM alpine:${TAG}\nFROM alpine:${Q}\nFROM alpine:${R}\n',
      errors: [
        { messageId: "invalidDefault", data: { written: "alpine:${TAG}", name: "TAG", fault: "${NEEDED:?required}", error: "NEEDED: required" }, line: 5 },
        { messageId: "invalidDefault", data: { written: "alpine:${Q}", name: "Q", fault: '"3.20', error: "unexpected end of statement while looking for matching double-quote" }, line: 6 },
        { messageId: "invalidDefault", data: { written: "alpine:${R}", name: "R", fault: "${S:-x", error: "syntax error: missing '}'" }, line: 7 },
      ],
    },
    {
      name: "a broken default in --platform",
      code: "ARG P=${BUILDPLATFORM:x}\nFROM --platform=$P alpine:3.20\n",
      errors: [{ messageId: "invalidDefault", data: { written: "--platform=$P", name: "P", fault: "${BUILDPLATFORM:x}", error: "unsupported modifier (:x) in substitution" }, line: 2, column: 17, endColumn: 19 }],
    },
    {
      name: "a substitution written wrong in FROM itself, an undeclared name's too (vscode-dev-containers azure-bicep)",
      code: "FROM mcr.microsoft.com/devcontainers/dotnet:0-${templateOption:imageVariant}\nARG V=12\nFROM debian:${V:x}\n",
      errors: [
        {
          messageId: "invalidSubstitution",
          message:
            '`mcr.microsoft.com/devcontainers/dotnet:0-${templateOption:imageVariant}` has a substitution BuildKit cannot expand, `${templateOption:imageVariant}` ("unsupported modifier (:i) in substitution"), so the build fails whatever the build arguments; write a plain value or a supported form (`${NAME}`, `${NAME:-default}`).',
          line: 1,
          column: 6,
          endColumn: 77,
        },
        { messageId: "invalidSubstitution", data: { written: "debian:${V:x}", fault: "${V:x}", error: "unsupported modifier (:x) in substitution" }, line: 3, column: 6, endColumn: 19 },
      ],
    },
    {
      name: "bad substitutions, a missing brace, a nested one, an escaped one skipped",
      code: "ARG T=1\nFROM alpine:${}\nFROM alpine:${:-3}\nFROM alpine:${T:-3\nFROM alpine:${T:-${T:x}}\nFROM alpine:\\${T:x}${T:y}\n",
      errors: [
        { messageId: "invalidSubstitution", data: { written: "alpine:${}", fault: "${}", error: "syntax error: bad substitution" }, line: 2 },
        { messageId: "invalidSubstitution", data: { written: "alpine:${:-3}", fault: "${:-3}", error: "syntax error: bad substitution" }, line: 3 },
        { messageId: "invalidSubstitution", data: { written: "alpine:${T:-3", fault: "${T:-3", error: "syntax error: missing '}'" }, line: 4 },
        { messageId: "invalidSubstitution", data: { written: "alpine:${T:-${T:x}}", fault: "${T:-${T:x}}", error: "unsupported modifier (:x) in substitution" }, line: 5 },
        { messageId: "invalidSubstitution", data: { written: "alpine:\\${T:x}${T:y}", fault: "${T:y}", error: "unsupported modifier (:y) in substitution" }, line: 6 },
      ],
    },
    {
      name: "one finding per FROM: the image first, then --platform, a broken default after the FROM's own error",
      code: "ARG P=${x:z}\nFROM --platform=${BUILDPLATFORM:x} alpine:${P:y}\nFROM --platform=${BUILDPLATFORM:x} alpine:${P}\nFROM --platform=$P alpine:3.20 AS c\n",
      errors: [
        { messageId: "invalidSubstitution", data: { written: "alpine:${P:y}", fault: "${P:y}", error: "unsupported modifier (:y) in substitution" }, line: 2 },
        { messageId: "invalidDefault", data: { written: "alpine:${P}", name: "P", fault: "${x:z}", error: "unsupported modifier (:z) in substitution" }, line: 3 },
        { messageId: "invalidDefault", data: { written: "--platform=$P", name: "P", fault: "${x:z}", error: "unsupported modifier (:z) in substitution" }, line: 4 },
      ],
    },
    {
      name: "a template whose FROM holds no tag is built as written: one finding for that FROM",
      code: "{% if dotnet %}\nFROM mcr.microsoft.com/devcontainers/dotnet:0-${templateOption:imageVariant}\n{% endif %}\n",
      errors: [{ messageId: "invalidSubstitution", line: 2 }],
    },
  ],
});
