import assert from "node:assert/strict";
import { describe, it } from "vitest";
import { applySuggestion as applyRuleSuggestion, createRuleTester } from "../../testing/rule-tester.js";
import { lintText } from "../../linter.js";
import rule from "./no-unknown-instruction.js";

createRuleTester({ describe, it }).run(rule, {
  valid: [
    "FROM alpine:3.20\nRUN echo hi\n",
    {
      name: "every instruction, in any case",
      code: 'from alpine:3.20\nRun echo\ncmd ["a"]\nLABEL a=b\nMAINTAINER me\nEXPOSE 80\nENV A=b\nADD a /a\nCOPY b /b\nENTRYPOINT ["x"]\nVOLUME /v\nUSER 1000\nWORKDIR /w\nARG X\nONBUILD RUN x\nSTOPSIGNAL SIGTERM\nHEALTHCHECK NONE\nSHELL ["/bin/sh", "-c"]\n',
    },
    { name: "heredoc bodies are not instructions", code: "FROM alpine:3.20\nRUN <<EOF\nFORM this is shell\n&& not an instruction\nEOF\n" },
    {
      name: "nor are the bodies of heredocs with a file descriptor (BuildKit's `[fd]<<name`)",
      code: "FROM alpine:3.20\nRUN cat 2<<EOF 3<<-EOT\nhello world\nEOF\n\tbye now\n\tEOT\nCOPY 0<<conf /etc/app.conf\nkey value\nconf\n",
    },
    { name: "continued lines are not instructions", code: "FROM alpine:3.20\nRUN apk add \\\n    curl \\\n    git\n" },
    { name: "comment lines inside a continued RUN", code: "FROM alpine:3.20\nRUN apk add \\\n# a comment\n    curl\n" },
    { name: "escape directive: backtick continuation", code: "# escape=`\nFROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nRUN dir `\n    C:\\\n" },
  ],
  invalid: [
    {
      name: "a template's tags are one cause, reported once at the first (Go template)",
      code: "{{ range .Versions }}\nFROM alpine:{{ . }}\n{{ end }}\nRUN echo hi\n",
      errors: [
        {
          messageId: "template",
          message:
            "`{{` is a template tag, not a Dockerfile instruction: this file looks like a template that a generator renders into a Dockerfile (2 lines start with template tags), and `docker build` fails on it as it is (\"unknown instruction\"); lint what the generator renders, or leave the template out with `.docklintignore`.",
          line: 1,
          column: 1,
          endColumn: 3,
        },
      ],
    },
    {
      name: "one Jinja tag line, beside a real unknown keyword",
      code: "FROM alpine:3.21\n{% if debug %}\nRUNN echo hi\n",
      errors: [
        { messageId: "template", data: { word: "{%", count: "one line starts with a template tag" }, line: 2 },
        { messageId: "typo", line: 3 },
      ],
    },
    {
      name: "a tag across lines is one tag: its inner lines are not instructions (docker-library/mysql's jq template)",
      code: '{{\n\tdef pm:\n\t\t"apk"\n\t;\n-}}\nFROM alpine:{{ .version }}\nRUN {{ pm }} add curl\nRUNN echo hi\n',
      errors: [
        { messageId: "template", data: { word: "{{", count: "one line starts with a template tag" }, line: 1, column: 1 },
        { messageId: "typo", line: 8 },
      ],
    },
    {
      name: "an ERB tag",
      code: "FROM alpine:3.21\n<%= render 'steps' %>\n",
      errors: [{ messageId: "template", data: { word: "<%=", count: "one line starts with a template tag" }, line: 2 }],
    },
    {
      name: "a misspelt FROM",
      code: "FORM alpine:3.20\n",
      errors: [{ messageId: "typo", data: { word: "FORM", suggestion: "FROM" }, line: 1, column: 1, endColumn: 5, suggestions: ["Replace `FORM` with `FROM`"] }],
    },
    {
      name: "a doubled letter, lower case",
      code: "from alpine:3.20\nrunn echo hi\n",
      errors: [{ messageId: "typo", data: { word: "runn", suggestion: "run" }, line: 2, suggestions: ["Replace `runn` with `run`"] }],
    },
    {
      name: "a long keyword with two typos",
      code: "FROM alpine:3.20\nENTRYPONT [\"app\"]\nHEALTCHECK NONE\n",
      errors: [
        { messageId: "typo", data: { word: "ENTRYPONT", suggestion: "ENTRYPOINT" }, line: 2, column: 1, endColumn: 10 },
        { messageId: "typo", data: { word: "HEALTCHECK", suggestion: "HEALTHCHECK" }, line: 3 },
      ],
    },
    {
      name: "a missing backslash before an indented line",
      code: "FROM alpine:3.20\nRUN apk add --no-cache \\\n    curl\n    git\n",
      errors: [{ messageId: "continuation", data: { word: "git", previous: "RUN", line: 2, escape: "`\\`" }, line: 4, column: 5, endColumn: 8, suggestions: ["Add `\\` at the end of the RUN on line 2"] }],
    },
    {
      name: "a missing backslash before &&",
      code: "FROM debian:12\nRUN apt-get update\n&& apt-get install -y curl\n",
      errors: [{ messageId: "continuation", data: { word: "&&", previous: "RUN", line: 2, escape: "`\\`" }, line: 3, column: 1, endColumn: 3 }],
    },
    {
      name: "escape directive: a missing backtick",
      code: "# escape=`\nFROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nRUN setx /m PATH \"C:\\tools;%PATH%\"\n    && dir\n",
      errors: [{ messageId: "continuation", data: { word: "&&", previous: "RUN", line: 3, escape: "`` ` ``" }, line: 4, suggestions: ["Add `` ` `` at the end of the RUN on line 3"] }],
    },
    {
      name: "not a keyword at all",
      code: "FROM alpine:3.20\nWRONG DOCKERFILE\n",
      errors: [{ messageId: "unknown", data: { word: "WRONG" }, line: 2, column: 1, endColumn: 6 }],
    },
    {
      name: "an ONBUILD trigger",
      code: "FROM alpine:3.20\nONBUILD RNU make\n",
      errors: [{ messageId: "typo", data: { word: "RNU", suggestion: "RUN" }, line: 2, column: 9, endColumn: 12 }],
    },
  ],
});

const applySuggestion = (code: string): string => applyRuleSuggestion(rule, code);

describe("no-unknown-instruction suggestions", () => {
  it("replaces the keyword", () => {
    assert.equal(applySuggestion("FROM alpine:3.20\ncopu a /a\n"), "FROM alpine:3.20\ncopy a /a\n");
  });
  it("adds the escape character to the line above", () => {
    assert.equal(applySuggestion("FROM debian:12\nRUN apt-get update\n  && apt-get install -y curl\n"), "FROM debian:12\nRUN apt-get update \\\n  && apt-get install -y curl\n");
  });
});

describe("no-unknown-instruction on a large template", () => {
  // One walk: a check of each tag line against the list of tags (the first version) made this quadratic.
  it("reports 100,000 template tag lines once, within the pathological suite's bound", () => {
    const code = `FROM alpine:3.23\n${"{{ range .Versions }}\n".repeat(100_000)}`;
    const messages = lintText(code, { kind: "dockerfile", config: { rules: { "no-unknown-instruction": "error" } } }).messages;
    assert.deepEqual(
      messages.map((m) => [m.messageId, m.line]),
      [["template", 2]],
    );
  }, 30_000);
});
