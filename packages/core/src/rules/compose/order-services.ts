import { isMergeKey } from "../../compose/yaml-lazy.js";
import type { ComposeModel } from "../../compose/model.js";
import { defineRule } from "../../rule.js";
import { compareText, findMisplaced, nodeRange, pairKey, sortFix } from "./_d2-reorder.js";
import { servicesMap } from "./_d2-services.js";

export default defineRule<ComposeModel>({
  meta: {
    id: "order-services",
    kind: "compose",
    category: "style",
    severity: "warning",
    docs: "Require the services under `services:` in alphabetical order.",
    presets: [],
    fixable: true,
    messages: {
      misplaced:
        "Service `{{name}}` should come before `{{before}}`: keep the services in alphabetical order so that each is easy to find (`docklint --fix` sorts them).",
    },
    references: { dclint: ["services-alphabetical-order"] },
  },
  check({ model, report }) {
    const map = servicesMap(model);
    if (!map) return;
    const names = map.items.map((pair) => (isMergeKey(pair.key) ? undefined : pairKey(pair)));
    const entries = names.flatMap((name, index) => {
      const keyRange = nodeRange(map.items[index]?.key);
      return name !== undefined && keyRange ? [{ name, keyRange }] : [];
    });
    const misplaced = findMisplaced(entries, (a, b) => compareText(a.name, b.name));
    if (misplaced.length === 0) return;
    const fix = sortFix(model, map, (a, b) => compareText(names[a] ?? "", names[b] ?? ""));
    for (const { index, before } of misplaced) {
      const entry = entries[index];
      if (!entry) continue;
      report({
        messageId: "misplaced",
        data: { name: entry.name, before: entries[before]?.name ?? "" },
        range: entry.keyRange,
        ...(fix ? { fix } : {}),
      });
    }
  },
});
