import type { Node } from "yaml";
import { knownValue } from "../../compose/interpolation.js";
import type { ComposeModel } from "../../compose/model.js";
import { isAlias, isMap, isScalar, isSeq, resolveAlias } from "../../compose/yaml-lazy.js";
import { defineRule } from "../../rule.js";
import { entryValueRange, mapEntries, type Entry } from "./_c-nodes.js";

/** The actions that copy files into the container (the schema's others are `rebuild` and `restart`). */
const SYNC_ACTIONS = new Set(["sync", "sync+restart", "sync+exec"]);

/** A field's text once interpolated; undefined when absent, not a string, or decided by a variable without default. */
function fieldText(entry: Entry | undefined): { value: string; evaluated: string } | undefined {
  if (!entry || !isScalar(entry.value) || typeof entry.value.value !== "string") return undefined;
  const written = entry.value.value;
  const value = knownValue(written);
  if (value === undefined) return undefined;
  return { value, evaluated: value === written ? "" : ` (\`${written}\`, empty once interpolated)` };
}

export default defineRule<ComposeModel>({
  meta: {
    id: "valid-develop-watch",
    kind: "compose",
    category: "correctness",
    severity: "error",
    docs: "Require `develop.watch` entries that Compose accepts: a `path` that is not empty, and a `target` for the `sync` actions.",
    presets: ["recommended"],
    messages: {
      blankPath:
        "Service `{{service}}` has a `develop.watch` entry whose `path` is empty{{evaluated}}, which docker compose refuses (\"services.{{service}}.develop.watch.[].path: value can't be blank\"); write the file or directory to watch, e.g. `path: ./src`.",
      noTarget:
        "Service `{{service}}` has a `develop.watch` entry with `action: {{action}}` and {{what}}, which docker compose refuses (\"services.{{service}}.develop.watch: target is required for non-rebuild actions\"); add `target:` with the path in the container to copy the files to, e.g. `target: /app`.",
    },
    references: {},
  },
  check({ model, report }) {
    // A list shared through an anchor is checked once, where it is written.
    const seen = new Set<Node>();
    for (const service of model.services) {
      const found = service.get(["develop", "watch"]);
      // What `extends` brings in is checked in the base service.
      if (!found || found.viaExtends === true || !isSeq(found.node) || seen.has(found.node)) continue;
      seen.add(found.node);
      for (const item of found.node.items) {
        const node: unknown = isAlias(item) ? resolveAlias(item, model.document) : item;
        if (!isMap(node)) continue;
        const entries = new Map(mapEntries(model, node, undefined).map((entry) => [entry.key, entry]));
        const path = entries.get("path");
        const pathText = fieldText(path);
        // compose-go's `checkPath` (validation.go): only the empty string; blanks are a path.
        if (path && pathText?.value === "") {
          report({ messageId: "blankPath", data: { service: service.name, evaluated: pathText.evaluated }, range: entryValueRange(path) });
        }
        const action = entries.get("action");
        const actionText = fieldText(action);
        // Other actions are valid-schema's (an enum); `rebuild` and `restart` need no target.
        if (!action || actionText === undefined || !SYNC_ACTIONS.has(actionText.value)) continue;
        const target = entries.get("target");
        if (target === undefined) {
          report({ messageId: "noTarget", data: { service: service.name, action: actionText.value, what: "no `target`" }, range: entryValueRange(action) });
          continue;
        }
        // A null target is valid-schema's (not a string).
        const targetText = fieldText(target);
        if (targetText?.value === "") {
          report({ messageId: "noTarget", data: { service: service.name, action: actionText.value, what: `an empty \`target\`${targetText.evaluated}` }, range: entryValueRange(target) });
        }
      }
    }
  },
});
