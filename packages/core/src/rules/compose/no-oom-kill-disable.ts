import type { ComposeModel, ComposeService } from "../../compose/model.js";
import { evaluate } from "../../compose/interpolation.js";
import { defineRule } from "../../rule.js";
import { isComposeTrue } from "./_a-values.js";
import { completesAnotherFile, otherLayerGives, OWN_VALUES } from "./_p-layers.js";
import type { KeptPath } from "./_p-layers.js";

const MEM_LIMIT = ["mem_limit"];
const DEPLOY_MEMORY = ["deploy", "resources", "limits", "memory"];

/** A memory limit is set, or may be: `0`/`-1` mean none; an unset variable is given the benefit of the doubt. */
function hasMemoryLimit(service: ComposeService, kept: KeptPath): boolean {
  for (const [path, found] of [
    [MEM_LIMIT, service.memLimit],
    [DEPLOY_MEMORY, service.limits.memory],
  ] as const) {
    if (!found || !kept(path)) continue;
    const result = evaluate(found.text);
    if (result.unknown.length > 0 || result.required.length > 0) return true;
    const text = result.value.trim();
    if (text !== "" && text !== "0" && text !== "-1") return true;
  }
  return false;
}

export default defineRule<ComposeModel>({
  meta: {
    id: "no-oom-kill-disable",
    kind: "compose",
    category: "security",
    severity: "warning",
    docs: "Disallow `oom_kill_disable: true` on Compose services.",
    presets: ["recommended"],
    messages: {
      noLimit:
        "Service `{{service}}` disables the OOM killer (`oom_kill_disable: {{value}}`) and has no memory limit: when the host runs out of memory the kernel must kill host processes instead of this container's; remove `oom_kill_disable`, or at least set `mem_limit` (or `deploy.resources.limits.memory`).",
      withLimit:
        "Service `{{service}}` disables the OOM killer (`oom_kill_disable: {{value}}`): at its memory limit its processes hang instead of being killed and restarted, and cgroup v2 hosts ignore the setting; remove `oom_kill_disable`.",
    },
    references: {},
  },
  check({ model, filePath, report }) {
    for (const service of model.services) {
      const found = service.scalar(["oom_kill_disable"]);
      if (!found || !isComposeTrue(found.value)) continue;
      // A service completing another file's may have its limit set there, so it gets the milder finding.
      const limited = hasMemoryLimit(service, OWN_VALUES) || completesAnotherFile(service, filePath) || otherLayerGives(model, service, hasMemoryLimit);
      report({
        messageId: limited ? "withLimit" : "noLimit",
        // With a limit, only the container itself suffers: below the configured level.
        ...(limited ? { level: "info" as const } : {}),
        data: { service: service.name, value: found.text },
        range: found.range,
      });
    }
  },
});
