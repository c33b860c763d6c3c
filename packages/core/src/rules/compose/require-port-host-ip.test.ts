import { describe, expect, it } from "vitest";
import "../../compose/index.js";
import { applySuggestion, createRuleTester } from "../../testing/rule-tester.js";
import rule from "./require-port-host-ip.js";

const LOCAL = ["Bind to 127.0.0.1 (reachable from this host only)."];

createRuleTester({ describe, it }).run(rule, {
  valid: [
    {
      name: "entries Compose refuses are valid-ports' (they publish nothing)",
      code: 'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "abc"\n      - "99999"\n      - "80:99999"\n      - 80.5\n      - "8000-8005:80-90"\n      - "80:80/http"\n      - target: abc\n      - target: 80\n        published: abc\n      - target: 80\n        published: 8080\n        protocol: http\n',
    },
    "services:\n  web:\n    image: nginx:1.27\n",
    { name: "loopback IPv4", code: 'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "127.0.0.1:8080:80"\n' },
    { name: "loopback IPv6 in brackets", code: 'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "[::1]:8080:80"\n' },
    { name: "a specific address and a range", code: 'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "10.0.0.5:5000-5010:5000-5010/udp"\n' },
    { name: "host IP with an ephemeral host port", code: 'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "127.0.0.1::80"\n' },
    { name: "host IP from an unset variable is deliberate", code: 'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "${BIND_IP}:8080:80"\n' },
    { name: "host IP from a variable with a loopback default", code: 'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "${BIND_IP:-127.0.0.1}:${PORT:-8080}:80"\n' },
    { name: "long syntax with host_ip", code: "services:\n  web:\n    image: nginx:1.27\n    ports:\n      - target: 80\n        published: 8080\n        host_ip: 127.0.0.1\n" },
    { name: "long syntax host_ip from an unset variable", code: "services:\n  web:\n    image: nginx:1.27\n    ports:\n      - target: 80\n        published: \"8080\"\n        host_ip: ${BIND_IP}\n" },
    { name: "an address written in published (not Compose, but KICS's reading)", code: "services:\n  web:\n    image: nginx:1.27\n    ports:\n      - target: 80\n        published: 127.0.0.1:8080\n" },
    { name: "expose is not publishing", code: "services:\n  web:\n    image: nginx:1.27\n    expose:\n      - \"80\"\n" },
    { name: "a variable default holding the host IP and port", code: 'services:\n  mail:\n    image: mailcow/dovecot:2.2\n    ports:\n      - "${IMAP_PORT_HAPROXY:-127.0.0.1:10143}:10143"\n' },
    { name: "a whole entry from an unset variable", code: 'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "${WEB_PORTS}"\n' },
    { name: "0.0.0.0 accepted with allowAllInterfaces", code: 'services:\n  proxy:\n    image: traefik:3.1\n    ports:\n      - "0.0.0.0:443:443"\n      - "[::]:443:443"\n', options: { allowAllInterfaces: true } },
  ],
  invalid: [
    {
      name: "host port 0 asks Docker for a free port: a random port, and the suggestion keeps the 0",
      code: 'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "0:80"\n',
      errors: [
        {
          messageId: "ephemeral",
          data: { service: "web", entry: "0:80", fix: "127.0.0.1:0:80" },
          line: 5,
          suggestions: LOCAL,
        },
      ],
    },
    {
      name: "host:container, at the entry, with a suggestion",
      code: 'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "4000:80"\n',
      errors: [
        {
          messageId: "noHostIp",
          data: { service: "web", entry: "4000:80", published: "4000", fix: "127.0.0.1:4000:80" },
          line: 5,
          column: 9,
          endColumn: 18,
          suggestions: LOCAL,
        },
      ],
    },
    {
      name: "plain YAML number and plain scalar; one finding per entry",
      code: "services:\n  web:\n    image: nginx:1.27\n    ports:\n      - 8080:80\n      - 80\n",
      errors: [
        { messageId: "noHostIp", line: 5, column: 9, endColumn: 16, suggestions: LOCAL },
        { messageId: "ephemeral", data: { service: "web", entry: "80", fix: "127.0.0.1::80" }, line: 6, column: 9, endColumn: 11, suggestions: LOCAL },
      ],
    },
    {
      name: "interpolated published port and a range",
      code: 'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "${PORT:-8080}:80"\n      - "8080-8081:80-81/tcp"\n',
      errors: [
        { messageId: "noHostIp", data: { service: "web", entry: "${PORT:-8080}:80", published: "8080", fix: "127.0.0.1:${PORT:-8080}:80" }, line: 5 },
        { messageId: "noHostIp", data: { service: "web", entry: "8080-8081:80-81/tcp", published: "8080-8081", fix: "127.0.0.1:8080-8081:80-81/tcp" }, line: 6 },
      ],
    },
    {
      name: "a variable holding host and container port",
      code: 'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "${WEB_PORTS:-8080:80}"\n',
      errors: [{ messageId: "noHostIp", data: { service: "web", entry: "${WEB_PORTS:-8080:80}", published: "8080", fix: "127.0.0.1:${WEB_PORTS:-8080:80}" }, line: 5, suggestions: LOCAL }],
    },
    {
      name: "a variable without default as the host port",
      code: 'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "${WEB_PORT}:80"\n',
      errors: [{ messageId: "noHostIp", data: { service: "web", entry: "${WEB_PORT}:80", published: "${WEB_PORT}", fix: "127.0.0.1:${WEB_PORT}:80" }, line: 5 }],
    },
    {
      name: "host IP default that is empty: the fix replaces it, and no suggestion inserts another",
      code: 'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "${BIND_IP:-}:8080:80"\n',
      errors: [
        {
          messageId: "noHostIp",
          message:
            "Service `web` publishes `${BIND_IP:-}:8080:80` without a host IP, so host port 8080 listens on every interface of the host (and Docker's own firewall rules bypass ufw/firewalld); bind it to one address, e.g. `127.0.0.1:8080:80`, or the address of the interface that should serve it.",
          line: 5,
          suggestions: [],
        },
      ],
    },
    {
      name: "long syntax with an interpolated host port (symfony-docker): `host_ip` is the fix, and the port is the one Compose publishes",
      code: 'services:\n  php:\n    image: app-php\n    ports:\n      - target: 80\n        published: "${HTTP_PORT:-80}"\n        protocol: tcp\n',
      errors: [
        {
          messageId: "noHostIp",
          message:
            "Service `php` publishes `published: ${HTTP_PORT:-80}, target: 80/tcp` without a host IP, so host port 80 listens on every interface of the host (and Docker's own firewall rules bypass ufw/firewalld); bind it to one address, e.g. `host_ip: 127.0.0.1`, or the address of the interface that should serve it.",
          line: 5,
          column: 9,
          suggestions: [],
        },
      ],
    },
    {
      name: "short syntax: the fix is the entry itself with the address before it",
      code: 'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "4000:80"\n      - "53/udp"\n',
      errors: [
        {
          messageId: "noHostIp",
          message:
            "Service `web` publishes `4000:80` without a host IP, so host port 4000 listens on every interface of the host (and Docker's own firewall rules bypass ufw/firewalld); bind it to one address, e.g. `127.0.0.1:4000:80`, or the address of the interface that should serve it.",
          line: 5,
          suggestions: LOCAL,
        },
        { messageId: "ephemeral", data: { service: "web", entry: "53/udp", fix: "127.0.0.1::53/udp" }, line: 6, suggestions: LOCAL },
      ],
    },
    {
      name: "explicit 0.0.0.0 and [::]: a different message, no suggestion",
      code: 'services:\n  proxy:\n    image: traefik:3.1\n    ports:\n      - "0.0.0.0:80:80"\n      - "[::]:443:443"\n',
      errors: [
        { messageId: "allInterfaces", data: { service: "proxy", entry: "0.0.0.0:80:80", hostIp: "`0.0.0.0`" }, line: 5, suggestions: [] },
        { messageId: "allInterfaces", data: { service: "proxy", entry: "[::]:443:443", hostIp: "`::`" }, line: 6, suggestions: [] },
      ],
    },
    {
      name: "0.0.0.0 from a variable default",
      code: 'services:\n  proxy:\n    image: traefik:3.1\n    ports:\n      - "${BIND:-0.0.0.0}:80:80"\n',
      errors: [{ messageId: "allInterfaces", line: 5 }],
    },
    {
      name: "long syntax without host_ip, and with host_ip 0.0.0.0",
      code: "services:\n  web:\n    image: nginx:1.27\n    ports:\n      - target: 80\n        published: 8080\n        protocol: tcp\n      - target: 443\n        published: \"8443\"\n        host_ip: 0.0.0.0\n      - target: 9000\n",
      errors: [
        { messageId: "noHostIp", data: { service: "web", entry: "published: 8080, target: 80/tcp", published: "8080", fix: "host_ip: 127.0.0.1" }, line: 5, column: 9, suggestions: [] },
        { messageId: "allInterfaces", data: { service: "web", entry: "published: 8443, target: 443", hostIp: "`0.0.0.0`" }, line: 8, column: 9 },
        {
          messageId: "ephemeral",
          message:
            "Service `web` publishes `target: 9000` on a random host port on every interface of the host; bind it to one address (e.g. `host_ip: 127.0.0.1`), or use `expose:` if only other services need to reach it.",
          line: 11,
        },
      ],
    },
    {
      name: "ports through a merge key: at the merge site, no suggestion",
      code: 'x-ports: &ports\n  ports:\n    - "8080:80"\nservices:\n  web:\n    <<: *ports\n    image: nginx:1.27\n',
      errors: [{ messageId: "noHostIp", line: 6, column: 5, suggestions: [] }],
    },
    {
      name: "single-quoted entry: the suggestion goes inside the quotes",
      code: "services:\n  web:\n    image: nginx:1.27\n    ports: ['3000:3000']\n",
      errors: [{ messageId: "noHostIp", line: 4, column: 13, suggestions: LOCAL }],
    },
  ],
});

