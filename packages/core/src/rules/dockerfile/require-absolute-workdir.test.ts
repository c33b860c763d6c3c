import { describe, it } from "vitest";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./require-absolute-workdir.js";

createRuleTester({ describe, it }).run(rule, {
  valid: [
    "FROM alpine:3.20\nWORKDIR /usr/local\n",
    { name: "quoted", code: "FROM alpine:3.20\nWORKDIR '/usr/local'\nWORKDIR \"/srv/my app\"\n" },
    // The build removes quotes wherever they are in the word, as its shell-like lexer does.
    { name: "quoted in part", code: "FROM alpine:3.20\nWORKDIR \"/opt/my app\"/bin\nWORKDIR '/srv'/data\n" },
    { name: "an escaped blank", code: "FROM alpine:3.20\nWORKDIR /opt/my\\ app\n" },
    { name: "variable from the base image", code: "FROM alpine:3.20\nWORKDIR ${work}\nWORKDIR \"${dir}\"\nWORKDIR $HOME\n" },
    { name: "variable resolved to an absolute path", code: "FROM alpine:3.20\nENV DIRPATH=/path\nWORKDIR $DIRPATH/$DIRNAME\n" },
    { name: "ARG default absolute", code: "FROM alpine:3.20\nARG APP_HOME=/opt/app\nWORKDIR ${APP_HOME}\n" },
    { name: "Windows drive paths", code: "FROM mcr.microsoft.com/windows/servercore:ltsc2022\nWORKDIR 'C:\\'\nWORKDIR \"C:\\\"\nWORKDIR C:/\nWORKDIR c:\\\\windows\n" },
    { name: "Windows rooted path with the backtick escape", code: "# escape=`\nFROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nWORKDIR \\app\n" },
    {
      name: "relative after absolute, with allowRelativeAfterAbsolute",
      code: "FROM scratch AS a\nWORKDIR /app\nFROM a AS b\nWORKDIR subdir/\n",
      options: { allowRelativeAfterAbsolute: true },
    },
  ],
  invalid: [
    {
      name: "relative",
      code: "FROM alpine:3.20\nWORKDIR app/\n",
      errors: [{ messageId: "relative", data: { path: '"app/"', example: "/app" }, line: 2, column: 9, endColumn: 13 }],
    },
    {
      name: "before any FROM",
      code: "WORKDIR relative/dir\n",
      errors: [{ messageId: "relative", data: { path: '"relative/dir"', example: "/relative/dir" }, line: 1, column: 9, endColumn: 21 }],
    },
    {
      name: "quoted relative",
      code: "FROM alpine:3.20\nWORKDIR 'relative/dir'\nWORKDIR \"my dir\"\n",
      errors: [
        { messageId: "relative", data: { path: '"relative/dir"', example: "/relative/dir" }, line: 2, column: 9, endColumn: 23 },
        { messageId: "relative", data: { path: '"my dir"', example: "/my dir" }, line: 3, column: 9, endColumn: 17 },
      ],
    },
    {
      name: "variable resolved to a relative path",
      code: "FROM alpine:3.20\nARG APP_DIR=app\nWORKDIR ${APP_DIR}\n",
      errors: [{ messageId: "relative", data: { path: '"${APP_DIR}" (= "app")', example: "/app" }, line: 3, column: 9, endColumn: 19 }],
    },
    {
      name: "relative after absolute: fixed to the directory the build uses",
      code: "FROM alpine:3.5\nWORKDIR /path/to/workdir\nWORKDIR workdir\nWORKDIR \"../other\"\n",
      errors: [
        { messageId: "relativeToEarlier", data: { path: '"workdir"', base: "/path/to/workdir", line: 2, absolute: "/path/to/workdir/workdir" }, line: 3, column: 9, endColumn: 16 },
        { messageId: "relativeToEarlier", data: { path: '"../other"', base: "/path/to/workdir/workdir", line: 3, absolute: "/path/to/workdir/other" }, line: 4, column: 9, endColumn: 19 },
      ],
      output: "FROM alpine:3.5\nWORKDIR /path/to/workdir\nWORKDIR /path/to/workdir/workdir\nWORKDIR /path/to/workdir/other\n",
    },
    {
      name: "relative after an absolute WORKDIR of the parent stage",
      code: "FROM scratch AS a\nWORKDIR /app\n\nFROM a AS b\nWORKDIR subdir/\n",
      errors: [{ messageId: "relativeToEarlier", data: { path: '"subdir/"', base: "/app", line: 2, absolute: "/app/subdir" }, line: 5, column: 9, endColumn: 16 }],
      output: "FROM scratch AS a\nWORKDIR /app\n\nFROM a AS b\nWORKDIR /app/subdir\n",
    },
    {
      name: "a new stage from an image starts over",
      code: "FROM alpine:3.20 AS a\nWORKDIR /app\nFROM alpine:3.20\nWORKDIR sub\n",
      errors: [{ messageId: "relative", line: 4 }],
    },
    {
      name: "relative after a variable WORKDIR: reported, no fix",
      code: "FROM alpine:3.20\nWORKDIR $HOME\nWORKDIR src\n",
      errors: [{ messageId: "relativeToEarlier", data: { path: '"src"', base: "$HOME", line: 2, absolute: "$HOME/src" }, line: 3 }],
      output: null,
    },
    {
      name: "relative after a Windows path: reported, no fix",
      code: "FROM mcr.microsoft.com/windows/servercore:ltsc2022\nWORKDIR C:/app\nWORKDIR src\n",
      errors: [{ messageId: "relativeToEarlier", data: { path: '"src"', base: "C:\\app", line: 2, absolute: "C:\\app\\src" }, line: 3 }],
      output: null,
    },
    {
      name: "fix quotes a path with blanks",
      code: "FROM alpine:3.20\nWORKDIR \"/srv/my app\"\nWORKDIR 'data files'\n",
      errors: [{ messageId: "relativeToEarlier", line: 3 }],
      output: "FROM alpine:3.20\nWORKDIR \"/srv/my app\"\nWORKDIR \"/srv/my app/data files\"\n",
    },
    {
      name: "two relative WORKDIRs without an absolute one",
      code: "FROM alpine:3.20\nWORKDIR a\nWORKDIR b\n",
      errors: [
        { messageId: "relative", line: 2 },
        { messageId: "relative", line: 3 },
      ],
    },
    {
      name: "ONBUILD WORKDIR",
      code: "FROM alpine:3.20\nWORKDIR /app\nONBUILD WORKDIR src\n",
      errors: [{ messageId: "relative", line: 3, column: 17, endColumn: 20 }],
    },
    {
      name: "continued WORKDIR",
      code: "FROM alpine:3.20\nWORKDIR \\\n  app\n",
      errors: [{ messageId: "relative", line: 3, column: 3, endColumn: 6 }],
    },
  ],
});
