import { describe, expect, it } from "vitest";
import { lintText } from "../../linter.js";
import { applySuggestion as applyRuleSuggestion, createRuleTester } from "../../testing/rule-tester.js";
import rule from "./require-no-install-recommends.js";

const ADD = ["Add `--no-install-recommends` after `install` (then install what you need explicitly, e.g. ca-certificates)."];

createRuleTester({ describe, it }).run(rule, {
  valid: [
    "FROM debian:12\nRUN apt-get install -y --no-install-recommends curl\n",
    { name: "before the subcommand", code: "FROM debian:12\nRUN apt-get --no-install-recommends install -y curl\n" },
    { name: "after the packages", code: "FROM debian:12\nRUN apt-get install -y curl --no-install-recommends\n" },
    { name: "-o APT::Install-Recommends=false", code: "FROM debian:12\nRUN apt-get -o APT::Install-Recommends=false install -y curl\n" },
    { name: "attached -o, any case, 0", code: "FROM debian:12\nRUN apt-get -oapt::install-recommends=0 install -y curl\n" },
    { name: "--option=", code: "FROM debian:12\nRUN apt-get --option=APT::Install-Recommends=false install -y curl\n" },
    { name: "bare configuration word (hadolint accepts it)", code: 'FROM debian:12\nRUN ["apt-get", "apt::install-recommends=false", "install", "apt-utils"]\n' },
    { name: "--install-recommends=false", code: "FROM debian:12\nRUN apt-get install -y --install-recommends=false curl\n" },
    { name: "flag in an ENV", code: "FROM debian:12\nENV APT_OPTS=\"-y --no-install-recommends\"\nRUN apt-get install $APT_OPTS curl\n" },
    { name: "options in a variable the build cannot resolve: no guess", code: "FROM debian:12\nRUN apt-get install -y ${APT_FLAGS} curl\n" },
    { name: "aptitude -R", code: "FROM debian:12\nRUN aptitude install -y -R curl && aptitude install -y --without-recommends git\n" },
    { name: "simulation", code: "FROM debian:12\nRUN apt-get install -s curl\n" },
    { name: "not an install", code: "FROM debian:12\nRUN apt-get update && apt-get upgrade -y\n" },
    {
      name: "APT::Install-Recommends \"false\" written to apt.conf.d by an earlier RUN (photoprism)",
      code: "FROM debian:12\nRUN echo 'APT::Install-Recommends \"false\";' > /etc/apt/apt.conf.d/80recommends\nRUN apt-get update && apt-get install -y curl\n",
    },
    {
      name: "\"0\" written earlier in the same RUN, with printf",
      code: "FROM debian:12\nRUN printf 'APT::Install-Suggests \"0\";\\nAPT::Install-Recommends \"0\";\\n' > /etc/apt/apt.conf.d/01norecommend && apt-get update && aptitude install -y curl\n",
    },
    {
      name: "a heredoc into apt.conf.d in the stage built on",
      code: "FROM debian:12 AS base\nRUN cat > /etc/apt/apt.conf.d/99local <<EOF\nAPT::Install-Recommends \"false\";\nEOF\nFROM base\nRUN apt-get install -y curl\n",
    },
    {
      name: "a COPY heredoc into apt.conf.d, any case, tee",
      code: "FROM debian:12\nCOPY <<EOF /etc/apt/apt.conf.d/99norecommends\napt::install-recommends \"off\";\nEOF\nRUN echo 'APT::Get::Assume-Yes \"true\";' | tee /etc/apt/apt.conf.d/90yes && apt-get install -y curl\n",
    },
  ],
  invalid: [
    {
      name: "plain install",
      code: "FROM debian:12\nRUN apt-get install -y curl\n",
      errors: [{ messageId: "apt", data: { command: "apt-get install" }, line: 2, column: 5, endColumn: 20, suggestions: ADD }],
    },
    {
      name: "options before the subcommand",
      code: "FROM debian:12\nRUN apt-get -y install python\n",
      errors: [{ messageId: "apt", line: 2, column: 5, endColumn: 23, suggestions: ADD }],
    },
    {
      name: "Install-Recommends=true",
      code: "FROM debian:12\nRUN apt-get -o APT::Install-Recommends=true install -y curl\n",
      errors: [{ messageId: "apt", line: 2 }],
    },
    {
      name: "apt.conf.d: written after the install, in a stage not built on, to another file, or set to true",
      code:
        "FROM debian:12 AS other\nRUN echo 'APT::Install-Recommends \"false\";' > /etc/apt/apt.conf.d/80recommends\n" +
        "FROM debian:12\nRUN apt-get install -y curl && echo 'APT::Install-Recommends \"false\";' > /etc/apt/apt.conf.d/80recommends\n" +
        "RUN echo 'APT::Install-Recommends \"false\";' > /tmp/apt.conf && echo 'APT::Install-Recommends \"true\";' > /etc/apt/apt.conf.d/99recommends\n" +
        "RUN apt-get install -y git\n",
      errors: [
        { messageId: "apt", line: 4, column: 5, endColumn: 20 },
        { messageId: "apt", line: 6, column: 5, endColumn: 20 },
      ],
    },
    {
      name: "apt.conf.d turns recommends off, the command turns them on again",
      code: "FROM debian:12\nRUN echo 'APT::Install-Recommends \"false\";' > /etc/apt/apt.conf.d/80recommends\nRUN apt-get -o APT::Install-Recommends=true install -y curl && apt-get install --install-recommends -y git\n",
      errors: [
        { messageId: "apt", line: 3 },
        { messageId: "apt", line: 3 },
      ],
    },
    {
      name: "apt and aptitude",
      code: "FROM debian:12\nRUN apt install -y curl && aptitude install -y git\n",
      errors: [
        { messageId: "apt", data: { command: "apt install" }, line: 2, column: 5, endColumn: 16 },
        {
          messageId: "aptitude",
          data: { command: "aptitude install" },
          line: 2,
          column: 28,
          endColumn: 44,
          suggestions: ["Add `--without-recommends` after `install` (then install what you need explicitly, e.g. ca-certificates)."],
        },
      ],
    },
    {
      name: "exec form",
      code: 'FROM debian:12\nRUN ["apt-get", "install", "apt-utils"]\n',
      errors: [{ messageId: "apt", line: 2, column: 6, endColumn: 26, suggestions: ADD }],
    },
    {
      name: "heredoc body",
      code: "FROM debian:12\nRUN <<EOF\napt-get update\napt-get install -y curl\nEOF\n",
      errors: [{ messageId: "apt", line: 4, column: 1, endColumn: 16 }],
    },
    {
      name: "ONBUILD RUN",
      code: "FROM debian:12\nONBUILD RUN apt-get install -y curl\n",
      errors: [{ messageId: "apt", line: 2, column: 13, endColumn: 28 }],
    },
    {
      name: "behind sudo",
      code: "FROM debian:12\nRUN sudo apt-get install -y curl\n",
      errors: [{ messageId: "apt", line: 2, column: 10, endColumn: 25 }],
    },
    {
      name: "every stage",
      code: "FROM debian:12 AS build\nRUN apt-get install -y gcc\nFROM debian:12\nRUN apt-get install -y curl\n",
      errors: [
        { messageId: "apt", line: 2 },
        { messageId: "apt", line: 4 },
      ],
    },
    {
      name: "backtick escape directive",
      code: "# escape=`\nFROM debian:12\nRUN apt-get update && `\n    apt-get install -y curl\n",
      errors: [{ messageId: "apt", line: 4, column: 5, endColumn: 20 }],
    },
    {
      name: "CRLF line endings",
      code: "FROM debian:12\r\nRUN apt-get update \\\r\n && apt-get install -y curl\r\n",
      errors: [{ messageId: "apt", line: 3, column: 5, endColumn: 20 }],
    },
  ],
});

