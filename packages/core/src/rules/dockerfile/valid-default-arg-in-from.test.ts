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
  ],
});
