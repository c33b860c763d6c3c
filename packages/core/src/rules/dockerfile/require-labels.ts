import type { DockerfileModel, Stage } from "../../dockerfile/model.js";
import { imageStages, stageChain } from "../../dockerfile/queries.js";
import { defineRule } from "../../rule.js";
import { labelSchema, labelsOf, listed } from "./_labels.js";

interface Options {
  /**
   * `results` (default): every stage no other stage builds on or copies from, i.e. every image
   * `docker build --target` can produce as an end result. `final`: the last stage only, and the
   * stages `settings.buildTargets` names.
   */
  stages: "results" | "final";
}

/** Label keys a stage's image carries from this file: its own LABELs and those of the stages it builds on. */
function labelsOfStage(stage: Stage): Set<string> {
  const keys = new Set<string>();
  for (const s of stageChain(stage)) {
    for (const instruction of s.instructions) {
      for (const label of labelsOf(instruction)) keys.add(label.key);
      // `ONBUILD LABEL` of a stage runs when a later stage builds FROM it: it labels the child, not the stage itself.
      if (s !== stage && instruction.trigger) for (const label of labelsOf(instruction.trigger)) keys.add(label.key);
    }
  }
  return keys;
}

function stageName(stage: Stage): string {
  return stage.name !== undefined ? `"${stage.name}"` : `${stage.index + 1} (FROM ${stage.imageText})`;
}

export default defineRule<DockerfileModel, Options>({
  meta: {
    id: "require-labels",
    kind: "dockerfile",
    category: "maintainability",
    severity: "warning",
    docs: "Require the labels of `settings.labelSchema` in every image the Dockerfile builds.",
    presets: ["recommended"],
    messages: {
      missing:
        "Stage {{stage}} lacks {{count}} required by settings.labelSchema ({{labels}}); add `LABEL {{example}}` to it or to a stage it builds on.",
    },
    options: {
      schema: {
        type: "object",
        properties: { stages: { enum: ["results", "final"] } },
        additionalProperties: false,
      },
      defaults: { stages: "results" },
    },
    references: { hadolint: ["DL3049"] },
  },
  check({ model, options, settings, report }) {
    const schema = labelSchema(settings);
    if (!schema || schema.size === 0) return;
    // The last stage and the build targets (`settings.buildTargets`) are images whatever uses them.
    const images = new Set(imageStages(model, settings));
    for (const stage of model.stages) {
      // A stage another stage builds on or copies from is an ingredient; its result is judged there.
      if (options.stages === "final" ? !images.has(stage) : stage.usedByLaterStage && !images.has(stage)) continue;
      const present = labelsOfStage(stage);
      const missing = [...schema.keys()].filter((key) => !present.has(key));
      if (missing.length === 0) continue;
      const example = missing
        .slice(0, 3)
        .map((key) => `${/^[\w.-]+$/.test(key) ? key : JSON.stringify(key)}=…`)
        .join(" ");
      report({
        messageId: "missing",
        data: {
          stage: stageName(stage),
          count: missing.length === 1 ? "a label" : `${missing.length} labels`,
          labels: listed(missing),
          example: missing.length > 3 ? `${example} …` : example,
        },
        range: stage.from.range,
      });
    }
  },
});
