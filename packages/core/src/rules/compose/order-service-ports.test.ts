import { describe, it } from "vitest";
import "../../compose/index.js";
import { runOrderTests } from "../../../test/support/order-rule-tests.js";
import rule from "./order-service-ports.js";

runOrderTests(
  { describe, it },
  rule,
  {
    valid: [
      "services:\n  web:\n    image: nginx\n    ports:\n      - \"$WEB_PORT:80\"\n      - \"79\"\n      - 80:80\n      - '81'\n      - 1001:443\n      - \"3000-3005\"\n      - \"127.0.0.1:8001:8001\"\n      - 0.0.0.0:8002:8002\n      - 8080:8080\n      - target: 1000\n        published: 8082\n        protocol: tcp\n        mode: host\n      - \"9090-9091:8080-8081\"\n",
      { name: "numbers compare by value", code: "services:\n  web:\n    image: nginx\n    ports:\n      - 80:80\n      - 443:443\n      - 8080:8080\n" },
      { name: "same published port, different protocols: not out of order", code: "services:\n  dns:\n    image: coredns\n    ports:\n      - 53:53/udp\n      - 53:53/tcp\n" },
      { name: "IPv6 host address", code: "services:\n  web:\n    image: nginx\n    ports:\n      - \"[::1]:80:80\"\n      - \"127.0.0.1:443:443\"\n" },
      { name: "interpolation defaults are read", code: "services:\n  web:\n    image: nginx\n    ports:\n      - 8080:80\n      - \"${HTTPS_PORT:-8443}:443\"\n" },
      { name: "a whole host:port default", code: "services:\n  web:\n    image: nginx\n    ports:\n      - 110:110\n      - \"${DOVEADM:-127.0.0.1:19991}:12345\"\n" },
      { name: "long syntax without published sorts by target", code: "services:\n  web:\n    image: nginx\n    ports:\n      - target: 80\n      - published: 8080\n        target: 80\n" },
      { name: "an alias entry: the list is left alone", code: "x-p: &p \"9000:9000\"\nservices:\n  web:\n    image: nginx\n    ports:\n      - *p\n      - 80:80\n" },
      { name: "a list reached through a merge key is ordered where it is written", code: "x-p: &p\n  ports: ['9000:9000', '80:80']\nservices:\n  web:\n    <<: *p\n    image: nginx\n" },
      { name: "one port", code: "services:\n  web:\n    image: nginx\n    ports: [\"80:80\"]\n" },
    ],
    invalid: [
      {
        name: "dclint's case: one finding per service, at ports",
        code: "services:\n  web:\n    image: nginx\n    ports:\n      - '81'\n      - \"79\"\n      - 80:80\n      - 8080:8080\n      - \"3000-3005\"\n      - 0.0.0.0:8002:8002\n      - \"9090-9091:8080-8081\"\n      - \"127.0.0.1:8001:8001\"\n      - 1001:443\n      - target: 1000\n        published: 8082\n        protocol: tcp\n        mode: host\n      - \"$WEB_PORT:80\"\n",
        errors: [{ messageId: "unsorted", data: { service: "web", port: "79", before: "81" }, line: 4, column: 5, endLine: 4, endColumn: 10 }],
        output: "services:\n  web:\n    image: nginx\n    ports:\n      - \"$WEB_PORT:80\"\n      - \"79\"\n      - 80:80\n      - '81'\n      - 1001:443\n      - \"3000-3005\"\n      - \"127.0.0.1:8001:8001\"\n      - 0.0.0.0:8002:8002\n      - 8080:8080\n      - target: 1000\n        published: 8082\n        protocol: tcp\n        mode: host\n      - \"9090-9091:8080-8081\"\n",
      },
      {
        name: "numeric, not textual: 443 before 8080; comments move with their entry",
        code: "services:\n  web:\n    image: nginx\n    ports:\n      # admin\n      - 8080:8080\n      - 443:443 # https\n",
        errors: [{ messageId: "unsorted", data: { service: "web", port: "443:443", before: "8080:8080" }, line: 4, column: 5 }],
        output: "services:\n  web:\n    image: nginx\n    ports:\n      - 443:443 # https\n      # admin\n      - 8080:8080\n",
      },
      {
        name: "interpolation default decides the place; the entry is shown as written",
        code: "services:\n  web:\n    image: nginx\n    ports:\n      - \"${HTTPS_PORT:-8443}:443\"\n      - 8080:80\n",
        errors: [{ messageId: "unsorted", data: { service: "web", port: "8080:80", before: "${HTTPS_PORT:-8443}:443" }, line: 4, column: 5 }],
        output: "services:\n  web:\n    image: nginx\n    ports:\n      - 8080:80\n      - \"${HTTPS_PORT:-8443}:443\"\n",
      },
      {
        name: "long syntax and flow list",
        code: "services:\n  web:\n    image: nginx\n    ports:\n      - published: 9000\n        target: 9000\n      - published: 80\n        target: 80\n  api:\n    image: api\n    ports: [\"8080:80\", \"443:443\"]\n",
        errors: [
          { messageId: "unsorted", data: { service: "web", port: "published: 80", before: "published: 9000" }, line: 4, column: 5 },
          { messageId: "unsorted", data: { service: "api", port: "443:443", before: "8080:80" }, line: 11, column: 5 },
        ],
        output: "services:\n  web:\n    image: nginx\n    ports:\n      - published: 80\n        target: 80\n      - published: 9000\n        target: 9000\n  api:\n    image: api\n    ports: [\"443:443\", \"8080:80\"]\n",
      },
      {
        name: "an entry whose published port is an unset variable sorts by its text, before the numbers (as dclint)",
        code: "services:\n  web:\n    image: nginx\n    ports:\n      - 80:80\n      - ${ADMIN_PORT}:9000\n",
        errors: [{ messageId: "unsorted", data: { service: "web", port: "${ADMIN_PORT}:9000", before: "80:80" }, line: 4, column: 5 }],
        output: "services:\n  web:\n    image: nginx\n    ports:\n      - ${ADMIN_PORT}:9000\n      - 80:80\n",
      },
      {
        name: "an anchored entry keeps its anchor above a later alias",
        code: "services:\n  web:\n    image: nginx\n    ports:\n      - &p 9000:9000\n      - 80:80\n    expose:\n      - *p\n",
        errors: [{ messageId: "unsorted", data: { service: "web", port: "80:80", before: "9000:9000" }, line: 4, column: 5 }],
        output: "services:\n  web:\n    image: nginx\n    ports:\n      - 80:80\n      - &p 9000:9000\n    expose:\n      - *p\n",
      },
      {
        name: "no fix: an alias in one entry would move above its anchor in another",
        code: "services:\n  web:\n    image: nginx\n    ports:\n      - published: &p 9000\n        target: 9000\n      - published: 80\n        target: *p\n",
        errors: [{ messageId: "unsorted", data: { service: "web", port: "published: 80", before: "published: 9000" }, line: 4, column: 5 }],
        output: null,
      },
    ],
  },
  { lists: ["ports"] },
);
