import type { DockerfileModel } from "../../dockerfile/model.js";
import { finalStage, lastInherited } from "../../dockerfile/queries.js";
import { defineRule } from "../../rule.js";

interface Options {
  /** Accept `HEALTHCHECK NONE` as a deliberate opt-out (default). `false` reports it. */
  allowNone: boolean;
}

export default defineRule<DockerfileModel, Options>({
  meta: {
    id: "require-healthcheck",
    kind: "dockerfile",
    category: "best-practice",
    severity: "warning",
    docs: "Require the final image to define a HEALTHCHECK.",
    presets: ["strict", "cis"],
    messages: {
      missing:
        "The final stage (`FROM {{image}}`) neither defines nor inherits a HEALTHCHECK, so Docker reports the container as running even when the service inside has hung; add e.g. `HEALTHCHECK CMD [\"/app\", \"healthcheck\"]` (or `HEALTHCHECK NONE` to opt out on purpose).",
      disabled:
        "`HEALTHCHECK NONE` turns off health checking for the final image; define a check (e.g. `HEALTHCHECK CMD [\"/app\", \"healthcheck\"]`), or allow the opt-out with this rule's `allowNone` option.",
    },
    options: {
      schema: {
        type: "object",
        properties: { allowNone: { type: "boolean" } },
        additionalProperties: false,
      },
      defaults: { allowNone: true },
    },
    references: {
      hadolint: ["DL3057"],
      trivy: ["DS-0026"],
      checkov: ["CKV_DOCKER_2"],
      kics: ["b03a748a-542d-44f4-bb86-9199ab4fd2d5"],
      cis: ["4.6"],
    },
  },
  check({ model, options, report }) {
    const stage = finalStage(model);
    if (!stage) return;
    // A HEALTHCHECK of a stage this one builds on is part of its image config too.
    const healthcheck = lastInherited(stage, "HEALTHCHECK");
    if (!healthcheck) {
      report({ messageId: "missing", data: { image: stage.imageText }, range: stage.from.range });
      return;
    }
    const none = healthcheck.args.length === 1 && healthcheck.args[0]?.value.toUpperCase() === "NONE";
    if (none && !options.allowNone) {
      report({ messageId: "disabled", range: healthcheck.argsRange ?? healthcheck.range });
    }
  },
});
