import { describe, it } from "vitest";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./no-sudo.js";

createRuleTester({ describe, it }).run(rule, {
  valid: [
    "FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl\n",
    { name: "installing the sudo package runs no sudo", code: "FROM debian:12\nRUN apt-get install -y sudo\n" },
    { name: "sudo as an argument", code: "FROM debian:12\nRUN echo sudo && grep -q sudo /etc/group\n" },
    { name: "a name that merely contains sudo", code: "FROM debian:12\nRUN ./sudo-wrapper.sh && pseudo build\n" },
    { name: "sudo in a quoted string is not run", code: "FROM debian:12\nRUN echo 'sudo make install'\n" },
    { name: "USER root instead of sudo", code: "FROM node:20\nUSER root\nRUN apt-get update\nUSER node\n" },
    { name: "sudo outside RUN", code: "FROM debian:12\nCMD sudo -u app server\n" },
    { name: "non-POSIX SHELL: the RUN is not a shell script", code: "FROM mcr.microsoft.com/powershell\nSHELL [\"pwsh\", \"-c\"]\nRUN sudo Get-Item x\n" },
  ],
  invalid: [
    {
      name: "sudo in a RUN that runs as root: nothing gained, a setuid program shipped",
      code: "FROM debian:12\nRUN sudo apt-get update\n",
      errors: [
        {
          messageId: "sudoAsRoot",
          message:
            "`sudo` in a RUN that already runs as root (no USER is set and `debian:12` runs as root) changes nothing but needs sudo in the image, a setuid-root program that a later sudoers or doas rule can open to every process; remove `sudo` from the command and do not install it.",
          line: 2,
          column: 5,
          endColumn: 9,
        },
      ],
    },
    {
      name: "sudo -u in a RUN that runs as root (discourse)",
      code: "FROM debian:12.7-slim\nRUN useradd -m app\nRUN sudo -u app git config --global user.name ci\nUSER 10001\n",
      errors: [{ messageId: "sudoAsUserFromRoot", data: { command: "sudo", user: "app", why: "no USER is set and `debian:12.7-slim` runs as root" }, line: 3, column: 5 }],
    },
    {
      name: "after USER root",
      code: "FROM node:20\nUSER node\nRUN npm ci\nUSER root\nRUN sudo -u node npm run build\n",
      errors: [{ messageId: "sudoAsUserFromRoot", data: { command: "sudo", user: "node", why: "`USER root` is in force" }, line: 5 }],
    },
    {
      name: "after a non-root USER: sudo needs a rule that lets that user become root",
      code: "FROM debian:12\nUSER app\nRUN sudo apt-get update\n",
      errors: [{ messageId: "sudo", line: 3 }],
    },
    {
      name: "an ONBUILD trigger runs as the child's user",
      code: "FROM debian:12\nONBUILD RUN sudo make install\n",
      errors: [{ messageId: "sudo", line: 2 }],
    },
    {
      name: "sudo as the command",
      code: "FROM acme/builder:1\nRUN sudo apt-get update\n",
      errors: [{ messageId: "sudo", data: { command: "sudo" }, line: 2, column: 5, endColumn: 9 }],
    },
    {
      name: "sudo later in a list",
      code: "FROM acme/builder:1\nRUN apt-get update && sudo apt-get install -y curl\n",
      errors: [{ messageId: "sudo", line: 2, column: 23, endColumn: 27 }],
    },
    {
      name: "every sudo is reported",
      code: "FROM acme/builder:1\nRUN sudo apt-get update && sudo apt-get install -y curl\n",
      errors: [
        { messageId: "sudo", line: 2, column: 5 },
        { messageId: "sudo", line: 2, column: 28 },
      ],
    },
    {
      name: "exec form",
      code: 'FROM acme/builder:1\nRUN ["sudo", "apt-get", "update"]\n',
      errors: [{ messageId: "sudo", line: 2, column: 6, endColumn: 12 }],
    },
    {
      name: "exec form running a shell",
      code: 'FROM acme/builder:1\nRUN ["/bin/sh", "-c", "sudo make install"]\n',
      errors: [{ messageId: "sudo", line: 2, column: 24, endColumn: 28 }],
    },
    {
      name: "heredoc body",
      code: "FROM acme/builder:1\nRUN <<EOF\nset -e\nsudo make install\nEOF\n",
      errors: [{ messageId: "sudo", line: 4, column: 1, endColumn: 5 }],
    },
    {
      name: "ONBUILD RUN",
      code: "FROM acme/builder:1\nONBUILD RUN sudo make install\n",
      errors: [{ messageId: "sudo", line: 2, column: 13, endColumn: 17 }],
    },
    {
      name: "behind env, with a full path",
      code: "FROM acme/builder:1\nRUN env HOME=/root /usr/bin/sudo -E make install\n",
      errors: [{ messageId: "sudo", data: { command: "sudo" }, line: 2, column: 20, endColumn: 33 }],
    },
    {
      name: "inside a command substitution",
      code: "FROM acme/builder:1\nRUN echo $(sudo cat /etc/shadow)\n",
      errors: [{ messageId: "sudo", line: 2, column: 12, endColumn: 16 }],
    },
    {
      name: "inside an if body and a subshell",
      code: "FROM acme/builder:1\nRUN if [ -d /x ]; then (sudo rm -rf /x); fi\n",
      errors: [{ messageId: "sudo", line: 2, column: 25 }],
    },
    {
      name: "sudo -u drops to another user",
      code: "FROM archlinux\nUSER builder\nRUN sudo -u builduser bash -c makepkg\n",
      errors: [{ messageId: "sudoAsUser", data: { command: "sudo", user: "builduser" }, line: 3, column: 5, endColumn: 9 }],
    },
    {
      name: "sudo -u root is plain sudo",
      code: "FROM acme/builder:1\nRUN sudo -u root make install\n",
      errors: [{ messageId: "sudo", line: 2 }],
    },
    {
      name: "doas is sudo too",
      code: "FROM alpine:3.20\nRUN doas apk add curl\n",
      errors: [{ messageId: "sudoAsRoot", data: { command: "doas", why: "no USER is set and `alpine:3.20` runs as root" }, line: 2, column: 5, endColumn: 9 }],
    },
    {
      name: "every stage counts (a build stage ships sudo in its own image)",
      code: "FROM debian:12 AS build\nRUN sudo make\nFROM scratch\nCOPY --from=build /out /out\n",
      errors: [{ messageId: "sudoAsRoot", line: 2 }],
    },
    {
      name: "continued line",
      code: "FROM acme/builder:1\nRUN apt-get update \\\n && sudo apt-get install vim\n",
      errors: [{ messageId: "sudo", line: 3, column: 5, endColumn: 9 }],
    },
    {
      name: "backtick escape directive",
      code: "# escape=`\nFROM acme/builder:1\nRUN apt-get update && `\n    sudo apt-get install -y curl\n",
      errors: [{ messageId: "sudo", line: 4, column: 5, endColumn: 9 }],
    },
    {
      name: "CRLF line endings",
      code: "FROM debian:12\r\nRUN apt-get update \\\r\n && sudo make\r\n",
      errors: [{ messageId: "sudoAsRoot", line: 3, column: 5, endColumn: 9 }],
    },
  ],
});
