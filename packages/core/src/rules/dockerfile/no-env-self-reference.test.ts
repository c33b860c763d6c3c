import { describe, it } from "vitest";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./no-env-self-reference.js";

createRuleTester({ describe, it }).run(rule, {
  valid: [
    'FROM alpine:3.20\nENV BLA="blubb"\nENV BLUBB="${BLA}/blubb"\n',
    { name: "partial name matches", code: 'FROM alpine:3.20\nENV BLA="blubb" BLUBB="${FOOBLA}/blubb" C="$BLAFOO/x" D="BLA/$BLAFOO/BLA"\n' },
    { name: "previously declared by ARG", code: "FROM alpine:3.20\nARG BLA\nENV BLA=${BLA}\n" },
    { name: "a variable on its own right-hand side", code: "FROM alpine:3.20\nENV PATH=/bla:${PATH}\nENV PATH=/blubb:${PATH}\n" },
    { name: "a later pair is not a surprise", code: "FROM alpine:3.20\nENV B=$A A=1\n" },
    { name: "single quotes are not expanded", code: "FROM alpine:3.20\nENV A=1 B='$A'\n" },
    { name: "an escaped dollar is not expanded", code: "FROM alpine:3.20\nENV A=1 B=\\$A\n" },
    { name: "re-setting a variable to its own value", code: "FROM alpine:3.20\nARG ZBX_VERSION=7.0\nENV ZBX_VERSION=$ZBX_VERSION GIT_BRANCH=release/${ZBX_VERSION}\n" },
    { name: "escape directive: backtick-escaped dollar", code: "# escape=`\nFROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nENV A=1 B=`$A\n" },
  ],
  invalid: [
    {
      name: "with braces",
      code: 'FROM alpine:3.20\nENV BLA="blubb" BLUBB="${BLA}/blubb"\n',
      errors: [
        {
          messageId: "sameInstruction",
          data: { reference: "${BLA}", key: "BLUBB", name: "BLA", previous: "the value BLA had before this ENV (empty unless the base image sets it)" },
          line: 2,
          column: 24,
          endColumn: 30,
          suggestions: ["Start a new ENV at BLUBB, so that it sees the new BLA"],
        },
      ],
    },
    {
      name: "without braces, among other references",
      code: 'ENV BLA="blubb" BLUBB="$BLA/$BLAFOO/blubb"\n',
      errors: [{ messageId: "sameInstruction", line: 1, column: 24, endColumn: 28 }],
    },
    {
      name: "a full match",
      code: 'ENV BLA="blubb" BLUBB="$BLA"\n',
      errors: [{ messageId: "sameInstruction", line: 1 }],
    },
    {
      name: "PATH twice in one ENV loses the first addition",
      code: "FROM alpine:3.20\nENV PATH=/bla:${PATH} PATH=/blubb:${PATH}\n",
      errors: [{ messageId: "sameInstruction", data: { reference: "${PATH}", key: "PATH", name: "PATH", previous: "the value PATH had before this ENV (empty unless the base image sets it)" }, line: 2, column: 35, endColumn: 42 }],
    },
    {
      name: "defined before: the earlier value is used, not the new one (hadolint does not report this)",
      code: "FROM alpine:3.20\nENV VERSION=1\nENV VERSION=2 URL=https://example.org/v$VERSION\n",
      errors: [{ messageId: "sameInstruction", data: { reference: "$VERSION", key: "URL", name: "VERSION", previous: "the value VERSION had before this ENV" }, line: 3, column: 40, endColumn: 48 }],
    },
    {
      name: "a default word is expanded too",
      code: "FROM alpine:3.20\nENV A=1 B=${C:-$A}\n",
      errors: [{ messageId: "sameInstruction", line: 2, column: 16, endColumn: 18 }],
    },
    {
      name: "continued ENV: no split suggestion across lines",
      code: "FROM alpine:3.20\nENV HOME_DIR=/srv \\\n    DATA_DIR=$HOME_DIR/data\n",
      errors: [{ messageId: "sameInstruction", line: 3, column: 14, endColumn: 23, suggestions: [] }],
    },
    {
      name: "ONBUILD ENV",
      code: "FROM alpine:3.20\nONBUILD ENV A=1 B=$A\n",
      errors: [{ messageId: "sameInstruction", data: { reference: "$A", key: "B", name: "A", previous: "the value A has in the child build before this ENV" }, line: 2, column: 19, endColumn: 21, suggestions: ["Start a new ENV at B, so that it sees the new A"] }],
    },
  ],
});
