import { describe, expect, it } from "vitest";
import { lintText } from "../../linter.js";
import { createRuleTester } from "../../testing/rule-tester.js";
import { dockerfileRules } from "./index.js";
import rule from "./no-inline-suppressions.js";

createRuleTester({ describe, it }).run(rule, {
  valid: [
    "FROM debian:12\nRUN foo bar\n",
    { name: "a shell pragma is not a suppression", code: "# hadolint shell=powershell\nRUN foo bar\n" },
    { name: "a shell pragma with a comment", code: "# hadolint shell=powershell # foobar\nFROM ubuntu\n" },
    { name: "an ordinary comment", code: "# foobar\nRUN foo bar\n" },
    { name: "a check directive that skips nothing", code: "# check=error=true\nFROM alpine:3.20\n" },
    { name: "docklint-enable closes, suppresses nothing", code: "FROM alpine:3.20\n# docklint-enable\n" },
    { name: "a suppression inside a heredoc body is script text", code: "FROM alpine:3.20\nRUN <<EOF\n# hadolint ignore=DL3008\necho hi\nEOF\n" },
    { name: "allowed syntaxes", code: "FROM alpine:3.20\n# hadolint ignore=DL3008\n#checkov:skip=CKV_DOCKER_2: no healthcheck in batch jobs\nRUN true\n", options: { allow: ["hadolint", "checkov"] } },
    {
      name: "allowWithReason",
      code: "FROM alpine:3.20\n# docklint-disable-next-line no-inline-suppressions -- a reviewed exception\n# hadolint ignore=DL3008 # pinned by snapshot\nRUN apt-get install -y curl\n",
      options: { allowWithReason: true },
    },
  ],
  invalid: [
    {
      name: "hadolint inline ignore",
      code: "# hadolint ignore=DL3003\nRUN foo bar\n",
      errors: [{ messageId: "hadolintLine", data: { comment: "hadolint ignore=DL3003" }, line: 1, column: 1, endColumn: 25 }],
    },
    {
      name: "hadolint global and stage ignore",
      code: "# hadolint global ignore=DL3008\nFROM alpine:3.20\n# hadolint stage ignore=DL3018\nFROM alpine:3.20 AS b\n",
      errors: [
        { messageId: "hadolintBlock", data: { comment: "hadolint global ignore=DL3008", scope: "the whole file" }, line: 1 },
        { messageId: "hadolintBlock", data: { comment: "hadolint stage ignore=DL3018", scope: "the stage that follows" }, line: 3 },
      ],
    },
    {
      name: "docklint next-line comment",
      code: "FROM alpine:3.20\n  # docklint-disable-next-line no-inline-suppressions\nRUN true\n",
      errors: [{ messageId: "docklintLine", data: { comment: "docklint-disable-next-line no-inline-suppressions" }, line: 2, column: 3, endColumn: 54 }],
    },
    {
      name: "a reason does not help by default",
      code: "FROM alpine:3.20\n# docklint-disable-next-line no-inline-suppressions -- runs gosu\nRUN true\n",
      errors: [{ messageId: "docklintLine", line: 2 }],
    },
    {
      name: "allowWithReason: one without a reason",
      code: "FROM alpine:3.20\n# hadolint ignore=DL3008\nRUN true\n#checkov:skip=CKV_DOCKER_2\n",
      options: { allowWithReason: true },
      errors: [
        { messageId: "hadolintLine", line: 2 },
        { messageId: "checkovSkip", data: { comment: "checkov:skip=CKV_DOCKER_2" }, line: 4, column: 1, endColumn: 27 },
      ],
    },
    {
      name: "BuildKit check directive and comment",
      code: "# syntax=docker/dockerfile:1\n# check=skip=SecretsUsedInArgOrEnv\nFROM alpine:3.20\n# check=skip=JSONArgsRecommended\nCMD echo hi\n",
      errors: [
        { messageId: "buildkitSkip", data: { comment: "check=skip=SecretsUsedInArgOrEnv", scope: "the whole file" }, line: 2, column: 1, endColumn: 35 },
        { messageId: "buildkitSkip", data: { comment: "check=skip=JSONArgsRecommended", scope: "the next instruction" }, line: 4 },
      ],
    },
    {
      name: "inside a continued instruction, escape directive",
      code: "# escape=`\nFROM alpine:3.20\nRUN echo a `\n# hadolint ignore=SC2086\n    && echo b\n",
      errors: [{ messageId: "hadolintLine", line: 4 }],
    },
    {
      name: "allow one syntax, not the others",
      code: "FROM alpine:3.20\n# hadolint ignore=DL3008\n#checkov:skip=CKV_DOCKER_3\n",
      options: { allow: ["hadolint"] },
      errors: [{ messageId: "checkovSkip", line: 3 }],
    },
  ],
});

/**
 * docklint's block and file comments name other rules; the table above loads this rule alone, so
 * they are checked here with every built-in rule known to the engine (and only this one on).
 */
describe("no-inline-suppressions with the other rules known", () => {
  const lint = (code: string) =>
    lintText(code, { filePath: "Dockerfile", kind: "dockerfile", rules: dockerfileRules, config: { rules: { "no-inline-suppressions": "error" } } }).messages.map(
      (m) => [m.ruleId, m.messageId, m.line, m.column, m.endColumn],
    );
  it("reports docklint-disable blocks and docklint-disable-file naming rules", () => {
    expect(lint("# docklint-disable-file require-pinned-image\nFROM alpine\n  # docklint-disable no-sudo\nRUN sudo true\n# docklint-enable no-sudo\n")).toEqual([
      ["no-inline-suppressions", "docklintBlock", 1, 1, 45],
      ["no-inline-suppressions", "docklintBlock", 3, 3, 29],
    ]);
  });
  it("reports the block's scope", () => {
    const [message] = lintText("FROM alpine\n# docklint-disable no-sudo\n", {
      filePath: "Dockerfile",
      kind: "dockerfile",
      rules: dockerfileRules,
      config: { rules: { "no-inline-suppressions": "error" } },
    }).messages;
    expect(message?.message).toContain("everything up to the matching `docklint-enable` (or the end of the file)");
  });
});
