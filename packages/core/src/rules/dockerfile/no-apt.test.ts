import { describe, expect, it } from "vitest";
import { applySuggestion as applyRuleSuggestion, createRuleTester } from "../../testing/rule-tester.js";
import rule from "./no-apt.js";

createRuleTester({ describe, it }).run(rule, {
  valid: [
    "FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n",
    { name: "apt-cache, apt-key, apt-mark, apt-config", code: "FROM debian:12\nRUN apt-cache policy curl && apt-mark hold curl && apt-config dump && apt-key list\n" },
    { name: "apt as an argument", code: "FROM debian:12\nRUN apt-get install -y apt && echo apt\n" },
    { name: "apt in a string", code: "FROM debian:12\nRUN echo 'apt install curl'\n" },
    { name: "a heredoc read by python", code: "FROM python:3.12\nRUN python3 <<EOF\nimport os\nos.system('apt install curl')\nEOF\n" },
  ],
  invalid: [
    {
      name: "apt install: the fix renames the program",
      code: "FROM ubuntu:24.04\nRUN apt update && apt install -y python3\n",
      errors: [
        { messageId: "aptGet", data: { command: "apt update", replacement: "apt-get update" }, line: 2, column: 5, endColumn: 8 },
        { messageId: "aptGet", data: { command: "apt install", replacement: "apt-get install" }, line: 2, column: 19, endColumn: 22 },
      ],
      output: "FROM ubuntu:24.04\nRUN apt-get update && apt-get install -y python3\n",
    },
    {
      name: "apt upgrade installs new dependencies; apt-get upgrade needs --with-new-pkgs for that",
      code: "FROM ubuntu:24.04\nRUN apt -y upgrade\n",
      errors: [{ messageId: "aptGet", data: { command: "apt upgrade", replacement: "apt-get upgrade --with-new-pkgs" }, line: 2, column: 5, endColumn: 8 }],
      output: "FROM ubuntu:24.04\nRUN apt-get -y upgrade --with-new-pkgs\n",
    },
    {
      name: "apt full-upgrade is apt-get dist-upgrade",
      code: "FROM ubuntu:24.04\nRUN apt full-upgrade -y\n",
      errors: [{ messageId: "aptGet", data: { command: "apt full-upgrade", replacement: "apt-get dist-upgrade" }, line: 2, column: 5, endColumn: 8 }],
      output: "FROM ubuntu:24.04\nRUN apt-get dist-upgrade -y\n",
    },
    {
      name: "remove, purge, autoremove, clean",
      code: "FROM debian:12\nRUN apt remove -y curl && apt purge -y git && apt autoremove -y && apt clean\n",
      errors: [
        { messageId: "aptGet", line: 2, column: 5, endColumn: 8 },
        { messageId: "aptGet", line: 2, column: 27, endColumn: 30 },
        { messageId: "aptGet", line: 2, column: 47, endColumn: 50 },
        { messageId: "aptGet", line: 2, column: 68, endColumn: 71 },
      ],
      output: "FROM debian:12\nRUN apt-get remove -y curl && apt-get purge -y git && apt-get autoremove -y && apt-get clean\n",
    },
    {
      name: "apt search and show: a suggestion for apt-cache",
      code: "FROM debian:12\nRUN apt search libssl && apt show curl\n",
      errors: [
        { messageId: "aptCache", data: { command: "apt search", replacement: "apt-cache search" }, line: 2, column: 5, endColumn: 8, suggestions: ["Replace `apt search` with `apt-cache search`."] },
        { messageId: "aptCache", data: { command: "apt show", replacement: "apt-cache show" }, line: 2, column: 26, endColumn: 29, suggestions: ["Replace `apt show` with `apt-cache show`."] },
      ],
    },
    {
      name: "apt list has no apt-get twin",
      code: "FROM debian:12\nRUN apt list --installed\n",
      errors: [{ messageId: "other", data: { command: "apt list" }, line: 2, column: 5, endColumn: 8 }],
    },
    {
      name: "exec form: the JSON string is renamed",
      code: 'FROM debian:12\nRUN ["apt", "install", "-y", "curl"]\n',
      errors: [{ messageId: "aptGet", line: 2, column: 6, endColumn: 11 }],
      output: 'FROM debian:12\nRUN ["apt-get", "install", "-y", "curl"]\n',
    },
    {
      name: "behind sudo, with a path, in a heredoc and in ONBUILD",
      code: "FROM debian:12\nRUN sudo /usr/bin/apt install -y curl\nRUN <<EOF\napt update\nEOF\nONBUILD RUN apt install -y git\n",
      errors: [
        { messageId: "aptGet", line: 2, column: 10, endColumn: 22 },
        { messageId: "aptGet", line: 4, column: 1, endColumn: 4 },
        { messageId: "aptGet", line: 6, column: 13, endColumn: 16 },
      ],
      output: "FROM debian:12\nRUN sudo /usr/bin/apt-get install -y curl\nRUN <<EOF\napt-get update\nEOF\nONBUILD RUN apt-get install -y git\n",
    },
    {
      name: "every stage, backtick escape directive",
      code: "# escape=`\nFROM debian:12 AS build\nRUN apt update && `\n    apt install -y gcc\nFROM debian:12\nRUN apt install -y curl\n",
      errors: [
        { messageId: "aptGet", line: 3, column: 5, endColumn: 8 },
        { messageId: "aptGet", line: 4, column: 5, endColumn: 8 },
        { messageId: "aptGet", line: 6, column: 5, endColumn: 8 },
      ],
      output: "# escape=`\nFROM debian:12 AS build\nRUN apt-get update && `\n    apt-get install -y gcc\nFROM debian:12\nRUN apt-get install -y curl\n",
    },
    {
      name: "a quoted program keeps its quotes",
      code: "FROM debian:12\nRUN 'apt' install -y curl\n",
      errors: [{ messageId: "aptGet", line: 2, column: 5, endColumn: 10 }],
      output: "FROM debian:12\nRUN 'apt-get' install -y curl\n",
    },
  ],
});

/** Applies the first suggestion of the only finding. */
const applySuggestion = (code: string): string => applyRuleSuggestion(rule, code, { findings: 1 });

describe("no-apt suggestion for queries (not a fix: scripts may parse apt's output)", () => {
  it("renames apt to apt-cache", () => {
    expect(applySuggestion("FROM debian:12\nRUN apt show curl | grep Version\n")).toBe("FROM debian:12\nRUN apt-cache show curl | grep Version\n");
  });
  it("renames the JSON string in exec form", () => {
    expect(applySuggestion('FROM debian:12\nRUN ["apt", "policy", "curl"]\n')).toBe('FROM debian:12\nRUN ["apt-cache", "policy", "curl"]\n');
  });
});
