import { describe, it } from "vitest";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./expose-protocol-casing.js";

createRuleTester({ describe, it }).run(rule, {
  valid: [
    "FROM alpine:3.20\nEXPOSE 80/tcp 53/udp 9000/sctp 8080\n",
    { name: "an unresolved variable is the builder's choice", code: "FROM alpine:3.20\nARG PROTO\nEXPOSE 80/$PROTO\n" },
    { name: "ONBUILD with a variable is expanded in the child", code: "FROM alpine:3.20\nARG P=TCP\nONBUILD EXPOSE 80/${P}\n" },
  ],
  invalid: [
    {
      name: "BuildKit's own case: one finding per port",
      code: "\nFROM scratch\nEXPOSE 80/TcP 8080/TCP 8080/udp\n",
      errors: [
        { messageId: "upperCase", data: { protocol: "TcP", port: "80/TcP", expected: "80/tcp" }, line: 3, column: 11, endColumn: 14 },
        { messageId: "upperCase", data: { protocol: "TCP", port: "8080/TCP", expected: "8080/tcp" }, line: 3, column: 20, endColumn: 23 },
      ],
      output: "\nFROM scratch\nEXPOSE 80/tcp 8080/tcp 8080/udp\n",
    },
    {
      name: "a port range and a continued EXPOSE",
      code: "FROM alpine:3.20\nEXPOSE 8000-8010/UDP \\\n  9000/Sctp\n",
      errors: [
        { messageId: "upperCase", line: 2, column: 18, endColumn: 21 },
        { messageId: "upperCase", line: 3, column: 8, endColumn: 12 },
      ],
      output: "FROM alpine:3.20\nEXPOSE 8000-8010/udp \\\n  9000/sctp\n",
    },
    {
      name: "a mapping's protocol",
      code: "FROM alpine:3.20\nEXPOSE 8080:80/TCP\n",
      errors: [{ messageId: "upperCase", data: { protocol: "TCP", port: "8080:80/TCP", expected: "8080:80/tcp" }, line: 2, column: 16, endColumn: 19 }],
      output: "FROM alpine:3.20\nEXPOSE 8080:80/tcp\n",
    },
    {
      name: "from a variable: reported on the word, no fix",
      code: "FROM alpine:3.20\nARG PROTO=TCP\nEXPOSE 80/${PROTO}\n",
      errors: [{ messageId: "upperCase", data: { protocol: "TCP", port: "80/TCP", expected: "80/tcp" }, line: 3, column: 8, endColumn: 19 }],
      output: null,
    },
    {
      name: "ONBUILD EXPOSE",
      code: "FROM alpine:3.20\nONBUILD EXPOSE 80/TCP\n",
      errors: [{ messageId: "upperCase", line: 2, column: 19, endColumn: 22 }],
      output: "FROM alpine:3.20\nONBUILD EXPOSE 80/tcp\n",
    },
  ],
});
