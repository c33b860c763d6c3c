import type { DaemonModel } from "../../daemon/model.js";
import { defineRule } from "../../rule.js";
import { forbidBoolean } from "./_daemon-setting.js";

export default defineRule<DaemonModel>({
  meta: {
    id: "no-experimental-features",
    kind: "daemon",
    category: "best-practice",
    severity: "warning",
    docs: 'Disallow `"experimental": true` in a production daemon.json.',
    presets: ["recommended"],
    messages: {
      wrongValue:
        '`"experimental": true` turns on dockerd features that are unsupported and may change or disappear between releases; remove it (or set `false`) on production hosts.',
    },
    references: { cis: ["2.18"] },
  },
  check({ model, report }) {
    forbidBoolean(model, report, "experimental", true);
  },
});
