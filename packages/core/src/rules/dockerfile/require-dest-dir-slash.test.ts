import { describe, it } from "vitest";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./require-dest-dir-slash.js";

createRuleTester({ describe, it }).run(rule, {
  valid: [
    "COPY foo bar\n",
    { name: "a slash", code: "COPY foo bar baz/\n" },
    { name: "a slash inside quotes", code: 'COPY foo bar "baz/"\n' },
    { name: "exec form with a slash (Trivy)", code: 'FROM alpine:3.13\nCOPY ["package.json", "yarn.lock", "myapp/"]\n' },
    { name: "a single wildcard source by default", code: "FROM eclipse-temurin:21\nCOPY target/*.jar app.jar\n" },
    { name: "a destination from a build argument the builder gives", code: "FROM alpine:3.20\nARG DEST\nCOPY a b $DEST\n" },
    { name: "a destination from ENV ending in a slash", code: "FROM alpine:3.20\nENV APP=/app/\nCOPY a b ${APP}\n" },
    { name: "a Windows directory with a backslash", code: "# escape=`\nFROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nCOPY a.dll b.dll C:\\Windows\\System32\\\n" },
    {
      name: "a line ending in an escaped backslash ends the instruction (BuildKit)",
      code: "FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nCOPY --from=mongo:7 \\\n\tC:\\\\a.dll \\\n\tC:\\\\Windows\\\\System32\\\\\n\nENV MONGO_VERSION 7.0.37\n",
    },
    { name: "option wildcardSources: a wildcard into the working directory", code: "FROM mcr.microsoft.com/dotnet/sdk:8.0\nWORKDIR /source\nCOPY *.csproj .\nCOPY src/*.py /usr/bin/.\n", options: { wildcardSources: true } },
    { name: "option wildcardSources: a URL with a query", code: "FROM alpine:3.20\nADD https://example.com/get?file=a tool.tgz\n", options: { wildcardSources: true } },
    { name: "a heredoc and a directory", code: "FROM alpine:3.20\nCOPY <<A <<B /etc/app/\na\nA\nb\nB\n" },
    { name: "a heredoc whose line continues to the destination", code: "FROM alpine:3.20\nCOPY <<A <<B c.txt \\\n  /etc/app/\na\nA\nb\nB\n" },
    { name: "a heredoc line continued past a comment line to the destination", code: "FROM alpine:3.20\nCOPY <<A b.txt \\\n# the directory\n  /etc/app/\na\nA\n" },
    { name: "one heredoc to a file", code: "FROM alpine:3.20\nCOPY <<EOF /etc/app.conf\nkey=value\nEOF\n" },
    { name: "a bare --from (no-undefined-stage's finding)", code: "FROM alpine:3.20 AS build\nFROM nginx:1.27\nCOPY --from build /app/public /usr/share/nginx/html\n" },
  ],
  invalid: [
    {
      name: "three arguments (hadolint DL3021)",
      code: "COPY foo bar baz\n",
      errors: [
        {
          messageId: "several",
          message:
            '`COPY` has 2 sources but its destination "baz" does not end in `/`: the legacy builder fails ("the destination must be a directory and end with a /"), kaniko too unless that directory already exists, and BuildKit may write every source to that one path; write "baz/".',
          line: 1,
          column: 14,
          endColumn: 17,
        },
      ],
      output: "COPY foo bar baz/\n",
    },
    {
      name: "quoted destination: the slash goes inside the quotes",
      code: 'COPY foo bar "baz"\n',
      errors: [{ messageId: "several", data: { keyword: "COPY", count: 2, dest: "baz", separator: "/" }, line: 1, column: 14, endColumn: 19 }],
      output: 'COPY foo bar "baz/"\n',
    },
    {
      name: "exec form (Trivy DS-0011)",
      code: 'FROM alpine:3.13\nUSER mike\nCOPY ["package.json", "yarn.lock", "myapp"]\n',
      errors: [{ messageId: "several", data: { keyword: "COPY", count: 2, dest: "myapp", separator: "/" }, line: 3, column: 36, endColumn: 43 }],
      output: 'FROM alpine:3.13\nUSER mike\nCOPY ["package.json", "yarn.lock", "myapp/"]\n',
    },
    {
      name: "the working directory",
      code: "FROM node:20\nWORKDIR /app\nCOPY package.json package-lock.json .\n",
      errors: [{ messageId: "dot", data: { keyword: "COPY", count: 2, dest: ".", separator: "/" }, line: 3, column: 37, endColumn: 38 }],
      output: "FROM node:20\nWORKDIR /app\nCOPY package.json package-lock.json ./\n",
    },
    {
      name: "`.` and `..`: kaniko takes them for directories, only the legacy builder fails (ollama, ragflow)",
      code: "FROM golang:1.26\nWORKDIR /src\nCOPY go.mod go.sum .\nCOPY a b ..\nCOPY c d ./..\n",
      errors: [
        {
          messageId: "dot",
          message:
            '`COPY` has 2 sources and the destination ".": BuildKit and kaniko take it for a directory, but the legacy builder fails ("the destination must be a directory and end with a /"); write "./".',
          line: 3,
          column: 20,
          endColumn: 21,
        },
        { messageId: "dot", data: { keyword: "COPY", count: 2, dest: "..", separator: "/" }, line: 4 },
        { messageId: "dot", data: { keyword: "COPY", count: 2, dest: "./..", separator: "/" }, line: 5 },
      ],
      output: "FROM golang:1.26\nWORKDIR /src\nCOPY go.mod go.sum ./\nCOPY a b ../\nCOPY c d ./../\n",
    },
    {
      name: "a directory written as dir/.: kaniko fails unless it exists",
      code: "FROM alpine:3.20\nCOPY a.py b.py /usr/bin/.\n",
      errors: [
        {
          messageId: "dirDot",
          message:
            '`COPY` has 2 sources and the destination "/usr/bin/.": BuildKit takes it for a directory, but the legacy builder fails ("the destination must be a directory and end with a /"), and kaniko too unless that directory already exists; write "/usr/bin/./".',
          line: 2,
          column: 16,
          endColumn: 26,
        },
      ],
      output: "FROM alpine:3.20\nCOPY a.py b.py /usr/bin/./\n",
    },
    {
      name: "ADD with flags",
      code: "FROM alpine:3.20\nADD --chown=1000:1000 --chmod=644 a.txt b.txt /srv\n",
      errors: [{ messageId: "several", data: { keyword: "ADD", count: 2, dest: "/srv", separator: "/" }, line: 2, column: 47, endColumn: 51 }],
      output: "FROM alpine:3.20\nADD --chown=1000:1000 --chmod=644 a.txt b.txt /srv/\n",
    },
    {
      name: "two heredoc sources",
      code: "FROM alpine:3.20\nCOPY <<A <<B /etc/app\na\nA\nb\nB\n",
      errors: [{ messageId: "several", data: { keyword: "COPY", count: 2, dest: "/etc/app", separator: "/" }, line: 2, column: 14, endColumn: 22 }],
      output: "FROM alpine:3.20\nCOPY <<A <<B /etc/app/\na\nA\nb\nB\n",
    },
    {
      name: "continued over lines, lower case",
      code: "FROM alpine:3.20\ncopy a \\\n  b \\\n  /dest\n",
      errors: [{ messageId: "several", data: { keyword: "COPY", count: 2, dest: "/dest", separator: "/" }, line: 4, column: 3, endColumn: 8 }],
      output: "FROM alpine:3.20\ncopy a \\\n  b \\\n  /dest/\n",
    },
    {
      name: "a destination from ENV without a slash",
      code: "FROM alpine:3.20\nENV APP=/app\nCOPY a b ${APP}\n",
      errors: [{ messageId: "several", data: { keyword: "COPY", count: 2, dest: "${APP}", separator: "/" }, line: 3, column: 10, endColumn: 16 }],
      output: "FROM alpine:3.20\nENV APP=/app\nCOPY a b ${APP}/\n",
    },
    {
      name: "ONBUILD",
      code: "FROM alpine:3.20\nONBUILD COPY a b /dest\n",
      errors: [{ messageId: "several", line: 2, column: 18, endColumn: 23 }],
      output: "FROM alpine:3.20\nONBUILD COPY a b /dest/\n",
    },
    {
      name: "escape directive",
      code: "# escape=`\nFROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nCOPY a.dll `\n  b.dll C:\\app\n",
      errors: [{ messageId: "several", data: { keyword: "COPY", count: 2, dest: "C:\\app", separator: "\\" }, line: 4, column: 9, endColumn: 15 }],
      output: "# escape=`\nFROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nCOPY a.dll `\n  b.dll C:\\app\\\n",
    },
    {
      name: "a Windows path with the default escape character gets a slash",
      code: "FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nCOPY a.dll b.dll C:\\app\n",
      errors: [{ messageId: "several", data: { keyword: "COPY", count: 2, dest: "C:\\app", separator: "/" }, line: 2, column: 18, endColumn: 24 }],
      output: "FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nCOPY a.dll b.dll C:\\app/\n",
    },
    {
      name: "option wildcardSources: a wildcard source",
      code: "FROM eclipse-temurin:21\nARG JAR_FILE=target/*.jar\nCOPY ${JAR_FILE} app.jar\n",
      options: { wildcardSources: true },
      errors: [{ messageId: "wildcard", data: { keyword: "COPY", source: "${JAR_FILE}", dest: "app.jar", separator: "/" }, line: 3, column: 18, endColumn: 25 }],
      output: "FROM eclipse-temurin:21\nARG JAR_FILE=target/*.jar\nCOPY ${JAR_FILE} app.jar/\n",
    },
  ],
});
