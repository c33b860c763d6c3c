import type { DaemonModel } from "../../daemon/model.js";
import { defineRule } from "../../rule.js";
import { requireBoolean } from "./_daemon-setting.js";

export default defineRule<DaemonModel>({
  meta: {
    id: "require-no-new-privileges",
    kind: "daemon",
    category: "security",
    severity: "error",
    docs: 'Require `"no-new-privileges": true` in daemon.json, so no container process gains privileges through setuid binaries.',
    // Missing from nearly every daemon.json, and it changes every container on the host at once:
    // `strict` (and `cis`) rather than `recommended`, unlike the per-service Compose check.
    presets: ["strict"],
    messages: {
      missing:
        'daemon.json does not set `no-new-privileges`, so a setuid binary in any container can raise a process\'s privileges; add `"no-new-privileges": true` (a container that needs setuid can opt out with `--security-opt no-new-privileges=false`).',
      wrongValue:
        '`"no-new-privileges": false` lets a setuid binary in any container raise a process\'s privileges; set `"no-new-privileges": true`.',
    },
    references: { cis: ["2.14"] },
  },
  check({ model, report }) {
    requireBoolean(model, report, "no-new-privileges", true);
  },
});
