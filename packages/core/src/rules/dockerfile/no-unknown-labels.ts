import type { DockerfileModel } from "../../dockerfile/model.js";
import { withTriggers } from "../../dockerfile/queries.js";
import { defineRule } from "../../rule.js";
import { labelGlob, labelSchema, labelsOf } from "./_labels.js";

interface Options {
  /** Label keys (or `*` globs, e.g. `org.opencontainers.image.*`) accepted besides the schema's. */
  allow: string[];
}

export default defineRule<DockerfileModel, Options>({
  meta: {
    id: "no-unknown-labels",
    kind: "dockerfile",
    category: "maintainability",
    severity: "warning",
    docs: "With `settings.strictLabels`, disallow LABEL keys that `settings.labelSchema` does not list.",
    presets: ["recommended"],
    messages: {
      unknown: "Label \"{{key}}\" is not in settings.labelSchema, and settings.strictLabels allows no other labels; add it to the schema or remove it.",
    },
    options: {
      schema: {
        type: "object",
        properties: { allow: { type: "array", items: { type: "string" } } },
        additionalProperties: false,
      },
      defaults: { allow: [] },
    },
    references: { hadolint: ["DL3050"] },
  },
  check({ model, options, settings, report }) {
    if (settings.strictLabels !== true) return;
    // hadolint: with strict labels and no schema, every label is unknown.
    const schema = labelSchema(settings) ?? new Map();
    const allowed = options.allow.map(labelGlob);
    for (const instruction of withTriggers(model.instructions)) {
      for (const label of labelsOf(instruction)) {
        if (label.keyUnresolved.length > 0 || schema.has(label.key)) continue;
        if (allowed.some((pattern) => pattern.test(label.key))) continue;
        report({ messageId: "unknown", data: { key: label.key }, range: label.keyRange });
      }
    }
  },
});
