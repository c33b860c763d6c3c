import { describe, expect, it } from "vitest";
import { applyFixes } from "../../fix.js";
import { lintText } from "../../linter.js";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./require-wget-progress.js";

const SUGGESTIONS = ["Add `--progress=dot:giga` (GNU wget: one dot per megabyte)", "Add `-q` (quiet; GNU and BusyBox wget)"];

createRuleTester({ describe, it }).run(rule, {
  valid: [
    "FROM node:20 AS foo\nRUN wget --progress=dot:giga my.xyz\n",
    {
      name: "every quiet option hadolint accepts",
      code: "FROM alpine:3.20\nRUN wget -q a && wget --quiet b && wget -nv c && wget --no-verbose d && wget -o /tmp/log e && wget --output-file=/tmp/log f && wget -a /tmp/log g && wget --append-output=/tmp/log h\n",
    },
    { name: "short clusters", code: "FROM alpine:3.20\nRUN wget -qO- https://example.com/a | tar xz && wget -qO /tmp/b https://example.com/b\n" },
    { name: "wgetrc commands on the command line", code: "FROM debian:12\nRUN wget -e progress=dot:mega https://example.com/a && wget --execute=quiet=on https://example.com/b\n" },
    { name: "installing wget", code: "FROM debian:12\nRUN apt-get install -y wget\n" },
    { name: "ONBUILD with a progress option", code: "FROM node:20\nONBUILD RUN wget --progress=dot:giga my.xyz\n" },
    {
      name: "BusyBox wget on Alpine writes a line per second, not per 50 KB (golang's alpine image)",
      code: "FROM alpine:3.20 AS build\nRUN apk add --no-cache --virtual .fetch-deps gnupg tar\nRUN wget -O /tmp/go.tgz https://dl.google.com/go/go1.22.0.linux-amd64.tar.gz\n",
    },
    {
      name: "BusyBox wget: an -alpine tag, a stage built on it, busybox, and busybox wget anywhere",
      code: "FROM rabbitmq:4.0-alpine AS base\nFROM base\nRUN wget -O /usr/local/bin/rabbitmqadmin https://example.com/a\nFROM busybox:1.36\nRUN wget https://example.com/b\nFROM debian:12\nRUN busybox wget https://example.com/c\n",
    },
    { name: "apk add wget in a later RUN does not change an earlier one", code: "FROM alpine:3.20\nRUN wget https://example.com/a\nRUN apk add --no-cache wget\n" },
  ],
  invalid: [
    {
      name: "hadolint's case",
      code: "FROM node:20 AS foo\nRUN wget my.xyz\n",
      errors: [
        {
          messageId: "progress",
          message:
            "`wget` without `-q`, `-nv` or `--progress=…` writes a line of progress dots for every 50 KB it downloads into the build log (a build log is no terminal); add `--progress=dot:giga` (GNU wget) or `-q`.",
          line: 2,
          column: 5,
          endColumn: 9,
          suggestions: SUGGESTIONS,
        },
      ],
    },
    {
      name: "ONBUILD",
      code: "FROM node:20 AS foo\nONBUILD RUN wget my.xyz\n",
      errors: [{ messageId: "progress", line: 2, column: 13, endColumn: 17, suggestions: SUGGESTIONS }],
    },
    {
      name: "-O is not -o, -n with another letter is not -nv",
      code: "FROM debian:12\nRUN wget -O /tmp/a.tgz https://example.com/a.tgz && wget -nc https://example.com/b\n",
      errors: [
        { messageId: "progress", line: 2, column: 5, endColumn: 9 },
        { messageId: "progress", line: 2, column: 53, endColumn: 57 },
      ],
    },
    {
      name: "exec form and sh -c in exec form",
      code: 'FROM debian:12\nRUN ["wget", "https://example.com/a"]\nRUN ["sh", "-c", "wget https://example.com/b"]\n',
      errors: [
        { messageId: "progress", line: 2, column: 6, endColumn: 12, suggestions: SUGGESTIONS },
        { messageId: "progress", line: 3, column: 19, endColumn: 23, suggestions: SUGGESTIONS },
      ],
    },
    {
      name: "heredoc, wrappers, every stage",
      code: "FROM debian:12 AS fetch\nRUN <<EOF\nset -e\nsudo wget https://example.com/a\nEOF\nFROM ubuntu:24.04\nRUN env HOME=/tmp wget https://example.com/b\n",
      errors: [
        { messageId: "progress", line: 4, column: 6, endColumn: 10 },
        { messageId: "progress", line: 7, column: 19, endColumn: 23 },
      ],
    },
    {
      name: "Alpine with GNU wget installed by apk add, in the same RUN or a stage it builds on",
      code: "FROM alpine:3.20 AS tools\nRUN apk add --no-cache ca-certificates wget=1.24.5-r0\nFROM tools\nRUN wget https://example.com/a\nFROM golang:1.22-alpine\nRUN apk add --no-cache wget && wget https://example.com/b\n",
      errors: [
        { messageId: "progress", line: 4, column: 5, endColumn: 9 },
        { messageId: "progress", line: 6, column: 32, endColumn: 36 },
      ],
    },
    {
      name: "escape directive",
      code: "# escape=`\nFROM debian:12\nRUN echo a `\n && wget https://example.com/a\n",
      errors: [{ messageId: "progress", line: 4, column: 5, endColumn: 9 }],
    },
  ],
});

describe("require-wget-progress suggestions", () => {
  const apply = (code: string, index: number) => {
    const result = lintText(code, { filePath: "Dockerfile", kind: "dockerfile", rules: [rule], config: { rules: { [rule.meta.id]: "info" } } });
    const fix = result.messages[0]?.suggestions?.[index]?.fix;
    expect(fix).toBeDefined();
    return fix ? applyFixes(code, [fix]).output : code;
  };
  it("inserts the option after wget in shell form", () => {
    expect(apply("FROM debian:12\nRUN wget https://example.com/a\n", 0)).toBe("FROM debian:12\nRUN wget --progress=dot:giga https://example.com/a\n");
    expect(apply("FROM debian:12\nRUN sudo wget https://example.com/a\n", 1)).toBe("FROM debian:12\nRUN sudo wget -q https://example.com/a\n");
  });
  it("adds a JSON element in exec form", () => {
    expect(apply('FROM debian:12\nRUN ["wget", "https://example.com/a"]\n', 1)).toBe('FROM debian:12\nRUN ["wget", "-q", "https://example.com/a"]\n');
  });
  it("edits the script inside an exec-form sh -c", () => {
    expect(apply('FROM debian:12\nRUN ["sh", "-c", "wget https://example.com/a"]\n', 1)).toBe('FROM debian:12\nRUN ["sh", "-c", "wget -q https://example.com/a"]\n');
  });
});
