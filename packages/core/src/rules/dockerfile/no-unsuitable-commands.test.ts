import { describe, it } from "vitest";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./no-unsuitable-commands.js";

createRuleTester({ describe, it }).run(rule, {
  valid: [
    "FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends procps openssh-client vim nano\n",
    { name: "installing is not running", code: "FROM alpine:3.20\nRUN apk add --no-cache openssh-server && ssh-keygen -A\n" },
    { name: "names that only start like a listed one", code: "FROM alpine:3.20\nRUN pstree; topgrade --version; mountpoint -q /x || true; services-check\n" },
    { name: "the words as arguments", code: "FROM debian:12\nRUN echo top ps kill && grep -r service /etc\n" },
    { name: "scripted Vim", code: "FROM debian:12\nRUN vim -E -s -u ~/.vimrc +PlugInstall +qall && vim -es -c 'set nocp' -c q && vim --version\n" },
    { name: "allow option", code: "FROM debian:12\nRUN service postgresql start && psql -c 'select 1'\n", options: { allow: ["service"] } },
    { name: "foreign heredoc body", code: "FROM python:3.12\nRUN <<EOF python3\nimport os\nos.system('ps')\nEOF\n" },
    { name: "CMD and ENTRYPOINT are not build steps", code: "FROM debian:12\nCMD [\"top\", \"-b\"]\nHEALTHCHECK CMD ps aux | grep -q app\n" },
  ],
  invalid: [
    {
      name: "hadolint's case",
      code: "FROM debian:12\nRUN top\n",
      errors: [{ messageId: "unsuitable", line: 2, column: 5, endColumn: 8 }],
    },
    {
      name: "the message names the command and what to do",
      code: "FROM debian:12\nRUN service nginx start\n",
      errors: [
        {
          messageId: "unsuitable",
          message:
            "`service` starts or stops a daemon inside the build container, where nothing keeps running after this RUN ends and no init system exists; start services from the ENTRYPOINT or CMD, or initialise their data in the foreground.",
          line: 2,
          column: 5,
          endColumn: 12,
        },
      ],
    },
    {
      name: "every listed command, wherever it is in the script",
      code: "FROM debian:12\nRUN free -m; ps aux | grep x; (kill -9 1 || true) && mount -t tmpfs none /mnt\nRUN if true; then shutdown -h now; fi && echo $(ifconfig) && ssh host true\n",
      errors: [
        { messageId: "unsuitable", line: 2, column: 5, endColumn: 9 },
        { messageId: "unsuitable", line: 2, column: 14, endColumn: 16 },
        { messageId: "unsuitable", line: 2, column: 32, endColumn: 36 },
        { messageId: "unsuitable", line: 2, column: 54, endColumn: 59 },
        { messageId: "unsuitable", line: 3, column: 19, endColumn: 27 },
        { messageId: "unsuitable", line: 3, column: 49, endColumn: 57 },
        { messageId: "unsuitable", line: 3, column: 62, endColumn: 65 },
      ],
    },
    {
      name: "behind sudo, busybox and a path",
      code: "FROM alpine:3.20\nRUN sudo service ssh restart && busybox top -n1 && /usr/bin/vim /etc/motd\n",
      errors: [
        { messageId: "unsuitable", line: 2, column: 10, endColumn: 17 },
        { messageId: "unsuitable", line: 2, column: 41, endColumn: 44 },
        { messageId: "unsuitable", line: 2, column: 52, endColumn: 64 },
      ],
    },
    {
      name: "exec form (KICS's case)",
      code: "FROM golang:1.22\nRUN [\"ps\", \"-d\"]\n",
      errors: [{ messageId: "unsuitable", line: 2, column: 6, endColumn: 10 }],
    },
    {
      name: "ONBUILD RUN",
      code: "FROM debian:12\nONBUILD RUN top\n",
      errors: [{ messageId: "unsuitable", line: 2, column: 13, endColumn: 16 }],
    },
    {
      name: "heredoc body",
      code: "FROM debian:12\nRUN <<EOF\nset -e\nnano /etc/hosts\nEOF\n",
      errors: [{ messageId: "unsuitable", line: 4, column: 1, endColumn: 5 }],
    },
    {
      name: "every stage, continued lines",
      code: "FROM debian:12 AS build\nRUN make \\\n && ps\nFROM scratch\nCOPY --from=build /out /\n",
      errors: [{ messageId: "unsuitable", line: 3, column: 5, endColumn: 7 }],
    },
    {
      name: "escape directive",
      code: "# escape=`\nFROM debian:12\nRUN echo a `\n && top -b\n",
      errors: [{ messageId: "unsuitable", line: 4, column: 5, endColumn: 8 }],
    },
    {
      name: "commands option adds names, allow removes defaults",
      code: "FROM debian:12\nRUN systemctl start docker && top\n",
      options: { commands: ["systemctl"], allow: ["top"] },
      errors: [
        {
          messageId: "unsuitable",
          data: { command: "systemctl", advice: "is listed in this rule's `commands` option; remove it from the RUN" },
          line: 2,
          column: 5,
          endColumn: 14,
        },
      ],
    },
  ],
});
