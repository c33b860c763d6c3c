import { describe, it } from "vitest";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./no-redundant-target-platform.js";

createRuleTester({ describe, it }).run(rule, {
  valid: [
    "FROM alpine:3.20\n",
    { name: "another variable", code: "FROM --platform=$FOOBAR alpine:3.20\n" },
    { name: "a constant", code: "FROM --platform=foobar/arm64 alpine:3.20\n" },
    { name: "$BUILDPLATFORM", code: "FROM --platform=$BUILDPLATFORM alpine:3.20\n" },
    { name: "TARGETPLATFORM with more around it", code: "FROM --platform=${TARGETPLATFORM:-linux/amd64} alpine:3.20\n" },
    { name: "ONBUILD FROM is not a stage", code: "FROM alpine:3.20\nONBUILD FROM --platform=$TARGETPLATFORM alpine:3.20\n" },
  ],
  invalid: [
    {
      name: "$TARGETPLATFORM",
      code: "\nFROM --platform=$TARGETPLATFORM scratch\n",
      errors: [{ messageId: "redundant", data: { value: "$TARGETPLATFORM" }, line: 2, column: 17, endColumn: 32 }],
      output: "\nFROM scratch\n",
    },
    {
      name: "${TARGETPLATFORM}",
      code: "FROM --platform=${TARGETPLATFORM} alpine:3.24 AS base\n",
      errors: [{ messageId: "redundant", data: { value: "${TARGETPLATFORM}" }, line: 1, column: 17, endColumn: 34 }],
      output: "FROM alpine:3.24 AS base\n",
    },
    {
      name: "quoted",
      code: 'FROM --platform="$TARGETPLATFORM" alpine:3.24\n',
      errors: [{ messageId: "redundant", line: 1, column: 17, endColumn: 34 }],
      output: "FROM alpine:3.24\n",
    },
    {
      name: "continued line and lower case",
      code: "from --platform=$TARGETPLATFORM \\\n  alpine:3.24\n",
      errors: [{ messageId: "redundant", line: 1 }],
      output: "from \\\n  alpine:3.24\n",
    },
    {
      name: "escape directive",
      code: "# escape=`\nFROM --platform=$TARGETPLATFORM `\n  mcr.microsoft.com/windows/nanoserver:ltsc2022\n",
      errors: [{ messageId: "redundant", line: 2 }],
      output: "# escape=`\nFROM `\n  mcr.microsoft.com/windows/nanoserver:ltsc2022\n",
    },
  ],
});
