import { describe, it } from "vitest";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./no-empty-continuation.js";

createRuleTester({ describe, it }).run(rule, {
  valid: [
    "FROM alpine:3.20\nCOPY Dockerfile \\\n.\n",
    { name: "comment lines inside a continuation are fine", code: "FROM alpine:3.20\nEXPOSE \\\n# Port\n80\n" },
    {
      name: "a doubled escape at the end of a line is not a continuation (docker-library/mongo Windows)",
      code: "FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nCOPY --from=mongo:8 \\\n\tC:\\\\Windows\\\\System32\\\\msvcp140.dll \\\n\tC:\\\\Windows\\\\System32\\\\\n\n# release notes\nENV MONGO_VERSION=8.2.11\n",
    },
    { name: "blank lines between instructions", code: "FROM alpine:3.20\n\nRUN echo a\n\n\nRUN echo b\n" },
    { name: "blank lines in a heredoc body", code: "FROM alpine:3.20\nRUN <<EOF\necho a\n\necho b\nEOF\n" },
    { name: "blank lines in an ONBUILD heredoc body", code: "FROM alpine:3.20\nONBUILD RUN <<EOF\necho a\n\necho b\nEOF\n" },
    { name: "escape directive: a backslash is no continuation", code: "# escape=`\nFROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nRUN dir C:\\\n\nRUN dir D:\\\n" },
  ],
  invalid: [
    {
      name: "BuildKit's own case",
      code: "\nFROM scratch\n# warning: empty continuation line\nCOPY Dockerfile \\\n\n.\nCOPY Dockerfile \\\n.\n",
      errors: [{ messageId: "emptyLine", data: { lines: "Line 5 is", keyword: "COPY", from: 4 }, line: 6, column: 1, endColumn: 2 }],
      output: "\nFROM scratch\n# warning: empty continuation line\nCOPY Dockerfile \\\n.\nCOPY Dockerfile \\\n.\n",
    },
    {
      name: "two gaps in one RUN, whitespace-only lines count",
      code: "FROM alpine:3.20\nRUN apk add \\\n\n    gnupg \\\n  \t\n\n    curl\n",
      errors: [
        { messageId: "emptyLine", data: { lines: "Line 3 is", keyword: "RUN", from: 2 }, line: 4, column: 5, endColumn: 12 },
        { messageId: "emptyLine", data: { lines: "Lines 5–6 are", keyword: "RUN", from: 2 }, line: 7, column: 5, endColumn: 9 },
      ],
      output: "FROM alpine:3.20\nRUN apk add \\\n    gnupg \\\n    curl\n",
    },
    {
      name: "a blank line between comment lines",
      code: "FROM alpine:3.20\nRUN a \\\n# one\n\n# two\n && b\n",
      errors: [{ messageId: "emptyLine", line: 5, column: 1, endColumn: 6 }],
      output: "FROM alpine:3.20\nRUN a \\\n# one\n# two\n && b\n",
    },
    {
      name: "a dangling escape swallows the next instruction: no fix, a suggestion to end the RUN",
      code: "FROM debian:12 AS base\nRUN apt-get update -y \\\n      && apt-get install -y \\\n           curl \\\n           git \\\n\nFROM base AS test\nRUN echo test\n",
      errors: [
        {
          messageId: "intoInstruction",
          data: { lines: "Line 6 is", keyword: "RUN", escape: "`\\`", carrierLine: 5, next: "FROM base AS test", nextLine: 7 },
          line: 7,
          column: 1,
          endColumn: 18,
          suggestions: ["Remove the `\\` at the end of line 5, so that the RUN ends there"],
        },
      ],
      output: null,
    },
    {
      name: "commented-out last line, then a blank line, then an instruction",
      code: "FROM alpine:3.20\nRUN something_to_run \\\n#   && something_else_to_run\n# the perilous trailing \\\n\nCOPY whoops nope\n",
      errors: [{ messageId: "intoInstruction", data: { lines: "Line 5 is", keyword: "RUN", escape: "`\\`", carrierLine: 2, next: "COPY whoops nope", nextLine: 6 }, line: 6 }],
      output: null,
    },
    {
      name: "ONBUILD trigger",
      code: "FROM alpine:3.20\nONBUILD RUN echo a \\\n\n    b\n",
      errors: [{ messageId: "emptyLine", data: { lines: "Line 3 is", keyword: "ONBUILD", from: 2 }, line: 4, column: 5, endColumn: 6 }],
      output: "FROM alpine:3.20\nONBUILD RUN echo a \\\n    b\n",
    },
    {
      name: "escape directive",
      code: "# escape=`\nFROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nRUN echo a `\n\n  && echo b\n",
      errors: [{ messageId: "emptyLine", data: { lines: "Line 4 is", keyword: "RUN", from: 3 }, line: 5, column: 3, endColumn: 12 }],
      output: "# escape=`\nFROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nRUN echo a `\n  && echo b\n",
    },
    {
      name: "CRLF line endings",
      code: "FROM alpine:3.20\r\nLABEL a=b \\\r\n\r\n  c=d\r\n",
      errors: [{ messageId: "emptyLine", line: 4, column: 3, endColumn: 6 }],
      output: "FROM alpine:3.20\r\nLABEL a=b \\\r\n  c=d\r\n",
    },
  ],
});