/** Applies the first suggestion of the only finding. */
const applySuggestion = (code: string): string => applyRuleSuggestion(rule, code, { findings: 1 });

describe("require-no-install-recommends suggestion (not a fix: recommends may be needed)", () => {
  it("inserts the flag after install", () => {
    expect(applySuggestion("FROM debian:12\nRUN apt-get install -y curl\n")).toBe("FROM debian:12\nRUN apt-get install --no-install-recommends -y curl\n");
  });
  it("adds a JSON element in exec form", () => {
    expect(applySuggestion('FROM debian:12\nRUN ["apt-get", "install", "curl"]\n')).toBe('FROM debian:12\nRUN ["apt-get", "install", "--no-install-recommends", "curl"]\n');
  });
  it("keeps CRLF", () => {
    expect(applySuggestion("FROM debian:12\r\nRUN apt-get install \\\r\n    curl\r\n")).toBe("FROM debian:12\r\nRUN apt-get install --no-install-recommends \\\r\n    curl\r\n");
  });
  it("offers nothing it cannot place exactly", () => {
    const result = lintText('FROM debian:12\nRUN ["sh", "-c", "echo \\"x\\" && apt-get install -y curl"]\n', {
      filePath: "Dockerfile",
      kind: "dockerfile",
      rules: [rule],
      config: { rules: { [rule.meta.id]: "error" } },
    });
    expect(result.messages).toHaveLength(1);
    expect(result.messages[0]?.suggestions).toBeUndefined();
  });
});
