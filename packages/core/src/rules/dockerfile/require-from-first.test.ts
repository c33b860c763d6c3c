import { describe, it } from "vitest";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./require-from-first.js";

createRuleTester({ describe, it }).run(rule, {
  valid: [
    "FROM foo:1\nLABEL foo=bar\n",
    { name: "ARG before FROM", code: "ARG A=B\nFROM foo:1\nLABEL foo=bar\n" },
    { name: "parser directive and comments", code: "# syntax = docker/dockerfile:1.0-experimental\n# a comment\n\nFROM node:16-alpine3.13\n" },
    { name: "ARG after FROM", code: "FROM foo:1\nARG A=B\nRUN echo bla\n" },
    { name: "a misspelt FROM is no-unknown-instruction's finding", code: "FORM alpine:3.20\nRUN echo hi\n" },
    { name: "an unknown instruction before FROM is no-unknown-instruction's finding", code: "RUNN echo\nFROM alpine:3.20\n" },
    { name: "escape directive", code: "# escape=`\nARG WINDOWS_VERSION=ltsc2022\nFROM mcr.microsoft.com/windows/servercore:${WINDOWS_VERSION}\n" },
  ],
  invalid: [
    { name: "an empty file", code: "", errors: [{ messageId: "empty", line: 1, column: 1, endLine: 1, endColumn: 1 }] },
    {
      name: "only comments: BuildKit's \"file with no instructions\", on the first comment",
      code: "\n# nothing here yet\n# FROM alpine:3.20\n",
      errors: [{ messageId: "noInstructions", line: 2, column: 1, endLine: 2, endColumn: 19 }],
    },
    { name: "only blank lines", code: "\n  \n", errors: [{ messageId: "noInstructions", line: 1, column: 1 }] },
    { name: "only a parser directive", code: "# syntax=docker/dockerfile:1\n", errors: [{ messageId: "noInstructions", line: 1 }] },
    {
      name: "LABEL before FROM",
      code: "LABEL foo=bar\nFROM foo:1\n",
      errors: [{ messageId: "beforeFrom", data: { keyword: "LABEL" }, line: 1, column: 1, endColumn: 6 }],
    },
    {
      name: "every instruction before the first FROM, ARGs skipped",
      code: "ARG V=1\nENV A=b\nrun echo $A\nONBUILD RUN x\nFROM alpine:3.20\nRUN true\n",
      errors: [
        { messageId: "beforeFrom", data: { keyword: "ENV" }, line: 2 },
        { messageId: "beforeFrom", data: { keyword: "run" }, line: 3, column: 1, endColumn: 4 },
        { messageId: "beforeFrom", data: { keyword: "ONBUILD" }, line: 4 },
      ],
    },
    {
      name: "MAINTAINER before FROM",
      code: "MAINTAINER Lukas\nFROM debian:12\n",
      errors: [{ messageId: "beforeFrom", line: 1 }],
    },
    {
      name: "a heredoc RUN before FROM",
      code: "RUN <<EOF\nFROM alpine\nEOF\nFROM alpine:3.20\n",
      errors: [{ messageId: "beforeFrom", data: { keyword: "RUN" }, line: 1 }],
    },
    {
      name: "no FROM at all",
      code: "# build\nRUN make\nCMD [\"app\"]\n",
      errors: [{ messageId: "noFrom", line: 2, column: 1, endColumn: 4 }],
    },
    {
      name: "only ARGs",
      code: "ARG VERSION=1\n",
      errors: [{ messageId: "noFrom", line: 1 }],
    },
  ],
});
