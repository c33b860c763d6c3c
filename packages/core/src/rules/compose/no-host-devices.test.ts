import { describe, it } from "vitest";
import "../../compose/index.js";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./no-host-devices.js";

createRuleTester({ describe, it }).run(rule, {
  valid: [
    "services:\n  web:\n    image: nginx:1.27\n",
    { name: "empty devices list", code: "services:\n  web:\n    image: nginx:1.27\n    devices: []\n" },
    {
      name: "GPU reservations under deploy are not `devices:` mappings",
      code: "services:\n  ai:\n    image: vllm/vllm-openai:v0.6.0\n    deploy:\n      resources:\n        reservations:\n          devices:\n            - driver: nvidia\n              count: all\n              capabilities: [gpu]\n",
    },
    { name: "a top-level extension named devices", code: "x-devices:\n  - /dev/snd\nservices:\n  web:\n    image: nginx:1.27\n" },
    { name: "no services", code: "name: empty\n" },
  ],
  invalid: [
    {
      name: "short syntax, same path, at the entry",
      code: "services:\n  player:\n    image: mpd:0.23\n    devices:\n      - /dev/snd\n",
      errors: [
        {
          messageId: "device",
          line: 5,
          column: 9,
          endColumn: 17,
          message:
            "Service `player` gets the host device `/dev/snd` with `rwm` access: the container talks to the device's kernel driver directly, outside the container's isolation; remove the mapping if the service can do without it, otherwise keep only this device with the fewest permissions it needs (`/dev/snd:/dev/snd:r` when it only reads).",
        },
      ],
    },
    {
      name: "host:container:permissions",
      code: "services:\n  cam:\n    image: x\n    devices:\n      - \"/dev/video0:/dev/cam:r\"\n",
      errors: [{ messageId: "device", data: { service: "cam", source: "/dev/video0", target: "/dev/cam", permissions: "r" }, line: 5, column: 9 }],
    },
    {
      name: "host:permissions",
      code: "services:\n  cam:\n    image: x\n    devices:\n      - /dev/video0:rw\n",
      errors: [{ messageId: "device", data: { service: "cam", source: "/dev/video0", target: "/dev/video0", permissions: "rw" }, line: 5 }],
    },
    {
      name: "one finding per entry",
      code: "services:\n  frigate:\n    image: x\n    devices:\n      - /dev/bus/usb:/dev/bus/usb\n      - /dev/dri/renderD128:/dev/dri/renderD128\n",
      errors: [
        { messageId: "device", line: 5 },
        { messageId: "device", line: 6 },
      ],
    },
    {
      name: "long syntax, at the source value",
      code: "services:\n  vpn:\n    image: x\n    devices:\n      - source: /dev/net/tun\n        target: /dev/net/tun\n        permissions: rwm\n",
      errors: [{ messageId: "device", data: { service: "vpn", source: "/dev/net/tun", target: "/dev/net/tun", permissions: "rwm" }, line: 5, column: 17, endColumn: 29 }],
    },
    {
      name: "interpolation default",
      code: "services:\n  zigbee:\n    image: x\n    devices:\n      - ${ZIGBEE_DEVICE:-/dev/ttyUSB0}:/dev/ttyACM0\n",
      errors: [{ messageId: "device", data: { service: "zigbee", source: "/dev/ttyUSB0", target: "/dev/ttyACM0", permissions: "rwm" }, line: 5 }],
    },
    {
      name: "unset variable: still a host device, shown as written",
      code: "services:\n  zigbee:\n    image: x\n    devices:\n      - ${ZIGBEE_DEVICE}:/dev/ttyACM0\n",
      errors: [{ messageId: "device", data: { service: "zigbee", source: "${ZIGBEE_DEVICE}", target: "/dev/ttyACM0", permissions: "rwm" }, line: 5 }],
    },
    {
      name: "CDI device name",
      code: "services:\n  ai:\n    image: x\n    devices:\n      - nvidia.com/gpu=all\n",
      errors: [{ messageId: "namedDevice", data: { service: "ai", source: "nvidia.com/gpu=all" }, line: 5, column: 9 }],
    },
    {
      name: "Windows device class",
      code: "services:\n  app:\n    image: x\n    devices:\n      - class/5B45201D-F2F2-4F3B-85BB-30FF1F953599\n",
      errors: [{ messageId: "namedDevice", data: { service: "app", source: "class/5B45201D-F2F2-4F3B-85BB-30FF1F953599" }, line: 5 }],
    },
    {
      name: "device_cgroup_rules",
      code: "services:\n  usb:\n    image: x\n    device_cgroup_rules:\n      - 'c 189:* rmw'\n",
      errors: [{ messageId: "cgroupRule", data: { service: "usb", rule: "c 189:* rmw" }, line: 5, column: 9, endColumn: 22 }],
    },
    {
      name: "merge key: at the merge site",
      code: "x-audio: &audio\n  devices:\n    - /dev/snd\nservices:\n  player:\n    <<: *audio\n    image: mpd:0.23\n",
      errors: [{ messageId: "device", line: 6, column: 5, endColumn: 15 }],
    },
    {
      name: "alias item: at the alias",
      code: "x-snd: &snd /dev/snd\nservices:\n  player:\n    image: mpd:0.23\n    devices:\n      - *snd\n",
      errors: [{ messageId: "device", line: 6, column: 9, endColumn: 13 }],
    },
    {
      name: "extends: inherited devices at the extends key, own ones at the entry",
      code: "services:\n  base:\n    image: x\n    devices:\n      - /dev/snd\n  player:\n    extends: base\n    devices:\n      - /dev/video0\n",
      errors: [
        { messageId: "device", data: { service: "base", source: "/dev/snd", target: "/dev/snd", permissions: "rwm" }, line: 5, column: 9 },
        { messageId: "device", data: { service: "player", source: "/dev/snd", target: "/dev/snd", permissions: "rwm" }, line: 7, column: 5 },
        { messageId: "device", data: { service: "player", source: "/dev/video0", target: "/dev/video0", permissions: "rwm" }, line: 9, column: 9 },
      ],
    },
    {
      name: "partial service: the value is written here, so it is checked",
      code: "services:\n  player:\n    devices:\n      - /dev/snd\n",
      errors: [{ messageId: "device", line: 4 }],
    },
  ],
});
