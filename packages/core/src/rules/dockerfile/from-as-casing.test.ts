import { describe, it } from "vitest";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./from-as-casing.js";

createRuleTester({ describe, it }).run(rule, {
  valid: [
    "FROM debian:12 AS deb-builder\n",
    { name: "both lower case", code: "from debian:12 as deb-builder\n" },
    { name: "no alias", code: "FROM debian:12\nfrom alpine:3.20\n" },
    { name: "mixed-case FROM is consistent-instruction-casing's finding", code: "From debian:12 as builder\n" },
    { name: "platform flag before the image", code: "FROM --platform=$BUILDPLATFORM golang:1.22 AS build\n" },
    { name: "escape directive", code: "# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022 AS base\n" },
  ],
  invalid: [
    {
      name: "FROM upper, as lower",
      code: "FROM debian:12 as builder\n",
      errors: [{ messageId: "mismatch", data: { as: "as", from: "FROM", expected: "AS", name: "builder" }, line: 1, column: 16, endColumn: 18 }],
      output: "FROM debian:12 AS builder\n",
    },
    {
      name: "from lower, AS upper",
      code: "from scratch AS base\n\nfrom scratch as base2\n",
      errors: [{ messageId: "mismatch", data: { as: "AS", from: "from", expected: "as", name: "base" }, line: 1, column: 14, endColumn: 16 }],
      output: "from scratch as base\n\nfrom scratch as base2\n",
    },
    {
      name: "mixed-case As in every stage",
      code: "FROM golang:1.22 As build\nRUN go build\nFROM --platform=linux/amd64 alpine:3.20 aS final\n",
      errors: [
        { messageId: "mismatch", line: 1, column: 18, endColumn: 20 },
        { messageId: "mismatch", line: 3, column: 41, endColumn: 43 },
      ],
      output: "FROM golang:1.22 AS build\nRUN go build\nFROM --platform=linux/amd64 alpine:3.20 AS final\n",
    },
    {
      name: "continued FROM",
      code: "FROM debian:12 \\\n  as builder\n",
      errors: [{ messageId: "mismatch", line: 2, column: 3, endColumn: 5 }],
      output: "FROM debian:12 \\\n  AS builder\n",
    },
  ],
});
