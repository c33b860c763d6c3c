import { isMap, isScalar, isSeq } from "../../compose/yaml-lazy.js";
import type { YAMLMap } from "yaml";
import { evaluate } from "../../compose/interpolation.js";
import type { ComposeModel } from "../../compose/model.js";
import { parseShortPort } from "../../compose/syntax.js";
import { defineRule } from "../../rule.js";
import { compareNumeric, findMisplaced, ownPair, planSort, verifyPlans } from "./_d2-reorder.js";
import type { SortPlan } from "./_d2-reorder.js";
import type { ReportDescriptor } from "../../rule.js";
import { ownEntry, writtenServices } from "./_d2-services.js";

interface PortKey {
  /** What the list is sorted by: the published port (the container port when none is published). */
  key: string;
  /** The entry as the message shows it. */
  label: string;
}

/** Text as Compose reads it (`${PORT:-8080}` is `8080`), or undefined when a variable has no known value. */
function interpolated(raw: string): string | undefined {
  if (!raw.includes("$")) return raw;
  const evaluation = evaluate(raw);
  return evaluation.unknown.length > 0 || evaluation.required.length > 0 ? undefined : evaluation.value;
}

function scalarText(map: YAMLMap, name: string): string | undefined {
  const value = ownPair(map, name)?.value;
  return isScalar(value) && value.value !== null && value.value !== "" ? String(value.value) : undefined;
}

/**
 * The sort key of a `ports` entry, as dclint reads it: for the short syntax the host port
 * (`8080` in `127.0.0.1:8080:80`), or the container port when no host port is given (`"81"`);
 * for the long syntax `published`, else `target`.
 */
function portKey(item: unknown): PortKey | undefined {
  if (isScalar(item) && item.value !== null) {
    const raw = String(item.value);
    // A variable without a value: the entry sorts by its text as written (`$` before digits).
    const port = parseShortPort(interpolated(raw) ?? raw);
    return { key: port.published ?? port.target, label: raw };
  }
  if (isMap(item)) {
    const published = scalarText(item, "published");
    const target = scalarText(item, "target");
    const key = published ?? target;
    if (key === undefined) return undefined;
    return { key: interpolated(key) ?? key, label: published !== undefined ? `published: ${published}` : `target: ${key}` };
  }
  return undefined;
}

export default defineRule<ComposeModel>({
  meta: {
    id: "order-service-ports",
    kind: "compose",
    category: "style",
    severity: "warning",
    docs: "Require the `ports` of a Compose service sorted by published port.",
    presets: [],
    fixable: true,
    messages: {
      unsorted:
        "The `ports` of service `{{service}}` are not sorted by published port: `{{port}}` should come before `{{before}}` (`docklint --fix` sorts the list).",
    },
    references: { dclint: ["service-ports-alphabetical-order"] },
  },
  check({ model, report }) {
    const findings: { descriptor: ReportDescriptor; plan: SortPlan | undefined }[] = [];
    for (const service of writtenServices(model)) {
      const ports = ownEntry(service.map, "ports");
      const value = ports?.pair.value;
      if (!ports || !isSeq(value)) continue;
      const keys = value.items.map((item) => portKey(item));
      // An alias or an entry without a port cannot be placed: leave the list alone.
      if (keys.some((key) => key === undefined)) continue;
      const entries = keys as PortKey[];
      const first = findMisplaced(entries, (a, b) => compareNumeric(a.key, b.key))[0];
      if (!first) continue;
      const plan = planSort(model, value, (a, b) => compareNumeric(entries[a]?.key ?? "", entries[b]?.key ?? ""));
      findings.push({
        plan,
        descriptor: {
          messageId: "unsorted",
          data: { service: service.name, port: entries[first.index]?.label ?? "", before: entries[first.before]?.label ?? "" },
          range: ports.keyRange,
        },
      });
    }
    // The fixes of all services are checked together (one parse), each alone only if that fails.
    const safe = verifyPlans(model, findings.flatMap(({ plan }) => (plan ? [plan] : [])));
    for (const { descriptor, plan } of findings) report(plan && safe.has(plan) ? { ...descriptor, fix: plan.fix } : descriptor);
  },
});
