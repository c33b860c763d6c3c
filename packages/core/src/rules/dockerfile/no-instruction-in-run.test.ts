import { describe, it } from "vitest";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./no-instruction-in-run.js";

createRuleTester({ describe, it }).run(rule, {
  valid: [
    "FROM debian:12\nRUN ./test.sh \\\n&& apt-get update\n",
    { name: "keywords as quoted words or arguments", code: 'FROM postgres:16\nRUN psql -c "COPY t FROM stdin" && echo RUN COPY\n' },
    { name: "the env command", code: "FROM alpine:3.20\nRUN env | sort\n" },
    { name: "lower-case keywords in an upper-case file", code: "FROM alpine:3.20\nRUN ./run && copy a b\n" },
    { name: "a heredoc read by another program", code: "FROM alpine:3.20\nRUN cat <<EOF > /etc/motd\nRUN this is text\nEOF\n" },
    { name: "Windows shell: cmd's COPY is a command", code: '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["cmd", "/S", "/C"]\nRUN COPY a b\n' },
    { name: "an argument continued on its own line, not a keyword", code: "FROM alpine:3.20\nRUN apk add \\\n    curl \\\n    git\n" },
  ],
  invalid: [
    {
      name: "hadolint #760: RUN and CMD after &&",
      code: "FROM debian:12\nRUN cd /app && RUN cd /src\nRUN ./test.sh \\\n&& CMD invalid\n",
      errors: [
        {
          messageId: "asCommand",
          data: { word: "RUN", advice: "one RUN can run several commands, so drop this `RUN`" },
          line: 2,
          column: 16,
          endColumn: 19,
          suggestions: ["Remove this `RUN`"],
        },
        { messageId: "asCommand", data: { word: "CMD", advice: "end the RUN before it and write `CMD …` as an instruction of its own" }, line: 4, column: 4, endColumn: 7, suggestions: [] },
      ],
    },
    {
      name: "COPY after a semicolon, in a subshell",
      code: "FROM alpine:3.20\nRUN make; (COPY out /dist)\n",
      errors: [{ messageId: "asCommand", data: { word: "COPY", advice: "end the RUN before it and write `COPY …` as an instruction of its own" }, line: 2, column: 12, endColumn: 16 }],
    },
    {
      name: "a dangling escape swallows the next instruction",
      code: "FROM alpine:3.20\nRUN apk add \\\n    curl \\\nCOPY . /app\n",
      errors: [
        {
          messageId: "swallowed",
          data: { word: "COPY", line: 4, carrierLine: 3, escape: "`\\`" },
          line: 4,
          column: 1,
          endColumn: 5,
          suggestions: ["Remove the `\\` at the end of line 3, so that the RUN ends there"],
        },
      ],
    },
    {
      name: "through a commented-out line and an empty line",
      code: "FROM debian:12\nRUN apt-get install -y \\\n    curl \\\n#   wget \\\n\nFROM dependencies AS test\n",
      errors: [{ messageId: "swallowed", data: { word: "FROM", line: 6, carrierLine: 3, escape: "`\\`" }, line: 6, column: 1, endColumn: 5 }],
    },
    {
      name: "a heredoc body",
      code: "FROM alpine:3.20\nRUN <<EOF\napk add curl\nRUN apk add git\nEOF\n",
      errors: [{ messageId: "asCommand", data: { word: "RUN", advice: "one RUN can run several commands, so drop this `RUN`" }, line: 4, column: 1, endColumn: 4, suggestions: ["Remove this `RUN`"] }],
    },
    {
      name: "exec form",
      code: 'FROM alpine:3.20\nRUN ["COPY", "a", "b"]\n',
      errors: [{ messageId: "asCommand", data: { word: "COPY", advice: "end the RUN before it and write `COPY …` as an instruction of its own" }, line: 2, column: 6, endColumn: 12, suggestions: [] }],
    },
    {
      name: "ONBUILD RUN",
      code: "FROM alpine:3.20\nONBUILD RUN make && RUN make install\n",
      errors: [{ messageId: "asCommand", line: 2, column: 21, endColumn: 24 }],
    },
    {
      name: "a lower-case file",
      code: "from alpine:3.20\nrun make && run make install\n",
      errors: [{ messageId: "asCommand", data: { word: "run", advice: "one RUN can run several commands, so drop this `run`" }, line: 2, column: 13, endColumn: 16, suggestions: ["Remove this `run`"] }],
    },
    {
      name: "escape directive",
      code: "# escape=`\nFROM alpine:3.20\nRUN echo a `\nCOPY x y\n",
      errors: [{ messageId: "swallowed", data: { word: "COPY", line: 4, carrierLine: 3, escape: "`` ` ``" }, line: 4, suggestions: ["Remove the `` ` `` at the end of line 3, so that the RUN ends there"] }],
    },
  ],
});
