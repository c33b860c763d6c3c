import assert from "node:assert/strict";
import { describe, it } from "vitest";
import { lintText } from "../../linter.js";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./no-unterminated-heredoc.js";

const swallowed = ", and every line below it is read as its body";

createRuleTester({ describe, it }).run(rule, {
  valid: [
    "FROM alpine:3.23\nRUN <<EOF\napk add --no-cache curl\nEOF\nUSER 10001\n",
    { name: "a quoted delimiter", code: "FROM alpine:3.23\nRUN <<'EOF'\necho $HOME\nEOF\n" },
    { name: "<<- closes on a line of tabs and the name", code: "FROM alpine:3.23\nRUN <<-EOF\n\techo hi\n\t\tEOF\n" },
    { name: "two heredocs, both closed", code: "FROM alpine:3.23\nCOPY <<A <<B /etc/\na\nA\nb\nB\n" },
    { name: "CRLF line ends", code: "FROM alpine:3.23\r\nRUN <<EOF\r\necho hi\r\nEOF\r\n" },
    { name: "a here-string is no heredoc", code: 'FROM alpine:3.23\nRUN cat <<<"hello"\n' },
    { name: "exec form has no heredocs", code: 'FROM alpine:3.23\nRUN ["cat", "<<EOF"]\n' },
    { name: "a shift in arithmetic", code: "FROM alpine:3.23\nRUN echo $((1<<4))\n" },
    { name: "a quoted << is text", code: 'FROM alpine:3.23\nRUN echo "<<EOF"\n' },
    { name: "other instructions do not read heredocs", code: "FROM alpine:3.23\nLABEL note=<<EOF\n" },
    { name: "an ONBUILD trigger, closed", code: "FROM alpine:3.23\nONBUILD RUN <<EOF\nmake\nEOF\n" },
    { name: "a body line that ends in the escape character continues nothing", code: "FROM alpine:3.23\nRUN <<EOF\necho hi \\\nEOF\nUSER 10001\n" },
    {
      // BuildKit ends the line at an escaped escape character; the model continues it, as dockerfile-ast does, and sees a second `<<"Q"`.
      name: "a << after a line that ends in an escaped escape character is body text to BuildKit",
      code: 'FROM alpine:3.23\nADD <<"Q" C:\\dir\\\\\nbody <<"Q" line\n  x\nQ\n',
    },
  ],
  invalid: [
    {
      name: "no delimiter line: the rest of the file is the body",
      code: "FROM alpine:3.23\nRUN <<EOF\napk add --no-cache curl\nUSER 10001\n",
      errors: [{ messageId: "unterminated", data: { opener: "<<EOF", name: "EOF", tabs: "", swallowed }, line: 2, column: 5, endColumn: 10 }],
    },
    {
      name: "an opener on the last line",
      code: "FROM alpine:3.23\nRUN cat <<EOF > /etc/motd",
      errors: [{ messageId: "unterminated", data: { opener: "<<EOF", name: "EOF", tabs: "", swallowed: "" }, line: 2, column: 9, endColumn: 14 }],
    },
    {
      name: "an indented delimiter does not close <<",
      code: "FROM alpine:3.23\nRUN <<EOF\n  apk add curl\n  EOF\nUSER 10001\n",
      errors: [
        {
          messageId: "nearMiss",
          data: { opener: "<<EOF", name: "EOF", tabs: "", line: 4, written: "  EOF" },
          line: 2,
          column: 5,
          endColumn: 10,
          suggestions: ["Make line 4 exactly `EOF`"],
        },
      ],
    },
    {
      name: "a blank after the delimiter, CRLF kept",
      code: "FROM alpine:3.23\r\nRUN <<EOF\r\necho hi\r\nEOF \r\n",
      errors: [
        {
          messageId: "nearMiss",
          data: { opener: "<<EOF", name: "EOF", tabs: "", line: 4, written: "EOF " },
          line: 2,
          suggestions: ["Make line 4 exactly `EOF`"],
        },
      ],
    },
    {
      name: "<<- strips tabs, not spaces",
      code: "FROM alpine:3.23\nRUN <<-EOF\n\techo hi\n    EOF\n",
      errors: [{ messageId: "nearMiss", data: { opener: "<<-EOF", name: "EOF", tabs: " (after leading tabs)", line: 4, written: "    EOF" }, line: 2 }],
    },
    {
      name: "the second of two heredocs; a near miss inside the first body does not count",
      code: "FROM alpine:3.23\nCOPY <<A <<B /etc/\na\n B\nA\nb\n",
      errors: [{ messageId: "unterminated", data: { opener: "<<B", name: "B", tabs: "", swallowed }, line: 2, column: 10, endColumn: 13 }],
    },
    {
      name: "a quoted name",
      code: "FROM alpine:3.23\nCOPY <<\"END\" /app/config\nkey=value\n",
      errors: [{ messageId: "unterminated", data: { opener: '<<"END"', name: "END", tabs: "", swallowed }, line: 2, column: 6, endColumn: 13 }],
    },
    {
      name: "an ONBUILD trigger",
      code: "FROM alpine:3.23\nONBUILD RUN <<EOF\nmake\n",
      errors: [{ messageId: "unterminated", line: 2, column: 13, endColumn: 18 }],
    },
    {
      name: "an opener on a continued line, past a comment line",
      code: "FROM alpine:3.23\nRUN \\\n# install\n  cat <<EOF > /etc/motd\nhello\n",
      errors: [{ messageId: "unterminated", line: 4, column: 7, endColumn: 12 }],
    },
    {
      name: "the escape directive's escape character",
      code: "# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN `\n  type <<EOF\nhello\n",
      errors: [{ messageId: "unterminated", line: 4, column: 8, endColumn: 13 }],
    },
  ],
});

