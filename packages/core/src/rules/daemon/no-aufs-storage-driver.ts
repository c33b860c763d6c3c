import { stringOf, type DaemonModel } from "../../daemon/model.js";
import { defineRule } from "../../rule.js";

export default defineRule<DaemonModel>({
  meta: {
    id: "no-aufs-storage-driver",
    kind: "daemon",
    category: "security",
    severity: "error",
    docs: 'Disallow `"storage-driver": "aufs"` in daemon.json.',
    presets: ["recommended"],
    messages: {
      aufs: '`"storage-driver": "{{value}}"` selects aufs, an out-of-tree filesystem with known kernel crashes and security problems that current Docker releases no longer ship; use "overlay2" (the default).',
    },
    references: { cis: ["2.6"] },
  },
  check({ model, report }) {
    const member = model.get("storage-driver");
    const value = stringOf(member?.value);
    if (member && value !== undefined && value.trim().toLowerCase() === "aufs") report({ messageId: "aufs", data: { value }, range: member.value.range });
  },
});
