import { describe, it } from "vitest";
import "../../compose/index.js";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./no-host-namespaces.js";

createRuleTester({ describe, it }).run(rule, {
  valid: [
    "services:\n  web:\n    image: nginx:1.27\n",
    { name: "bridge and service namespaces", code: "services:\n  web:\n    image: nginx:1.27\n    network_mode: bridge\n    pid: service:db\n    ipc: shareable\n    cgroup: private\n  db:\n    image: postgres:17\n" },
    { name: "unset variable", code: "services:\n  web:\n    image: nginx:1.27\n    network_mode: ${MODE}\n" },
    { name: "default other than host", code: "services:\n  web:\n    image: nginx:1.27\n    network_mode: ${MODE:-bridge}\n" },
  ],
  invalid: [
    {
      name: "network_mode: host, at the value",
      code: "services:\n  web:\n    image: nginx:1.27\n    network_mode: host\n",
      errors: [{ messageId: "network", line: 4, column: 19, endLine: 4, endColumn: 23 }],
    },
    {
      name: "every key, one finding each",
      code: "services:\n  web:\n    image: nginx:1.27\n    network_mode: host\n    pid: host\n    ipc: host\n    uts: host\n    userns_mode: host\n    cgroup: host\n",
      errors: [
        { messageId: "network", line: 4, column: 19 },
        { messageId: "pid", line: 5, column: 10 },
        { messageId: "ipc", line: 6, column: 10 },
        { messageId: "uts", line: 7, column: 10 },
        { messageId: "userns", line: 8, column: 18 },
        { messageId: "cgroup", line: 9, column: 13 },
      ],
    },
    {
      name: "quoted value",
      code: "services:\n  web:\n    image: nginx:1.27\n    pid: \"host\"\n",
      errors: [{ messageId: "pid", line: 4, column: 10, endColumn: 16 }],
    },
    {
      name: "interpolated default host",
      code: "services:\n  web:\n    image: nginx:1.27\n    network_mode: ${MODE:-host}\n",
      errors: [{ messageId: "network", line: 4, column: 19, endColumn: 32 }],
    },
    {
      name: "merge key: reported at the merge site",
      code: "x-host: &host\n  network_mode: host\n  ipc: host\nservices:\n  web:\n    <<: *host\n    image: nginx:1.27\n",
      errors: [
        { messageId: "network", line: 6, column: 5 },
        { messageId: "ipc", line: 6, column: 5 },
      ],
    },
  ],
});
