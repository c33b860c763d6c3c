import { describe, it } from "vitest";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./no-legacy-key-value.js";

createRuleTester({ describe, it }).run(rule, {
  valid: [
    "FROM scratch\nENV testkey=value\nLABEL key=value\n",
    { name: "several pairs, quoted values", code: 'FROM alpine:3.20\nENV A=1 B="two words" C=\'$x\'\nLABEL "com.example.vendor"="ACME Incorporated"\n' },
    { name: "ARG declaring two arguments on purpose", code: "FROM alpine:3.20\nARG TARGETOS TARGETARCH\n" },
    { name: "ARG with defaults", code: "ARG VERSION=1.2.3 VARIANT\nFROM alpine:3.20\n" },
    { name: "the per-instruction BuildKit skip comment", code: "FROM scratch\n# check=skip=LegacyKeyValueFormat\nENV testkey value\n" },
  ],
  invalid: [
    {
      name: "BuildKit's own case",
      code: "\nFROM scratch\nENV testkey value\nLABEL key value\n",
      errors: [
        { messageId: "legacy", data: { keyword: "ENV", key: "testkey", replacement: "testkey=value" }, line: 3, column: 5, endColumn: 12 },
        { messageId: "legacy", data: { keyword: "LABEL", key: "key", replacement: "key=value" }, line: 4, column: 7, endColumn: 10 },
      ],
      output: "\nFROM scratch\nENV testkey=value\nLABEL key=value\n",
    },
    {
      name: "the rest of the line is the value: blanks, quotes, escapes and variables keep their meaning",
      code: "FROM alpine:3.20\nENV GREETING hello \"big\"  world $HOME \\$x '$y' C:\\dir\n",
      errors: [{ messageId: "legacy", line: 2, column: 5, endColumn: 13 }],
      output: "FROM alpine:3.20\nENV GREETING=\"hello big  world $HOME \\$x \\$y C:dir\"\n",
    },
    {
      name: "a quoted value",
      code: 'FROM alpine:3.20\nLABEL description "A small image"\n',
      errors: [{ messageId: "legacy", data: { keyword: "LABEL", key: "description", replacement: 'description="A small image"' }, line: 2 }],
      output: 'FROM alpine:3.20\nLABEL description="A small image"\n',
    },
    {
      name: "a continued value keeps its continuation and dropped comment line",
      code: "FROM alpine:3.20\nENV DEPS \\\n    curl \\\n# no wget\n    git\n",
      errors: [{ messageId: "legacy", data: { keyword: "ENV", key: "DEPS", replacement: 'DEPS="curl git"' }, line: 2, column: 5, endColumn: 9 }],
      output: "FROM alpine:3.20\nENV DEPS=\"curl \\\n# no wget\n    git\"\n",
    },
    {
      name: "a line ending in an escaped escape ends the ENV, as BuildKit ends it (its testfiles/trailing-backslash)",
      code: "FROM alpine:3.20\nENV C trailing\\\\backslash\\\\\nENV D x\n",
      errors: [
        { messageId: "legacy", line: 2, column: 5, endColumn: 6 },
        { messageId: "legacy", line: 3, column: 5, endColumn: 6 },
      ],
      output: "FROM alpine:3.20\nENV C=\"trailing\\\\backslash\\\\\"\nENV D=x\n",
    },
    {
      name: "no value at all",
      code: "FROM alpine:3.20\nENV key\n",
      errors: [{ messageId: "missingValue", data: { keyword: "ENV", key: "key" }, line: 2, column: 5, endColumn: 8 }],
    },
    {
      name: "a pair without = after key=value pairs",
      code: "FROM alpine:3.20\nLABEL a=b other\n",
      errors: [{ messageId: "missingEquals", data: { keyword: "LABEL", key: "other" }, line: 2, column: 11, endColumn: 16 }],
    },
    {
      name: "ARG with a value that cannot be a name",
      code: "ARG VERSION 1.2.3\nFROM alpine:3.20\nARG URL https://example.org/x.tgz\n",
      errors: [
        { messageId: "argValue", data: { name: "VERSION", value: "1.2.3" }, line: 1, column: 13, endColumn: 18, suggestions: ["Make `1.2.3` the default: `ARG VERSION=1.2.3`"] },
        { messageId: "argValue", data: { name: "URL", value: "https://example.org/x.tgz" }, line: 3, column: 9, endColumn: 34, suggestions: ["Make `https://example.org/x.tgz` the default: `ARG URL=https://example.org/x.tgz`"] },
      ],
    },
    {
      name: "ONBUILD ENV, lower-case keywords",
      code: "from alpine:3.20\nonbuild env K v\n",
      errors: [{ messageId: "legacy", data: { keyword: "ENV", key: "K", replacement: "K=v" }, line: 2, column: 13, endColumn: 14 }],
      output: "from alpine:3.20\nonbuild env K=v\n",
    },
    {
      name: "escape directive: backtick escapes",
      code: '# escape=`\nFROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nENV APPDIR C:\\Program Files\\App "x"\n',
      errors: [{ messageId: "legacy", line: 3 }],
      output: '# escape=`\nFROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nENV APPDIR="C:\\Program Files\\App x"\n',
    },
  ],
});
