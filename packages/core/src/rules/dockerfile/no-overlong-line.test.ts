import assert from "node:assert/strict";
import { describe, it } from "vitest";
import { lintText } from "../../linter.js";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./no-overlong-line.js";

const LIMIT = 65_535;
/** A LABEL line of `bytes` bytes. */
const labelLine = (bytes: number): string => `LABEL data=${"a".repeat(bytes - "LABEL data=".length)}`;

createRuleTester({ describe, it }).run(rule, {
  valid: [
    "FROM alpine:3.23\nLABEL a=b\n",
    { name: "a line of exactly 65,535 bytes", code: `FROM alpine:3.23\n${labelLine(LIMIT)}\n` },
    { name: "as many bytes, split by a continuation", code: `FROM alpine:3.23\nLABEL data=${"a".repeat(40_000)}\\\n${"a".repeat(40_000)}\n` },
    { name: "21,842 characters of three bytes each: 65,534 bytes", code: `FROM alpine:3.23\nLABEL d=${"€".repeat(21_842)}\n` },
  ],
  invalid: [
    {
      name: "a line of 65,536 bytes (BuildKit's own test: a 64 KiB label)",
      code: `FROM alpine:3.23\n${labelLine(LIMIT + 1)}\nUSER 10001\n`,
      errors: [{ messageId: "overlong", data: { line: 2, bytes: LIMIT + 1 }, line: 2, column: 1, endColumn: 1 }],
    },
    {
      name: "its bytes in UTF-8, not its characters",
      code: `FROM alpine:3.23\nLABEL d=${"€".repeat(21_846)}\n`,
      errors: [{ messageId: "overlong", data: { line: 2, bytes: 8 + 3 * 21_846 }, line: 2 }],
    },
    {
      name: "a lone CR does not end a line for BuildKit",
      code: `FROM alpine:3.23\n# ${"a".repeat(40_000)}\r${"b".repeat(40_000)}\n`,
      errors: [{ messageId: "overlong", data: { line: 2, bytes: 80_003 }, line: 2 }],
    },
    {
      name: "a CR before the LF counts, and a heredoc body line too",
      code: `FROM alpine:3.23\r\nRUN <<EOF\r\n${"a".repeat(LIMIT)}\r\nEOF\r\n`,
      errors: [{ messageId: "overlong", data: { line: 3, bytes: LIMIT + 1 }, line: 3 }],
    },
    {
      name: "a surrogate pair is four bytes, the last line needs no line break",
      code: `FROM alpine:3.23\n# ${"😀".repeat(16_384)}`,
      errors: [{ messageId: "overlong", data: { line: 2, bytes: 2 + 4 * 16_384 }, line: 2 }],
    },
  ],
});

describe("no-overlong-line", () => {
  it("is in recommended, and a 1 MB line is one finding", () => {
    const code = `FROM alpine:3.23\nRUN echo ${"x".repeat(1 << 20)} > /data\n`;
    const messages = lintText(code, { kind: "dockerfile", config: { extends: ["recommended"] } }).messages.filter((m) => m.ruleId === "no-overlong-line");
    assert.deepEqual(
      messages.map((m) => [m.line, m.column]),
      [[2, 1]],
    );
  });
});
