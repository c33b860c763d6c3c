import { describe, it } from "vitest";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./no-shell-relink.js";

createRuleTester({ describe, it }).run(rule, {
  valid: [
    'FROM debian:12\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN echo "$BASH_VERSION"\n',
    { name: "unrelated links", code: "FROM debian:12\nRUN ln -sf /bin/true /sbin/initctl\n" },
    { name: "/bin/sh only mentioned", code: "FROM debian:12\nRUN ln -s foo bar && unrelated && something_with /bin/sh\n" },
    { name: "/bin/sh as the link target is no change to it", code: "FROM debian:12\nRUN ln -s /bin/sh /usr/local/bin/posix-sh\n" },
    { name: "moving /bin/sh away alone", code: "FROM debian:12\nRUN cp /bin/sh /tmp/sh.bak\n" },
    { name: "login shell of an ordinary user", code: "FROM debian:12\nRUN useradd -m dev && chsh -s /bin/zsh dev && usermod --shell /bin/bash dev\n" },
    { name: "chsh after USER app changes app's shell", code: "FROM alpine:3.20\nUSER app\nRUN chsh -s /bin/zsh\n" },
    { name: "a login shell that is no shell", code: "FROM debian:12\nRUN usermod -s /usr/sbin/nologin root\n" },
    { name: "dpkg-reconfigure of another package", code: "FROM debian:12\nRUN dpkg-reconfigure -f noninteractive tzdata\n" },
    { name: "PowerShell already the SHELL", code: 'FROM mcr.microsoft.com/powershell:lts-alpine-3.20\nSHELL ["pwsh", "-Command"]\nRUN pwsh -File ./setup.ps1\n' },
    { name: "hadolint's pragma hides its finding", code: "FROM debian:12\n# hadolint ignore=DL4005\nRUN ln -sf /bin/bash /bin/sh\n" },
    { name: "ln without -f cannot replace an existing /bin/sh: it creates one (distroless :debug)", code: 'FROM gcr.io/distroless/static:debug\nSHELL ["/busybox/sh", "-c"]\nRUN ln -s /busybox/sh /bin/sh\n' },
    { name: "ln -sn without -f, and rm of another file first", code: "FROM gcr.io/distroless/base:debug\nRUN [\"/busybox/sh\", \"-c\", \"rm -f /bin/ls && ln -sn /busybox/sh /bin/sh\"]\n" },
    { name: "rm of /bin/sh after the ln does not make it a replacement", code: 'FROM gcr.io/distroless/static:debug\nSHELL ["/busybox/sh", "-c"]\nRUN ln -s /busybox/sh /bin/sh; rm /bin/sh\n' },
    { name: "PowerShell later in a script", code: "FROM mcr.microsoft.com/powershell:lts-alpine-3.20\nRUN apk add --no-cache git && pwsh -c 'Install-Module Pester -Force'\n" },
  ],
  invalid: [
    {
      name: "hadolint's case",
      code: "FROM debian:12\nRUN ln -sfv /bin/bash /bin/sh\n",
      errors: [
        {
          messageId: "relink",
          message:
            "`ln` replaces /bin/sh, which every later RUN and every `#!/bin/sh` script in the image then runs with another shell; set the shell for RUN with `SHELL [\"/bin/bash\", \"-c\"]` instead.",
          line: 2,
          column: 23,
          endColumn: 30,
        },
      ],
    },
    {
      name: "ONBUILD",
      code: "FROM debian:12\nONBUILD RUN ln -sfv /bin/bash /bin/sh\n",
      errors: [{ messageId: "relink", line: 2, column: 31, endColumn: 38 }],
    },
    {
      name: "a bare shell name, /usr/bin/sh, cp and mv",
      code: "FROM debian:12\nRUN rm /bin/sh && ln -s bash /usr/bin/sh\nRUN cp /bin/dash /bin/sh; mv -f /bin/zsh /bin/sh/\n",
      errors: [
        { messageId: "relink", data: { command: "ln", shell: "/bin/bash" }, line: 2, column: 30, endColumn: 41 },
        { messageId: "relink", data: { command: "cp", shell: "/bin/dash" }, line: 3, column: 18, endColumn: 25 },
        { messageId: "relink", data: { command: "mv", shell: "/bin/zsh" }, line: 3, column: 42, endColumn: 50 },
      ],
    },
    {
      name: "ln without -f after rm of /bin/sh, in the RUN or an earlier RUN of the stage; ln -b and --force",
      code: 'FROM debian:12\nRUN rm -f /bin/sh && ln -s /bin/bash /bin/sh\nFROM debian:12\nSHELL ["/bin/bash", "-c"]\nRUN mv /bin/sh /bin/sh.dash\nRUN ln -s /bin/zsh /bin/sh\nRUN ln -b -s /bin/ksh /bin/sh; ln --force -s /bin/mksh /usr/bin/sh\n',
      errors: [
        { messageId: "relink", data: { command: "ln", shell: "/bin/bash" }, line: 2, column: 38, endColumn: 45 },
        { messageId: "relink", data: { command: "ln", shell: "/bin/zsh" }, line: 6, column: 20, endColumn: 27 },
        { messageId: "relink", data: { command: "ln", shell: "/bin/ksh" }, line: 7, column: 23, endColumn: 30 },
        { messageId: "relink", data: { command: "ln", shell: "/bin/mksh" }, line: 7, column: 56, endColumn: 67 },
      ],
    },
    {
      name: "the stage's SHELL already runs the linked shell: no SHELL advice",
      code: 'FROM gcr.io/distroless/static:debug\nSHELL ["/busybox/sh", "-c"]\nRUN ln -sf /busybox/sh /bin/sh\nFROM debian:12\nSHELL ["/usr/bin/bash", "-o", "pipefail", "-c"]\nRUN ln -sf bash /bin/sh\n',
      errors: [
        {
          messageId: "relinkScripts",
          message:
            "`ln` replaces /bin/sh with /busybox/sh, which every `#!/bin/sh` script and `sh -c` in the image then runs with, although RUN already uses /busybox/sh through SHELL; leave /bin/sh alone and start the scripts that need /busybox/sh with `#!/busybox/sh`.",
          line: 3,
          column: 24,
          endColumn: 31,
        },
        { messageId: "relinkScripts", data: { command: "ln", shell: "/bin/bash" }, line: 6, column: 17, endColumn: 24 },
      ],
    },
    {
      name: "hadolint's DL4005 pragma covers only the re-linking message",
      code: "FROM debian:12\n# hadolint ignore=DL4005\nRUN ln -sf /bin/bash /bin/sh && dpkg-reconfigure dash\n",
      errors: [{ messageId: "reconfigureDash", line: 3, column: 50, endColumn: 54 }],
    },
    {
      name: "dpkg-reconfigure dash",
      code: "FROM debian:12\nRUN echo 'dash dash/sh boolean false' | debconf-set-selections \\\n && DEBIAN_FRONTEND=noninteractive dpkg-reconfigure dash\n",
      errors: [{ messageId: "reconfigureDash", line: 3, column: 53, endColumn: 57 }],
    },
    {
      name: "root's login shell",
      code: "FROM alpine:3.20\nRUN apk add --no-cache shadow zsh && chsh -s /bin/zsh\nRUN usermod --shell /bin/bash root\n",
      errors: [
        { messageId: "loginShell", data: { command: "chsh", shell: "/bin/zsh" }, line: 2, column: 46, endColumn: 54 },
        { messageId: "loginShell", data: { command: "usermod", shell: "/bin/bash" }, line: 3, column: 21, endColumn: 30 },
      ],
    },
    {
      name: "RUN powershell under the default shell (KICS's case)",
      code: "FROM alpine:3.5\nRUN powershell -command\n",
      errors: [
        {
          messageId: "powershell",
          message:
            "`RUN powershell …` starts PowerShell from the default shell for this one step; set `SHELL [\"powershell\", \"-Command\"]` once and write the PowerShell commands directly in RUN.",
          line: 2,
          column: 5,
          endColumn: 15,
        },
      ],
    },
    {
      name: "Windows image with the escape directive, and exec form",
      code: "# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN powershell -Command `\n    Invoke-WebRequest https://example.com/a.zip -OutFile a.zip\nRUN [\"pwsh.exe\", \"-c\", \"Expand-Archive a.zip\"]\n",
      errors: [
        { messageId: "powershell", line: 3, column: 5, endColumn: 15 },
        { messageId: "powershell", data: { command: "pwsh" }, line: 5, column: 6, endColumn: 16 },
      ],
    },
    {
      name: "under a cmd SHELL the first word is the program",
      code: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["cmd", "/S", "/C"]\nRUN powershell -NoProfile -Command "Get-ChildItem"\n',
      errors: [{ messageId: "powershell", line: 3, column: 5, endColumn: 15 }],
    },
    {
      name: "heredoc body, every stage",
      code: "FROM debian:12 AS build\nRUN <<EOF\nset -e\nln -sf /bin/bash /bin/sh\nEOF\nFROM scratch\nCOPY --from=build /bin /bin\n",
      errors: [{ messageId: "relink", line: 4, column: 18, endColumn: 25 }],
    },
  ],
});
