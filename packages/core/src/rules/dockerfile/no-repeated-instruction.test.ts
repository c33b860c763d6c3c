import assert from "node:assert/strict";
import { describe, it } from "vitest";
import { applySuggestion as applyRuleSuggestion, createRuleTester } from "../../testing/rule-tester.js";
import rule from "./no-repeated-instruction.js";

createRuleTester({ describe, it }).run(rule, {
  valid: [
    "FROM scratch\nHEALTHCHECK CMD /bin/bla\n",
    { name: "one of each in a stage", code: 'FROM scratch\nENTRYPOINT ["/myapp"]\nCMD ["--help"]\nHEALTHCHECK CMD ["/myapp", "health"]\n' },
    { name: "one per stage", code: "FROM debian:12 as distro1\nCMD bash\nRUN foo\nFROM debian:12 as distro2\nCMD another\n" },
    {
      name: "a stage built on another overrides its settings (BuildKit)",
      code: 'FROM scratch AS a\nENTRYPOINT ["/myapp"]\nCMD ["/myapp"]\nHEALTHCHECK CMD ["/myapp"]\nFROM a AS b\nENTRYPOINT ["/other"]\nCMD ["/other"]\nHEALTHCHECK CMD ["/other"]\n',
    },
    { name: "an ONBUILD CMD next to a CMD", code: 'FROM alpine:3.20\nCMD ["sh"]\nONBUILD CMD ["app"]\n' },
    { name: "before the first FROM (require-from-first's finding)", code: "CMD a\nFROM alpine:3.20\nCMD b\n" },
  ],
  invalid: [
    {
      name: "the earlier (ignored) CMD is reported",
      code: "FROM debian:12\nCMD bash\nRUN foo\nCMD another\n",
      errors: [{ messageId: "cmd", data: { instruction: "CMD bash", line: 4 }, line: 2, column: 1, endColumn: 4, suggestions: ["Delete the CMD on line 2"] }],
    },
    {
      name: "ENTRYPOINT",
      code: "FROM debian:12\nENTRYPOINT bash\nRUN foo\nENTRYPOINT another\n",
      errors: [{ messageId: "entrypoint", data: { instruction: "ENTRYPOINT bash", line: 4 }, line: 2, column: 1, endColumn: 11 }],
    },
    {
      name: "HEALTHCHECK, NONE last",
      code: "FROM scratch\nHEALTHCHECK CMD /bin/bla1\nHEALTHCHECK NONE\n",
      errors: [{ messageId: "healthcheck", data: { instruction: "HEALTHCHECK CMD /bin/bla1", line: 3 }, line: 2, column: 1, endColumn: 12 }],
    },
    {
      name: "all three, the ignored ones (BuildKit lines 3, 5, 7)",
      code: '\nFROM scratch\nENTRYPOINT ["/myapp"]\nENTRYPOINT ["/myotherapp"]\nCMD ["/myapp"]\nCMD ["/myotherapp"]\nHEALTHCHECK CMD ["/myapp"]\nHEALTHCHECK CMD ["/myotherapp"]\n',
      errors: [
        { messageId: "entrypoint", line: 3 },
        { messageId: "cmd", line: 5 },
        { messageId: "healthcheck", line: 7 },
      ],
    },
    {
      name: "across a heredoc COPY",
      code: '\nFROM scratch\nENTRYPOINT ["/myapp"]\nCMD ["/myapp"]\nHEALTHCHECK CMD ["/myapp"]\nCOPY <<EOF /a.txt\nHello, World!\nEOF\nENTRYPOINT ["/myotherapp"]\nCMD ["/myotherapp"]\nHEALTHCHECK CMD ["/myotherapp"]\n',
      errors: [
        { messageId: "entrypoint", line: 3 },
        { messageId: "cmd", line: 4 },
        { messageId: "healthcheck", line: 5 },
      ],
    },
    {
      name: "three CMDs: the first two",
      code: "FROM alpine:3.20\nCMD a\nCMD b\nCMD c\n",
      errors: [
        { messageId: "cmd", data: { instruction: "CMD a", line: 4 }, line: 2 },
        { messageId: "cmd", data: { instruction: "CMD b", line: 4 }, line: 3 },
      ],
    },
    {
      name: "only the stage with two",
      code: "FROM golang:1.7.3\nUSER mike\nCMD ./app\nCMD ./apps\nFROM alpine:3.13\nCMD ./app\n",
      errors: [{ messageId: "cmd", line: 3 }],
    },
    {
      name: "a build stage counts too",
      code: 'FROM golang:1.16 AS builder\nCMD ["./app"]\nCMD ["./apps"]\nFROM alpine:3.20\nCMD ["./app"]\n',
      errors: [{ messageId: "cmd", line: 2 }],
    },
    {
      name: "ONBUILD triggers replace each other in the child",
      code: "FROM alpine:3.20\nONBUILD CMD one\nONBUILD CMD two\n",
      errors: [{ messageId: "onbuild", data: { instruction: "CMD one", keyword: "CMD", line: 3 }, line: 2, column: 9, endColumn: 12, suggestions: ["Delete the ONBUILD CMD on line 2"] }],
    },
    {
      name: "lower-case keywords, continued lines and a long command",
      code: "from alpine:3.20\ncmd echo this is a very long command that goes on \\\n  and on and on\ncmd [\"sh\"]\n",
      errors: [{ messageId: "cmd", data: { instruction: "CMD echo this is a very long command that g…", line: 4 }, line: 2, column: 1, endColumn: 4 }],
    },
    {
      name: "escape directive",
      code: "# escape=`\nFROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nCMD dir `\n  C:\\\nCMD [\"cmd\"]\n",
      errors: [{ messageId: "cmd", line: 3 }],
    },
  ],
});

const applySuggestion = (code: string, index = 0): string => applyRuleSuggestion(rule, code, { finding: index });

describe("no-repeated-instruction suggestions", () => {
  it("deletes the whole ignored instruction, continued lines included", () => {
    assert.equal(applySuggestion("FROM alpine:3.20\nCMD echo a \\\n  b\nCMD c\n"), "FROM alpine:3.20\nCMD c\n");
  });
  it("deletes the whole ONBUILD line", () => {
    assert.equal(applySuggestion("FROM alpine:3.20\n  ONBUILD CMD one\r\nONBUILD CMD two\r\n"), "FROM alpine:3.20\nONBUILD CMD two\r\n");
  });
});
