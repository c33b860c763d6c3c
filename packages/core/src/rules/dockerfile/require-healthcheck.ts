import type { DockerfileModel, Instruction } from "../../dockerfile/model.js";
import { imageStageLabel, imageStages, lastInherited, stageRoot } from "../../dockerfile/queries.js";
import { defineRule } from "../../rule.js";
import { HEALTHCHECK_OPTIONS } from "../../util/healthcheck-options.js";
import type { HealthcheckOptions } from "../../util/healthcheck-options.js";
import { imageMatchesAny } from "../../util/image-patterns.js";

export default defineRule<DockerfileModel, HealthcheckOptions>({
  meta: {
    id: "require-healthcheck",
    kind: "dockerfile",
    category: "best-practice",
    severity: "warning",
    docs: "Require the final image to define a HEALTHCHECK.",
    presets: ["strict", "cis"],
    messages: {
      missing:
        "{{stage}} (`FROM {{image}}`) neither defines nor inherits a HEALTHCHECK, so Docker reports the container as running even when the service inside has hung; add e.g. `HEALTHCHECK CMD [\"/app\", \"healthcheck\"]` (or `HEALTHCHECK NONE` to opt out on purpose); if the base image defines one, list it in this rule's `imagesWithHealthcheck` option.",
      disabled:
        "`HEALTHCHECK NONE` turns off health checking for the image of {{stage}}; define a check (e.g. `HEALTHCHECK CMD [\"/app\", \"healthcheck\"]`), or allow the opt-out with this rule's `allowNone` option.",
    },
    options: HEALTHCHECK_OPTIONS,
    references: {
      hadolint: ["DL3057"],
      trivy: ["DS-0026"],
      checkov: ["CKV_DOCKER_2"],
      kics: ["b03a748a-542d-44f4-bb86-9199ab4fd2d5"],
      cis: ["4.6"],
    },
  },
  check({ model, options, settings, report }) {
    const reported = new Set<Instruction>();
    // The last stage, and each stage a build targets (`settings.buildTargets`): each is an image.
    for (const stage of imageStages(model, settings)) {
      // A HEALTHCHECK of a stage this one builds on is part of its image config too.
      const healthcheck = lastInherited(stage, "HEALTHCHECK");
      if (!healthcheck) {
        // The base image (at the root of the stage chain) is known to define one.
        const base = stageRoot(stage);
        if (base?.image && !base.image.hasVariables && imageMatchesAny(base.resolvedImage, options.imagesWithHealthcheck)) continue;
        report({ messageId: "missing", data: { stage: imageStageLabel(stage, true), image: stage.imageText }, range: stage.from.range });
        continue;
      }
      const none = healthcheck.args.length === 1 && healthcheck.args[0]?.value.toUpperCase() === "NONE";
      // Unset `allowNone` keeps the Dockerfile default: `HEALTHCHECK NONE` is a deliberate opt-out.
      // A NONE that two images inherit from one stage is reported once.
      if (none && options.allowNone === false && !reported.has(healthcheck)) {
        reported.add(healthcheck);
        report({ messageId: "disabled", data: { stage: imageStageLabel(stage, false) }, range: healthcheck.argsRange ?? healthcheck.range });
      }
    }
  },
});
