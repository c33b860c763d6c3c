import { stringOf, type DaemonModel } from "../../daemon/model.js";
import { defineRule } from "../../rule.js";

export default defineRule<DaemonModel>({
  meta: {
    id: "require-userns-remap",
    kind: "daemon",
    category: "security",
    severity: "warning",
    docs: 'Require `"userns-remap"` in daemon.json, so root in a container is an unprivileged user on the host.',
    // Remapping changes the owner of every volume and image layer and cannot be combined with
    // --privileged or host namespaces for all containers: `strict`, not `recommended`.
    presets: ["strict"],
    messages: {
      missing:
        'daemon.json does not set `userns-remap`, so root in a container is root on the host: one container escape owns the machine; add `"userns-remap": "default"` (or a user of your own).',
      empty: '`"userns-remap": ""` turns user-namespace remapping off, so root in a container is root on the host; set it to `"default"` or to a user.',
    },
    references: { cis: ["2.9"] },
  },
  check({ model, report }) {
    const member = model.get("userns-remap");
    if (!member) {
      report({ messageId: "missing", range: model.anchor });
      return;
    }
    if (stringOf(member.value)?.trim() === "") report({ messageId: "empty", range: member.value.range });
  },
});
