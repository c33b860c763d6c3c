import { isMergeKey } from "../../compose/yaml-lazy.js";
import type { ComposeModel } from "../../compose/model.js";
import { defineRule } from "../../rule.js";
import { compareText, findMisplaced, nodeRange, pairKey, sortFix } from "./_d2-reorder.js";

interface Options {
  order: string[];
}

/** `x-*` stands for every extension key, sorted alphabetically; dclint spells it `x-properties`. */
const EXTENSIONS = new Set(["x-*", "x-properties"]);

const DEFAULT_ORDER = ["x-*", "version", "name", "include", "services", "networks", "volumes", "secrets", "configs"];

/** Compares top-level keys: listed keys by position, `x-*` keys alphabetically at the `x-*` slot, others last in their own order. */
export function topLevelComparator(order: readonly string[]): (a: string, b: string) => number {
  const extensionSlot = order.findIndex((name) => EXTENSIONS.has(name));
  const rank = (key: string): number => {
    const exact = order.indexOf(key);
    if (exact >= 0 && !EXTENSIONS.has(key)) return exact;
    if (key.startsWith("x-") && extensionSlot >= 0) return extensionSlot;
    return order.length;
  };
  return (a, b) => {
    const ra = rank(a);
    const rb = rank(b);
    if (ra !== rb) return ra - rb;
    return ra === extensionSlot && ra !== order.length ? compareText(a, b) : 0;
  };
}

export default defineRule<ComposeModel, Options>({
  meta: {
    id: "order-top-level-keys",
    kind: "compose",
    category: "style",
    severity: "warning",
    docs: "Require the top-level keys of a Compose file in a fixed order (`x-*`, `version`, `name`, `include`, `services`, …).",
    presets: [],
    fixable: true,
    messages: {
      misplaced: "Top-level key `{{name}}` should come before `{{before}}`: the expected order is {{order}} ({{howToFix}}).",
      extensionOrder: "Extension key `{{name}}` should come before `{{before}}`: `x-*` keys are kept in alphabetical order ({{howToFix}}).",
    },
    options: {
      schema: {
        type: "object",
        properties: {
          order: {
            type: "array",
            items: { type: "string" },
            description: "Top-level keys in the wanted order; `x-*` (or dclint's `x-properties`) stands for every `x-` key, sorted alphabetically. Keys not listed go after the listed ones, in the order they are written.",
          },
        },
        additionalProperties: false,
      },
      defaults: { order: DEFAULT_ORDER },
    },
    references: { dclint: ["top-level-properties-order"] },
  },
  check({ model, options, report }) {
    const root = model.root;
    if (!root) return;
    const order = options.order;
    const compare = topLevelComparator(order);
    const names = root.items.map((pair) => (isMergeKey(pair.key) ? undefined : pairKey(pair)));
    const entries = names.flatMap((name, index) => {
      const keyRange = nodeRange(root.items[index]?.key);
      return name !== undefined && keyRange ? [{ name, keyRange }] : [];
    });
    const misplaced = findMisplaced(entries, (a, b) => compare(a.name, b.name));
    if (misplaced.length === 0) return;
    const expected = [...order.map((name) => (EXTENSIONS.has(name) ? "x-*" : name)), "then any other key"].join(", ");
    const fix = sortFix(model, root, (a, b) => compare(names[a] ?? "", names[b] ?? ""));
    // sortFix refuses an order that could change the data (see the rule page's "The fix"): then no fix is offered.
    const howToFix = fix ? "`docklint --fix` reorders them" : "move it by hand: no fix is offered, since reordering here could change the data (a YAML alias above its anchor, a key given twice)";
    for (const { index, before } of misplaced) {
      const entry = entries[index];
      if (!entry) continue;
      const beforeName = entries[before]?.name ?? "";
      // Two x- keys are out of order only among themselves (plane's x-redis-env before x-minio-env):
      // the order of the groups would not tell the reader what is wrong.
      const amongExtensions = entry.name.startsWith("x-") && beforeName.startsWith("x-");
      report({
        ...(amongExtensions ? { messageId: "extensionOrder", data: { name: entry.name, before: beforeName, howToFix } } : { messageId: "misplaced", data: { name: entry.name, before: beforeName, order: expected, howToFix } }),
        range: entry.keyRange,
        ...(fix ? { fix } : {}),
      });
    }
  },
});
