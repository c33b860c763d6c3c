import { describe, it } from "vitest";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./require-useradd-no-log-init.js";

createRuleTester({ describe, it }).run(rule, {
  valid: [
    "FROM debian:12\nRUN useradd luser\n",
    { name: "short uid", code: "FROM debian:12\nRUN useradd -u 12345 luser\n" },
    { name: "long uid and -l", code: "FROM debian:12\nRUN useradd -l -u 123456 luser\n" },
    { name: "long uid and --no-log-init", code: "FROM debian:12\nRUN useradd --no-log-init --uid=123456 luser\n" },
    { name: "-l in a cluster", code: "FROM debian:12\nRUN useradd -lmu 123456 luser\n" },
    { name: "just -l", code: "FROM debian:12\nRUN useradd -l luser\n" },
    { name: "uid from an ARG default", code: "FROM debian:12\nARG UID=1000\nRUN useradd -u ${UID} app\n" },
    { name: "adduser is not useradd", code: "FROM alpine:3.20\nRUN adduser -D -u 123456 app\n" },
    { name: "-u of another command", code: "FROM debian:12\nRUN sort -u 123456 && useradd app\n" },
    { name: "minUid option", code: "FROM debian:12\nRUN useradd -u 123456 luser\n", options: { minUid: 1000000 } },
  ],
  invalid: [
    {
      name: "long uid without -l",
      code: "FROM debian:12\nRUN useradd -u 123456 luser\n",
      errors: [{ messageId: "largeUid", data: { uid: "123456", size: "40 MB" }, line: 2, column: 16, endColumn: 22 }],
      output: "FROM debian:12\nRUN useradd --no-log-init -u 123456 luser\n",
    },
    {
      name: "--uid=",
      code: "FROM debian:12\nRUN groupadd -g 1000001 g && useradd --uid=1000001 -g g svc\n",
      errors: [{ messageId: "largeUid", data: { uid: "1000001", size: "324 MB" }, line: 2, column: 44, endColumn: 51 }],
      output: "FROM debian:12\nRUN groupadd -g 1000001 g && useradd --no-log-init --uid=1000001 -g g svc\n",
    },
    {
      name: "behind sudo, with a path",
      code: "FROM debian:12\nRUN sudo /usr/sbin/useradd -m -u 200000 app\n",
      errors: [{ messageId: "largeUid", line: 2 }],
      output: "FROM debian:12\nRUN sudo /usr/sbin/useradd --no-log-init -m -u 200000 app\n",
    },
    {
      name: "uid from a build argument without default",
      code: "FROM debian:12\nARG UID\nRUN useradd -m -u \"$UID\" dev\n",
      errors: [{ messageId: "variableUid", data: { uid: "$UID" }, line: 3, column: 19, endColumn: 25 }],
      output: "FROM debian:12\nARG UID\nRUN useradd --no-log-init -m -u \"$UID\" dev\n",
    },
    {
      name: "uid from an ARG default that is large",
      code: "FROM debian:12\nARG UID=500000\nRUN useradd -u $UID dev\n",
      errors: [{ messageId: "largeUid", data: { uid: "500000", size: "162 MB" }, line: 3 }],
      output: "FROM debian:12\nARG UID=500000\nRUN useradd --no-log-init -u $UID dev\n",
    },
    {
      name: "heredoc",
      code: "FROM debian:12\nRUN <<EOF\nset -e\nuseradd -u 123456 luser\nEOF\n",
      errors: [{ messageId: "largeUid", line: 4, column: 12, endColumn: 18 }],
      output: "FROM debian:12\nRUN <<EOF\nset -e\nuseradd --no-log-init -u 123456 luser\nEOF\n",
    },
    {
      name: "exec form",
      code: 'FROM debian:12\nRUN ["useradd", "-u", "123456", "luser"]\n',
      errors: [{ messageId: "largeUid", line: 2, column: 23, endColumn: 31 }],
      output: 'FROM debian:12\nRUN ["useradd", "--no-log-init", "-u", "123456", "luser"]\n',
    },
    {
      name: "sh -c in exec form",
      code: 'FROM debian:12\nRUN ["/bin/sh", "-c", "useradd -u 123456 luser"]\n',
      errors: [{ messageId: "largeUid", line: 2 }],
      output: 'FROM debian:12\nRUN ["/bin/sh", "-c", "useradd --no-log-init -u 123456 luser"]\n',
    },
    {
      name: "ONBUILD RUN",
      code: "FROM debian:12\nONBUILD RUN useradd -u 123456 luser\n",
      errors: [{ messageId: "largeUid", line: 2, column: 24, endColumn: 30 }],
      output: "FROM debian:12\nONBUILD RUN useradd --no-log-init -u 123456 luser\n",
    },
    {
      name: "continued lines and every stage",
      code: "FROM debian:12 AS build\nRUN apt-get update && \\\n    useradd \\\n      -u 654321 builder\nFROM debian:12\n",
      errors: [{ messageId: "largeUid", line: 4, column: 10, endColumn: 16 }],
      output: "FROM debian:12 AS build\nRUN apt-get update && \\\n    useradd --no-log-init \\\n      -u 654321 builder\nFROM debian:12\n",
    },
    {
      name: "escape directive",
      code: "# escape=`\nFROM debian:12\nRUN useradd `\n  -u 123456 luser\n",
      errors: [{ messageId: "largeUid", line: 4, column: 6, endColumn: 12 }],
      output: "# escape=`\nFROM debian:12\nRUN useradd --no-log-init `\n  -u 123456 luser\n",
    },
  ],
});
