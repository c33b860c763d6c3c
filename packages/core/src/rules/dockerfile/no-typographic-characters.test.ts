import { describe, it } from "vitest";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./no-typographic-characters.js";

createRuleTester({ describe, it }).run(rule, {
  valid: [
    "FROM alpine:3.20\nRUN apk add --no-cache curl\n",
    { name: "prose in LABEL", code: "FROM alpine:3.20\nLABEL description=\"Fast – small, it’s “great”\"\n" },
    { name: "comments are not instructions", code: "FROM alpine:3.20\n# run with –cap-drop “ALL”\nRUN true\n" },
    { name: "apostrophe inside a word", code: "FROM alpine:3.20\nRUN echo don’t\n" },
    { name: "dash not before a flag", code: "FROM alpine:3.20\nRUN echo 1 – 2\n" },
    { name: "COPY heredoc body is file content", code: "FROM alpine:3.20\nCOPY <<EOF /README\nUse –help and “quotes”\nEOF\n" },
    { name: "shell comment at the end of a RUN line", code: "FROM alpine:3.20\nRUN apk add curl  # “curl” — needed, it’s\u00a0small\n" },
    { name: "shell comment continued onto the next line", code: "FROM alpine:3.20\nRUN true # see “docs” \\\n  –y “x”\n" },
    { name: "comment line in a RUN heredoc", code: "FROM alpine:3.20\nRUN <<EOF\n# install “curl”\u00a0now\napk add curl\nEOF\n" },
  ],
  invalid: [
    {
      code: "FROM alpine:3.20\nRUN apt-get install –y curl && docker run –cap-drop ALL x\n",
      errors: [
        { messageId: "dash", line: 2, column: 21, endColumn: 22, message: "`–y` starts with U+2013 EN DASH (–) where a flag was meant (`-y`): the program gets the literal text `–y` and fails or ignores it; type the ASCII `-`." },
        { messageId: "dash", line: 2, column: 43, endColumn: 44 },
      ],
      output: "FROM alpine:3.20\nRUN apt-get install -y curl && docker run --cap-drop ALL x\n",
    },
    {
      name: "exec form with curly quotes",
      code: "FROM alpine:3.20\nCMD [“nginx”, “-g”, “daemon off;”]\n",
      errors: [{ messageId: "quoteExec", line: 2, column: 6, endColumn: 34 }],
      output: "FROM alpine:3.20\nCMD [\"nginx\", \"-g\", \"daemon off;\"]\n",
    },
    {
      name: "ambiguous short cluster: suggestion only",
      code: "FROM alpine:3.20\nRUN curl —fsSL https://x\n",
      errors: [{ messageId: "dash", line: 2, column: 10, suggestions: ["Replace it with `-` (`-fsSL`)"] }],
      output: null,
    },
    {
      name: "a # inside a word or quotes is not a comment",
      code: "FROM alpine:3.20\nRUN echo a#b “x” && echo '# y' “z”\n",
      errors: [{ messageId: "quote", line: 2, column: 14, endColumn: 35 }],
      output: "FROM alpine:3.20\nRUN echo a#b \"x\" && echo '# y' \"z\"\n",
    },
    {
      name: "HEALTHCHECK exec form after its options and CMD",
      code: "FROM alpine:3.20\nHEALTHCHECK --interval=5s CMD [“curl”, “-f”, “http://x”]\n",
      errors: [{ messageId: "quoteExec", line: 2, column: 32, endColumn: 56 }],
      output: "FROM alpine:3.20\nHEALTHCHECK --interval=5s CMD [\"curl\", \"-f\", \"http://x\"]\n",
    },
    {
      name: "no-break space between words",
      code: "FROM alpine:3.20\nRUN apk add\u00a0curl\n",
      errors: [{ messageId: "space", line: 2, column: 12, endColumn: 13 }],
      output: "FROM alpine:3.20\nRUN apk add curl\n",
    },
    {
      name: "zero width space in a path",
      code: "FROM alpine:3.20\nWORKDIR /app\u200b\n",
      errors: [{ messageId: "invisible", line: 2, column: 13 }],
      output: "FROM alpine:3.20\nWORKDIR /app\n",
    },
    {
      name: "curly quotes in ENV value split the pair",
      code: "FROM alpine:3.20\nENV GREETING=“hello world”\n",
      errors: [{ messageId: "quote", line: 2, column: 14, endColumn: 27 }],
      output: "FROM alpine:3.20\nENV GREETING=\"hello world\"\n",
    },
  ],
});
