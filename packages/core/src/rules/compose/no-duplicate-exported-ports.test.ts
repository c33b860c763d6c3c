import { describe, it } from "vitest";
import "../../compose/index.js";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./no-duplicate-exported-ports.js";

const two = (a: string, b: string, extraB = "") => `services:\n  a:\n    image: nginx\n    ports:\n      - ${a}\n  b:\n    image: nginx\n${extraB}    ports:\n      - ${b}\n`;

createRuleTester({ describe, it }).run(rule, {
  valid: [
    { name: "entries Compose refuses bind nothing", code: 'services:\n  web:\n    image: x\n    ports:\n      - "80:99999"\n      - "1.2.3.4.5:80:80"\n      - "80:80/http"\n' },
    { name: "container ports only: each gets an ephemeral host port", code: two("'8080'", "8080") },
    { name: "container port ranges only", code: two("\"8000-8085\"", "8080") },
    { name: "different host ports", code: two("\"8080:80\"", "\"8081:80\"") },
    { name: "same port, different protocols", code: two("\"53:53/tcp\"", "\"53:53/udp\"") },
    { name: "different specific host IPs", code: two("\"127.0.0.1:80:80\"", "\"10.0.0.1:80:80\"") },
    { name: "IPv4 loopback and IPv6 loopback", code: two("\"127.0.0.1:80:80\"", "\"[::1]:80:80\"") },
    { name: "0.0.0.0 and :: are different families", code: two("\"0.0.0.0:80:80\"", "\"[::]:80:80\"") },
    { name: "empty host port: ephemeral", code: two("\"127.0.0.1::80\"", "\"127.0.0.1::80\"") },
    { name: "host port 0: ephemeral", code: two("\"0:80\"", "\"0:80\"") },
    { name: "unknown variables: no guess", code: two("\"$WEB_PORT:80\"", "\"${API_PORT}:81\"") },
    { name: "an unknown variable against a number: no guess", code: two("\"$WEB_PORT:80\"", "\"8080:81\"") },
    { name: "the same variable on different specific host IPs", code: two("\"127.0.0.1:${PORT}:80\"", "\"10.0.0.1:${PORT}:80\"") },
    { name: "different defaults", code: two("\"${A_PORT:-8080}:80\"", "\"${B_PORT:-8081}:80\"") },
    { name: "unknown host IP", code: two("\"${BIND}:80:80\"", "\"80:80\"") },
    {
      name: "the same entry twice in one service (Compose keeps one)",
      code: "services:\n  a:\n    image: nginx\n    ports:\n      - \"80:80\"\n      - 80:80\n",
    },
    { name: "alternatives under disjoint profiles", code: two("\"80:80\"", "\"80:80\"").replace("    image: nginx\n    ports", "    image: nginx\n    profiles: [dev]\n    ports").replace("  b:\n    image: nginx\n", "  b:\n    image: nginx\n    profiles: [prod]\n") },
    { name: "host network: ports are ignored", code: two("\"80:80\"", "\"80:80\"", "    network_mode: host\n") },
    { name: "a host range for one container port takes any free port of it", code: two("\"8093-9000:80\"", "\"8094:5432\"") },
    {
      name: "long syntax without published",
      code: "services:\n  a:\n    image: nginx\n    ports:\n      - target: 80\n  b:\n    image: nginx\n    ports:\n      - target: 80\n",
    },
    { name: "expose is not publishing", code: "services:\n  a:\n    image: nginx\n    expose: [\"80\"]\n  b:\n    image: nginx\n    expose: [\"80\"]\n" },
  ],
  invalid: [
    {
      name: "two services, at the later entry",
      code: two("\"8080:80\"", "\"8080:8080\""),
      errors: [
        {
          messageId: "duplicate",
          line: 9,
          column: 9,
          endColumn: 20,
          message:
            "Service `b` publishes host port 8080/tcp (`8080:8080`), which service `a` already publishes (`8080:80`): the second container cannot bind it and fails to start; publish a different host port, or bind the two to different host IPs.",
        },
      ],
    },
    {
      name: "long syntax against short syntax",
      code: "services:\n  a:\n    image: nginx\n    ports:\n      - 8080:80\n  b:\n    image: nginx\n    ports:\n      - target: 1000\n        published: 8080\n        protocol: tcp\n        mode: host\n",
      errors: [{ messageId: "duplicate", line: 9, column: 9, data: { service: "b", port: 8080, protocol: "tcp", ip: "", entry: "published: 8080", other: "a", otherEntry: "8080:80" } }],
    },
    {
      name: "every interface covers a specific address",
      code: two("\"8080:80\"", "\"127.0.0.1:8080:81\""),
      errors: [{ messageId: "duplicate", line: 9, column: 9, data: { service: "b", port: 8080, protocol: "tcp", ip: " on 127.0.0.1", entry: "127.0.0.1:8080:81", other: "a", otherEntry: "8080:80" } }],
    },
    {
      name: "0.0.0.0 covers a specific IPv4 address",
      code: two("\"0.0.0.0:8080:80\"", "\"192.168.1.5:8080:80\""),
      errors: [{ messageId: "duplicate", line: 9, column: 9 }],
    },
    {
      name: "same specific IPv6 address",
      code: two("\"[::1]:8080:80\"", "\"[::1]:8080:81\""),
      errors: [{ messageId: "duplicate", line: 9, column: 9, data: { service: "b", port: 8080, protocol: "tcp", ip: " on ::1", entry: "[::1]:8080:81", other: "a", otherEntry: "[::1]:8080:80" } }],
    },
    {
      name: "overlapping ranges name the overlap",
      code: two("\"8000-8010:8000-8010\"", "\"8005-8020:9005-9020\""),
      errors: [{ messageId: "duplicate", line: 9, column: 9, data: { service: "b", port: "8005-8010", protocol: "tcp", ip: "", entry: "8005-8020:9005-9020", other: "a", otherEntry: "8000-8010:8000-8010" } }],
    },
    {
      name: "udp, protocol case-insensitive",
      code: two("\"53:53/udp\"", "\"53:5353/UDP\""),
      errors: [{ messageId: "duplicate", line: 9, column: 9 }],
    },
    {
      name: "interpolated defaults",
      code: two("\"${WEB_PORT:-8080}:80\"", "8080:81"),
      errors: [{ messageId: "duplicate", line: 9, column: 9, endColumn: 16 }],
    },
    {
      name: "the same unknown host port in two services",
      code: two("\"${VARNISH_PORT}:${VARNISH_PORT}\"", "\"${VARNISH_PORT}:${VARNISH_PORT}\""),
      errors: [
        {
          messageId: "duplicateWhenSet",
          line: 9,
          column: 9,
          message:
            "Service `b` publishes host port `${VARNISH_PORT}`/tcp (`${VARNISH_PORT}:${VARNISH_PORT}`), which service `a` also publishes (`${VARNISH_PORT}:${VARNISH_PORT}`): whenever `VARNISH_PORT` is set, the second binding fails and the container does not start; publish a different host port.",
        },
      ],
    },
    {
      name: "the same unknown host port twice in one service, spelled two ways",
      code: "services:\n  g:\n    image: nginx\n    ports:\n      - \"$WEB_PORT:80\"\n      - \"${WEB_PORT}:81\"\n      - \"$WEB_PORT:80\"\n",
      errors: [{ messageId: "duplicateWhenSet", line: 6, column: 9, data: { service: "g", port: "${WEB_PORT}", protocol: "tcp", ip: "", entry: "${WEB_PORT}:81", other: "this service", otherEntry: "$WEB_PORT:80", variables: "`WEB_PORT` is" } }],
    },
    {
      name: "unknown host IP and port, written the same",
      code: two("\"${BIND}:${PORT}:80\"", "\"${BIND}:${PORT}:80\""),
      errors: [{ messageId: "duplicateWhenSet", line: 9, column: 9, data: { service: "b", port: "${PORT}", protocol: "tcp", ip: " on ${BIND}", entry: "${BIND}:${PORT}:80", other: "service `a`", otherEntry: "${BIND}:${PORT}:80", variables: "`PORT` and `BIND` are" } }],
    },
    {
      name: "twice in one service with different container ports",
      code: "services:\n  a:\n    image: nginx\n    ports:\n      - \"80:80\"\n      - \"80:8080\"\n",
      errors: [
        {
          messageId: "duplicateInService",
          line: 6,
          column: 9,
          message:
            "Service `a` publishes host port 80/tcp twice (`80:80` and `80:8080`): the container cannot bind it a second time and fails to start; publish a different host port for one of the two.",
        },
      ],
    },
    {
      name: "flow sequences, several clashes each reported once",
      code: "services:\n  a:\n    image: nginx\n    ports: [\"80:80\", \"443:443\"]\n  b:\n    image: nginx\n    ports: [\"80:8080\", \"443:8443\"]\n  c:\n    image: nginx\n    ports: [\"80:9090\"]\n",
      errors: [
        { messageId: "duplicate", line: 7, column: 13, data: { service: "b", port: 80, protocol: "tcp", ip: "", entry: "80:8080", other: "a", otherEntry: "80:80" } },
        { messageId: "duplicate", line: 7, column: 24, data: { service: "b", port: 443, protocol: "tcp", ip: "", entry: "443:8443", other: "a", otherEntry: "443:443" } },
        { messageId: "duplicate", line: 10, column: 13, data: { service: "c", port: 80, protocol: "tcp", ip: "", entry: "80:9090", other: "a", otherEntry: "80:80" } },
      ],
    },
    {
      name: "a profile service against an always-on one",
      code: two("\"80:80\"", "\"80:80\"", "    profiles: [debug]\n"),
      errors: [{ messageId: "duplicate", line: 10, column: 9 }],
    },
    {
      name: "ports shared through a merge key: at the later service's merge site",
      code: "x-web: &web\n  image: nginx\n  ports:\n    - \"80:80\"\nservices:\n  blue:\n    <<: *web\n  green:\n    <<: *web\n",
      errors: [{ messageId: "duplicate", line: 9, column: 5, data: { service: "green", port: 80, protocol: "tcp", ip: "", entry: "80:80", other: "blue", otherEntry: "80:80" } }],
    },
    {
      name: "a host range whose every port is taken",
      code: "services:\n  a:\n    image: nginx\n    ports:\n      - \"8000:80\"\n  b:\n    image: nginx\n    ports:\n      - \"8001:80\"\n  c:\n    image: nginx\n    ports:\n      - \"8000-8001:80\"\n",
      errors: [
        {
          messageId: "rangeTaken",
          line: 13,
          column: 9,
          message:
            "Service `c` publishes one port of the host range 8000-8001/tcp (`8000-8001:80`), but other services already publish every port of that range (`a`, `b`): the container finds no free port and fails to start; widen the range or move the other ports.",
        },
      ],
    },
  ],
});
