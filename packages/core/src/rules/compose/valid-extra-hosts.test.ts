import { describe, it } from "vitest";
import "../../compose/index.js";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./valid-extra-hosts.js";

const service = (lines: string): string => `services:\n  web:\n    image: nginx:1.27\n${lines}`;
const hosts = (...entries: string[]): string => service(`    extra_hosts:\n${entries.map((entry) => `      - ${entry}\n`).join("")}`);
const missing = (entry: string, example: string, evaluated = "", key = "extra_hosts") => ({ service: "web", key, entry, evaluated, example });
const bad = (host: string, key = "extra_hosts") => ({ service: "web", key, host });

createRuleTester({ describe, it }).run(rule, {
  valid: [
    { name: "both separators, IPv6, brackets, several addresses", code: hosts('"db=10.0.0.5"', '"db2:10.0.0.6"', '"v6:::1"', '"v6b=[::1]"', '"gw=host-gateway"', '"multi=10.0.0.7,10.0.0.8"') },
    { name: "an empty address is not refused at load", code: hosts('"db="') },
    { name: "the map form", code: service("    extra_hosts:\n      db.internal: 10.0.0.5\n      v6: \"::1\"\n      many: [10.0.0.1, 10.0.0.2]\n") },
    { name: "build.extra_hosts", code: "services:\n  web:\n    build:\n      context: .\n      extra_hosts:\n        - \"db=10.0.0.5\"\n" },
    { name: "an unknown variable: no guess", code: hosts("${HOSTS}", "db:${IP}") },
    { name: "inherited through extends: checked in the base service", code: "services:\n  base:\n    image: x:1\n    extra_hosts: [\"db=1.2.3.4\"]\n  web:\n    extends: base\n" },
  ],
  invalid: [
    {
      name: "57: a name without an address, at the entry",
      code: hosts('"db.internal"'),
      errors: [
        {
          messageId: "missingIp",
          line: 5,
          column: 9,
          endColumn: 22,
          message:
            "Service `web` has the `extra_hosts` entry `db.internal` without an IP address, which docker compose refuses (\"invalid additional host, missing IP\"); write `name=IP`, e.g. `db.internal=10.0.0.5`, or `db.internal=host-gateway` for the Docker host.",
        },
      ],
    },
    {
      name: "58: a map key holding a colon, at the key",
      code: service('    extra_hosts:\n      "db:internal": 10.0.0.5\n      ok: 10.0.0.6\n'),
      errors: [
        {
          messageId: "badHost",
          line: 5,
          column: 7,
          message:
            "Service `web` maps the host name `db:internal` in `extra_hosts`, which docker compose refuses (\"bad host name 'db:internal'\": a name must not be empty nor hold `:` or `=`); write `name=IP`, e.g. `db.internal=10.0.0.5`.",
        },
      ],
    },
    {
      name: "list entries with an empty name or a colon before `=`",
      code: hosts('"=10.0.0.5"', '":10.0.0.5"', '"db:x=10.0.0.5"', '"a b"'),
      errors: [
        { messageId: "badHost", line: 5, data: bad("") },
        { messageId: "badHost", line: 6, data: bad("") },
        { messageId: "badHost", line: 7, data: bad("db:x") },
        { messageId: "missingIp", line: 8, data: missing("a b", "db.internal") },
      ],
    },
    {
      name: "the interpolated default is what counts; build.extra_hosts",
      code: "services:\n  web:\n    build:\n      context: .\n      extra_hosts:\n        - ${DB:-db}\n",
      errors: [{ messageId: "missingIp", line: 6, data: missing("${DB:-db}", "db", " (`db` once interpolated)", "build.extra_hosts") }],
    },
    {
      name: "a list shared through an anchor: once, where it is written",
      code: 'x-h: &h ["db"]\nservices:\n  a:\n    image: x:1\n    extra_hosts: *h\n  b:\n    image: x:1\n    extra_hosts: *h\n',
      errors: [{ messageId: "missingIp", line: 1, column: 10, data: { ...missing("db", "db"), service: "a" } }],
    },
  ],
});
