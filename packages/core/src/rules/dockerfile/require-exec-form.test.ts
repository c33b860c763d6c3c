import { describe, it } from "vitest";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./require-exec-form.js";

createRuleTester({ describe, it }).run(rule, {
  valid: [
    'FROM scratch\nENTRYPOINT ["foo", "bar"]\nCMD [ "foo", "bar" ]\n',
    { name: "exec form continued over lines", code: 'FROM alpine:3.20\nCMD [ "/bin/sh", "-c", \\\n      "echo foo && \\\n       echo bar" \\\n    ]\n' },
    { name: "a SHELL makes shell form deliberate", code: 'FROM scratch\nSHELL ["/usr/bin/customshell"]\nCMD mycommand\nENTRYPOINT mycommand\n' },
    { name: "SHELL inherited from a parent stage", code: 'FROM scratch AS base\nSHELL ["/usr/bin/customshell"]\n\nFROM base\nCMD mycommand\n' },
    { name: "HEALTHCHECK CMD shell form is fine by default", code: "FROM node:20\nHEALTHCHECK CMD curl -f http://localhost:3000/ || exit 1\n" },
    { name: "HEALTHCHECK NONE", code: "FROM node:20\nHEALTHCHECK NONE\n", options: { healthcheck: true } },
    { name: "HEALTHCHECK exec form", code: 'FROM node:20\nHEALTHCHECK --interval=5s CMD [ "node", "check.js" ]\n', options: { healthcheck: true } },
    { name: "ONBUILD CMD with a SHELL later in the stage", code: 'FROM alpine:3.20\nONBUILD CMD run-me\nSHELL ["/bin/bash", "-c"]\n' },
    { name: "RUN is another rule's business", code: "FROM alpine:3.20\nRUN echo hi\n" },
  ],
  invalid: [
    {
      name: "CMD: plain words become an exec-form suggestion",
      code: "FROM node:20\nCMD node server.js\n",
      errors: [{ messageId: "shellForm", data: { command: "node server.js" }, line: 2, column: 5, endColumn: 19, suggestions: ['Rewrite in exec form: ["node", "server.js"]'] }],
    },
    {
      name: "ENTRYPOINT",
      code: "FROM node:20 as foo\nENTRYPOINT something\n",
      errors: [{ messageId: "entrypointShellForm", data: { command: "something" }, line: 2, column: 12, endColumn: 21, suggestions: ['Rewrite in exec form: ["something"]'] }],
    },
    {
      name: "exec is dropped: the program replaces the shell either way",
      code: "FROM python:3.12\nCMD exec gunicorn -b 0.0.0.0:8000 app:app\n",
      errors: [{ messageId: "shellForm", line: 2, suggestions: ['Rewrite in exec form: ["gunicorn", "-b", "0.0.0.0:8000", "app:app"]'] }],
    },
    {
      name: "quoted words are unquoted",
      code: "FROM node:20\nCMD node \"my server.js\" --title 'a b'\n",
      errors: [{ messageId: "shellForm", line: 2, suggestions: ['Rewrite in exec form: ["node", "my server.js", "--title", "a b"]'] }],
    },
    {
      name: "a variable needs the shell: explicit shell with exec",
      code: "FROM node:20\nCMD node server.js --port $PORT\n",
      errors: [{ messageId: "shellForm", line: 2, suggestions: ['Run it through an explicit shell: ["/bin/sh", "-c", "exec node server.js --port $PORT"]'] }],
    },
    {
      name: "a list of commands keeps the shell, without exec",
      code: "FROM alpine:3.20\nCMD ./migrate && ./serve\n",
      errors: [{ messageId: "shellForm", line: 2, suggestions: ['Run it through an explicit shell: ["/bin/sh", "-c", "./migrate && ./serve"]'] }],
    },
    {
      name: "assignments keep the shell, without exec",
      code: "FROM alpine:3.20\nCMD MODE=prod ./serve\n",
      errors: [{ messageId: "shellForm", line: 2, suggestions: ['Run it through an explicit shell: ["/bin/sh", "-c", "MODE=prod ./serve"]'] }],
    },
    {
      name: "a glob needs the shell",
      code: "FROM alpine:3.20\nCMD cat /etc/*.conf\n",
      errors: [{ messageId: "shellForm", line: 2, suggestions: ['Run it through an explicit shell: ["/bin/sh", "-c", "exec cat /etc/*.conf"]'] }],
    },
    {
      name: "a continued command is joined",
      code: "FROM node:20\nCMD node \\\n    server.js\n",
      errors: [{ messageId: "shellForm", data: { command: "node server.js" }, line: 2, column: 5, endLine: 3, endColumn: 14, suggestions: ['Rewrite in exec form: ["node", "server.js"]'] }],
    },
    {
      name: "SHELL after the CMD does not count",
      code: 'FROM alpine:3.20\nCMD mycommand\nSHELL ["/bin/bash", "-c"]\n',
      errors: [{ messageId: "shellForm", line: 2 }],
    },
    {
      name: "a SHELL in an unrelated stage does not count",
      code: 'FROM alpine:3.20 AS a\nSHELL ["/bin/bash", "-c"]\nFROM alpine:3.20\nCMD mycommand\n',
      errors: [{ messageId: "shellForm", line: 4 }],
    },
    {
      name: "every stage",
      code: "FROM golang:1.22 AS build\nCMD go test\nFROM alpine:3.20\nENTRYPOINT ./app\n",
      errors: [
        { messageId: "shellForm", line: 2 },
        { messageId: "entrypointShellForm", line: 4 },
      ],
    },
    {
      name: "ONBUILD CMD",
      code: "FROM alpine:3.20\nONBUILD CMD run-me\n",
      errors: [{ messageId: "shellForm", line: 2, column: 13, endColumn: 19, suggestions: ['Rewrite in exec form: ["run-me"]'] }],
    },
    {
      name: "not JSON: unquoted elements",
      code: "FROM alpine:3.5\nCMD [python, /usr/src/app/app.py]\nENTRYPOINT [top, -b]\n",
      errors: [
        {
          messageId: "invalidJson",
          data: { keyword: "CMD", command: "[python, /usr/src/app/app.py]" },
          line: 2,
          column: 5,
          endColumn: 34,
          suggestions: ['Write it as JSON: ["python", "/usr/src/app/app.py"]'],
        },
        { messageId: "invalidJson", data: { keyword: "ENTRYPOINT", command: "[top, -b]" }, line: 3, suggestions: ['Write it as JSON: ["top", "-b"]'] },
      ],
    },
    {
      name: "not JSON: single quotes, even with a SHELL",
      code: "FROM alpine:3.20\nSHELL [\"/bin/ash\", \"-c\"]\nCMD ['node', 'app.js']\n",
      errors: [{ messageId: "invalidJson", line: 3, suggestions: ['Write it as JSON: ["node", "app.js"]'] }],
    },
    {
      name: "not JSON: text after the array",
      code: "FROM alpine:3.20\nCMD [\"node\", \"app.js\"] # start\n",
      errors: [{ messageId: "invalidJson", line: 2, suggestions: ['Write it as JSON and drop "# start": ["node", "app.js"]'] }],
    },
    {
      name: "not JSON in HEALTHCHECK CMD is reported even with the default options",
      code: "FROM alpine:3.20\nHEALTHCHECK CMD [curl, -f, http://localhost/]\n",
      errors: [{ messageId: "invalidJson", data: { keyword: "HEALTHCHECK CMD", command: "[curl, -f, http://localhost/]" }, line: 2, column: 17, endColumn: 46, suggestions: ['Write it as JSON: ["curl", "-f", "http://localhost/"]'] }],
    },
    {
      name: "HEALTHCHECK CMD shell form with healthcheck: true",
      code: "FROM alpine:3.20\nHEALTHCHECK --interval=5s CMD foobar\n",
      options: { healthcheck: true },
      errors: [{ messageId: "healthcheckShellForm", data: { command: "foobar" }, line: 2, column: 31, endColumn: 37, suggestions: ['Rewrite in exec form: ["foobar"]'] }],
      // No entrypoint takes a health check's command: the conversion is exact, so it is also the fix.
      output: "FROM alpine:3.20\nHEALTHCHECK --interval=5s CMD [\"foobar\"]\n",
    },
    {
      name: "CMD in a scratch image without ENTRYPOINT: exact, fixed",
      code: "FROM golang:1.23 AS build\nRUN go build -o /app .\nFROM scratch\nCOPY --from=build /app /app\nCMD /app --listen :8080\n",
      errors: [{ messageId: "shellForm", line: 5 }],
      output: "FROM golang:1.23 AS build\nRUN go build -o /app .\nFROM scratch\nCOPY --from=build /app /app\nCMD [\"/app\", \"--listen\", \":8080\"]\n",
    },
    {
      name: "CMD on a base image that may define an ENTRYPOINT: suggestion only",
      code: "FROM node:22\nCMD node server.js\n",
      errors: [{ messageId: "shellForm", line: 2, suggestions: ['Rewrite in exec form: ["node", "server.js"]'] }],
      output: null,
    },
    {
      name: "CMD in a scratch stage that declares an ENTRYPOINT: suggestion only",
      code: "FROM scratch\nENTRYPOINT [\"/app\"]\nCMD /app --help\n",
      errors: [{ messageId: "shellForm", line: 3 }],
      output: null,
    },
    {
      name: "a builtin cannot be exec'd",
      code: "FROM alpine:3.20\nCMD cd /srv\n",
      errors: [{ messageId: "shellForm", line: 2, suggestions: ['Run it through an explicit shell: ["/bin/sh", "-c", "cd /srv"]'] }],
    },
    {
      name: "Windows escape directive: no /bin/sh suggestion",
      code: "# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nCMD powershell -File C:\\start.ps1\n",
      errors: [{ messageId: "shellForm", line: 3, suggestions: [] }],
    },
  ],
});
