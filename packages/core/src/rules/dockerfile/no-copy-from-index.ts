import type { DockerfileModel } from "../../dockerfile/model.js";
import { defineRule, type ReportDescriptor } from "../../rule.js";
import { resolveReference, stageReferences } from "./_stage-refs.js";

export default defineRule<DockerfileModel>({
  meta: {
    id: "no-copy-from-index",
    kind: "dockerfile",
    category: "maintainability",
    severity: "info",
    docs: "Disallow `COPY --from=<number>` and `RUN --mount from=<number>`: refer to stages by name.",
    presets: ["strict"],
    hasSuggestions: true,
    messages: {
      named:
        "`{{flag}}={{index}}` refers to stage {{index}} by position, which silently points elsewhere once a stage is added above it; use its name: `{{flag}}={{name}}`.",
      unnamed:
        "`{{flag}}={{index}}` refers to stage {{index}} by position, which silently points elsewhere once a stage is added above it; name that stage (`{{from}} AS build`, line {{line}}) and use `{{flag}}=build`.",
    },
    references: { kics: ["68a51e22-ae5a-4d48-8e87-b01a323605c9"] },
    referencesByMessage: {
      named: { kics: ["68a51e22-ae5a-4d48-8e87-b01a323605c9"] },
      unnamed: { kics: ["68a51e22-ae5a-4d48-8e87-b01a323605c9"] },
    },
  },
  check({ model, source, report }) {
    for (const reference of stageReferences(model, source)) {
      const resolution = resolveReference(model, reference);
      // Only indexes that do reach an earlier stage: bad indexes belong to no-undefined-stage, self-references to no-copy-from-self.
      if (resolution.kind !== "stage" || !resolution.byIndex) continue;
      const stage = resolution.stage;
      const flag = reference.kind === "copy" ? "--from" : "--mount from";
      const index = reference.value;
      if (stage.name === undefined) {
        const from = `${stage.from.keywordText} ${stage.imageText}`;
        report({ messageId: "unnamed", data: { flag, index, from, line: stage.from.line }, range: reference.range });
        continue;
      }
      const descriptor: ReportDescriptor = { messageId: "named", data: { flag, index, name: stage.name }, range: reference.range };
      if (reference.exact && reference.written === index) {
        report({ ...descriptor, suggestions: [{ desc: `Refer to stage "${stage.name}" by name`, fix: { range: reference.range, text: stage.name } }] });
      } else {
        report(descriptor);
      }
    }
  },
});
