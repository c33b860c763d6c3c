import { describe, it } from "vitest";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./require-workdir-for-relative-copy.js";

createRuleTester({ describe, it }).run(rule, {
  valid: [
    {
      name: "a destination from an ENV whose value depends on an ARG the builder gives (qdrant's `ENV DIR=${SOURCES:+/qdrant/src}`)",
      code: "FROM debian:12-slim\nARG SOURCES\nENV DIR=${SOURCES:+/src/app}\nCOPY app $DIR/\n",
    },
    "COPY bla.sh /usr/local/bin/blubb.sh\n",
    { name: "quoted absolute", code: 'COPY bla.sh "/usr/local/bin/blubb.sh"\n' },
    { name: "Windows drive path", code: "COPY bla.sh c:\\system32\\blubb.sh\n" },
    { name: "Windows drive path, quoted", code: 'COPY bla.sh "d:\\mypath\\blubb.sh"\n' },
    { name: "Windows drive path with slashes", code: "COPY bla.sh c:/system32/blubb.sh\n" },
    { name: "a destination the builder gives", code: "COPY src.sh ${SRC_BASE_ENV}\n" },
    { name: "a variable that resolves to an absolute path", code: "FROM alpine:3.20\nENV APP_HOME=/srv/app\nCOPY app.py $APP_HOME\n" },
    { name: "WORKDIR set", code: "FROM scratch\nWORKDIR /usr\nCOPY bla.sh blubb.sh\n" },
    { name: "Windows WORKDIR set", code: "FROM scratch\nWORKDIR c:\\system32\nCOPY bla.sh blubb.sh\n" },
    { name: "WORKDIR in the stage built on", code: "FROM debian:buster as base\nWORKDIR /usr\nFROM debian:buster as stage-inbetween\nRUN foo\nFROM base\nCOPY foo bar\n" },
    { name: "WORKDIR two stages up", code: "FROM debian:buster as base1\nWORKDIR /usr\nFROM base1 as base2\nONBUILD RUN foo\nFROM base2\nCOPY foo bar\n" },
    { name: "both in ONBUILD", code: "FROM debian:buster\nONBUILD WORKDIR /usr/local/lib\nONBUILD COPY foo bar\n" },
    { name: "ONBUILD COPY after a WORKDIR anywhere in the stage", code: "FROM debian:buster\nONBUILD COPY foo bar\nWORKDIR /app\n" },
    { name: "a scratch stage starts in /", code: "FROM golang:1.22 AS build\nFROM scratch\nCOPY --from=build /out .\n" },
    {
      name: "a stage picked by a build argument among stages with WORKDIR",
      code: "FROM alpine:3.20 AS base-alpine\nWORKDIR /src\nFROM debian:12 AS base-debian\nWORKDIR /src\nFROM base-${VARIANT} AS dev\nCOPY . .\n",
    },
    { name: "exec form to an absolute path", code: 'FROM alpine:3.20\nCOPY ["a b", "/srv/"]\n' },
    {
      name: "a double-quoted Windows ARG default under escape=` keeps its backslash (jenkinsci/docker-agent windows/windowsservercore/Dockerfile)",
      code: '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nARG JAVA_HOME="C:\\openjdk-17"\nCOPY a $JAVA_HOME\n',
    },
    {
      name: "a double-quoted Windows ARG default keeps its backslash with the default escape too",
      code: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nARG JAVA_HOME="C:\\openjdk-17"\nCOPY a $JAVA_HOME\n',
    },
    {
      name: "the ARG passed on by an ENV under escape=` (jenkinsci/docker-agent windows/nanoserver/Dockerfile)",
      code: '# escape=`\nFROM mcr.microsoft.com/windows/nanoserver:ltsc2022 AS agent\nARG JAVA_HOME="C:\\openjdk-17"\nENV JAVA_HOME=${JAVA_HOME}\nCOPY --from=jdk-core ${JAVA_HOME} ${JAVA_HOME}\n',
    },
    {
      name: "a global ARG default under escape=`, redeclared in the stage",
      code: '# escape=`\nARG JAVA_HOME="C:\\openjdk-17"\nFROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nARG JAVA_HOME\nCOPY a $JAVA_HOME\n',
    },
  ],
  invalid: [
    {
      name: "relative destination, no WORKDIR (hadolint DL3045)",
      code: "COPY bla.sh blubb.sh\n",
      errors: [{ messageId: "relative", data: { keyword: "COPY", dest: "blubb.sh" }, line: 1, column: 13, endColumn: 21 }],
    },
    {
      name: "quoted",
      code: 'COPY bla.sh "blubb.sh"\n',
      errors: [{ messageId: "relative", data: { keyword: "COPY", dest: "blubb.sh" }, line: 1, column: 13, endColumn: 23 }],
    },
    {
      name: "WORKDIR in a stage that is not built on",
      code: "FROM debian:buster as stage1\nWORKDIR /usr\nFROM debian:buster\nCOPY foo bar\n",
      errors: [{ messageId: "relative", line: 4, column: 10, endColumn: 13 }],
    },
    {
      name: "WORKDIR after the COPY",
      code: "FROM python:3.12\nCOPY requirements.txt .\nWORKDIR /app\n",
      errors: [{ messageId: "relative", data: { keyword: "COPY", dest: "." }, line: 2, column: 23, endColumn: 24 }],
    },
    {
      name: "ADD",
      code: "FROM alpine:3.20\nADD https://example.com/tool.tgz tool.tgz\n",
      errors: [{ messageId: "relative", data: { keyword: "ADD", dest: "tool.tgz" }, line: 2 }],
    },
    {
      name: "a variable that resolves to a relative path",
      code: "FROM alpine:3.20\nENV DEST=app\nCOPY app.py $DEST\n",
      errors: [{ messageId: "relative", data: { keyword: "COPY", dest: "$DEST" }, line: 3, column: 13, endColumn: 18 }],
    },
    {
      name: "exec form",
      code: 'FROM alpine:3.20\nCOPY ["app.py", "src/"]\n',
      errors: [{ messageId: "relative", data: { keyword: "COPY", dest: "src/" }, line: 2, column: 17, endColumn: 23 }],
    },
    {
      name: "heredoc source",
      code: "FROM alpine:3.20\nCOPY <<EOF app.conf\nkey=value\nEOF\n",
      errors: [{ messageId: "relative", data: { keyword: "COPY", dest: "app.conf" }, line: 2, column: 12, endColumn: 20 }],
    },
    {
      name: "ONBUILD COPY with no WORKDIR anywhere",
      code: "FROM debian:12\nONBUILD COPY . .\n",
      errors: [{ messageId: "relative", line: 2, column: 16, endColumn: 17 }],
    },
    {
      name: "ONBUILD WORKDIR after the ONBUILD COPY",
      code: "FROM debian:12\nONBUILD COPY . src\nONBUILD WORKDIR /app\n",
      errors: [{ messageId: "relative", line: 2 }],
    },
    {
      name: "a base picked by a build argument among which one has no WORKDIR",
      code: "FROM alpine:3.20 AS base-alpine\nWORKDIR /src\nFROM debian:12 AS base-debian\nFROM base-${VARIANT} AS dev\nCOPY . .\n",
      errors: [{ messageId: "relative", line: 5 }],
    },
    {
      name: "escape directive",
      code: "# escape=`\nFROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nCOPY test.ps1 `\n  test.ps1\n",
      errors: [{ messageId: "relative", line: 4, column: 3, endColumn: 11 }],
    },
    {
      name: "a double-quoted ARG default that is a relative Windows path, escape=`",
      code: '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nARG TOOLS="tools\\bin"\nCOPY a $TOOLS\n',
      errors: [{ messageId: "relative", data: { keyword: "COPY", dest: "$TOOLS" }, line: 4, column: 8, endColumn: 14 }],
    },
  ],
});
