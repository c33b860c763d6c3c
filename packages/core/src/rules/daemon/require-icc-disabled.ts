import type { DaemonModel } from "../../daemon/model.js";
import { defineRule } from "../../rule.js";
import { requireBoolean } from "./_daemon-setting.js";

export default defineRule<DaemonModel>({
  meta: {
    id: "require-icc-disabled",
    kind: "daemon",
    category: "security",
    severity: "warning",
    docs: 'Require `"icc": false` in daemon.json, so containers on the default bridge cannot reach each other.',
    presets: ["strict"],
    messages: {
      missing:
        'daemon.json does not set `icc`, so every container on the default bridge network can reach every other one on any port; add `"icc": false` (and connect containers that must talk through a user-defined network).',
      wrongValue:
        '`"icc": true` lets every container on the default bridge network reach every other one on any port; set `"icc": false` and connect containers that must talk through a user-defined network.',
    },
    references: { cis: ["2.2"] },
  },
  check({ model, report }) {
    requireBoolean(model, report, "icc", false);
  },
});
