import { describe, it } from "vitest";
import "../../compose/index.js";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./valid-ports.js";

const service = (lines: string): string => `services:\n  web:\n    image: nginx:1.27\n${lines}`;
const ports = (...entries: string[]): string => service(`    ports:\n${entries.map((entry) => `      - ${entry}\n`).join("")}`);
const expose = (...entries: string[]): string => service(`    expose:\n${entries.map((entry) => `      - ${entry}\n`).join("")}`);
const short = (entry: string, reason: string, evaluated = "", name = "web") => ({ service: name, entry, evaluated, reason });
const long = (field: string, entry: string, reason: string, hint: string) => ({ service: "web", field, entry, evaluated: "", reason, hint });
const exposed = (entry: string, reason: string) => ({ service: "web", entry, evaluated: "", reason });
const HINT = {
  target: "`target` is the container port, a whole number up to 65535",
  published: "`published` is the host port or a range such as `8000-8010` (an address goes in `host_ip`)",
  host_ip: "`host_ip` is an IPv4 or IPv6 address such as `127.0.0.1`",
  protocol: "`protocol` is `tcp`, `udp` or `sctp`",
};


createRuleTester({ describe, it }).run(rule, {
  valid: [
    { name: "every short form Compose reads", code: ports('"80"', '"8080:80"', '"127.0.0.1:8080:80"', '"127.0.0.1::80"', '"[::1]:8080:80"', '"::1:8080:80"', '"8000-8010:8000-8010"', '"8000-8010:80"', '"9000:9000/udp"', '"9000:9000/SCTP"', '"0:80"', '"65535:65535"', "80", "'80/'") },
    { name: "an IPv4 tail in IPv6", code: ports('"[::ffff:10.0.0.1]:80:80"') },
    { name: "unknown variables are the deployer's", code: ports('"${PORT}:80"', '"${BIND}:80:80"', '"${PORTS}"', '"8080:${TARGET}"') },
    { name: "defaults that are valid", code: ports('"${PORT:-8080}:80"', '"${IMAP:-127.0.0.1:10143}:143"') },
    { name: "long syntax", code: service("    ports:\n      - target: 80\n        published: 8080\n        host_ip: 127.0.0.1\n        protocol: tcp\n        mode: host\n      - target: \"80\"\n        published: \"8000-8010\"\n      - target: 80\n        published: \"\"\n        host_ip: \"\"\n") },
    { name: "long syntax with variables", code: service("    ports:\n      - target: ${T}\n        published: ${P}\n        host_ip: ${IP}\n        protocol: ${PROTO}\n") },
    { name: "expose", code: expose('"3000"', "3001", '"3002-3005"', '"53/udp"') },
    { name: "non-finite numbers and nulls are valid-schema's", code: ports(".inf", "null", "true") },
    { name: "inherited through extends: checked in the base service", code: "services:\n  base:\n    image: nginx:1.27\n  web:\n    extends: base\n" },
    { name: "a target through a merge key, or null (valid-schema's)", code: 'x-p: &p\n  target: 80\nservices:\n  web:\n    image: nginx:1.27\n    ports:\n      - <<: *p\n        published: 8080\n      - target: null\n' },
  ],
  invalid: [
    {
      name: "a container port above 65535, at the value",
      code: ports('"99999"'),
      errors: [
        {
          messageId: "short",
          line: 5,
          column: 9,
          endColumn: 16,
          message:
            "Service `web` publishes `99999`, which Compose cannot read as a port mapping (the container port `99999` is above 65535, the highest port), so `docker compose up` fails; write `[host_ip:][host_port:]container_port[/protocol]` with ports up to 65535, e.g. `127.0.0.1:8080:80`.",
        },
      ],
    },
    {
      name: "each part of a short entry",
      code: ports('"abc"', '"80:99999"', '"70000:80"', '"8000-7000:80"', '"1.2.3.4.5:80:80"', '"127.0.0.1:8080:80/tcpx"', '"8000-8005:80-90"', '"80:"', '"localhost:80:80"', '"01.2.3.4:80:80"'),
      errors: [
        { messageId: "short", line: 5, data: short("abc", "the container port `abc` is not a number or a range such as `8000-8010`") },
        { messageId: "short", line: 6, data: short("80:99999", "the container port `99999` is above 65535, the highest port") },
        { messageId: "short", line: 7, data: short("70000:80", "the host port `70000` is above 65535, the highest port") },
        { messageId: "short", line: 8, data: short("8000-7000:80", "the host port range `8000-7000` ends before it starts") },
        { messageId: "short", line: 9, data: short("1.2.3.4.5:80:80", "the host address `1.2.3.4.5` is not an IP address") },
        { messageId: "short", line: 10, data: short("127.0.0.1:8080:80/tcpx", "the protocol `tcpx` is not one of tcp, udp and sctp") },
        { messageId: "short", line: 11, data: short("8000-8005:80-90", "the host range `8000-8005` and the container range `80-90` differ in size") },
        { messageId: "short", line: 12, data: short("80:", "it names no container port") },
        { messageId: "short", line: 13, data: short("localhost:80:80", "the host address `localhost` is not an IP address") },
        { messageId: "short", line: 14, data: short("01.2.3.4:80:80", "the host address `01.2.3.4` is not an IP address") },
      ],
    },
    {
      name: "an IPv6 address with a zone",
      code: ports('"fe80::1%eth0:80:80"'),
      errors: [{ messageId: "short", line: 5, data: short("fe80::1%eth0:80:80", "the host address `fe80::1%eth0` is not an IP address; an IPv6 address goes in brackets, `[::1]:8080:80`") }],
    },
    {
      name: "numbers YAML reads",
      code: ports("80.5", "-1", "65536"),
      errors: [
        { messageId: "short", line: 5, data: short("80.5", "the container port 80.5 is not a whole number") },
        { messageId: "short", line: 6, data: short("-1", "the container port -1 is negative") },
        { messageId: "short", line: 7, data: short("65536", "the container port 65536 is above 65535, the highest port") },
      ],
    },
    {
      name: "the interpolated default is what counts",
      code: ports('"${PORT:-99999}:80"'),
      errors: [{ messageId: "short", line: 5, data: short("${PORT:-99999}:80", "the host port `99999` is above 65535, the highest port", " (`99999:80` once interpolated)") }],
    },
    {
      name: "long syntax: each field at its value",
      code: service("    ports:\n      - target: abc\n        published: 127.0.0.1:8080\n        host_ip: localhost\n        protocol: http\n      - target: 99999\n        published: 8080.5\n"),
      errors: [
        {
          messageId: "long",
          line: 5,
          column: 17,
          message: "Service `web` has `target: abc` in a `ports` entry, which Docker cannot use (`abc` is not a port number); `target` is the container port, a whole number up to 65535.",
        },
        { messageId: "long", line: 6, column: 20, data: long("published", "127.0.0.1:8080", "`127.0.0.1:8080` is not a port: it looks like an address", HINT.published) },
        { messageId: "long", line: 7, data: long("host_ip", "localhost", "`localhost` is not an IP address", HINT.host_ip) },
        { messageId: "long", line: 8, data: long("protocol", "http", "the protocol `http` is not one of tcp, udp and sctp", HINT.protocol) },
        { messageId: "long", line: 9, data: long("target", "99999", "the container port 99999 is above 65535, the highest port", HINT.target) },
        { messageId: "long", line: 10, data: long("published", "8080.5", "the host port 8080.5 is not a whole number", HINT.published) },
      ],
    },
    {
      name: "expose",
      code: expose('"70000"', '"80/http"', '"8080:80"', '"a-b"', "3.5"),
      errors: [
        { messageId: "expose", line: 5, data: exposed("70000", "the port `70000` is above 65535, the highest port") },
        { messageId: "expose", line: 6, data: exposed("80/http", "the protocol `http` is not one of tcp, udp and sctp") },
        { messageId: "expose", line: 7, data: exposed("8080:80", "`expose` takes container ports only (publish host ports with `ports`)") },
        { messageId: "expose", line: 8, data: exposed("a-b", "the port `a-b` is not a number or a range such as `8000-8010`") },
        { messageId: "expose", line: 9, data: exposed("3.5", "the port 3.5 is not a whole number") },
      ],
    },
    {
      name: "an anchored list shared by two services: once, where it is written",
      code: 'x-ports: &p\n  - "99999"\nservices:\n  a:\n    image: nginx:1.27\n    ports: *p\n  b:\n    image: nginx:1.27\n    ports: *p\n',
      errors: [{ messageId: "short", line: 2, column: 5, data: short("99999", "the container port `99999` is above 65535, the highest port", "", "a") }],
    },
    {
      name: "49: a long-syntax entry without target, at the entry",
      code: service('    ports:\n      - published: "8080"\n        protocol: tcp\n'),
      errors: [
        {
          messageId: "noTarget",
          line: 5,
          column: 9,
          message:
            "Service `web` has a long-syntax `ports` entry without `target`, which docker compose refuses (\"service ports … is missing a target port\"); add `target:` with the container port, e.g. `target: 80`.",
        },
      ],
    },
    {
      name: "a prototype name as a long-syntax key is not a field",
      code: service("    ports:\n      - constructor: x\n        target: abc\n"),
      errors: [{ messageId: "long", line: 6, data: long("target", "abc", "`abc` is not a port number", HINT.target) }],
    },
  ],
});
