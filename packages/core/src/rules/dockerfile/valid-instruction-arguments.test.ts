import { describe, it } from "vitest";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./valid-instruction-arguments.js";

const F = "FROM alpine:3.23\n";

createRuleTester({ describe, it }).run(rule, {
  valid: [
    `${F}COPY --chown=10001 app /srv/\nADD ["a b", "/x/"]\nCOPY <<EOF /etc/motd\nhi\nEOF\n`,
    { name: "FROM with and without a stage name, any case of AS", code: "FROM alpine:3.23 as build\nFROM build AS final_1.x-y\nFROM --platform=$BUILDPLATFORM alpine:3.23\n" },
    { name: "one-argument instructions take the rest of the line", code: `${F}WORKDIR /opt/my app\nUSER app group\nSTOPSIGNAL SIGTERM\nMAINTAINER Jane Doe <jane@example.com>\n` },
    { name: "SHELL in JSON form", code: `${F}SHELL ["/bin/bash", "-o", "pipefail", "-c"]\n` },
    { name: "HEALTHCHECK forms", code: `${F}HEALTHCHECK --interval=30s CMD curl -f http://localhost/ || exit 1\nHEALTHCHECK NONE\nHEALTHCHECK cmd ["/app", "health"]\n` },
    { name: "RUN, CMD and ENTRYPOINT may be empty; ONBUILD triggers are the child's to parse", code: `${F}CMD\nENTRYPOINT\nONBUILD COPY foo\n` },
    { name: "names before =", code: `${F}ARG A=1 B\nENV A=1 B=2\nLABEL a=1\n` },
    { name: "ARG: an = inside quotes is part of the default, as BuildKit's parseWords splits", code: `${F}ARG X='a = c'\nARG X="a =c"\nARG X="a" Y="b = c"\n` },
    {
      name: "ARG: a quoted script over continued lines, escaped quotes and an = test in it (vscode-dev-containers build/patch)",
      code: `${F}ARG PATCH_SCRIPT="\\\n    echo \\"\\$PKG\\" \\\n    && if [ \\"\\$GOFIX\\" = '' ]; then exit 1; fi"\n`,
    },
    { name: "VOLUME lists", code: `${F}VOLUME ["/data", "/logs"]\nVOLUME /data /logs\n` },
    { name: "stop signals by name, with or without SIG, any case, by number, or from a variable", code: `${F}STOPSIGNAL SIGTERM\nSTOPSIGNAL quit\nSTOPSIGNAL 9\nSTOPSIGNAL SIGRTMIN+3\nARG SIG\nSTOPSIGNAL $SIG\nSTOPSIGNAL "SIGTERM"\n` },
  ],
  invalid: [
    {
      name: "each instruction that needs an argument, bare",
      code: `${F}COPY\nADD\nENV\nLABEL\nARG\nEXPOSE\nUSER\nWORKDIR\nVOLUME\nSTOPSIGNAL\nSHELL\nHEALTHCHECK\nMAINTAINER\n`,
      errors: ["COPY", "ADD", "ENV", "LABEL", "ARG", "EXPOSE", "USER", "WORKDIR", "VOLUME", "STOPSIGNAL", "SHELL", "HEALTHCHECK", "MAINTAINER"].map((keyword, i) => ({ messageId: "missing", line: i + 2, column: 1 })),
    },
    {
      name: "flags but no argument, and an empty JSON array",
      code: "FROM --platform=linux/amd64\nCOPY --from=build\nVOLUME []\n",
      errors: [
        { messageId: "missing", data: { keyword: "FROM", requirement: "requires either one or three arguments", flags: " but flags" }, line: 1, column: 1, endColumn: 28 },
        { messageId: "missing", data: { keyword: "COPY", requirement: "requires at least two arguments, but only one was provided. Destination could not be determined", flags: " but flags" }, line: 2 },
        { messageId: "missing", data: { keyword: "VOLUME", requirement: "requires at least one argument", flags: "" }, line: 3, column: 1, endColumn: 7 },
      ],
    },
    {
      name: "COPY and ADD without destination, a heredoc source included",
      code: `${F}COPY app.jar\nADD ["https://example.com/a.tgz"]\nCOPY <<EOF\nhello\nEOF\n`,
      errors: [
        { messageId: "noDestination", data: { keyword: "COPY", operand: "app.jar" }, line: 2, column: 6, endColumn: 13 },
        { messageId: "noDestination", data: { keyword: "ADD", operand: '"https://example.com/a.tgz"' }, line: 3 },
        { messageId: "noDestination", data: { keyword: "COPY", operand: "<<EOF" }, line: 4 },
      ],
    },
    {
      name: "a heredoc as destination",
      code: `${F}COPY config.txt <<EOF\nhello\nEOF\n`,
      errors: [{ messageId: "heredocDestination", data: { keyword: "COPY", operand: "<<EOF" }, line: 2, column: 17, endColumn: 22 }],
    },
    {
      name: "FROM of two or four words",
      code: "FROM alpine:3.23 base\nFROM alpine:3.23 AS\nFROM alpine:3.23 AS a b\n",
      errors: [
        { messageId: "fromArguments", data: { text: "alpine:3.23 base", count: 2 }, line: 1, column: 6, endColumn: 22 },
        { messageId: "fromArguments", data: { text: "alpine:3.23 AS", count: 2 }, line: 2 },
        { messageId: "fromArguments", data: { text: "alpine:3.23 AS a b", count: 4 }, line: 3 },
      ],
    },
    {
      name: "stage names BuildKit refuses",
      code: "FROM alpine:3.23 AS 1st\nFROM alpine:3.23 AS my/stage\nFROM alpine:3.23 AS ${NAME}\n",
      errors: [
        { messageId: "stageName", data: { name: "1st", suggestion: "st" }, line: 1, column: 21, endColumn: 24 },
        { messageId: "stageName", data: { name: "my/stage", suggestion: "my-stage" }, line: 2 },
        { messageId: "stageName", data: { name: "${NAME}", suggestion: "name-" }, line: 3 },
      ],
    },
    {
      name: "SHELL not in JSON form",
      code: `${F}SHELL /bin/bash -o pipefail -c\n`,
      errors: [{ messageId: "shellForm", data: { text: "/bin/bash -o pipefail -c", json: '"/bin/bash", "-o", "pipefail", "-c"' }, line: 2, column: 7, endColumn: 31 }],
    },
    {
      name: "HEALTHCHECK NONE with arguments, an unknown type, CMD without command",
      code: `${F}HEALTHCHECK NONE CMD true\nHEALTHCHECK curl -f http://localhost/\nHEALTHCHECK --interval=5s CMD\nHEALTHCHECK CMD []\n`,
      errors: [
        { messageId: "healthcheckNoneArguments", data: { rest: "CMD true" }, line: 2, column: 18, endColumn: 26 },
        { messageId: "healthcheckType", data: { word: "curl", upper: "CURL" }, line: 3, column: 13, endColumn: 17 },
        { messageId: "healthcheckCommand", line: 4 },
        { messageId: "healthcheckCommand", line: 5 },
      ],
    },
    {
      name: "an empty path in VOLUME's JSON list",
      code: `${F}VOLUME ["/data", " "]\nVOLUME [""]\n`,
      errors: [
        { messageId: "emptyVolume", data: { written: '" "' }, line: 2, column: 18, endColumn: 21 },
        { messageId: "emptyVolume", data: { written: '""' }, line: 3 },
      ],
    },
    {
      name: "stop signals the build does not know",
      code: `${F}STOPSIGNAL SIGTERM SIGKILL\nSTOPSIGNAL SIGGRACEFUL\nSTOPSIGNAL 0\n`,
      errors: [
        { messageId: "stopSignal", data: { value: "SIGTERM SIGKILL" }, line: 2, column: 12, endColumn: 27 },
        { messageId: "stopSignal", data: { value: "SIGGRACEFUL" }, line: 3 },
        { messageId: "stopSignal", data: { value: "0" }, line: 4 },
      ],
    },
    {
      name: "a variable without a name",
      code: `${F}ENV =x\nARG A=1 =2\nLABEL =x\n`,
      errors: [
        { messageId: "blankName", data: { written: "=x", keyword: "ENV" }, line: 2, column: 5, endColumn: 7 },
        { messageId: "blankName", data: { written: "=2", keyword: "ARG" }, line: 3, column: 9 },
        { messageId: "blankName", data: { written: "=x", keyword: "LABEL" }, line: 4 },
      ],
    },
    {
      name: "ARG: an unquoted = after a blank starts a nameless word; a quoted default does not hide it",
      code: `${F}ARG =x\nARG A =b\nARG A="x" ="y z"\n`,
      errors: [
        { messageId: "blankName", data: { written: "=x", keyword: "ARG" }, line: 2, column: 5, endColumn: 7 },
        { messageId: "blankName", data: { written: "=b", keyword: "ARG" }, line: 3, column: 7, endColumn: 9 },
        { messageId: "blankName", data: { written: '="y z"', keyword: "ARG" }, line: 4, column: 11, endColumn: 17 },
      ],
    },
  ],
});
