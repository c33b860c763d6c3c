import type { ComposeModel, ComposeService, ScalarFound } from "../../compose/model.js";
import { defineRule } from "../../rule.js";
import { leadingNumber, limitsPlace, resolveScalar } from "./_a-values.js";
import { completesAnotherFile, otherLayerGives, OWN_VALUES, reportDroppedLayerValue } from "./_p-layers.js";
import type { KeptPath } from "./_p-layers.js";

const MEMORY = "bb9ac4f7-e13b-423d-a010-c74a1bfbe492";
const CPU = "6b610c50-99fb-4ef0-a5f3-e312fd945bc3";

/** What one written setting does: caps the resource, explicitly lifts the cap, or is unknown here (a variable). */
type Effect = "limit" | "unlimited" | "unknown";

interface Setting {
  key: string;
  found: ScalarFound;
  effect: Effect;
}

/** A number that is 0 or negative means "no limit" to Docker (`--memory 0`, `--cpus 0`, `--cpu-quota -1`). */
function numericEffect(found: ScalarFound): Effect {
  const resolved = resolveScalar(found);
  if (!resolved.known) return "unknown";
  const text = resolved.value.trim();
  // `mem_limit: ${MEM:-}`: an empty default is no limit unless the variable is set.
  if (text === "") return "unlimited";
  const number = leadingNumber(text);
  // Not a number: a malformed value is valid-schema's business, not a missing limit.
  if (number === undefined) return "limit";
  return number > 0 ? "limit" : "unlimited";
}

/** `cpuset: "0-1"` confines the service to those CPUs; an empty set is no confinement. */
function cpusetEffect(found: ScalarFound): Effect {
  const resolved = resolveScalar(found);
  if (!resolved.known) return "unknown";
  return resolved.value.trim() === "" ? "unlimited" : "limit";
}

/** One key that can limit the resource: its name for messages, its path in the service, how to read it. */
interface LimitKey {
  key: string;
  path: readonly string[];
  effect: (found: ScalarFound) => Effect;
}

/** The limits the service writes (not null), of the values `kept` lets through. */
function settings(service: ComposeService, specs: readonly LimitKey[], kept: KeptPath): Setting[] {
  const out: Setting[] = [];
  for (const { key, path, effect } of specs) {
    const found = kept(path) ? service.scalar(path) : undefined;
    if (found && found.value !== null) out.push({ key, found, effect: effect(found) });
  }
  return out;
}

const MEMORY_KEYS: readonly LimitKey[] = [
  { key: "mem_limit", path: ["mem_limit"], effect: numericEffect },
  { key: "deploy.resources.limits.memory", path: ["deploy", "resources", "limits", "memory"], effect: numericEffect },
];

const CPU_KEYS: readonly LimitKey[] = [
  { key: "cpus", path: ["cpus"], effect: numericEffect },
  { key: "cpu_quota", path: ["cpu_quota"], effect: numericEffect },
  { key: "cpuset", path: ["cpuset"], effect: cpusetEffect },
  // Windows containers.
  { key: "cpu_count", path: ["cpu_count"], effect: numericEffect },
  { key: "cpu_percent", path: ["cpu_percent"], effect: numericEffect },
  { key: "deploy.resources.limits.cpus", path: ["deploy", "resources", "limits", "cpus"], effect: numericEffect },
];

export default defineRule<ComposeModel>({
  meta: {
    id: "require-resource-limits",
    kind: "compose",
    category: "security",
    severity: "warning",
    docs: "Require a memory limit and a CPU limit on every Compose service.",
    presets: ["recommended"],
    messages: {
      memory:
        "Service `{{service}}` has no memory limit, so a leak or a flood of requests can use all of the host's memory and get other containers killed; set `deploy.resources.limits.memory` (or `mem_limit`), e.g. `memory: 512M`.",
      memoryUnlimited:
        "Service `{{service}}` sets `{{key}}: {{value}}`, which Docker reads as no memory limit; set a size such as `512M`.",
      cpu: "Service `{{service}}` has no CPU limit, so one busy container can starve the others and the host; set `deploy.resources.limits.cpus` (or `cpus`), e.g. `cpus: \"1.0\"`.",
      cpuUnlimited: "Service `{{service}}` sets `{{key}}: {{value}}`, which Docker reads as no CPU limit; set a number of CPUs such as `\"1.0\"`.",
      memoryDropped:
        "`{{key}}: {{tag}}` drops the memory limit that `{{file}}` gives service `{{service}}`, so it can use all of the host's memory; remove `{{tag}}`, or set the limit here without it.",
      cpuDropped:
        "`{{key}}: {{tag}}` drops the CPU limit that `{{file}}` gives service `{{service}}`, so one busy container can starve the others; remove `{{tag}}`, or set the limit here without it.",
    },
    references: { kics: [MEMORY, CPU], cis: ["5.11", "5.12"] },
    referencesByMessage: {
      memory: { kics: [MEMORY], cis: ["5.11"] },
      memoryUnlimited: { kics: [MEMORY], cis: ["5.11"] },
      cpu: { kics: [CPU], cis: ["5.12"] },
      cpuUnlimited: { kics: [CPU], cis: ["5.12"] },
      memoryDropped: { cis: ["5.11"] },
      cpuDropped: { cis: ["5.12"] },
    },
  },
  check({ model, filePath, report }) {
    for (const service of model.services) {
      const resources = [
        { missing: "memory", unlimited: "memoryUnlimited", dropped: "memoryDropped", keys: MEMORY_KEYS },
        { missing: "cpu", unlimited: "cpuUnlimited", dropped: "cpuDropped", keys: CPU_KEYS },
      ];
      for (const { missing, unlimited, dropped, keys } of resources) {
        const found = settings(service, keys, OWN_VALUES);
        // Any real (or deliberately variable) limit is enough: Compose applies both spellings.
        if (found.some((s) => s.effect !== "unlimited")) continue;
        const first = found[0];
        if (first) {
          report({ messageId: unlimited, data: { service: service.name, key: first.key, value: first.found.text }, range: first.found.range });
          continue;
        }
        // An override file or fragment: the file that defines the service may set the limit.
        // Another layer of the project that sets one limits the service (a 0 is reported there).
        const gives = (other: ComposeService, keptThere: KeptPath): boolean => settings(other, keys, keptThere).length > 0;
        if (otherLayerGives(model, service, gives) || reportDroppedLayerValue(model, service, gives, report, dropped)) continue;
        if (completesAnotherFile(service, filePath)) continue;
        report({ messageId: missing, data: { service: service.name }, range: limitsPlace(model, service) });
      }
    }
  },
});
