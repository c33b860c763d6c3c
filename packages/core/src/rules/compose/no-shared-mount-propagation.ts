import type { ComposeModel } from "../../compose/model.js";
import { evaluate } from "../../compose/interpolation.js";
import { defineRule } from "../../rule.js";
import { itemAt, itemField, seqItems } from "./_c-nodes.js";

/** Propagation modes that pass mounts out of the container (shared) or into it from the host (slave). */
const SHARED = new Set(["shared", "rshared"]);
const SLAVE = new Set(["slave", "rslave"]);

export default defineRule<ComposeModel>({
  meta: {
    id: "no-shared-mount-propagation",
    kind: "compose",
    category: "security",
    severity: "warning",
    docs: "Disallow `shared` (and flag `slave`) mount propagation on Compose service volumes.",
    presets: ["recommended", "cis"],
    messages: {
      shared:
        "Service `{{service}}` mounts `{{source}}` with `{{mode}}` propagation: mounts made inside the container under `{{target}}` appear on the host and in every container sharing it, so a compromised container can mount over host paths; remove `{{mode}}` to keep the default `rprivate`.",
      slave:
        "Service `{{service}}` mounts `{{source}}` with `{{mode}}` propagation: mounts the host makes under it later (USB disks, network shares) also appear in the container; remove `{{mode}}` to keep the default `rprivate` unless the service must see them.",
    },
    references: {
      kics: ["baa452f0-1f21-4a25-ace5-844e7a5f410d"],
      cis: ["5.20"],
    },
    referencesByMessage: {
      shared: { kics: ["baa452f0-1f21-4a25-ace5-844e7a5f410d"], cis: ["5.20"] },
      slave: { kics: ["baa452f0-1f21-4a25-ace5-844e7a5f410d"] },
    },
  },
  check({ model, report }) {
    for (const service of model.services) {
      const items = seqItems(model, service, ["volumes"]);
      for (const mount of service.volumes) {
        for (const option of mount.options) {
          const result = evaluate(option);
          if (result.unknown.length > 0 || result.required.length > 0) continue;
          const mode = result.value.trim();
          const shared = SHARED.has(mode);
          if (!shared && !SLAVE.has(mode)) continue;
          let range = mount.range;
          if (mount.syntax === "long") {
            const item = itemAt(items, mount.range);
            if (item) range = itemField(model, item, ["bind", "propagation"])?.range ?? range;
          }
          report({
            messageId: shared ? "shared" : "slave",
            // A host that only receives mounts is a far smaller risk: below the configured level.
            ...(shared ? {} : { level: "info" as const }),
            data: { service: service.name, source: mount.source ?? "(anonymous volume)", target: mount.target, mode },
            range,
          });
        }
      }
    }
  },
});
