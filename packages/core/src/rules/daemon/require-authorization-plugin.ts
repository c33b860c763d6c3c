import type { DaemonModel } from "../../daemon/model.js";
import { defineRule } from "../../rule.js";

export default defineRule<DaemonModel>({
  meta: {
    id: "require-authorization-plugin",
    kind: "daemon",
    category: "security",
    severity: "warning",
    docs: "Require an `authorization-plugins` entry in daemon.json, so API requests are checked beyond access to the socket.",
    presets: [],
    messages: {
      missing:
        'daemon.json sets no `authorization-plugins`, so anyone who reaches the Docker socket or API can do everything, root on the host included; add an authorization plugin (`"authorization-plugins": ["<plugin>"]`) if the daemon is shared.',
      empty: '`"authorization-plugins": []` lists no plugin, so anyone who reaches the Docker socket or API can do everything; name an authorization plugin.',
    },
    references: { cis: ["2.12"] },
  },
  check({ model, report }) {
    const member = model.get("authorization-plugins");
    if (!member) {
      report({ messageId: "missing", range: model.anchor });
      return;
    }
    if (member.value.type === "array" && member.value.items.every((item) => item.type === "string" && item.value.trim() === "")) {
      report({ messageId: "empty", range: member.value.range });
    }
  },
});
