import { describe, it } from "vitest";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./no-cd-in-run.js";

createRuleTester({ describe, it }).run(rule, {
  valid: [
    "FROM debian:12\nWORKDIR /opt\nRUN make\n",
    { name: "subshell confines the cd", code: "FROM debian:12\nRUN (cd /src && make) && make -C /other install\n" },
    { name: "subshell opened on a continued line", code: "FROM debian:12\nRUN ( \\\n  cd /src && make)\n" },
    { name: "cd later in a subshell list", code: "FROM debian:12\nRUN a; (mkdir b && cd b && make); c\n" },
    { name: "subshell per loop iteration", code: "FROM debian:12\nRUN for d in a b; do (cd \"$d\" && make); done\n" },
    { name: "command substitution computes a path", code: "FROM debian:12\nRUN DIR=\"$(cd \"$(dirname \"$0\")\" && pwd)\" && echo \"$DIR\"\n" },
    { name: "backticks", code: "FROM debian:12\nRUN echo `cd /x && pwd`\n" },
    { name: "pipeline element runs in a subshell", code: "FROM debian:12\nRUN curl -sSL https://example.com/x.tgz | (cd /opt && tar xz)\n" },
    { name: "temporary directory made by the script", code: "FROM debian:12\nRUN tmp=\"$(mktemp -d)\"; cd \"$tmp\"; make; rm -rf \"$tmp\"\n" },
    { name: "cd into a computed directory", code: "FROM debian:12\nRUN cd \"$(mktemp -d)\" && make\n" },
    { name: "variable WORKDIR cannot expand", code: "FROM debian:12\nRUN cd \"$HOME\" && make\n" },
    { name: "cd as an argument", code: "FROM debian:12\nRUN echo cd /x && git log --format=cd\n" },
    { name: "quoted cd is a string", code: "FROM debian:12\nRUN sh -c 'cd /x'\n" },
    { name: "not a RUN", code: "FROM nginx\nCMD cd /usr/share/nginx/html && nginx -g 'daemon off;'\n" },
    { name: "non-POSIX SHELL", code: "FROM mcr.microsoft.com/powershell\nSHELL [\"pwsh\", \"-c\"]\nRUN cd C:\\app; dotnet build\n" },
  ],
  invalid: [
    {
      name: "a cd that is the whole RUN does nothing",
      code: "FROM debian:12\nRUN cd /opt\n",
      errors: [{ messageId: "noEffect", data: { command: "cd", dir: "/opt" }, line: 2, column: 5, endColumn: 7 }],
    },
    {
      name: "the classic",
      code: "FROM debian:12\nRUN cd /tmp && curl -fsSLO https://example.com/x.tgz && tar xzf x.tgz\n",
      errors: [{ messageId: "cd", data: { command: "cd", dir: "/tmp" }, line: 2, column: 5, endColumn: 7 }],
    },
    {
      name: "one finding per RUN, at the first cd",
      code: "FROM debian:12\nRUN git clone https://example.com/r.git && cd r && make && cd .. && rm -rf r\n",
      errors: [{ messageId: "cd", data: { command: "cd", dir: "r" }, line: 2, column: 44, endColumn: 46 }],
    },
    {
      name: "after a confined cd",
      code: "FROM debian:12\nRUN (cd a && make) && cd b && make install\n",
      errors: [{ messageId: "cd", data: { command: "cd", dir: "b" }, line: 2, column: 23, endColumn: 25 }],
    },
    {
      name: "a brace group runs in the same shell",
      code: "FROM debian:12\nRUN { cd /x; make; }\n",
      errors: [{ messageId: "cd", line: 2, column: 7 }],
    },
    {
      name: "an if body runs in the same shell",
      code: "FROM debian:12\nRUN if [ -d /x ]; then cd /x; fi; make\n",
      errors: [{ messageId: "cd", line: 2, column: 24, endColumn: 26 }],
    },
    {
      name: "a glob WORKDIR cannot expand (frankenphp): only the subshell",
      code: "FROM alpine:3.23\nRUN wget -q https://example.org/make.tar.gz && tar xzf make.tar.gz && cd make-* && ./configure && make install\n",
      errors: [
        {
          messageId: "cdSubshell",
          data: { cd: "cd make-*", why: "`WORKDIR` does not expand globs: `WORKDIR make-*` would make a directory named `make-*`" },
          line: 2,
          column: 71,
          endColumn: 73,
        },
      ],
    },
    {
      name: "a glob after a variable WORKDIR could expand",
      code: "FROM debian:12\nARG SRC=/src\nRUN cd $SRC/tool-?.? && make\n",
      errors: [{ messageId: "cdSubshell", data: { cd: "cd $SRC/tool-?.?", why: "`WORKDIR` does not expand globs: `WORKDIR $SRC/tool-?.?` would make a directory named `$SRC/tool-?.?`" }, line: 3 }],
    },
    {
      name: "a quoted glob is a literal name: WORKDIR says the same",
      code: "FROM debian:12\nRUN cd 'make-*' && make\n",
      errors: [{ messageId: "cd", data: { command: "cd", dir: "make-*" }, line: 2 }],
    },
    {
      name: "the home directory: WORKDIR does not expand ~",
      code: "FROM debian:12\nRUN cd ~/src && make\n",
      errors: [{ messageId: "cdSubshell", data: { cd: "cd ~/src", why: "`WORKDIR` does not expand `~`: it would make a directory named `~/src`" }, line: 2 }],
    },
    {
      name: "cd alone goes home",
      code: "FROM debian:12\nRUN cd && make\n",
      errors: [{ messageId: "cdSubshell", data: { cd: "cd", why: "`cd` alone goes to the home directory, which `WORKDIR` cannot name as `~`" }, line: 2 }],
    },
    {
      name: "cd - returns to the previous directory",
      code: "FROM debian:12\nRUN cd - && make\n",
      errors: [{ messageId: "cdSubshell", data: { cd: "cd -", why: "`WORKDIR` cannot name the directory `cd -` returns to" }, line: 2 }],
    },
    {
      name: "a glob cd that ends the RUN: drop it, no WORKDIR of the glob",
      code: "FROM debian:12\nRUN tar xzf make.tar.gz && cd make-*\n",
      errors: [
        {
          messageId: "noEffectLiteral",
          data: { cd: "cd make-*", why: "`WORKDIR` does not expand globs: `WORKDIR make-*` would make a directory named `make-*`" },
          line: 2,
          column: 28,
          endColumn: 30,
        },
      ],
    },
    {
      name: "a bare cd that is the whole RUN",
      code: "FROM debian:12\nRUN cd\n",
      errors: [{ messageId: "noEffectLiteral", data: { cd: "cd", why: "`cd` alone goes to the home directory, which `WORKDIR` cannot name as `~`" }, line: 2 }],
    },
    {
      name: "pushd",
      code: "FROM debian:12\nRUN pushd /src && make && popd\n",
      errors: [{ messageId: "cd", data: { command: "pushd", dir: "/src" }, line: 2, column: 5, endColumn: 10 }],
    },
    {
      name: "builtin cd",
      code: "FROM debian:12\nRUN builtin cd /src && make\n",
      errors: [{ messageId: "cd", line: 2, column: 13, endColumn: 15 }],
    },
    {
      name: "directory from an ARG: WORKDIR can expand it",
      code: "FROM debian:12\nARG SRC=/src\nRUN cd \"$SRC\" && make\n",
      errors: [{ messageId: "cd", data: { command: "cd", dir: "$SRC" }, line: 3, column: 5 }],
    },
    {
      name: "exec form running a shell",
      code: 'FROM debian:12\nRUN ["sh", "-c", "cd /app && make"]\n',
      errors: [{ messageId: "cd", line: 2, column: 19, endColumn: 21 }],
    },
    {
      name: "exec form cd (there is no cd program to run)",
      code: 'FROM debian:12\nRUN ["cd", "/app"]\n',
      errors: [{ messageId: "noEffect", line: 2, column: 6, endColumn: 10 }],
    },
    {
      name: "heredoc body",
      code: "FROM debian:12\nRUN <<EOF\nset -e\ncd /app\nmake\nEOF\n",
      errors: [{ messageId: "cd", line: 4, column: 1, endColumn: 3 }],
    },
    {
      name: "ONBUILD RUN",
      code: "FROM debian:12\nONBUILD RUN cd /app && make\n",
      errors: [{ messageId: "cd", line: 2, column: 13, endColumn: 15 }],
    },
    {
      name: "every stage",
      code: "FROM golang:1.22 AS build\nRUN cd /src && go build\nFROM alpine:3.20\nRUN cd /etc && ls\n",
      errors: [
        { messageId: "cd", line: 2 },
        { messageId: "cd", line: 4 },
      ],
    },
    {
      name: "continued line",
      code: "FROM debian:12\nRUN set -ex \\\n    && cd /usr/src \\\n    && make\n",
      errors: [{ messageId: "cd", line: 3, column: 8, endColumn: 10 }],
    },
    {
      name: "backtick escape directive",
      code: "# escape=`\nFROM debian:12\nRUN make && `\n    cd /opt && `\n    make install\n",
      errors: [{ messageId: "cd", line: 4, column: 5, endColumn: 7 }],
    },
    {
      name: "CRLF line endings",
      code: "FROM debian:12\r\nRUN set -ex \\\r\n    && cd /usr/src \\\r\n    && make\r\n",
      errors: [{ messageId: "cd", line: 3, column: 8, endColumn: 10 }],
    },
  ],
});
