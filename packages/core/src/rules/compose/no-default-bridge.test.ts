import { describe, it } from "vitest";
import "../../compose/index.js";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./no-default-bridge.js";

createRuleTester({ describe, it }).run(rule, {
  valid: [
    "services:\n  web:\n    image: nginx:1.27\n",
    { name: "user-defined networks", code: "services:\n  web:\n    image: x\n    networks: [front]\nnetworks:\n  front:\n    driver: bridge\n" },
    { name: "a network named bridge that is not external is a project network", code: "services:\n  web:\n    image: x\n    networks: [bridge]\nnetworks:\n  bridge: {}\n" },
    { name: "driver: bridge is a new network, not the default one", code: "networks:\n  default:\n    driver: bridge\nservices:\n  web:\n    image: x\n" },
    { name: "external network with another name", code: "networks:\n  default:\n    external: true\n    name: proxy\nservices:\n  web:\n    image: x\n" },
    { name: "other network modes", code: "services:\n  a:\n    image: x\n    network_mode: none\n  b:\n    image: x\n    network_mode: service:a\n" },
    { name: "unset variable", code: "services:\n  web:\n    image: x\n    network_mode: ${NET_MODE}\n" },
    { name: "no services", code: "name: empty\n" },
  ],
  invalid: [
    {
      name: "network_mode: bridge, at the value",
      code: "services:\n  web:\n    image: nginx:1.27\n    network_mode: bridge\n",
      errors: [
        {
          messageId: "networkMode",
          line: 4,
          column: 19,
          endColumn: 25,
          message:
            "Service `web` joins Docker's default bridge network (`network_mode: bridge`): every container on the host that uses it can reach this one, and service names do not resolve there; remove `network_mode` so that Compose attaches the service to the project's own network (or list user-defined `networks:`).",
        },
      ],
    },
    {
      name: "quoted, and network_mode: default",
      code: "services:\n  a:\n    image: x\n    network_mode: \"bridge\"\n  b:\n    image: x\n    network_mode: default\n",
      errors: [
        { messageId: "networkMode", data: { service: "a", value: "bridge" }, line: 4 },
        { messageId: "networkMode", data: { service: "b", value: "default" }, line: 7 },
      ],
    },
    {
      name: "interpolation default",
      code: "services:\n  web:\n    image: x\n    network_mode: ${NET_MODE:-bridge}\n",
      errors: [{ messageId: "networkMode", data: { service: "web", value: "${NET_MODE:-bridge}" }, line: 4, column: 19 }],
    },
    {
      name: "merge key: at the merge site",
      code: "x-net: &net\n  network_mode: bridge\nservices:\n  web:\n    <<: *net\n    image: x\n",
      errors: [{ messageId: "networkMode", line: 5, column: 5, endColumn: 13 }],
    },
    {
      name: "the default network made the external bridge, at the name",
      code: "services:\n  web:\n    image: x\nnetworks:\n  default:\n    external: true\n    name: bridge\n",
      errors: [{ messageId: "externalNetwork", data: { network: "default" }, line: 7, column: 11, endColumn: 17 }],
    },
    {
      name: "an external network keyed bridge, at the key",
      code: "services:\n  web:\n    image: x\n    networks: [bridge]\nnetworks:\n  bridge:\n    external: true\n",
      errors: [{ messageId: "externalNetwork", data: { network: "bridge" }, line: 6, column: 3, endColumn: 9 }],
    },
    {
      name: "legacy external: {name: bridge}",
      code: "version: \"3.4\"\nservices:\n  web:\n    image: x\nnetworks:\n  default:\n    external:\n      name: bridge\n",
      errors: [{ messageId: "externalNetwork", data: { network: "default" }, line: 8, column: 13 }],
    },
  ],
});
