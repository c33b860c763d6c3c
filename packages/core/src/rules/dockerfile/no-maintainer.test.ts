import { describe, it } from "vitest";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./no-maintainer.js";

createRuleTester({ describe, it }).run(rule, {
  valid: [
    'FROM scratch\nLABEL org.opencontainers.image.authors="me@example.org"\n',
    { name: "a maintainer label", code: 'FROM alpine:3.20\nLABEL maintainer="SvenDowideit@home.org.au"\n' },
    { name: "the word in a RUN", code: "FROM alpine:3.20\nRUN echo MAINTAINER\n" },
  ],
  invalid: [
    {
      name: "simple",
      code: "FROM scratch\nMAINTAINER me@example.org\n",
      errors: [{ messageId: "deprecated", data: { value: '"me@example.org"' }, line: 2, column: 1, endColumn: 11 }],
      output: 'FROM scratch\nLABEL org.opencontainers.image.authors="me@example.org"\n',
    },
    {
      name: "name and address",
      code: "FROM busybox:1.36\nMAINTAINER Lukas Martinelli <me@lukasmartinelli.ch>\nUSER mike\n",
      errors: [{ messageId: "deprecated", line: 2 }],
      output: 'FROM busybox:1.36\nLABEL org.opencontainers.image.authors="Lukas Martinelli <me@lukasmartinelli.ch>"\nUSER mike\n',
    },
    {
      name: "quotes around the whole value are dropped",
      code: 'FROM alpine:3.5\nMAINTAINER "SvenDowideit@home.org.au"\n',
      errors: [{ messageId: "deprecated", data: { value: '"SvenDowideit@home.org.au"' }, line: 2 }],
      output: 'FROM alpine:3.5\nLABEL org.opencontainers.image.authors="SvenDowideit@home.org.au"\n',
    },
    {
      name: "inner quotes, dollar and backslash are escaped",
      code: 'FROM alpine:3.20\nMAINTAINER Jane "JD" Doe $HOME C:\\dev\n',
      errors: [{ messageId: "deprecated", data: { value: '"Jane \\"JD\\" Doe \\$HOME C:\\\\dev"' }, line: 2 }],
      output: 'FROM alpine:3.20\nLABEL org.opencontainers.image.authors="Jane \\"JD\\" Doe \\$HOME C:\\\\dev"\n',
    },
    {
      name: "escape directive: backtick escapes",
      code: '# escape=`\nFROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nMAINTAINER Jane "JD" C:\\dev `x\n',
      errors: [{ messageId: "deprecated", line: 3 }],
      output: '# escape=`\nFROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nLABEL org.opencontainers.image.authors="Jane `"JD`" C:\\dev ``x"\n',
    },
    {
      name: "lower-case keyword keeps its case",
      code: "from alpine:3.20\nmaintainer me@example.org\n",
      errors: [{ messageId: "deprecated", line: 2, column: 1, endColumn: 11 }],
      output: 'from alpine:3.20\nlabel org.opencontainers.image.authors="me@example.org"\n',
    },
    {
      name: "before the first FROM",
      code: "MAINTAINER Lukas\nFROM debian:12\n",
      errors: [{ messageId: "deprecated", line: 1 }],
      output: 'LABEL org.opencontainers.image.authors="Lukas"\nFROM debian:12\n',
    },
    {
      name: "CRLF line endings are kept",
      code: "FROM scratch\r\nMAINTAINER me@example.org\r\nUSER 1000\r\n",
      errors: [{ messageId: "deprecated", line: 2 }],
      output: 'FROM scratch\r\nLABEL org.opencontainers.image.authors="me@example.org"\r\nUSER 1000\r\n',
    },
    {
      name: "ONBUILD MAINTAINER",
      code: "FROM alpine:3.20\nONBUILD MAINTAINER me@example.org\n",
      errors: [{ messageId: "deprecated", line: 2, column: 9, endColumn: 19 }],
      output: 'FROM alpine:3.20\nONBUILD LABEL org.opencontainers.image.authors="me@example.org"\n',
    },
    {
      name: "a value continued over lines gets no fix",
      code: "FROM alpine:3.20\nMAINTAINER Jane \\\n  Doe\n",
      errors: [{ messageId: "deprecated", data: { value: '"Jane   Doe"' }, line: 2 }],
      output: null,
    },
  ],
});