describe("require-port-host-ip suggestions", () => {
  it("inserts 127.0.0.1: before a host port", () => {
    expect(applySuggestion(rule, 'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "4000:80"\n', { findings: 1 })).toBe(
      'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "127.0.0.1:4000:80"\n',
    );
  });
  it("inserts 127.0.0.1:: before a container port alone, keeping the host port random", () => {
    expect(applySuggestion(rule, "services:\n  web:\n    image: nginx:1.27\n    ports:\n      - 80\n", { findings: 1 })).toBe(
      "services:\n  web:\n    image: nginx:1.27\n    ports:\n      - 127.0.0.1::80\n",
    );
  });
  it("inserts inside single quotes", () => {
    expect(applySuggestion(rule, "services:\n  web:\n    image: nginx:1.27\n    ports: ['3000:3000']\n", { findings: 1 })).toBe(
      "services:\n  web:\n    image: nginx:1.27\n    ports: ['127.0.0.1:3000:3000']\n",
    );
  });
  it("inserts 127.0.0.1: before a variable that holds the host port too", () => {
    expect(applySuggestion(rule, 'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "${WEB_PORTS:-8080:80}"\n', { findings: 1 })).toBe(
      'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "127.0.0.1:${WEB_PORTS:-8080:80}"\n',
    );
  });
  it("keeps host port 0 when it binds the entry to 127.0.0.1", () => {
    expect(applySuggestion(rule, 'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "0:80"\n', { findings: 1 })).toBe(
      'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "127.0.0.1:0:80"\n',
    );
  });
});
