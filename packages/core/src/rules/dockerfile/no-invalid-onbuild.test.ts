import assert from "node:assert/strict";
import { describe, it } from "vitest";
import { lintText } from "../../linter.js";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./no-invalid-onbuild.js";

createRuleTester({ describe, it }).run(rule, {
  valid: [
    "FROM debian:12\nONBUILD ADD anything anywhere\n",
    { name: "every allowed trigger", code: 'FROM debian:12\nONBUILD USER app\nONBUILD LABEL a="b"\nONBUILD RUN make\nONBUILD COPY . /src\nONBUILD CMD ["app"]\nONBUILD HEALTHCHECK NONE\nONBUILD ARG X\n' },
    { name: "FROM and MAINTAINER outside ONBUILD", code: 'FROM debian:buster\nMAINTAINER "Some Guy"\n' },
    { name: "a heredoc trigger", code: "FROM debian:12\nONBUILD RUN <<EOF\nmake\nEOF\n" },
  ],
  invalid: [
    {
      name: "ONBUILD ONBUILD",
      code: "ONBUILD ONBUILD RUN anything\n",
      errors: [{ messageId: "chained", data: { inner: "RUN anything" }, line: 1, column: 9, endColumn: 16, suggestions: ["Remove the second ONBUILD (the trigger then runs in child images)"] }],
    },
    {
      name: "ONBUILD FROM",
      code: "FROM alpine:3.20\nONBUILD FROM debian:buster\n",
      errors: [{ messageId: "from", line: 2, column: 9, endColumn: 13 }],
    },
    {
      name: "ONBUILD MAINTAINER",
      code: 'FROM alpine:3.20\nONBUILD MAINTAINER "BoJack Horseman"\n',
      errors: [{ messageId: "maintainer", line: 2, column: 9, endColumn: 19 }],
    },
    {
      name: "lower case and a continued line",
      code: "FROM alpine:3.20\nonbuild \\\n  from debian:12\n",
      errors: [{ messageId: "from", line: 3, column: 3, endColumn: 7 }],
    },
    {
      name: "a bare ONBUILD",
      code: "FROM alpine:3.20\nONBUILD\nRUN true\n",
      errors: [{ messageId: "empty", line: 2, column: 1, endColumn: 8 }],
    },
    {
      name: "escape directive",
      code: "# escape=`\nFROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nONBUILD `\n  ONBUILD RUN dir C:\\\n",
      errors: [{ messageId: "chained", data: { inner: "RUN dir C:\\" }, line: 4, column: 3, endColumn: 10 }],
    },
  ],
});

describe("no-invalid-onbuild suggestions", () => {
  it("drops the second ONBUILD", () => {
    const code = "FROM alpine:3.20\nONBUILD ONBUILD RUN make\n";
    const result = lintText(code, { filePath: "Dockerfile", kind: "dockerfile", rules: [rule], config: { rules: { [rule.meta.id]: "error" } } });
    const fix = result.messages[0]?.suggestions?.[0]?.fix;
    assert.ok(fix);
    assert.equal(code.slice(0, fix.range[0]) + fix.text + code.slice(fix.range[1]), "FROM alpine:3.20\nONBUILD RUN make\n");
  });
});
