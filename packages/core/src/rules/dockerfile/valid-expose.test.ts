import { describe, it } from "vitest";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./valid-expose.js";

createRuleTester({ describe, it }).run(rule, {
  valid: [
    "FROM alpine:3.20\nEXPOSE 80 443/tcp 53/udp 8000-8010\n",
    { name: "malformed ports are no-sensitive-port's", code: "FROM alpine:3.20\nEXPOSE http 80/http 70000\n" },
    { name: "an unresolved variable", code: "FROM alpine:3.20\nARG MAPPING\nEXPOSE $MAPPING\n" },
  ],
  invalid: [
    {
      name: "BuildKit's own case: address, IPv6 address and host port",
      code: "\nFROM scratch\nEXPOSE 127.0.0.1:80:80 [::1]:8080:8080 5000:5000 8000\n",
      errors: [
        {
          messageId: "mapping",
          data: { port: "127.0.0.1:80:80", what: "binds the address 127.0.0.1 and maps host port 80", container: "80", publish: "127.0.0.1:80:80" },
          line: 3,
          column: 8,
          endColumn: 23,
        },
        { messageId: "mapping", data: { port: "[::1]:8080:8080", what: "binds the address [::1] and maps host port 8080", container: "8080", publish: "[::1]:8080:8080" }, line: 3, column: 24, endColumn: 39 },
        { messageId: "mapping", data: { port: "5000:5000", what: "maps host port 5000", container: "5000", publish: "5000:5000" }, line: 3, column: 40, endColumn: 49 },
      ],
      output: "\nFROM scratch\nEXPOSE 80 8080 5000 8000\n",
    },
    {
      name: "the protocol is kept",
      code: "FROM alpine:3.20\nEXPOSE 8053:53/udp\n",
      errors: [{ messageId: "mapping", data: { port: "8053:53/udp", what: "maps host port 8053", container: "53/udp", publish: "8053:53/udp" }, line: 2 }],
      output: "FROM alpine:3.20\nEXPOSE 53/udp\n",
    },
    {
      name: "a mapping from a variable: no fix",
      code: "FROM alpine:3.20\nENV PORTS=8080:80\nEXPOSE ${PORTS}\n",
      errors: [{ messageId: "mapping", data: { port: "8080:80", what: "maps host port 8080", container: "80", publish: "8080:80" }, line: 3, column: 8, endColumn: 16 }],
      output: null,
    },
    {
      name: "an invalid container port: no fix",
      code: "FROM alpine:3.20\nEXPOSE 80:http\n",
      errors: [{ messageId: "mapping", line: 2 }],
      output: null,
    },
    {
      name: "ONBUILD EXPOSE, escape directive",
      code: "# escape=`\nFROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nONBUILD EXPOSE 8080:80\n",
      errors: [{ messageId: "mapping", line: 3, column: 16, endColumn: 23 }],
      output: "# escape=`\nFROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nONBUILD EXPOSE 80\n",
    },
  ],
});
