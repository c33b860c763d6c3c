import { describe, it } from "vitest";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./consistent-instruction-casing.js";

createRuleTester({ describe, it }).run(rule, {
  valid: [
    "FROM scratch\nCOPY Dockerfile /foo\nCOPY Dockerfile /bar\n",
    { name: "all lower case", code: "from scratch\ncopy Dockerfile /foo\ncopy Dockerfile /bar\n" },
    { name: "heredoc body words are not keywords", code: "FROM alpine:3.20\nRUN <<'EOT'\nenv\nEOT\n" },
    { name: "unknown keywords are another rule's business", code: "FROM alpine:3.20\nBadCmd foo\n" },
    { name: "exec-form words are not keywords", code: 'FROM alpine:3.20\nCMD ["Run", "From"]\n' },
  ],
  invalid: [
    {
      name: "mixed case",
      code: "From scratch as base\nFROM scratch AS base2\n",
      errors: [{ messageId: "mixed", data: { keyword: "From", expected: "FROM", majority: "upper", actual: "mixed" }, line: 1, column: 1, endColumn: 5 }],
      output: "FROM scratch as base\nFROM scratch AS base2\n",
    },
    {
      name: "minority lower case",
      code: "FROM scratch\ncopy Dockerfile /foo\nCOPY Dockerfile /bar\n",
      errors: [{ messageId: "minority", data: { keyword: "copy", expected: "COPY", majority: "upper", actual: "lower" }, line: 2, column: 1, endColumn: 5 }],
      output: "FROM scratch\nCOPY Dockerfile /foo\nCOPY Dockerfile /bar\n",
    },
    {
      name: "minority upper case in a lower-case file",
      code: "from scratch\nCOPY Dockerfile /foo\ncopy Dockerfile /bar\n",
      errors: [{ messageId: "minority", data: { keyword: "COPY", expected: "copy", majority: "lower", actual: "upper" }, line: 2 }],
      output: "from scratch\ncopy Dockerfile /foo\ncopy Dockerfile /bar\n",
    },
    {
      name: "a tie goes to upper case",
      code: "from scratch\nCOPY a /b\n",
      errors: [{ messageId: "minority", data: { keyword: "from", expected: "FROM", majority: "upper", actual: "lower" }, line: 1 }],
      output: "FROM scratch\nCOPY a /b\n",
    },
    {
      name: "mixed-case keywords do not vote",
      code: "frOM scratch as base\nfrom scratch as base2\n",
      errors: [{ messageId: "mixed", data: { keyword: "frOM", expected: "from", majority: "lower", actual: "mixed" }, line: 1, column: 1, endColumn: 5 }],
      output: "from scratch as base\nfrom scratch as base2\n",
    },
    {
      name: "ONBUILD trigger keywords and global ARGs count",
      code: "arg VERSION=1\nFROM alpine:3.20\nONBUILD run make\nRUN make\n",
      errors: [
        { messageId: "minority", data: { keyword: "arg", expected: "ARG", majority: "upper", actual: "lower" }, line: 1, column: 1, endColumn: 4 },
        { messageId: "minority", data: { keyword: "run", expected: "RUN", majority: "upper", actual: "lower" }, line: 3, column: 9, endColumn: 12 },
      ],
      output: "ARG VERSION=1\nFROM alpine:3.20\nONBUILD RUN make\nRUN make\n",
    },
    {
      name: "escape directive and a continued instruction",
      code: "# escape=`\nFROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nRun echo a `\n    b\nCMD [\"cmd\"]\n",
      errors: [{ messageId: "mixed", line: 3, column: 1, endColumn: 4 }],
      output: "# escape=`\nFROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nRUN echo a `\n    b\nCMD [\"cmd\"]\n",
    },
  ],
});
