import type { DaemonModel } from "../../daemon/model.js";
import { defineRule } from "../../rule.js";
import { forbidBoolean } from "./_daemon-setting.js";

export default defineRule<DaemonModel>({
  meta: {
    id: "no-iptables-disabled",
    kind: "daemon",
    category: "security",
    severity: "warning",
    docs: 'Disallow `"iptables": false` in daemon.json: dockerd must manage the firewall rules that isolate container networks.',
    presets: ["recommended"],
    messages: {
      wrongValue:
        '`"iptables": false` stops dockerd from writing the firewall rules that isolate container networks and publish ports, leaving them to hand-written rules that drift; remove it (the default is true).',
    },
    references: { cis: ["2.4"] },
  },
  check({ model, report }) {
    forbidBoolean(model, report, "iptables", false);
  },
});
