import { describe, it } from "vitest";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./no-curl-and-wget.js";

createRuleTester({ describe, it }).run(rule, {
  valid: [
    "FROM node:20\nRUN wget -q https://example.com/a.tgz\nRUN wget -q https://example.com/b.tgz\n",
    { name: "installing both is not using both", code: "FROM debian:12\nRUN apt-get update && apt-get install -y curl wget && curl -fsSLO https://example.com/a.tgz\n" },
    {
      name: "one tool per stage (hadolint's and Trivy's known cross-stage false positive)",
      code: "FROM debian:12 AS fetch\nRUN wget -q https://example.com/a.tgz\nFROM debian:12\nRUN curl -fsSLO https://example.com/b.tgz\n",
    },
    { name: "the words as arguments", code: "FROM alpine:3.20\nRUN curl -fsSLO https://example.com/wget-1.21.tar.gz && echo wget\n" },
    { name: "a RUN and the ONBUILD triggers are judged apart", code: "FROM alpine:3.20\nRUN wget -q https://example.com/a\nONBUILD RUN curl -fsSLO https://example.com/b\n" },
    { name: "which/command -v only look", code: "FROM alpine:3.20\nRUN curl -fsSLO https://example.com/a && command -v wget && which wget\n" },
  ],
  invalid: [
    {
      name: "two RUNs: reported on the second",
      code: "FROM node:20 AS foo\nRUN wget my.xyz\nRUN curl localhost\n",
      errors: [
        {
          messageId: "both",
          message: "`curl` is used here and `wget` at line 2 of the same stage; use one download tool per image (keep whichever the stage already installs) so it does not ship both.",
          line: 3,
          column: 5,
          endColumn: 9,
        },
      ],
    },
    {
      name: "one RUN: reported on the second tool",
      code: "FROM node:20\nRUN wget my.xyz && curl localhost\n",
      errors: [{ messageId: "both", data: { tool: "curl", other: "wget", where: "in the same RUN" }, line: 2, column: 20, endColumn: 24 }],
    },
    {
      name: "the line named is the tool's, not the first line of its continued RUN",
      code: "FROM debian:12\nRUN apt-get update && \\\n    apt-get install -y curl && \\\n    curl -fsSo /x https://example.com/x\nRUN wget -q https://example.com/y\n",
      errors: [{ messageId: "both", data: { tool: "wget", other: "curl", where: "at line 4 of the same stage" }, line: 5, column: 5 }],
    },
    {
      name: "every later RUN that uses either, once per RUN (hadolint's count)",
      code: "FROM node:20\nRUN wget my.xyz\nRUN curl my.xyz\nRUN echo hello\nRUN wget foo.com && wget bar.com\n",
      errors: [
        { messageId: "both", line: 3, column: 5, endColumn: 9 },
        { messageId: "both", data: { tool: "wget", other: "curl", where: "at line 3 of the same stage" }, line: 5, column: 5, endColumn: 9 },
      ],
    },
    {
      name: "per stage (Trivy's and KICS's multi-stage case)",
      code: "FROM debian\nRUN wget http://google.com\nRUN curl http://bing.com\n\nFROM baseImage\nRUN wget http://test.com\nRUN curl http://bing.com\nRUN [\"curl\", \"http://bing.com\"]\n",
      errors: [
        { messageId: "both", line: 3, column: 5, endColumn: 9 },
        { messageId: "both", line: 7, column: 5, endColumn: 9 },
        { messageId: "both", line: 8, column: 6, endColumn: 12 },
      ],
    },
    {
      name: "a stage built FROM another has that stage's tools too",
      code: "FROM debian:12 AS base\nRUN apt-get update && apt-get install -y wget && wget -q https://example.com/a\nFROM base\nRUN curl -fsSLO https://example.com/b\n",
      errors: [{ messageId: "both", data: { tool: "curl", other: "wget", where: "in stage base (line 2), which this stage builds on" }, line: 4, column: 5, endColumn: 9 }],
    },
    {
      name: "behind wrappers, in pipelines and substitutions",
      code: "FROM alpine:3.20\nRUN busybox wget -qO- https://example.com/a | tar xz && echo $(sudo curl -fsS https://example.com/v)\n",
      errors: [{ messageId: "both", line: 2, column: 69, endColumn: 73 }],
    },
    {
      name: "heredoc body",
      code: "FROM alpine:3.20\nRUN wget -q https://example.com/a\nRUN <<EOF\nset -e\ncurl -fsSLO https://example.com/b\nEOF\n",
      errors: [{ messageId: "both", line: 5, column: 1, endColumn: 5 }],
    },
    {
      name: "ONBUILD triggers among themselves",
      code: "FROM alpine:3.20\nONBUILD RUN wget -q https://example.com/a\nONBUILD RUN curl -fsSLO https://example.com/b\n",
      errors: [{ messageId: "both", line: 3, column: 13, endColumn: 17 }],
    },
    {
      name: "escape directive",
      code: "# escape=`\nFROM alpine:3.20\nRUN wget -q https://example.com/a `\n && curl -fsSLO https://example.com/b\n",
      errors: [{ messageId: "both", line: 4, column: 5, endColumn: 9 }],
    },
  ],
});
