import { isMergeKey } from "../../compose/yaml-lazy.js";
import type { ComposeModel } from "../../compose/model.js";
import { defineRule } from "../../rule.js";
import { compareText, findMisplaced, nodeRange, pairKey, planSort, verifyPlans } from "./_d2-reorder.js";
import type { SortPlan } from "./_d2-reorder.js";
import type { ReportDescriptor } from "../../rule.js";
import { writtenServices } from "./_d2-services.js";
import { ownValue } from "../../util/own-value.js";

interface Options {
  groups: Record<string, string[]>;
  groupOrder: string[];
}

/** dclint's groups, by dclint's names, so that its `groups` / `groupOrder` options mean the same here. */
const DEFAULT_GROUPS: Record<string, string[]> = {
  "Core Definitions": ["image", "build", "container_name"],
  "Service Dependencies": ["depends_on"],
  "Data Management and Configuration": ["volumes", "volumes_from", "configs", "secrets"],
  "Environment Configuration": ["environment", "env_file"],
  Networking: ["ports", "networks", "network_mode", "extra_hosts"],
  "Runtime Behavior": ["command", "entrypoint", "working_dir", "restart", "healthcheck"],
  "Operational Metadata": ["logging", "labels"],
  "Security and Execution Context": ["user", "isolation"],
  Other: [],
};

const DEFAULT_GROUP_ORDER = Object.keys(DEFAULT_GROUPS);

/**
 * Ranks service keys: the keys of each group in `groupOrder`, in order, then every other key
 * alphabetically (a group left out of `groupOrder` places nothing: its keys are other keys).
 * `groups` replaces the default groups it names and keeps the others, as in dclint.
 */
export function serviceKeyOrder(options: Partial<Options>): { compare: (a: string, b: string) => number; describe: string } {
  const groups = { ...DEFAULT_GROUPS, ...(options.groups ?? {}) };
  const rank = new Map<string, number>();
  const described: string[] = [];
  for (const group of options.groupOrder ?? DEFAULT_GROUP_ORDER) {
    const keys = (ownValue(groups, group) ?? []).filter((key) => !rank.has(key));
    for (const key of keys) rank.set(key, rank.size);
    if (keys.length > 0) described.push(keys.join(", "));
  }
  const other = rank.size;
  const compare = (a: string, b: string): number => {
    const ra = rank.get(a) ?? other;
    const rb = rank.get(b) ?? other;
    return ra !== rb ? ra - rb : ra === other ? compareText(a, b) : 0;
  };
  return { compare, describe: `${described.join("; ")}; then the other keys alphabetically` };
}

export default defineRule<ComposeModel, Options>({
  meta: {
    id: "order-service-keys",
    kind: "compose",
    category: "style",
    severity: "warning",
    docs: "Require the keys of each Compose service in a fixed order of groups (image and build first, then dependencies, data, environment, networking, runtime, metadata, security, the rest alphabetically).",
    presets: [],
    fixable: true,
    messages: {
      misplaced:
        "Key `{{key}}` of service `{{service}}` should come before `{{before}}`: the keys of a service go in the order {{order}} (`docklint --fix` reorders them).",
    },
    options: {
      schema: {
        type: "object",
        properties: {
          groups: {
            type: "object",
            additionalProperties: { type: "array", items: { type: "string" } },
            description: "Group name → its keys, in order. Named groups replace the default ones of the same name; the others stay.",
          },
          groupOrder: {
            type: "array",
            items: { type: "string" },
            description: "Group names in the wanted order. Keys of groups not listed are sorted with the other keys.",
          },
        },
        additionalProperties: false,
      },
      defaults: { groups: DEFAULT_GROUPS, groupOrder: DEFAULT_GROUP_ORDER },
    },
    references: { dclint: ["service-keys-order"] },
  },
  check({ model, options, report }) {
    const { compare, describe } = serviceKeyOrder(options);
    const findings: { descriptor: ReportDescriptor; plan: SortPlan | undefined }[] = [];
    for (const service of writtenServices(model)) {
      const map = service.map;
      const names = map.items.map((pair) => (isMergeKey(pair.key) ? undefined : pairKey(pair)));
      const entries = names.flatMap((name, index) => {
        const keyRange = nodeRange(map.items[index]?.key);
        return name !== undefined && keyRange ? [{ name, keyRange }] : [];
      });
      const misplaced = findMisplaced(entries, (a, b) => compare(a.name, b.name));
      if (misplaced.length === 0) continue;
      const plan = planSort(model, map, (a, b) => compare(names[a] ?? "", names[b] ?? ""));
      for (const { index, before } of misplaced) {
        const entry = entries[index];
        if (!entry) continue;
        findings.push({
          descriptor: {
            messageId: "misplaced",
            data: { key: entry.name, service: service.name, before: entries[before]?.name ?? "", order: describe },
            range: entry.keyRange,
          },
          plan,
        });
      }
    }
    // The fixes of all services are checked together (one parse), each alone only if that fails.
    const safe = verifyPlans(model, [...new Set(findings.flatMap(({ plan }) => (plan ? [plan] : [])))]);
    for (const { descriptor, plan } of findings) report(plan && safe.has(plan) ? { ...descriptor, fix: plan.fix } : descriptor);
  },
});
