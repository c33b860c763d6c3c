import type { DaemonModel } from "../../daemon/model.js";
import { defineRule } from "../../rule.js";
import { requireBoolean } from "./_daemon-setting.js";

export default defineRule<DaemonModel>({
  meta: {
    id: "require-userland-proxy-disabled",
    kind: "daemon",
    category: "security",
    severity: "warning",
    docs: 'Require `"userland-proxy": false` in daemon.json, so published ports are forwarded by the kernel instead of one docker-proxy process each.',
    presets: [],
    messages: {
      missing:
        'daemon.json does not set `userland-proxy`, so dockerd runs a docker-proxy process for every published port (more attack surface, client addresses hidden); add `"userland-proxy": false` (hairpin NAT then needs a kernel with route_localnet).',
      wrongValue:
        '`"userland-proxy": true` runs a docker-proxy process for every published port (more attack surface, client addresses hidden); set `"userland-proxy": false`.',
    },
    references: { cis: ["2.16"] },
  },
  check({ model, report }) {
    requireBoolean(model, report, "userland-proxy", false);
  },
});
