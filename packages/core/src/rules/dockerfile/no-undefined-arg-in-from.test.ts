import { describe, it } from "vitest";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./no-undefined-arg-in-from.js";

createRuleTester({ describe, it }).run(rule, {
  valid: [
    "\nARG base=scratch\nFROM $base\nCOPY Dockerfile .\n",
    { name: "a predefined arg redeclared with a default", code: "ARG BUILDPLATFORM=linux/amd64\nFROM --platform=$BUILDPLATFORM scratch\n" },
    { name: "a predefined platform arg", code: "FROM --platform=$BUILDPLATFORM golang:1.22 AS build\nFROM --platform=${TARGETPLATFORM} alpine:3.20\n" },
    { name: "declared without a default", code: "ARG DEBUG\nFROM scratch${DEBUG}\n" },
    { name: "with a default word", code: "ARG DEBUG\nFROM scra${DEBUG:-tch}\n" },
    { name: "declared empty, unset-default operator", code: 'ARG DEBUG=""\nFROM scratch${DEBUG-@bogus}\n' },
    { name: "ARG A B declares both", code: "ARG REGISTRY TAG\nFROM ${REGISTRY}/app:${TAG}\n" },
    { name: "single quotes are not expanded", code: "FROM 'alpine:$nothing'\n" },
    { name: "an escaped dollar", code: "FROM alpine:3.20\\$x\n" },
    { name: "variables of later instructions are another rule's", code: "FROM alpine:3.20\nCOPY $foo .\n" },
    {
      name: "a substitution BuildKit cannot expand is valid-default-arg-in-from's, its name undeclared or not: declaring it would not fix it",
      code: "FROM mcr.microsoft.com/devcontainers/dotnet:0-${templateOption:imageVariant}\nFROM debian:${V:x}\n",
    },
  ],
  invalid: [
    {
      name: "a misspelt predefined arg in --platform",
      code: "\nFROM --platform=$BULIDPLATFORM scratch\nCOPY Dockerfile .\n",
      errors: [
        {
          messageId: "typo",
          data: { reference: "$BULIDPLATFORM", name: "BULIDPLATFORM", suggestion: "BUILDPLATFORM" },
          line: 2,
          column: 17,
          endColumn: 31,
          suggestions: ["Replace BULIDPLATFORM with BUILDPLATFORM"],
        },
      ],
    },
    {
      name: "a near miss of a global ARG",
      code: "\nARG MY_OS=linux\nARG MY_ARCH=amd64\nFROM --platform=linux/${MYARCH} busybox\n",
      errors: [{ messageId: "typo", data: { reference: "${MYARCH}", name: "MYARCH", suggestion: "MY_ARCH" }, line: 4, column: 23, endColumn: 32 }],
    },
    {
      name: "an undeclared tag suffix",
      code: "\nARG tag=latest\nFROM busybox:${tag}${version} AS b\n",
      errors: [
        {
          messageId: "undeclared",
          data: { reference: "${version}", name: "version" },
          line: 3,
          column: 20,
          endColumn: 30,
          suggestions: ["Declare `ARG version` before the first FROM"],
        },
      ],
    },
    {
      name: "even with a default word: --build-arg could not set it",
      code: "FROM node:${NODE_VERSION:-20}-alpine\n",
      errors: [{ messageId: "undeclared", line: 1, column: 11, endColumn: 30 }],
    },
    {
      name: "an ARG inside an earlier stage is not global",
      code: "FROM alpine:3.20 AS base\nARG VARIANT=slim\nFROM debian:${VARIANT}\n",
      errors: [{ messageId: "stageArg", data: { reference: "${VARIANT}", name: "VARIANT", line: 2 }, line: 3, column: 13, endColumn: 23 }],
    },
    {
      name: "escape directive and a continued FROM",
      code: "# escape=`\nFROM mcr.microsoft.com/windows/servercore:$WINVER `\n  AS base\n",
      errors: [{ messageId: "undeclared", data: { reference: "$WINVER", name: "WINVER" }, line: 2, column: 43, endColumn: 50 }],
    },
  ],
});
