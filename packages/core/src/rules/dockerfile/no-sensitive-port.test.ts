import { describe, it } from "vitest";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./no-sensitive-port.js";

createRuleTester({ describe, it }).run(rule, {
  valid: [
    "FROM alpine:3.20\nEXPOSE 8080\n",
    "FROM alpine:3.20\nEXPOSE 80 443 3000/tcp 53/udp 9000-9010\n",
    { name: "upper bound", code: "FROM alpine:3.20\nEXPOSE 65535 1\n" },
    { name: "22/udp is not SSH", code: "FROM alpine:3.20\nEXPOSE 22/udp\n" },
    { name: "161/tcp is not SNMP's usual protocol", code: "FROM alpine:3.20\nEXPOSE 161\n" },
    { name: "memcached over TCP is the service itself", code: "FROM memcached:1.6\nEXPOSE 11211\n" },
    { name: "range without a sensitive port", code: "FROM alpine:3.20\nEXPOSE 2200-2300\n" },
    { name: "unresolved variable", code: "FROM alpine:3.20\nARG PORT\nEXPOSE ${PORT}\n" },
    { name: "unresolved range bound", code: "FROM alpine:3.20\nEXPOSE 40000-${FOOBAR}\n" },
    { name: "variable resolved to a harmless port", code: "FROM alpine:3.20\nENV PORT=8080\nEXPOSE $PORT\n" },
    { name: "host:container mappings are another rule's concern", code: "FROM alpine:3.20\nEXPOSE 8080:80\n" },
    { name: "allow option (number)", code: "FROM alpine:3.20\nEXPOSE 22\n", options: { allow: [22] } },
    { name: "allow option (spec)", code: "FROM alpine:3.20\nEXPOSE 22/tcp 2375\n", options: { allow: ["22/tcp", "2375-2376"] } },
    { name: "custom list replaces the defaults", code: "FROM alpine:3.20\nEXPOSE 22\n", options: { ports: { "8081": "the admin console" } } },
    { name: "protocol is case-insensitive", code: "FROM alpine:3.20\nEXPOSE 80/TCP 53/Udp\n" },
  ],
  invalid: [
    {
      name: "SSH",
      code: "FROM alpine:3.20\nEXPOSE 22\n",
      errors: [{ messageId: "sensitive", data: { value: "22", services: "SSH (22/tcp)" }, line: 2, column: 8, endColumn: 10 }],
    },
    {
      name: "one finding per offending port, at its position",
      code: "FROM alpine:3.20\nEXPOSE 8080 22/tcp 80 3389/udp\n",
      errors: [
        { messageId: "sensitive", data: { value: "22/tcp", services: "SSH (22/tcp)" }, line: 2, column: 13, endColumn: 19 },
        { messageId: "sensitive", data: { value: "3389/udp", services: "RDP (3389/udp)" }, line: 2, column: 23, endColumn: 31 },
      ],
    },
    {
      name: "Docker API and kubelet",
      code: "FROM docker:27-dind\nEXPOSE 2375 2376\nFROM alpine:3.20\nEXPOSE 10250\n",
      errors: [
        { messageId: "sensitive", data: { value: "2375", services: "the Docker Engine API (unencrypted) (2375/tcp)" }, line: 2, column: 8 },
        { messageId: "sensitive", line: 2, column: 13 },
        { messageId: "sensitive", data: { value: "10250", services: "the kubelet API (10250/tcp)" }, line: 4 },
      ],
    },
    {
      name: "UDP services",
      code: "FROM alpine:3.20\nEXPOSE 69/udp 161/udp 137/udp 11211/udp\n",
      errors: [
        { messageId: "sensitive", data: { value: "69/udp", services: "TFTP (no authentication) (69/udp)" }, line: 2 },
        { messageId: "sensitive", data: { value: "161/udp", services: "SNMP (161/udp)" }, line: 2 },
        { messageId: "sensitive", data: { value: "137/udp", services: "NetBIOS (137/udp)" }, line: 2 },
        { messageId: "sensitive", data: { value: "11211/udp", services: "memcached over UDP (a DDoS amplifier) (11211/udp)" }, line: 2 },
      ],
    },
    {
      name: "a range containing sensitive ports",
      code: "FROM alpine:3.20\nEXPOSE 20-25\n",
      errors: [
        {
          messageId: "sensitive",
          data: { value: "20-25", services: "FTP (cleartext logins) (21/tcp), SSH (22/tcp), Telnet (23/tcp)" },
          line: 2,
          column: 8,
          endColumn: 13,
        },
      ],
    },
    {
      name: "a range over a ranged entry",
      code: "FROM alpine:3.20\nEXPOSE 5800-5999\n",
      errors: [{ messageId: "sensitive", data: { value: "5800-5999", services: "VNC (5900-5903/tcp), WinRM (HTTP) (5985/tcp), WinRM (HTTPS) (5986/tcp)" }, line: 2 }],
    },
    {
      name: "allow removes one port of a range",
      code: "FROM alpine:3.20\nEXPOSE 20-23\n",
      options: { allow: ["22"] },
      errors: [{ messageId: "sensitive", data: { value: "20-23", services: "FTP (cleartext logins) (21/tcp), Telnet (23/tcp)" }, line: 2 }],
    },
    {
      name: "custom list",
      code: "FROM alpine:3.20\nEXPOSE 8081 22\n",
      options: { ports: { "8081/tcp": "the admin console" } },
      errors: [{ messageId: "sensitive", data: { value: "8081", services: "the admin console (8081/tcp)" }, line: 2, column: 8 }],
    },
    {
      name: "variable resolved by ARG default",
      code: "FROM alpine:3.20\nARG SSH_PORT=22\nEXPOSE ${SSH_PORT}\n",
      errors: [{ messageId: "sensitive", data: { value: "${SSH_PORT} (= 22)", services: "SSH (22/tcp)" }, line: 3, column: 8, endColumn: 19 }],
    },
    {
      name: "variable holding several ports",
      code: "FROM alpine:3.20\nENV PORTS=\"80 23\"\nEXPOSE $PORTS\n",
      errors: [{ messageId: "sensitive", data: { value: "$PORTS (= 80 23)", services: "Telnet (23/tcp)" }, line: 3 }],
    },
    {
      name: "quoted port",
      code: "FROM alpine:3.20\nEXPOSE \"22\"\n",
      errors: [{ messageId: "sensitive", line: 2, column: 8, endColumn: 12 }],
    },
    {
      name: "ONBUILD EXPOSE",
      code: "FROM alpine:3.20\nONBUILD EXPOSE 22\n",
      errors: [{ messageId: "sensitive", line: 2, column: 16, endColumn: 18 }],
    },
    {
      name: "continued EXPOSE",
      code: "FROM alpine:3.20\nEXPOSE 80 \\\n  22\n",
      errors: [{ messageId: "sensitive", line: 3, column: 3, endColumn: 5 }],
    },
    {
      name: "out of range",
      code: "FROM alpine:3.20\nEXPOSE 80000\n",
      errors: [{ messageId: "outOfRange", data: { value: "80000", port: "80000" }, line: 2, column: 8, endColumn: 13 }],
    },
    {
      name: "out of range with protocol among valid ports",
      code: "FROM alpine:3.20\nEXPOSE 65536/tcp 80 443\n",
      errors: [{ messageId: "outOfRange", data: { value: "65536/tcp", port: "65536" }, line: 2, column: 8, endColumn: 17 }],
    },
    {
      name: "out-of-range range bound",
      code: "FROM alpine:3.20\nEXPOSE 40000-80000/tcp\n",
      errors: [{ messageId: "outOfRange", data: { value: "40000-80000/tcp", port: "80000" }, line: 2 }],
    },
    { name: "port 0", code: "FROM alpine:3.20\nEXPOSE 0\n", errors: [{ messageId: "outOfRange", data: { value: "0", port: "0" }, line: 2 }] },
    {
      name: "malformed: not a number",
      code: "FROM alpine:3.20\nEXPOSE http\n",
      errors: [{ messageId: "malformed", data: { value: "http", detail: "expected `<port>[-<port>][/tcp|udp|sctp]`" }, line: 2, column: 8, endColumn: 12 }],
    },
    {
      name: "malformed: protocol",
      code: "FROM alpine:3.20\nEXPOSE 80/http\n",
      errors: [{ messageId: "malformed", data: { value: "80/http", detail: 'protocol "http" is not tcp, udp or sctp' }, line: 2 }],
    },
    {
      name: "malformed: reversed range",
      code: "FROM alpine:3.20\nEXPOSE 9000-8000\n",
      errors: [{ messageId: "malformed", data: { value: "9000-8000", detail: "the range ends (8000) before it starts (9000)" }, line: 2 }],
    },
    {
      name: "before any FROM, and under the escape directive",
      code: "# escape=`\nEXPOSE 23\n",
      errors: [{ messageId: "sensitive", data: { value: "23", services: "Telnet (23/tcp)" }, line: 2 }],
    },
  ],
});
