import { describe, it } from "vitest";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./no-continued-comment.js";

createRuleTester({ describe, it }).run(rule, {
  valid: [
    { name: "a comment line with a trailing backslash inside a continuation is dropped: the build runs `a && b`", code: "FROM alpine:3.20\nRUN a && \\\n # install b \\\n b\n" },
    { name: "commenting out a package line", code: "FROM debian:12\nRUN apt-get install -y \\\n    curl \\\n#    wget \\\n    git\n" },
    { name: "a trailing comment on the last line", code: "FROM alpine:3.20\nRUN apk add curl # for the healthcheck\n" },
    { name: "# inside words and quotes", code: 'FROM alpine:3.20\nRUN echo "a # b" \\\n && x=${#y} \\\n && echo c#d\n' },
    { name: "a comment line in a heredoc between complete commands", code: "FROM alpine:3.20\nRUN <<EOF\napk add curl\n# then git\napk add git\nEOF\n" },
    { name: "a top-level comment with a backslash above an instruction", code: "FROM alpine:3.20\n# install tools \\\nRUN apk add curl\n" },
    { name: "exec form", code: 'FROM alpine:3.20\nCMD ["sh", "-c", "a # b \\\\\\n c"]\n' },
    { name: "cmd has no # comments", code: '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN echo a # b `\n    && echo c\n' },
  ],
  invalid: [
    {
      // Past eight `#` in a RUN, the tokens are indexed: the ten inside words are still words.
      name: "a comment after ten `#` inside words",
      code: `FROM alpine:3.19\nRUN echo start \\\n${Array.from({ length: 10 }, (_, i) => `  && echo a#${i} \\`).join("\n")}\n  && echo done # not a continued comment \\\n  && echo end\n`,
      errors: [{ messageId: "inlineComment", line: 13, column: 16, endColumn: 41 }],
    },
    {
      name: "hadolint #531: the comment swallows the next line",
      code: "FROM alpine:3.20\nRUN cmd1 \\\n  && cmd2 # comment \\\n  && cmd3\n",
      errors: [
        {
          messageId: "inlineComment",
          data: { keyword: "RUN", lines: "line 4", swallowed: "&& cmd3" },
          line: 3,
          column: 11,
          endColumn: 20,
          suggestions: ["Remove the comment `# comment` so that the following lines run"],
        },
      ],
    },
    {
      name: "several swallowed lines, a comment line in between",
      code: "FROM debian:12\nRUN apt-get update && # refresh \\\n    apt-get install -y curl \\\n# nothing\n    && rm -rf /var/lib/apt/lists/*\n",
      errors: [{ messageId: "inlineComment", data: { keyword: "RUN", lines: "lines 3–5", swallowed: "apt-get install -y curl && rm -rf /var/lib/apt/li…" }, line: 2, column: 23, endColumn: 32 }],
    },
    {
      name: "CMD and HEALTHCHECK CMD in shell form",
      code: "FROM nginx:1.27\nCMD nginx -g 'daemon off;' # foreground \\\n  -c /etc/nginx/alt.conf\nHEALTHCHECK CMD curl -f http://localhost/ # probe \\\n  || exit 1\n",
      errors: [
        { messageId: "inlineComment", data: { keyword: "CMD", lines: "line 3", swallowed: "-c /etc/nginx/alt.conf" }, line: 2, column: 28, endColumn: 40 },
        { messageId: "inlineComment", data: { keyword: "HEALTHCHECK", lines: "line 5", swallowed: "|| exit 1" }, line: 4, column: 43, endColumn: 50 },
      ],
    },
    {
      name: "ONBUILD RUN, escape directive",
      code: "# escape=`\nFROM alpine:3.20\nONBUILD RUN make # build `\n    && make install\n",
      errors: [{ messageId: "inlineComment", data: { keyword: "RUN", lines: "line 4", swallowed: "&& make install" }, line: 3, column: 18, endColumn: 25 }],
    },
    {
      name: "a comment line inside a shell continuation of a heredoc script",
      code: "FROM debian:12\nRUN <<EOF\napt-get install -y \\\n    curl \\\n    # wget\n    git\nEOF\n",
      errors: [{ messageId: "heredocComment", data: { previous: 4, next: 6, command: "git", keyword: "RUN" }, line: 5, column: 5, endColumn: 11 }],
    },
    {
      name: "a top-level comment's backslash continues nothing",
      code: "FROM alpine:3.20\nRUN a \\\n    && b\n    # c \\\n    && d\n",
      errors: [{ messageId: "strayContinuation", data: { escape: "`\\`", next: 5, text: "&& d", previous: "the RUN on line 2" }, line: 4, column: 9, endColumn: 10 }],
    },
    {
      name: "a label continued through a commented-out last line into COPY",
      code: "FROM alpine:3.20\nLABEL a=1 \\\n      b=2 \\\n#     c=3\nCOPY . /app\n",
      errors: [
        {
          messageId: "commentedOutEnd",
          data: { keyword: "LABEL", escape: "`\\`", carrierLine: 3, next: "COPY . /app", nextLine: 5 },
          line: 3,
          column: 11,
          endColumn: 12,
          suggestions: ["Remove the `\\` at the end of line 3"],
        },
      ],
    },
  ],
});
