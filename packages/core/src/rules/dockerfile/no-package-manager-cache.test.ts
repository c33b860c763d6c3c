import { describe, it } from "vitest";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./no-package-manager-cache.js";

const INSTALL = "apt-get install -y --no-install-recommends curl";

createRuleTester({ describe, it }).run(rule, {
  valid: [
    `FROM debian:12\nRUN apt-get update && ${INSTALL} && rm -rf /var/lib/apt/lists/*\n`,
    { name: "lists directory without /*", code: `FROM debian:12\nRUN apt-get update && ${INSTALL} && rm -rf /var/lib/apt/lists\n` },
    { name: "trailing slash", code: `FROM debian:12\nRUN apt-get update && ${INSTALL} && rm -rf /var/lib/apt/lists/\n` },
    { name: "glob on the directory name", code: `FROM debian:12\nRUN apt-get update && ${INSTALL} && rm -rf /var/lib/apt/lists*\n` },
    { name: "separate flags", code: `FROM debian:12\nRUN apt-get update && ${INSTALL} && rm -r -f /var/lib/apt/lists/*\n` },
    { name: "long flags", code: `FROM debian:12\nRUN apt-get update && ${INSTALL} && rm --recursive --force /var/lib/apt/lists/*\n` },
    { name: "several paths", code: `FROM debian:12\nRUN apt-get update && ${INSTALL} && rm -rf /tmp/* /var/lib/apt/lists/* /var/cache/apt/*\n` },
    { name: "the parent directory", code: `FROM debian:12\nRUN apt-get update && ${INSTALL} && rm -rf /var/lib/apt\n` },
    { name: "find -delete", code: `FROM debian:12\nRUN apt-get update && ${INSTALL} && find /var/lib/apt/lists -type f -delete\n` },
    { name: "find -exec rm", code: `FROM debian:12\nRUN apt-get update && ${INSTALL} && find /var/lib/apt/lists -mindepth 1 -exec rm -rf {} +\n` },
    { name: "apt-get distclean (apt 2.7+)", code: `FROM debian:13\nRUN apt-get update && ${INSTALL} && apt-get distclean\n` },
    { name: "path from an ARG", code: `FROM debian:12\nARG LISTS=/var/lib/apt/lists\nRUN apt-get update && ${INSTALL} && rm -rf "$LISTS"/*\n` },
    { name: "semicolons and set -eux", code: "FROM debian:12\nRUN set -eux; \\\n\tapt-get update; \\\n\tapt-get install -y curl; \\\n\trm -rf /var/lib/apt/lists/*\n" },
    { name: "clean-up inside an if", code: `FROM debian:12\nRUN apt-get update && ${INSTALL} && if true; then rm -rf /var/lib/apt/lists/*; fi\n` },
    { name: "behind sudo", code: `FROM debian:12\nRUN sudo apt-get update && sudo ${INSTALL} && sudo rm -rf /var/lib/apt/lists/*\n` },
    { name: "cache mount on the lists", code: `FROM debian:12\nRUN --mount=type=cache,target=/var/lib/apt/lists apt-get update && ${INSTALL}\n` },
    { name: "cache mounts on /var/lib/apt and /var/cache/apt", code: `FROM debian:12\nRUN --mount=type=cache,target=/var/cache/apt,sharing=locked \\\n    --mount=type=cache,target=/var/lib/apt,sharing=locked \\\n    apt-get update && ${INSTALL}\n` },
    { name: "cache mount on /var/lib/apt alone holds the lists", code: `FROM debian:12\nRUN --mount=type=cache,target=/var/lib/apt apt-get update && ${INSTALL}\n` },
    { name: "tmpfs mount", code: `FROM debian:12\nRUN --mount=type=tmpfs,target=/var/lib/apt/lists apt-get update && ${INSTALL}\n` },
    { name: "mount written with dst=", code: `FROM debian:12\nRUN --mount=type=cache,dst=/var/lib/apt/lists apt-get update && ${INSTALL}\n` },
    { name: "a build stage only copied from", code: `FROM debian:12 AS build\nRUN apt-get update && apt-get install -y gcc\nFROM debian:12\nCOPY --from=build /out /out\n` },
    { name: "ONBUILD in a stage nothing builds on", code: "FROM ubuntu AS foo\nONBUILD RUN apt-get update && apt-get install -y python3\nFROM scratch\nCOPY --from=foo /etc/os-release /\n" },
    { name: "no update", code: "FROM debian:12\nRUN apt-get install -y ./local.deb\n" },
    { name: "update only simulated in a string", code: "FROM debian:12\nRUN echo 'apt-get update'\n" },
  ],
  invalid: [
    {
      name: "update and install, lists kept",
      code: `FROM debian:12\nRUN apt-get update && ${INSTALL}\n`,
      errors: [
        {
          messageId: "aptLists",
          data: { command: "apt-get update", cache: "/var/lib/apt/lists", cleanup: "rm -rf /var/lib/apt/lists/*" },
          line: 2,
          column: 5,
          endColumn: 19,
        },
      ],
    },
    {
      name: "apt-get clean does not delete the lists",
      code: `FROM debian:12\nRUN apt-get update && ${INSTALL} && apt-get clean\n`,
      errors: [{ messageId: "aptLists", line: 2, column: 5, endColumn: 19 }],
    },
    {
      name: "deleting in a later RUN is too late",
      code: `FROM debian:12\nRUN apt-get update && ${INSTALL}\nRUN rm -rf /var/lib/apt/lists/*\n`,
      errors: [{ messageId: "aptLists", line: 2 }],
    },
    {
      name: "deleting before the update",
      code: `FROM debian:12\nRUN rm -rf /var/lib/apt/lists/* && apt-get update && ${INSTALL}\n`,
      errors: [{ messageId: "aptLists", line: 2, column: 36, endColumn: 50 }],
    },
    {
      name: "a second update after the clean-up",
      code: `FROM debian:12\nRUN apt-get update && ${INSTALL} && rm -rf /var/lib/apt/lists/* \\\n && apt-get update && apt-get install -y git\n`,
      errors: [{ messageId: "aptLists", line: 3, column: 5, endColumn: 19 }],
    },
    {
      name: "deleting only part of the lists",
      code: `FROM debian:12\nRUN apt-get update && ${INSTALL} && rm -rf /var/lib/apt/lists/partial\n`,
      errors: [{ messageId: "aptLists", line: 2 }],
    },
    {
      name: "a cache mount on /var/cache/apt does not hold the lists",
      code: `FROM debian:12\nRUN --mount=type=cache,target=/var/cache/apt apt-get update && ${INSTALL}\n`,
      errors: [{ messageId: "aptLists", line: 2, column: 46, endColumn: 60 }],
    },
    {
      name: "a bind mount is not a cache",
      code: `FROM debian:12\nRUN --mount=type=bind,target=/var/lib/apt/lists apt-get update && ${INSTALL}\n`,
      errors: [{ messageId: "aptLists", line: 2 }],
    },
    {
      name: "a stage a later stage builds on",
      code: `FROM debian:12 AS base\nRUN apt-get update && ${INSTALL}\nFROM base\nCMD ["curl"]\n`,
      errors: [{ messageId: "aptLists", line: 2 }],
    },
    {
      name: "only the shipped stage is reported",
      code: `FROM debian:12 AS build\nRUN apt-get update && apt-get install -y gcc\nFROM debian:12\nRUN apt-get update && ${INSTALL}\n`,
      errors: [{ messageId: "aptLists", line: 4 }],
    },
    {
      name: "apt and aptitude",
      code: "FROM debian:12\nRUN apt update && apt install -y curl\nRUN aptitude update && aptitude install -y git\n",
      errors: [
        { messageId: "aptLists", data: { command: "apt update", cache: "/var/lib/apt/lists", cleanup: "rm -rf /var/lib/apt/lists/*" }, line: 2, column: 5, endColumn: 15 },
        { messageId: "aptLists", data: { command: "aptitude update", cache: "/var/lib/apt/lists", cleanup: "rm -rf /var/lib/apt/lists/*" }, line: 3 },
      ],
    },
    {
      name: "exec form",
      code: 'FROM debian:12\nRUN ["apt-get", "update"]\n',
      errors: [{ messageId: "aptLists", line: 2, column: 6, endColumn: 25 }],
    },
    {
      name: "heredoc body",
      code: "FROM debian:12\nRUN <<EOF\nset -e\napt-get update\napt-get install -y curl\nEOF\n",
      errors: [{ messageId: "aptLists", line: 4, column: 1, endColumn: 15 }],
    },
    {
      name: "ONBUILD RUN in the final stage",
      code: `FROM debian:12\nONBUILD RUN apt-get update && ${INSTALL}\n`,
      errors: [{ messageId: "aptLists", line: 2, column: 13, endColumn: 27 }],
    },
    {
      name: "behind sudo and with options",
      code: `FROM debian:12\nRUN sudo apt-get -qq update && ${INSTALL}\n`,
      errors: [{ messageId: "aptLists", data: { command: "apt-get update", cache: "/var/lib/apt/lists", cleanup: "rm -rf /var/lib/apt/lists/*" }, line: 2, column: 10, endColumn: 28 }],
    },
    {
      name: "inside an if body",
      code: "FROM debian:12\nARG EXTRA=false\nRUN if [ \"$EXTRA\" = true ]; then apt-get update && apt-get install -y git; fi\n",
      errors: [{ messageId: "aptLists", line: 3, column: 34 }],
    },
    {
      name: "backtick escape directive",
      code: "# escape=`\nFROM debian:12\nRUN apt-get update && `\n    apt-get install -y curl\n",
      errors: [{ messageId: "aptLists", line: 3, column: 5, endColumn: 19 }],
    },
    {
      name: "CRLF line endings",
      code: "FROM debian:12\r\nRUN apt-get update \\\r\n && apt-get install -y curl\r\n",
      errors: [{ messageId: "aptLists", line: 2, column: 5, endColumn: 19 }],
    },
  ],
});
