import type { DockerfileModel } from "../../dockerfile/model.js";
import { withTriggers } from "../../dockerfile/queries.js";
import { defineRule } from "../../rule.js";
import { exposeItems } from "./_expose-ports.js";

export default defineRule<DockerfileModel>({
  meta: {
    id: "expose-protocol-casing",
    kind: "dockerfile",
    category: "style",
    severity: "warning",
    docs: "Require EXPOSE protocols in lower case (`80/tcp`, not `80/TCP`).",
    presets: ["recommended"],
    fixable: true,
    messages: {
      upperCase: "Protocol `{{protocol}}` of EXPOSE `{{port}}` should be lower case: write `{{expected}}`.",
    },
    references: { buildkit: ["ExposeProtoCasing"] },
  },
  check({ model, source, report }) {
    for (const instruction of withTriggers(model.instructions)) {
      if (instruction.keyword !== "EXPOSE") continue;
      for (const item of exposeItems(instruction, source)) {
        if (item.protocol === item.protocol.toLowerCase()) continue;
        const expected = item.text.slice(0, item.protocolOffset) + item.protocol.toLowerCase();
        if (!item.literal) {
          // The protocol comes from a variable: point at the word, there is nothing to rewrite in place.
          report({ messageId: "upperCase", data: { protocol: item.protocol, port: item.text, expected }, range: item.arg.range });
          continue;
        }
        const start = item.arg.range[0] + item.protocolOffset;
        const range: [number, number] = [start, start + item.protocol.length];
        report({
          messageId: "upperCase",
          data: { protocol: item.protocol, port: item.text, expected },
          range,
          fix: { range, text: item.protocol.toLowerCase() },
        });
      }
    }
  },
});
