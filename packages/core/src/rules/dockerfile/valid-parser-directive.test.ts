import { describe, it } from "vitest";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./valid-parser-directive.js";

createRuleTester({ describe, it }).run(rule, {
  valid: [
    "# syntax=docker/dockerfile:1\n# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\n",
    { name: "escape=\\ and check", code: "# escape=\\\n# check=skip=JSONArgsRecommended\nFROM alpine:3.23\n" },
    { name: "blanks and case", code: "  #  Syntax = docker/dockerfile:1.7\nFROM alpine:3.23\n" },
    { name: "a repeat after a comment is a comment", code: "# syntax=docker/dockerfile:1\n# a comment\n# syntax=docker/dockerfile:1.4\nFROM alpine:3.23\n" },
    { name: "a repeat after an unknown directive is a comment", code: "# syntax=docker/dockerfile:1\n# foo=bar\n# syntax=docker/dockerfile:1.4\nFROM alpine:3.23\n" },
    { name: "a directive below an instruction is a comment", code: "FROM alpine:3.23\n# escape=x\n" },
    { name: "a blank line ends the directives", code: "# syntax=docker/dockerfile:1\n\n# syntax=docker/dockerfile:1.4\nFROM alpine:3.23\n" },
    { name: "a BOM and CRLF", code: "\uFEFF# escape=`\r\nFROM alpine:3.23\r\n" },
  ],
  invalid: [
    {
      name: "an escape character BuildKit does not take",
      code: "# escape=x\nFROM alpine:3.23\n",
      errors: [{ messageId: "escape", data: { value: "x" }, line: 1, column: 10, endColumn: 11 }],
    },
    {
      name: "two characters",
      code: "# escape = \\\\ \nFROM alpine:3.23\n",
      errors: [{ messageId: "escape", data: { value: "\\\\" }, line: 1, column: 12, endColumn: 14 }],
    },
    {
      name: "a directive given twice, in another case",
      code: "# syntax=docker/dockerfile:1\n# escape=`\n# SYNTAX=docker/dockerfile:1.4\nFROM alpine:3.23\n",
      errors: [{ messageId: "repeated", data: { name: "syntax", line: 1 }, line: 3, column: 1, endColumn: 31 }],
    },
    {
      name: "after a BOM",
      code: "\uFEFF# escape=x\r\nFROM alpine:3.23\r\n",
      errors: [{ messageId: "escape", data: { value: "x" }, line: 1, column: 11, endColumn: 12 }],
    },
    {
      name: "only the first error, as BuildKit stops there",
      code: "# escape=x\n# escape=y\nFROM alpine:3.23\n",
      errors: [{ messageId: "escape", data: { value: "x" }, line: 1 }],
    },
  ],
});
