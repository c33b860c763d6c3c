import { describe, expect, it } from "vitest";
import { applySuggestion, createRuleTester } from "../../testing/rule-tester.js";
import rule from "./no-legacy-key-value.js";

createRuleTester({ describe, it }).run(rule, {
  valid: [
    "FROM scratch\nENV testkey=value\nLABEL key=value\n",
    { name: "several pairs, quoted values", code: 'FROM alpine:3.20\nENV A=1 B="two words" C=\'$x\'\nLABEL "com.example.vendor"="ACME Incorporated"\n' },
    { name: "ARG declaring two arguments on purpose", code: "FROM alpine:3.20\nARG TARGETOS TARGETARCH\n" },
    { name: "ARG with defaults", code: "ARG VERSION=1.2.3 VARIANT\nFROM alpine:3.20\n" },
    { name: "the per-instruction BuildKit skip comment", code: "FROM scratch\n# check=skip=LegacyKeyValueFormat\nENV testkey value\n" },
    {
      name: "a # inside a value or a quoted word, a comment line inside a continued ARG, and a #-word that has its = are no comment words that fail",
      code: "FROM alpine:3.20\nARG COLOR=#fff LABEL_TEXT=\"a # b\"\nARG A \\\n# a real comment line, dropped by the parser\n    B\nENV C=1 #D=2\n",
    },
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
    {
      name: "a # after an ARG's name is no comment: one finding naming every word it declares (jenkinsci/docker-agent windows/windowsservercore/Dockerfile:26)",
      code: "# escape=`\nARG WINDOWS_VERSION_TAG=ltsc2019\nARG TOOLS_WINDOWS_VERSION # Empty (only used on nanoserver)\nFROM mcr.microsoft.com/windows/servercore:ltsc2019\n",
      errors: [
        {
          messageId: "argComment",
          data: { text: "TOOLS_WINDOWS_VERSION # Empty (only used on nanoserver)", hash: "#", words: "`#`, `Empty`, `(only`, `used`, `on`, `nanoserver)`" },
          message:
            "`#` starts no comment inside an instruction, so `ARG TOOLS_WINDOWS_VERSION # Empty (only used on nanoserver)` declares every word from `#` on as a build argument (`#`, `Empty`, `(only`, `used`, `on`, `nanoserver)`); move the comment to its own line above the ARG.",
          line: 3,
          column: 27,
          endColumn: 60,
          suggestions: ["Move the comment to its own line above the ARG"],
        },
      ],
    },
    {
      name: "ARG: a genuine `name value` before the comment keeps its own finding; a #word, a default after #, many words, a trigger, nothing before #",
      code: "ARG VERSION 1.2.3 # the version\nFROM alpine:3.20\nARG C=1 #note\nARG E=1 # a=b c d e f g h i j k\n  ONBUILD ARG D # x\nARG # only a comment\n",
      errors: [
        { messageId: "argValue", data: { name: "VERSION", value: "1.2.3" }, line: 1, column: 13, endColumn: 18, suggestions: ["Make `1.2.3` the default: `ARG VERSION=1.2.3`"] },
        { messageId: "argComment", data: { text: "VERSION 1.2.3 # the version", hash: "#", words: "`#`, `the`, `version`" }, line: 1, column: 19, endColumn: 32 },
        { messageId: "argComment", data: { text: "C=1 #note", hash: "#note", words: "`#note`" }, line: 3, column: 9, endColumn: 14 },
        { messageId: "argComment", data: { text: "E=1 # a=b c d e f g h i j k", hash: "#", words: "`#`, `a`, `c`, `d`, `e`, `f`, `g`, `h`, … 11 in all" }, line: 4 },
        { messageId: "argComment", data: { text: "D # x", hash: "#", words: "`#`, `x`" }, line: 5, column: 17, suggestions: ["Move the comment to its own line above the ARG"] },
        { messageId: "argComment", data: { text: "# only a comment", hash: "#", words: "`#`, `only`, `a`, `comment`" }, line: 6, suggestions: [] },
      ],
    },
    {
      name: "ARG: no suggestion when the ARG spans lines or the moved comment would read as a parser directive",
      code: "FROM alpine:3.20\nARG A # first \\\n    B\nARG C # syntax=docker/dockerfile:1\n",
      errors: [
        { messageId: "argComment", data: { text: "A # first B", hash: "#", words: "`#`, `first`, `B`" }, line: 2, suggestions: [] },
        { messageId: "argComment", data: { text: "C # syntax=docker/dockerfile:1", hash: "#", words: "`#`, `syntax`" }, line: 4, suggestions: [] },
      ],
    },
    {
      name: "ENV and LABEL: one finding for the words from # on instead of one per word; a genuine word without = before it keeps its own",
      code: "FROM alpine:3.20\nENV A=1 # set A\nLABEL a=b other # note\n",
      errors: [
        {
          messageId: "pairComment",
          data: { keyword: "ENV", text: "A=1 # set A", hash: "#", key: "#" },
          message:
            "`#` starts no comment inside an instruction, so `ENV A=1 # set A` reads every word from `#` on as another `key=value` pair, and the build fails (\"can't find = in #\"); move the comment to its own line above the ENV.",
          line: 2,
          column: 9,
          endColumn: 16,
          suggestions: ["Move the comment to its own line above the ENV"],
        },
        { messageId: "missingEquals", data: { keyword: "LABEL", key: "other" }, line: 3, column: 11, endColumn: 16 },
        { messageId: "pairComment", data: { keyword: "LABEL", text: "a=b other # note", hash: "#", key: "#" }, line: 3, column: 17, endColumn: 23 },
      ],
    },
    {
      name: "ENV: the first word without = is named when the #-word has one",
      code: "FROM alpine:3.20\nENV A=1 #B=2 comment\n",
      errors: [{ messageId: "pairComment", data: { keyword: "ENV", text: "A=1 #B=2 comment", hash: "#B", key: "comment" }, line: 2, column: 9 }],
    },
  ],
});

describe("no-legacy-key-value: moving a # comment above the instruction", () => {
  const move = (code: string): string => applySuggestion(rule, code, { findings: 1 });
  it("ARG keeps what comes before the comment, indented like the instruction", () => {
    expect(move("# escape=`\nARG TOOLS_WINDOWS_VERSION # Empty (only used on nanoserver)\nFROM scratch\n")).toBe(
      "# escape=`\n# Empty (only used on nanoserver)\nARG TOOLS_WINDOWS_VERSION\nFROM scratch\n",
    );
    expect(move("FROM alpine:3.20\n  ONBUILD ARG D=1   #  note  \n")).toBe("FROM alpine:3.20\n  #  note\n  ONBUILD ARG D=1\n");
  });
  it("ENV and LABEL, with CRLF line endings kept", () => {
    expect(move("FROM alpine:3.20\r\nENV A=1 B=2 # set A and B\r\n")).toBe("FROM alpine:3.20\r\n# set A and B\r\nENV A=1 B=2\r\n");
    expect(move("FROM alpine:3.20\nLABEL a=b # note\n")).toBe("FROM alpine:3.20\n# note\nLABEL a=b\n");
  });
});
