import type { DaemonModel } from "../../daemon/model.js";
import { defineRule } from "../../rule.js";
import { requireBoolean } from "./_daemon-setting.js";

export default defineRule<DaemonModel>({
  meta: {
    id: "require-live-restore",
    kind: "daemon",
    category: "best-practice",
    severity: "warning",
    docs: 'Require `"live-restore": true` in daemon.json, so containers keep running while dockerd restarts or is upgraded.',
    presets: [],
    messages: {
      missing:
        'daemon.json does not set `live-restore`, so every container stops when dockerd stops (an upgrade, a crash); add `"live-restore": true` (not for Swarm managers, where it is ignored).',
      wrongValue: '`"live-restore": false` stops every container when dockerd stops (an upgrade, a crash); set `"live-restore": true`.',
    },
    references: { cis: ["2.15"] },
  },
  check({ model, report }) {
    requireBoolean(model, report, "live-restore", true);
  },
});
