import { describe, it } from "vitest";
import "../../compose/index.js";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./no-cgroup-parent.js";

createRuleTester({ describe, it }).run(rule, {
  valid: [
    "services:\n  web:\n    image: nginx:1.27\n",
    { name: "empty value keeps the default", code: "services:\n  web:\n    image: x\n    cgroup_parent: \"\"\n" },
    { name: "interpolation default empty", code: "services:\n  web:\n    image: x\n    cgroup_parent: ${CGROUP_PARENT:-}\n" },
    { name: "unset variable", code: "services:\n  web:\n    image: x\n    cgroup_parent: ${CGROUP_PARENT}\n" },
    { name: "the cgroup namespace key is another rule's", code: "services:\n  web:\n    image: x\n    cgroup: private\n" },
    { name: "no services", code: "name: empty\n" },
  ],
  invalid: [
    {
      name: "at the value",
      code: "services:\n  iperf:\n    build: .\n    cgroup_parent: nat-docker\n",
      errors: [
        {
          messageId: "cgroupParent",
          line: 4,
          column: 20,
          endColumn: 30,
          message:
            "Service `iperf` runs under the cgroup `nat-docker` (`cgroup_parent`) instead of Docker's default: the limits (or lack of them) of that parent apply to it, and a parent shared with host workloads lets it take their resources; confirm the parent is meant for containers and has limits, or remove `cgroup_parent`.",
        },
      ],
    },
    {
      name: "interpolation default",
      code: "services:\n  web:\n    image: x\n    cgroup_parent: ${CGROUP_PARENT:-/system.slice}\n",
      errors: [{ messageId: "cgroupParent", data: { service: "web", value: "/system.slice" }, line: 4 }],
    },
    {
      name: "merge key: at the merge site",
      code: "x-cg: &cg\n  cgroup_parent: apps.slice\nservices:\n  web:\n    <<: *cg\n    image: x\n",
      errors: [{ messageId: "cgroupParent", line: 5, column: 5, endColumn: 12 }],
    },
    {
      name: "partial service: the value is written here",
      code: "services:\n  web:\n    cgroup_parent: apps.slice\n",
      errors: [{ messageId: "cgroupParent", line: 3 }],
    },
  ],
});