describe("no-unterminated-heredoc", () => {
  it.each([
    ["an indented delimiter", "FROM alpine:3.23\nRUN <<EOF\n  apk add curl\n  EOF\nUSER 10001\n", "FROM alpine:3.23\nRUN <<EOF\n  apk add curl\nEOF\nUSER 10001\n"],
    ["a blank after it, CRLF kept", "FROM alpine:3.23\r\nRUN <<EOF\r\necho hi\r\nEOF \r\n", "FROM alpine:3.23\r\nRUN <<EOF\r\necho hi\r\nEOF\r\n"],
  ])("suggests making the near miss the delimiter line: %s, after which the heredoc is closed", (_name, code, expected) => {
    const lint = (text: string) => lintText(text, { kind: "dockerfile", config: { rules: { "no-unterminated-heredoc": "error" } } }).messages;
    const fix = lint(code)[0]?.suggestions?.[0]?.fix;
    assert.ok(fix);
    const fixed = code.slice(0, fix.range[0]) + fix.text + code.slice(fix.range[1]);
    assert.equal(fixed, expected);
    assert.deepEqual(lint(fixed), []);
  });

  it("is in recommended, and the other rules read the swallowed lines as the heredoc's body", () => {
    const code = "FROM alpine:3.23\nRUN <<EOF\napk add curl\nUSER 10001\n";
    const ruleIds = lintText(code, { kind: "dockerfile", config: { extends: ["recommended"] } }).messages.map((m) => m.ruleId);
    assert.ok(ruleIds.includes("no-unterminated-heredoc"));
    // `USER 10001` is a line of the body, so the shell would run it: the finding that explains itself by this one.
    assert.ok(ruleIds.includes("no-instruction-in-run"));
  });

  // As the pathological suite bounds its shapes: a linear reading takes well under a second here,
  // one that searches the words again for each heredoc (the first version) about a minute.
  it("reads one instruction of 200,000 unclosed heredocs within the pathological suite's bound (one walk over the words and the bodies)", () => {
    const code = `FROM alpine:3.23\nRUN cat ${Array.from({ length: 200_000 }, (_, i) => `<<E${i}`).join(" ")}\n${"body line\n".repeat(200_000)}`;
    const messages = lintText(code, { kind: "dockerfile", config: { rules: { "no-unterminated-heredoc": "error" } } }).messages;
    assert.deepEqual(
      messages.map((m) => [m.ruleId, m.line]),
      [["no-unterminated-heredoc", 2]],
    );
  }, 30_000);
});
