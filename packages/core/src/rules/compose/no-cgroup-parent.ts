import type { ComposeModel } from "../../compose/model.js";
import { evaluate } from "../../compose/interpolation.js";
import { defineRule } from "../../rule.js";

export default defineRule<ComposeModel>({
  meta: {
    id: "no-cgroup-parent",
    kind: "compose",
    category: "security",
    severity: "info",
    docs: "Flag `cgroup_parent` on Compose services for review.",
    presets: ["cis"],
    messages: {
      cgroupParent:
        "Service `{{service}}` runs under the cgroup `{{value}}` (`cgroup_parent`) instead of Docker's default: the limits (or lack of them) of that parent apply to it, and a parent shared with host workloads lets it take their resources; confirm the parent is meant for containers and has limits, or remove `cgroup_parent`.",
    },
    references: {
      kics: ["4d9f44c6-2f4a-4317-9bb5-267adbea0232"],
      cis: ["5.25"],
    },
  },
  check({ model, report }) {
    for (const service of model.services) {
      const found = service.scalar(["cgroup_parent"]);
      if (!found) continue;
      const result = evaluate(found.text);
      // An unset variable may well be empty, which keeps the default: not reported.
      if (result.unknown.length > 0 || result.required.length > 0) continue;
      const value = result.value.trim();
      if (value === "") continue;
      report({ messageId: "cgroupParent", data: { service: service.name, value }, range: found.range });
    }
  },
});
