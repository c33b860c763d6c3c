import type { ComposeModel } from "../../compose/model.js";
import { defineRule } from "../../rule.js";
import { listScalars, plainEquivalent } from "./_d1-compose.js";

export default defineRule<ComposeModel>({
  meta: {
    id: "no-quotes-in-volumes",
    kind: "compose",
    category: "style",
    severity: "info",
    docs: "Disallow quotes around short-syntax `volumes` entries of Compose services.",
    presets: [],
    fixable: true,
    messages: {
      quoted: "The volume {{written}} of service `{{service}}` is quoted, and needs no quotes; write `{{plain}}`.",
      needsQuotes:
        "The volume {{written}} of service `{{service}}` is quoted, and YAML would read it differently without the quotes; keep them and disable this rule here, or use the long syntax (`type:`, `source:`, `target:`).",
    },
    references: { dclint: ["no-quotes-in-volumes"] },
  },
  check({ model, source, report }) {
    for (const { service, node, flow } of listScalars(model, ["volumes"])) {
      if (node.type !== "QUOTE_DOUBLE" && node.type !== "QUOTE_SINGLE") continue;
      if (typeof node.value !== "string" || node.value === "" || !node.range) continue;
      const range = [node.range[0], node.range[1]] as const;
      const plain = plainEquivalent(node.value, flow);
      const text = source.text.slice(range[0], range[1]);
      const written = text.includes("`") || /[\r\n]/.test(text) ? JSON.stringify(node.value) : `\`${text}\``;
      if (plain === undefined) {
        report({ messageId: "needsQuotes", data: { service: service.name, written }, range });
        continue;
      }
      report({ messageId: "quoted", data: { service: service.name, written, plain }, range, fix: { range, text: plain } });
    }
  },
});
