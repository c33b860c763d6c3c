import { describe, it } from "vitest";
import "../../compose/index.js";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./require-restart-limit.js";

createRuleTester({ describe, it }).run(rule, {
  valid: [
    "services:\n  web:\n    image: nginx:1.27\n    restart: on-failure:5\n",
    { name: "fewer retries than the limit (CIS: 5 or less)", code: "services:\n  web:\n    image: nginx:1.27\n    restart: on-failure:3\n" },
    { name: "no restart policy", code: "services:\n  web:\n    image: nginx:1.27\n" },
    { name: "restart: \"no\"", code: "services:\n  web:\n    image: nginx:1.27\n    restart: \"no\"\n" },
    { name: "bare no", code: "services:\n  web:\n    image: nginx:1.27\n    restart: no\n" },
    { name: "interpolated default within the limit", code: "services:\n  web:\n    image: nginx:1.27\n    restart: on-failure:${RETRIES:-5}\n" },
    { name: "unset variable: unknown, not reported", code: "services:\n  web:\n    image: nginx:1.27\n    restart: ${RESTART_POLICY}\n" },
    { name: "unset variable in the count", code: "services:\n  web:\n    image: nginx:1.27\n    restart: on-failure:${RETRIES}\n" },
    { name: "always allowed by option", code: "services:\n  web:\n    image: nginx:1.27\n    restart: unless-stopped\n", options: { allowAlways: true } },
    { name: "a higher maxRetries", code: "services:\n  web:\n    image: nginx:1.27\n    restart: on-failure:10\n", options: { maxRetries: 10 } },
    {
      name: "deploy policy on-failure with max_attempts 5",
      code: "services:\n  web:\n    image: nginx:1.27\n    deploy:\n      restart_policy:\n        condition: on-failure\n        max_attempts: 5\n",
    },
    {
      name: "deploy policy any with a bounded max_attempts",
      code: "services:\n  web:\n    image: nginx:1.27\n    deploy:\n      restart_policy:\n        max_attempts: 3\n",
    },
    { name: "deploy policy condition none", code: "services:\n  web:\n    image: nginx:1.27\n    deploy:\n      restart_policy:\n        condition: none\n" },
    { name: "deploy without restart_policy", code: "services:\n  web:\n    image: nginx:1.27\n    deploy:\n      replicas: 2\n" },
    {
      name: "depends_on's `restart: true` is not a restart policy",
      code: "services:\n  web:\n    image: nginx:1.27\n    depends_on:\n      db:\n        condition: service_healthy\n        restart: true\n  db:\n    image: postgres:16\n",
    },
    {
      name: "deploy any without limit, allowed by option",
      code: "services:\n  web:\n    image: nginx:1.27\n    deploy:\n      restart_policy:\n        condition: any\n        max_attempts: 20\n",
      options: { allowAlways: true },
    },
    { name: "no services", code: "name: empty\n" },
  ],
  invalid: [
    {
      name: "on-failure above the limit, at the value",
      code: "services:\n  web:\n    image: nginx:1.27\n    restart: on-failure:10\n",
      errors: [
        {
          messageId: "tooMany",
          line: 4,
          column: 14,
          endColumn: 27,
          message:
            "Service `web` is restarted up to 10 times (`restart: on-failure:10`), more than 5: a container that keeps crashing burns CPU and floods the logs before anyone notices; use `restart: on-failure:5`.",
        },
      ],
    },
    {
      name: "on-failure without a count retries forever",
      code: "services:\n  web:\n    image: nginx:1.27\n    restart: on-failure\n",
      errors: [{ messageId: "unlimited", line: 4, column: 14, endColumn: 24 }],
    },
    {
      name: "on-failure:0 is no limit",
      code: "services:\n  web:\n    image: nginx:1.27\n    restart: \"on-failure:0\"\n",
      errors: [{ messageId: "unlimited", line: 4, column: 14 }],
    },
    {
      name: "always",
      code: "services:\n  web:\n    image: nginx:1.27\n    restart: always\n",
      errors: [{ messageId: "always", line: 4, column: 14, endColumn: 20 }],
    },
    {
      name: "unless-stopped through an interpolation default",
      code: "services:\n  web:\n    image: nginx:1.27\n    restart: ${RESTART_POLICY:-unless-stopped}\n",
      errors: [{ messageId: "always", data: { service: "web", value: "${RESTART_POLICY:-unless-stopped}", max: 5 }, line: 4, column: 14 }],
    },
    {
      name: "a lower maxRetries",
      code: "services:\n  web:\n    image: nginx:1.27\n    restart: on-failure:5\n",
      options: { maxRetries: 3 },
      errors: [{ messageId: "tooMany", data: { service: "web", value: "on-failure:5", count: 5, max: 3 }, line: 4 }],
    },
    {
      name: "merge key: reported at the merge site",
      code: "x-defaults: &defaults\n  restart: always\nservices:\n  web:\n    <<: *defaults\n    image: nginx:1.27\n",
      errors: [{ messageId: "always", line: 5, column: 5, endColumn: 18 }],
    },
    {
      name: "deploy on-failure with max_attempts above the limit, at max_attempts",
      code: "services:\n  web:\n    image: nginx:1.27\n    deploy:\n      restart_policy:\n        condition: on-failure\n        max_attempts: 10\n",
      errors: [{ messageId: "deployTooMany", line: 7, column: 23, endColumn: 25 }],
    },
    {
      name: "deploy on-failure without max_attempts, at the condition",
      code: "services:\n  web:\n    image: nginx:1.27\n    deploy:\n      restart_policy:\n        condition: on-failure\n        delay: 5s\n",
      errors: [{ messageId: "deployUnlimited", data: { service: "web", condition: "on-failure", max: 5 }, line: 6, column: 20 }],
    },
    {
      name: "deploy policy without condition (any) and without max_attempts, at the restart_policy key",
      code: "services:\n  web:\n    image: nginx:1.27\n    deploy:\n      restart_policy:\n        delay: 5s\n",
      errors: [{ messageId: "deployUnlimited", data: { service: "web", condition: "any", max: 5 }, line: 5, column: 7, endColumn: 21 }],
    },
    {
      name: "deploy max_attempts: 0 is no limit",
      code: "services:\n  web:\n    image: nginx:1.27\n    deploy:\n      restart_policy:\n        condition: on-failure\n        max_attempts: 0\n",
      errors: [{ messageId: "deployUnlimited", line: 7, column: 23 }],
    },
    {
      name: "deploy max_attempts as an interpolated string",
      code: "services:\n  web:\n    image: nginx:1.27\n    deploy:\n      restart_policy:\n        condition: on-failure\n        max_attempts: \"${ATTEMPTS:-8}\"\n",
      errors: [{ messageId: "deployTooMany", data: { service: "web", condition: "on-failure", value: "${ATTEMPTS:-8}", count: 8, max: 5 }, line: 7 }],
    },
    {
      name: "both restart and deploy policies, each reported (KICS positive1)",
      code: "services:\n  customer:\n    image: whoa/hello\n    restart: on-failure:10\n    deploy:\n      restart_policy:\n        condition: on-failure\n        max_attempts: 10\n",
      errors: [
        { messageId: "tooMany", line: 4 },
        { messageId: "deployTooMany", line: 8 },
      ],
    },
    {
      name: "partial service: the value is written here, so it is checked",
      code: "services:\n  web:\n    restart: always\n",
      errors: [{ messageId: "always", line: 3 }],
    },
    {
      name: "one finding per service",
      code: "services:\n  a:\n    image: x\n    restart: always\n  b:\n    image: y\n    restart: on-failure:5\n  c:\n    build: .\n    restart: on-failure:6\n",
      errors: [
        { messageId: "always", line: 4 },
        { messageId: "tooMany", line: 10 },
      ],
    },
  ],
});
