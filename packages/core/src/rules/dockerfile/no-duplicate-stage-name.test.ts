import { describe, it } from "vitest";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./no-duplicate-stage-name.js";

createRuleTester({ describe, it }).run(rule, {
  valid: [
    "FROM scratch AS b1\nFROM scratch AS b2\n",
    { name: "unnamed stages", code: "FROM alpine:3.20\nFROM alpine:3.20\n" },
    { name: "a stage named like an image", code: "FROM node:20 AS node\nFROM node AS app\n" },
    { name: "names that differ only by a suffix", code: "FROM debian:12 as build\nFROM debian:12 as build2\n" },
    { name: "ONBUILD FROM is not a stage", code: "FROM alpine:3.20 AS a\nONBUILD FROM alpine:3.20 AS a\n" },
  ],
  invalid: [
    {
      name: "reported on the second",
      code: "\nFROM scratch AS b\nFROM scratch AS b\n",
      errors: [{ messageId: "duplicate", data: { name: "b", line: 2, first: "b", lower: "b" }, line: 3, column: 17, endColumn: 18 }],
    },
    {
      name: "case-insensitive (BuildKit lower-cases names)",
      code: "FROM golang:1.22 AS Build\nRUN go build\nFROM golang:1.22 AS build\n",
      errors: [{ messageId: "duplicate", data: { name: "build", line: 1, first: "Build", lower: "build" }, line: 3, column: 21, endColumn: 26 }],
    },
    {
      name: "lower-case keywords",
      code: "from baseImage:1.1\nrun test\nfrom debian:jesse2 as build\nfrom debian:jesse1 as build\n",
      errors: [{ messageId: "duplicate", line: 4, column: 23 }],
    },
    {
      name: "a third use is reported against the first",
      code: "FROM a:1 AS x\nFROM b:1 AS x\nFROM c:1 AS x\n",
      errors: [
        { messageId: "duplicate", data: { name: "x", line: 1, first: "x", lower: "x" }, line: 2 },
        { messageId: "duplicate", data: { name: "x", line: 1, first: "x", lower: "x" }, line: 3 },
      ],
    },
    {
      name: "with --platform and a continued FROM",
      code: "FROM --platform=$BUILDPLATFORM golang:1.22 AS tools\nFROM alpine:3.20 \\\n  AS tools\n",
      errors: [{ messageId: "duplicate", line: 3, column: 6, endColumn: 11 }],
    },
    {
      name: "escape directive",
      code: "# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022 AS win\nFROM mcr.microsoft.com/windows/nanoserver:ltsc2022 `\n  AS WIN\n",
      errors: [{ messageId: "duplicate", data: { name: "WIN", line: 2, first: "win", lower: "win" }, line: 4, column: 6, endColumn: 9 }],
    },
  ],
});
