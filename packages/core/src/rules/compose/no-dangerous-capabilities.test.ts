import { describe, it } from "vitest";
import "../../compose/index.js";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./no-dangerous-capabilities.js";

const service = (lines: string): string => `services:\n  web:\n    image: nginx:1.27\n${lines}`;

createRuleTester({ describe, it }).run(rule, {
  valid: [
    { name: "no cap_add", code: service("") },
    { name: "drop all, add back defaults", code: service("    cap_drop: [ALL]\n    cap_add:\n      - CHOWN\n      - SETUID\n      - SETGID\n      - NET_BIND_SERVICE\n") },
    { name: "NET_RAW and SETFCAP are in Docker's default set", code: service("    cap_add: [NET_RAW, CAP_SETFCAP]\n") },
    { name: "harmless extras", code: service("    cap_add: [IPC_LOCK, SYS_NICE, SYS_RESOURCE]\n") },
    { name: "cap_drop is not cap_add", code: service("    cap_drop: [SYS_ADMIN, ALL]\n") },
    { name: "variable without default", code: service('    cap_add: ["${EXTRA_CAP}"]\n') },
    { name: "allow option, any spelling", code: service("    cap_add: [cap_net_admin]\n"), options: { allow: ["NET_ADMIN"] } },
    { name: "capabilities option replaces the list", code: service("    cap_add: [SYS_ADMIN]\n"), options: { capabilities: ["SYS_MODULE"] } },
  ],
  invalid: [
    {
      name: "SYS_ADMIN: at the entry",
      code: service("    cap_add:\n      - SYS_ADMIN\n"),
      errors: [{ messageId: "dangerous", line: 5, column: 9, endLine: 5, endColumn: 18 }],
    },
    {
      name: "lower case all (KICS's case)",
      code: service("    cap_add:\n      - all\n"),
      errors: [{ messageId: "dangerous", line: 5, column: 9, endColumn: 12 }],
    },
    {
      name: "CAP_ prefix and any case, one finding per entry",
      code: service("    cap_add: [CAP_SYS_PTRACE, NET_BIND_service, net_admin, Sys_Module]\n"),
      errors: [
        { messageId: "dangerous", line: 4, column: 15, endColumn: 29 },
        { messageId: "dangerous", line: 4, column: 49, endColumn: 58 },
        { messageId: "dangerous", line: 4, column: 60, endColumn: 70 },
      ],
    },
    {
      name: "message names the capability as written and why",
      code: service("    cap_add: [CAP_SYS_MODULE]\n"),
      errors: [
        {
          messageId: "dangerous",
          message:
            "Service `web` adds the `CAP_SYS_MODULE` capability, which lets it load modules into the host's kernel; remove it from `cap_add`, or list it in this rule's `allow` option if the service cannot work without it.",
          line: 4,
        },
      ],
    },
    {
      name: "each default capability",
      code: service("    cap_add: [DAC_READ_SEARCH, SYS_RAWIO, SYS_BOOT, SYS_TIME, MAC_ADMIN, MAC_OVERRIDE, BPF, PERFMON, SYSLOG, AUDIT_CONTROL]\n"),
      errors: Array.from({ length: 10 }, () => ({ messageId: "dangerous", line: 4 })),
    },
    {
      name: "interpolated default",
      code: service('    cap_add: ["${EXTRA_CAP:-SYS_ADMIN}"]\n'),
      errors: [{ messageId: "dangerous", data: { service: "web", capability: "${EXTRA_CAP:-SYS_ADMIN}", reason: "which allows mounts, namespace changes and many other administrative operations and is the usual first step of a container escape" }, line: 4, column: 15 }],
    },
    {
      name: "allow leaves the others",
      code: service("    cap_add: [NET_ADMIN, SYS_ADMIN]\n"),
      options: { allow: ["CAP_NET_ADMIN"] },
      errors: [{ messageId: "dangerous", line: 4, column: 26 }],
    },
    {
      name: "a capability added to the list by the user",
      code: service("    cap_add: [SYS_NICE]\n"),
      options: { capabilities: ["CAP_SYS_NICE"] },
      errors: [{ messageId: "dangerous", data: { service: "web", capability: "SYS_NICE", reason: "which this project's configuration lists as dangerous" }, line: 4 }],
    },
    {
      name: "partial service: the value is written here",
      code: "services:\n  vpn:\n    cap_add: [NET_ADMIN]\n",
      errors: [{ messageId: "dangerous", line: 3, column: 15 }],
    },
    {
      name: "merge key: at the merge site",
      code: "x-caps: &caps\n  cap_add: [SYS_ADMIN]\nservices:\n  web:\n    <<: *caps\n    image: nginx:1.27\n",
      errors: [{ messageId: "dangerous", line: 5, column: 5, endColumn: 14 }],
    },
  ],
});
