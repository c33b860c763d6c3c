// A docklint rule, written with the same API as the built-in ones: `meta` (id, kind, messages,
// options schema and defaults, …) and `check(context)`, which reads the parsed Dockerfile model
// and reports findings with a messageId, data for the message and an exact range.
import { defineRule } from "@docklint/core";

export default defineRule({
  meta: {
    id: "require-team-label",
    kind: "dockerfile",
    category: "maintainability",
    severity: "warning",
    docs: "Require the final stage to carry the owning team's label, so that whoever finds the container knows whom to call.",
    presets: [],
    messages: {
      missing: 'The final stage (image "{{image}}") has no `{{label}}` label; add `LABEL {{label}}="<team>"` so that on-call knows whose image this is.',
      empty: "The `{{label}}` label is empty; name the team that owns this image.",
    },
    options: {
      schema: {
        type: "object",
        properties: { label: { type: "string", minLength: 1 } },
        additionalProperties: false,
      },
      defaults: { label: "com.acme.team" },
    },
    references: {},
  },
  check({ model, options, report }) {
    const final = model.stages.at(-1);
    if (!final) return;
    // Labels are inherited from the stage a stage builds on (`FROM base AS final`).
    for (let stage = final; stage; stage = stage.parent) {
      for (const instruction of stage.instructions) {
        if (instruction.keyword !== "LABEL") continue;
        const pair = instruction.pairs.find((p) => p.key === options.label);
        if (!pair) continue;
        if ((pair.value ?? "").trim() === "") {
          report({ messageId: "empty", data: { label: options.label }, range: pair.range });
        }
        return;
      }
    }
    report({ messageId: "missing", data: { image: final.imageText, label: options.label }, range: final.from.range });
  },
});
