import { isMergeKey, isScalar } from "../../compose/yaml-lazy.js";
import { documentNodes } from "../../compose/yaml-walk.js";
import type { ComposeModel } from "../../compose/model.js";
import { defineRule } from "../../rule.js";
import type { OffsetRange } from "../../source.js";


/** `<<` written twice in one map (the model's duplicate keys leave merge keys out). */
function duplicateMergeKeys(model: ComposeModel): { range: OffsetRange; firstRange: OffsetRange }[] {
  const found: { range: OffsetRange; firstRange: OffsetRange }[] = [];
  for (const map of documentNodes(model.document).maps) {
    let first: OffsetRange | undefined;
    for (const pair of map.items) {
      if (!isMergeKey(pair.key) || !isScalar(pair.key) || !pair.key.range) continue;
      const range: OffsetRange = [pair.key.range[0], pair.key.range[1]];
      if (first) found.push({ range, firstRange: first });
      else first = range;
    }
  }
  return found;
}

export default defineRule<ComposeModel>({
  meta: {
    id: "no-duplicate-keys",
    kind: "compose",
    category: "correctness",
    severity: "error",
    docs: "Disallow a key written twice in the same YAML map of a Compose file.",
    presets: ["recommended"],
    messages: {
      duplicate:
        "`{{name}}` is already a key of this map (line {{firstLine}}): `docker compose` refuses the file (\"mapping key already defined\"), and tools that accept it keep only this later value; merge the two into one key, or remove the one that should not apply.",
      duplicateMerge:
        "A second `<<` merge key in this map (the first is on line {{firstLine}}): `docker compose` refuses the file (\"mapping key \\\"<<\\\" already defined\"); merge all sources in one key, `<<: [*first, *second]`.",
    },
    references: {},
  },
  check({ model, source, report }) {
    for (const duplicate of model.duplicateKeys) {
      report({
        messageId: "duplicate",
        data: { name: duplicate.name, firstLine: source.positionAt(duplicate.firstRange[0]).line },
        range: duplicate.range,
      });
    }
    for (const duplicate of duplicateMergeKeys(model)) {
      report({ messageId: "duplicateMerge", data: { firstLine: source.positionAt(duplicate.firstRange[0]).line }, range: duplicate.range });
    }
  },
});
