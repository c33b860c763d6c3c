import { describe, it } from "vitest";
import "../../compose/index.js";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./valid-devices.js";

createRuleTester({ describe, it }).run(rule, {
  valid: [
    { name: "one, two and three parts", code: "services:\n  web:\n    image: x:1\n    devices:\n      - /dev/fuse\n      - /dev/sda:/dev/xvda\n      - /dev/ttyUSB0:/dev/ttyUSB0:rw\n" },
    { name: "the long syntax", code: "services:\n  web:\n    image: x:1\n    devices:\n      - source: /dev/sda\n        target: /dev/xvda\n        permissions: rwm\n" },
    { name: "an unknown variable", code: "services:\n  web:\n    image: x:1\n    devices:\n      - ${DEVICE}\n" },
  ],
  invalid: [
    {
      name: "audit 41: four parts",
      code: "services:\n  web:\n    image: x:1\n    devices:\n      - /dev/sda:/dev/xvda:rwm:extra\n",
      errors: [
        {
          messageId: "tooManyParts",
          message:
            'Service `web` has the `devices` entry `/dev/sda:/dev/xvda:rwm:extra` of 4 `:`-separated parts, which docker compose refuses ("confusing device mapping, please use long syntax"); write `host-path:container-path:permissions` (e.g. `/dev/ttyUSB0:/dev/ttyUSB0:rwm`), or the long syntax (`source`, `target`, `permissions`).',
          line: 5,
          column: 9,
        },
      ],
    },
    {
      name: "a default that makes four parts",
      code: "services:\n  web:\n    image: x:1\n    devices:\n      - ${DEV:-/dev/a:/dev/b:r:w}\n",
      errors: [{ messageId: "tooManyParts", data: { service: "web", entry: "${DEV:-/dev/a:/dev/b:r:w}", evaluated: " (`/dev/a:/dev/b:r:w` once interpolated)", parts: "4" }, line: 5, column: 9 }],
    },
  ],
});
