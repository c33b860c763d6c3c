import { describe, it } from "vitest";
import "../../compose/index.js";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./no-unconfined-security-profile.js";

createRuleTester({ describe, it }).run(rule, {
  valid: [
    "services:\n  web:\n    image: nginx:1.27\n",
    { name: "profiles named", code: "services:\n  web:\n    image: nginx:1.27\n    security_opt:\n      - seccomp=./seccomp.json\n      - apparmor:docker-default\n      - label=type:svirt_apache_t\n      - no-new-privileges:true\n" },
    { name: "unset variable", code: "services:\n  web:\n    image: nginx:1.27\n    security_opt:\n      - seccomp=${PROFILE}\n" },
  ],
  invalid: [
    {
      name: "seccomp:unconfined, at the entry",
      code: "services:\n  web:\n    image: nginx:1.27\n    security_opt:\n      - seccomp:unconfined\n",
      errors: [{ messageId: "seccomp", line: 5, column: 9, endLine: 5, endColumn: 27 }],
    },
    {
      name: "all three, = and : forms, one finding per entry",
      code: "services:\n  web:\n    image: nginx:1.27\n    security_opt:\n      - seccomp=unconfined\n      - apparmor=unconfined\n      - label:disable\n      - label=disable\n",
      errors: [
        { messageId: "seccomp", line: 5, column: 9 },
        { messageId: "apparmor", line: 6, column: 9 },
        { messageId: "label", line: 7, column: 9 },
        { messageId: "label", line: 8, column: 9 },
      ],
    },
    {
      name: "flow sequence",
      code: "services:\n  web:\n    image: nginx:1.27\n    security_opt: [\"apparmor:unconfined\"]\n",
      errors: [{ messageId: "apparmor", line: 4, column: 20, endColumn: 41 }],
    },
    {
      name: "interpolated default",
      code: "services:\n  web:\n    image: nginx:1.27\n    security_opt:\n      - seccomp=${SECCOMP:-unconfined}\n",
      errors: [{ messageId: "seccomp", line: 5, column: 9 }],
    },
    {
      name: "merge key: reported at the merge site",
      code: "x-debug: &debug\n  security_opt:\n    - seccomp:unconfined\nservices:\n  web:\n    <<: *debug\n    image: nginx:1.27\n",
      errors: [{ messageId: "seccomp", line: 6, column: 5 }],
    },
  ],
});
