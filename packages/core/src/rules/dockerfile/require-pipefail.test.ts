import { describe, expect, it } from "vitest";
import { applySuggestion as applyRuleSuggestion, createRuleTester } from "../../testing/rule-tester.js";
import rule from "./require-pipefail.js";

const BASH = 'SHELL ["/bin/bash", "-o", "pipefail", "-c"]';
const INSERT_BASH = [`Insert \`${BASH}\` before this RUN (/bin/bash must exist in the image).`];

createRuleTester({ describe, it }).run(rule, {
  valid: [
    { name: "pipe in a substitution that is a command's argument: its status is discarded", code: 'FROM debian:12\nRUN echo "arch=$(dpkg --print-architecture | cut -d- -f1)" > /etc/arch\n' },
    `FROM debian:12\n${BASH}\nRUN wget -O - https://example.com | wc -l\n`,
    { name: "no pipe", code: "FROM debian:12\nRUN wget -O /tmp/x https://example.com && wc -l /tmp/x\n" },
    { name: "|| is not a pipe", code: "FROM debian:12\nRUN false || true\n" },
    { name: "quoted |", code: "FROM debian:12\nRUN grep -E 'a|b' /etc/passwd\n" },
    { name: "-eo pipefail", code: 'FROM debian:12\nSHELL ["/bin/bash", "-eo", "pipefail", "-c"]\nRUN curl -fsSL https://example.com | sh\n' },
    { name: "-euxo pipefail", code: 'FROM debian:12\nSHELL ["/bin/bash", "-euxo", "pipefail", "-c"]\nRUN curl -fsSL https://example.com | sh\n' },
    { name: "-o errexit -o pipefail", code: 'FROM debian:12\nSHELL ["/bin/bash", "-o", "errexit", "-o", "pipefail", "-c"]\nRUN curl -fsSL https://example.com | sh\n' },
    { name: "zsh", code: 'FROM debian:12\nSHELL ["/usr/local/bin/zsh", "-o", "pipefail", "-c"]\nRUN curl -fsSL https://example.com | sh\n' },
    { name: "/bin/sh -o pipefail: on or the build fails", code: 'FROM alpine:3.20\nSHELL ["/bin/sh", "-o", "pipefail", "-c"]\nRUN curl -fsSL https://example.com | sh\n' },
    { name: "SHELL inherited from the parent stage", code: `FROM debian:12 AS base\n${BASH}\nFROM base\nRUN curl -fsSL https://example.com | sh\n` },
    { name: "set -o pipefail first", code: "FROM debian:12\nRUN set -o pipefail && curl -fsSL https://example.com | sh\n" },
    { name: "set -euo pipefail first", code: "FROM debian:12\nRUN set -euo pipefail; \\\n    curl -fsSL https://example.com | sh\n" },
    { name: "pwsh", code: 'FROM mcr.microsoft.com/powershell:ubuntu-22.04\nSHELL ["pwsh", "-c"]\nRUN Get-Variable PSVersionTable | Select-Object -ExpandProperty Value\n' },
    { name: "cmd", code: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["cmd", "/S", "/C"]\nRUN dir | findstr x\n' },
    { name: "Windows image without SHELL runs cmd", code: "# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN powershell -Command `\n    Get-Content x ^| Out-Null\n" },
    { name: "echo cannot fail", code: 'FROM debian:12\nRUN echo "$SHA256  /tmp/x.tgz" | sha256sum -c -\n' },
    { name: "printf cannot fail", code: "FROM debian:12\nRUN printf '%s\\n' a b | xargs -n1 echo\n" },
    { name: "a group of echos cannot fail", code: "FROM debian:12\nRUN { echo 'a'; echo 'b'; } | debconf-set-selections\n" },
    { name: "case of echos", code: "FROM debian:12\nRUN case \"$(uname -m)\" in x86_64) echo 'abc  /x' ;; *) echo 'def  /x' ;; esac | sha256sum -c -\n" },
    { name: "exec form with pipefail", code: 'FROM debian:12\nRUN ["/bin/bash", "-o", "pipefail", "-c", "curl -fsSL https://example.com | sh"]\n' },
    { name: "exec form: a | argument is not a pipe", code: 'FROM debian:12\nRUN ["/bin/bash", "./some_output", "|", "./some_script"]\n' },
    { name: "heredoc with set -o pipefail", code: "FROM debian:12\nRUN <<EOF\nset -eo pipefail\ncurl -fsSL https://example.com | sh\nEOF\n" },
    { name: "heredoc under a pipefail SHELL", code: `FROM debian:12\n${BASH}\nRUN <<EOF\ncurl -fsSL https://example.com | sh\nEOF\n` },
    { name: "heredoc read by bash -o pipefail", code: "FROM debian:12\nRUN bash -eo pipefail <<EOF\ncurl -fsSL https://example.com | sh\nEOF\n" },
    { name: "heredoc in Python", code: "FROM python:3.12\nRUN <<EOF\n#!/usr/bin/env python3\nprint(1 | 2)\nEOF\n" },
    { name: "ONBUILD RUN: the child inherits this stage's SHELL", code: `FROM debian:12\nONBUILD RUN curl -fsSL https://example.com | sh\n${BASH}\n` },
    { name: "printf into xargs: nothing before the pipe can fail", code: "FROM debian:12\nRUN printf '%s\\n' /tmp/a /tmp/b | xargs -r rm -f\n" },
  ],
  invalid: [
    {
      name: "pipe in a substitution assigned to a variable: set -e sees its status",
      code: 'FROM debian:12\nRUN set -e; arch="$(dpkg --print-architecture | cut -d- -f1)"; echo $arch\n',
      errors: [{ messageId: "shell", line: 2, column: 47, endColumn: 48, suggestions: INSERT_BASH }],
    },
    {
      name: "a command after the pipe that rejects empty input (docker-jitsi-meet: wget | gpg --dearmor): the RUN's status is its",
      code: "FROM debian:12\nRUN wget -qO - https://deb.nodesource.com/gpgkey/nodesource-repo.gpg.key | gpg --dearmor > /usr/share/keyrings/nodesource.gpg\n",
      errors: [
        {
          messageId: "shell",
          message:
            "This pipe runs under `/bin/sh -c` without pipefail, so the RUN's status is `gpg`'s: a failure of `wget` fails the RUN only if `gpg` rejects what reached it, and a cut-off download can pass; set `SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]` before this RUN.",
          line: 2,
        },
      ],
    },
    {
      name: "grep and sha256sum -c after the pipe, on a base whose /bin/sh takes set -o pipefail",
      code: "FROM fedora:41\nRUN php -m | grep -q v8js\nRUN curl -fsSL https://example.com/SUMS | sha256sum -c -\n",
      errors: [
        { messageId: "shell", data: { upstream: "`php`", shell: "/bin/sh -c", fixShell: "/bin/bash", consequence: "the RUN's status is `grep`'s: a failure of `php` fails the RUN only if `grep` rejects what reached it, and partial output can pass", orSet: ", or start the script with `set -o pipefail`" }, line: 2 },
        { messageId: "shell", line: 3 },
      ],
    },
    {
      name: "a heredoc run by sh on a dash-based image: pipefail needs another shell",
      code: "FROM ubuntu:24.04\nRUN <<EOF\n#!/bin/sh\ncurl -fsSL https://example.com | tar xz\nEOF\n",
      errors: [
        {
          messageId: "heredoc",
          message:
            "This pipe in a heredoc script run by `#!/bin/sh` has no pipefail, so the RUN's status is `tar`'s: a failure of `curl` fails the RUN only if `tar` rejects what reached it, and a cut-off download can pass; run the script with /bin/bash (`#!/bin/bash` as its first line) and add `set -o pipefail` at its top: dash, Debian's /bin/sh, has no pipefail.",
          line: 4,
        },
      ],
    },
    {
      name: "without pipefail the status is the pipeline's last command's, not the one after the pipe",
      code: 'FROM debian:12\nRUN find /etc -name "*.cnf" | grep foo | sort\n',
      errors: [
        {
          messageId: "shell",
          message:
            "This pipe runs under `/bin/sh -c` without pipefail, so the RUN's status is `sort`'s, the pipeline's last command: if `find` fails the RUN still succeeds with whatever reached the pipe; set `SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]` before this RUN.",
          line: 2,
          column: 29,
          endColumn: 30,
        },
      ],
    },
    {
      name: "xargs -r last (percona-docker: find | xargs -0 grep -lZE | xargs -rt -0 sed): its status, and it runs nothing on empty input",
      code: "FROM debian:12\nRUN find /etc/mysql -type f -print0 | xargs -0 grep -lZE '^(bind-address|log)' | xargs -rt -0 sed -Ei 's/^(bind-address|log)/#&/'\n",
      errors: [
        {
          messageId: "shell",
          data: {
            upstream: "`find`",
            shell: "/bin/sh -c",
            fixShell: "/bin/bash",
            consequence:
              "the RUN's status is `xargs`'s, the pipeline's last command: if `find` fails, `xargs` runs `sed` on whatever reached it (nothing, exiting 0, if nothing did), and the RUN fails only if `sed` does",
            orSet: "",
          },
          line: 2,
          column: 37,
        },
      ],
    },
    {
      name: "xargs without -r last (percona-docker: rpm -ql | egrep -v | xargs rm -rf): it runs the command once on empty input",
      code: "FROM registry.access.redhat.com/ubi9/ubi-minimal:9.4\nRUN rpm -ql mysql-libs | egrep -v 'mysql|libmysql' | xargs rm -rf\n",
      errors: [
        {
          messageId: "shell",
          message:
            "This pipe runs under `/bin/sh -c` without pipefail, so the RUN's status is `xargs`'s, the pipeline's last command: if `rpm` fails, `xargs` runs `rm` on whatever reached it (once with no added arguments if nothing did), and the RUN fails only if `rm` does; set `SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]` before this RUN, or start the script with `set -o pipefail`.",
          line: 2,
        },
      ],
    },
    {
      name: "xargs right after the pipe: its status, not that of the grep it runs; -n 1 before -r, -I runs nothing on empty input",
      code: "FROM debian:12\nRUN find / -name '*.pem' | xargs grep -l PRIVATE\nRUN find /tmp -type f | xargs -n 1 -r rm\nRUN ls /src | xargs -I{} cp /src/{} /dst\n",
      errors: [
        { messageId: "shell", data: { upstream: "`find`", shell: "/bin/sh -c", fixShell: "/bin/bash", consequence: "the RUN's status is `xargs`'s: if `find` fails, `xargs` runs `grep` on whatever reached it (once with no added arguments if nothing did), and the RUN fails only if `grep` does", orSet: "" }, line: 2 },
        { messageId: "shell", data: { upstream: "`find`", shell: "/bin/sh -c", fixShell: "/bin/bash", consequence: "the RUN's status is `xargs`'s: if `find` fails, `xargs` runs `rm` on whatever reached it (nothing, exiting 0, if nothing did), and the RUN fails only if `rm` does", orSet: "" }, line: 3 },
        { messageId: "shell", data: { upstream: "`ls`", shell: "/bin/sh -c", fixShell: "/bin/bash", consequence: "the RUN's status is `xargs`'s: if `ls` fails, `xargs` runs `cp` on whatever reached it (nothing, exiting 0, if nothing did), and the RUN fails only if `cp` does", orSet: "" }, line: 4 },
      ],
    },
    {
      name: "a command that rejects empty input last, after a decompressor; a bare xargs runs echo",
      code: "FROM debian:12\nRUN curl -fsSL https://example.com/x.tar.gz | gunzip | tar x -C /opt\nRUN find / -name x | xargs\n",
      errors: [
        { messageId: "shell", data: { upstream: "`curl`", shell: "/bin/sh -c", fixShell: "/bin/bash", consequence: "the RUN's status is `tar`'s, the pipeline's last command: a failure of `curl` fails the RUN only if `tar` rejects what reached it, and a cut-off download can pass", orSet: "" }, line: 2 },
        { messageId: "shell", data: { upstream: "`find`", shell: "/bin/sh -c", fixShell: "/bin/bash", consequence: "if `find` fails the RUN still succeeds with whatever reached the pipe", orSet: "" }, line: 3 },
      ],
    },
    {
      name: "the pipeline ends at && or at a compound element: neither a later command nor one inside the group is named",
      code: "FROM debian:12\nRUN curl -fsSL https://example.com/x.tgz | (cd /opt && tar xz) && echo done\nRUN find / -name '*.so' | grep lib | sort > /libs && tar -C / -czf /libs.tgz usr/lib\nRUN curl -fsSL https://example.com/list | (grep -v '^#') | sort -u > /list && (echo done)\n",
      errors: [
        { messageId: "shell", data: { upstream: "`curl`", shell: "/bin/sh -c", fixShell: "/bin/bash", consequence: "if `curl` fails the RUN still succeeds with whatever reached the pipe", orSet: "" }, line: 2 },
        { messageId: "shell", data: { upstream: "`find`", shell: "/bin/sh -c", fixShell: "/bin/bash", consequence: "the RUN's status is `sort`'s, the pipeline's last command: if `find` fails the RUN still succeeds with whatever reached the pipe", orSet: "" }, line: 3 },
        { messageId: "shell", data: { upstream: "`curl`", shell: "/bin/sh -c", fixShell: "/bin/bash", consequence: "the RUN's status is `sort`'s, the pipeline's last command: if `curl` fails the RUN still succeeds with whatever reached the pipe", orSet: "" }, line: 4 },
      ],
    },
    {
      name: "exec form: the pipeline's last command named",
      code: 'FROM debian:12\nRUN ["sh", "-c", "find / -name x | grep y | wc -l"]\n',
      errors: [{ messageId: "exec", data: { upstream: "`find`", shell: "sh -c", consequence: "the RUN's status is `wc`'s, the pipeline's last command: if `find` fails the RUN still succeeds" }, line: 2 }],
    },
    {
      name: "default shell",
      code: "FROM debian:12\nRUN wget -O - https://some.site | wc -l > /number\n",
      errors: [
        {
          messageId: "shell",
          data: { upstream: "`wget`", shell: "/bin/sh -c", fixShell: "/bin/bash", consequence: "if `wget` fails the RUN still succeeds with whatever reached the pipe", orSet: "" },
          message:
            "This pipe runs under `/bin/sh -c` without pipefail, so if `wget` fails the RUN still succeeds with whatever reached the pipe; set `SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]` before this RUN.",
          line: 2,
          column: 33,
          endColumn: 34,
          suggestions: INSERT_BASH,
        },
      ],
    },
    {
      name: "bash without pipefail: the suggestion edits that SHELL",
      code: 'FROM debian:12\nSHELL ["/bin/bash", "-c"]\nRUN curl -fsSL https://example.com | sh\n',
      errors: [{ messageId: "shell", data: { upstream: "`curl`", shell: "/bin/bash -c", fixShell: "/bin/bash", consequence: "if `curl` fails the RUN still succeeds with whatever reached the pipe", orSet: ", or start the script with `set -o pipefail`" }, line: 3, column: 36, suggestions: ['Add "-o", "pipefail" to the SHELL on line 2.'] }],
    },
    {
      name: "a later SHELL without pipefail",
      code: `FROM debian:12\n${BASH}\nRUN curl -fsSL https://example.com | sh\nSHELL ["/bin/sh", "-c"]\nRUN curl -fsSL https://example.com | sh\n`,
      errors: [{ messageId: "shell", line: 5 }],
    },
    {
      name: "FROM an image resets SHELL",
      code: `FROM debian:12 AS build\n${BASH}\nRUN curl -fsSL https://example.com | sh\nFROM debian:12\nRUN curl -fsSL https://example.com | sh\n`,
      errors: [{ messageId: "shell", line: 5 }],
    },
    {
      name: "set -o pipefail after the pipe",
      code: "FROM debian:12\nRUN curl -fsSL https://example.com | sh; set -o pipefail\n",
      errors: [{ messageId: "shell", line: 2, column: 36 }],
    },
    {
      name: "set -o pipefail in a subshell does not carry",
      code: "FROM debian:12\nRUN (set -o pipefail); curl -fsSL https://example.com | sh\n",
      errors: [{ messageId: "shell", line: 2 }],
    },
    {
      name: "pipe inside a command substitution",
      code: "FROM debian:12\nRUN VERSION=\"$(curl -fsSL https://example.com/latest | jq -r .tag)\" && echo \"$VERSION\"\n",
      errors: [{ messageId: "shell", data: { upstream: "`curl`", shell: "/bin/sh -c", fixShell: "/bin/bash", consequence: "if `curl` fails the RUN still succeeds with whatever reached the pipe", orSet: "" }, line: 2, column: 54, endColumn: 55 }],
    },
    {
      name: "the first pipe that can fail upstream",
      code: "FROM debian:12\nRUN echo a | tr a b | sh\n",
      errors: [{ messageId: "shell", data: { upstream: "`tr`", shell: "/bin/sh -c", fixShell: "/bin/bash", consequence: "if `tr` fails the RUN still succeeds with whatever reached the pipe", orSet: "" }, line: 2, column: 21, endColumn: 22 }],
    },
    {
      name: "a compound element before the pipe",
      code: "FROM debian:12\nRUN { curl -fsSL https://example.com; echo; } | sh\n",
      errors: [{ messageId: "shell", data: { upstream: "the command before `|`", shell: "/bin/sh -c", fixShell: "/bin/bash", consequence: "if the command before `|` fails the RUN still succeeds with whatever reached the pipe", orSet: "" }, line: 2, column: 47 }],
    },
    {
      name: "one finding per RUN",
      code: "FROM debian:12\nRUN curl -fsSL a | sh && curl -fsSL b | sh\n",
      errors: [{ messageId: "shell", line: 2, column: 18 }],
    },
    {
      name: "pwsh as the first command is still run by /bin/sh",
      code: "FROM node:12\nRUN pwsh SOME_CMD | SOME_OTHER_CMD\n",
      errors: [{ messageId: "shell", data: { upstream: "`pwsh`", shell: "/bin/sh -c", fixShell: "/bin/bash", consequence: "if `pwsh` fails the RUN still succeeds with whatever reached the pipe", orSet: "" }, line: 2, column: 19 }],
    },
    {
      name: "alpine: the suggestion names ash",
      code: "FROM alpine:3.20\nRUN wget -qO- https://example.com | tar xz\n",
      errors: [
        {
          messageId: "shell",
          data: { upstream: "`wget`", shell: "/bin/sh -c", fixShell: "/bin/ash", consequence: "the RUN's status is `tar`'s: a failure of `wget` fails the RUN only if `tar` rejects what reached it, and a cut-off download can pass", orSet: ", or start the script with `set -o pipefail`" },
          line: 2,
          suggestions: ['Insert `SHELL ["/bin/ash", "-o", "pipefail", "-c"]` before this RUN (/bin/ash must exist in the image).'],
        },
      ],
    },
    {
      name: "exec form running sh -c",
      code: 'FROM debian:12\nRUN ["sh", "-c", "curl -fsSL https://example.com | sh"]\n',
      errors: [{ messageId: "exec", data: { upstream: "`curl`", shell: "sh -c", consequence: "if `curl` fails the RUN still succeeds" }, line: 2, column: 50, endColumn: 51 }],
    },
    {
      name: "heredoc with a bash shebang and no set",
      code: "FROM debian:12\nRUN <<EOF\n#!/bin/bash\ncurl -fsSL https://example.com | sh\nEOF\n",
      errors: [{ messageId: "heredoc", data: { upstream: "`curl`", shell: "#!/bin/bash", consequence: "if `curl` fails the RUN still succeeds", heredocFix: "add `set -o pipefail` at the top of the script" }, line: 4, column: 32, endColumn: 33 }],
    },
    {
      name: "heredoc read by bash without pipefail, even under a pipefail SHELL",
      code: `FROM debian:12\n${BASH}\nRUN bash <<EOF\ncurl -fsSL https://example.com | sh\nEOF\n`,
      errors: [{ messageId: "heredoc", data: { upstream: "`curl`", shell: "bash", consequence: "if `curl` fails the RUN still succeeds", heredocFix: "add `set -o pipefail` at the top of the script" }, line: 4, column: 32 }],
    },
    {
      name: "heredoc under the default shell",
      code: "FROM debian:12\nRUN <<EOF\nset -e\ncurl -fsSL https://example.com | sh\nEOF\n",
      errors: [{ messageId: "shell", line: 4, column: 32, suggestions: INSERT_BASH }],
    },
    {
      name: "ONBUILD RUN without a SHELL",
      code: "FROM debian:12\nONBUILD RUN curl -fsSL https://example.com | sh\n",
      errors: [{ messageId: "shell", line: 2, column: 44, endColumn: 45, suggestions: INSERT_BASH }],
    },
    {
      name: "backtick escape directive on Linux with a SHELL",
      code: '# escape=`\nFROM debian:12\nSHELL ["/bin/sh", "-c"]\nRUN curl -fsSL https://example.com `\n    | sh\n',
      errors: [{ messageId: "shell", line: 5, column: 5, endColumn: 6 }],
    },
    {
      name: "CRLF line endings",
      code: "FROM debian:12\r\nRUN curl -fsSL https://example.com \\\r\n    | sh\r\n",
      errors: [{ messageId: "shell", line: 3, column: 5, endColumn: 6 }],
    },
  ],
});

/** Applies the first suggestion of the only finding. */
const applySuggestion = (code: string): string => applyRuleSuggestion(rule, code, { findings: 1 });

describe("require-pipefail suggestions", () => {
  it("inserts a SHELL line before the RUN", () => {
    expect(applySuggestion("FROM debian:12\nRUN curl -fsSL x | sh\n")).toBe(`FROM debian:12\n${BASH}\nRUN curl -fsSL x | sh\n`);
  });
  it("keeps the RUN's indentation and CRLF", () => {
    expect(applySuggestion("FROM debian:12\r\n  RUN curl -fsSL x | sh\r\n")).toBe(`FROM debian:12\r\n  ${BASH}\r\n  RUN curl -fsSL x | sh\r\n`);
  });
  it("adds -o pipefail to the bash SHELL in force", () => {
    expect(applySuggestion('FROM debian:12\nSHELL ["/bin/bash", "-c"]\nRUN curl -fsSL x | sh\n')).toBe(`FROM debian:12\n${BASH}\nRUN curl -fsSL x | sh\n`);
  });
  it("inserts before the ONBUILD of a trigger", () => {
    expect(applySuggestion("FROM debian:12\nONBUILD RUN curl -fsSL x | sh\n")).toBe(`FROM debian:12\n${BASH}\nONBUILD RUN curl -fsSL x | sh\n`);
  });
});
