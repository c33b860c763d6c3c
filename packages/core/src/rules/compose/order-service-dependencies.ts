import { isMergeKey } from "../../compose/yaml-lazy.js";
import { isMap, isScalar, isSeq } from "../../compose/yaml-lazy.js";
import { evaluate } from "../../compose/interpolation.js";
import type { ComposeModel } from "../../compose/model.js";
import { defineRule } from "../../rule.js";
import { compareText, findMisplaced, pairKey, planSort, verifyPlans } from "./_d2-reorder.js";
import type { SortPlan } from "./_d2-reorder.js";
import type { ReportDescriptor } from "../../rule.js";
import { ownEntry, writtenServices } from "./_d2-services.js";

/** A name as Compose reads it: `${X:-db}` is `db`; with a variable of unknown value, the text as written. */
function sortName(raw: string): string {
  if (!raw.includes("$")) return raw;
  const evaluation = evaluate(raw);
  return evaluation.unknown.length > 0 || evaluation.required.length > 0 ? raw : evaluation.value;
}

export default defineRule<ComposeModel>({
  meta: {
    id: "order-service-dependencies",
    kind: "compose",
    category: "style",
    severity: "warning",
    docs: "Require the `depends_on` entries of a Compose service in alphabetical order.",
    presets: [],
    fixable: true,
    messages: {
      unsorted:
        "The `depends_on` of service `{{service}}` is not in alphabetical order: `{{name}}` should come before `{{before}}` (`docklint --fix` sorts the list).",
    },
    references: { dclint: ["service-dependencies-alphabetical-order"] },
  },
  check({ model, report }) {
    const findings: { descriptor: ReportDescriptor; plan: SortPlan | undefined }[] = [];
    for (const service of writtenServices(model)) {
      const dependsOn = ownEntry(service.map, "depends_on");
      const value = dependsOn?.pair.value;
      if (!dependsOn || !(isSeq(value) || isMap(value))) continue;
      // Per item: the name it sorts by and the name as written (undefined for a merge key).
      let names: ({ key: string; label: string } | undefined)[];
      if (isSeq(value)) {
        // Short syntax: a list of names; anything else is not a valid list to sort.
        if (!value.items.every((item) => isScalar(item) && item.value !== null)) continue;
        names = value.items.map((item) => {
          const label = isScalar(item) ? String(item.value) : "";
          return { key: sortName(label), label };
        });
      } else {
        names = value.items.map((pair) => {
          const name = isMergeKey(pair.key) ? undefined : pairKey(pair);
          return name === undefined ? undefined : { key: name, label: name };
        });
      }
      const entries = names.flatMap((name) => (name === undefined ? [] : [name]));
      const first = findMisplaced(entries, (a, b) => compareText(a.key, b.key))[0];
      if (!first) continue;
      const plan = planSort(model, value, (a, b) => compareText(names[a]?.key ?? "", names[b]?.key ?? ""));
      findings.push({
        plan,
        descriptor: {
          messageId: "unsorted",
          data: { service: service.name, name: entries[first.index]?.label ?? "", before: entries[first.before]?.label ?? "" },
          range: dependsOn.keyRange,
        },
      });
    }
    // The fixes of all services are checked together (one parse), each alone only if that fails.
    const safe = verifyPlans(model, findings.flatMap(({ plan }) => (plan ? [plan] : [])));
    for (const { descriptor, plan } of findings) report(plan && safe.has(plan) ? { ...descriptor, fix: plan.fix } : descriptor);
  },
});
