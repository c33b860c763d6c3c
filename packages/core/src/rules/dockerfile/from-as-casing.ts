import type { DockerfileModel } from "../../dockerfile/model.js";
import { defineRule } from "../../rule.js";

export default defineRule<DockerfileModel>({
  meta: {
    id: "from-as-casing",
    kind: "dockerfile",
    category: "style",
    severity: "warning",
    docs: "Require the `AS` of `FROM … AS name` in the same case as its `FROM`.",
    presets: ["recommended"],
    fixable: true,
    messages: {
      mismatch: "`{{as}}` does not match the case of `{{from}}`; write `{{from}} … {{expected}} {{name}}`.",
    },
    references: { buildkit: ["FromAsCasing"] },
  },
  check({ model, report }) {
    for (const stage of model.stages) {
      const from = stage.from.keywordText;
      const as = stage.from.args[1];
      if (stage.name === undefined || !as) continue;
      // A mixed-case FROM (`From`) is consistent-instruction-casing's finding; there is no case to match.
      const expected = from === from.toUpperCase() ? "AS" : from === from.toLowerCase() ? "as" : undefined;
      if (expected === undefined || as.value === expected) continue;
      report({
        messageId: "mismatch",
        data: { as: as.value, from, expected, name: stage.name },
        range: as.range,
        fix: { range: as.range, text: expected },
      });
    }
  },
});
