import { knownValue } from "../../compose/interpolation.js";
import type { ComposeModel } from "../../compose/model.js";
import { defineRule } from "../../rule.js";
import { keyRangeOf } from "./_d1-compose.js";

interface Options {
  /** A service that sets `pull_policy` has said which of the two wins: do not report it. */
  checkPullPolicy: boolean;
}

export default defineRule<ComposeModel, Options>({
  meta: {
    id: "no-build-and-image",
    kind: "compose",
    category: "best-practice",
    severity: "warning",
    docs: "Disallow a Compose service with both `build` and `image` unless `pull_policy` says which one wins.",
    presets: ["strict"],
    messages: {
      both:
        "Service `{{service}}` sets both `build` and `image: {{image}}` without `pull_policy`: when `{{image}}` is not present locally, Compose pulls it and builds only if the pull fails, so it may run a published image instead of this source; add `pull_policy: build` to always build (the result is still tagged `{{image}}`), or keep only one of the two keys.",
      bothWithPolicy:
        "Service `{{service}}` sets both `build` and `image: {{image}}`: which one runs depends on `pull_policy`; keep only one of the two keys.",
    },
    options: {
      schema: {
        type: "object",
        properties: { checkPullPolicy: { type: "boolean" } },
        additionalProperties: false,
      },
      defaults: { checkPullPolicy: true },
    },
    references: { dclint: ["no-build-and-image"] },
  },
  check({ model, options, report }) {
    for (const service of model.services) {
      const build = service.get(["build"]);
      const image = service.image;
      if (!build || build.value === null || !image) continue;
      // `image: ${IMAGE:-}` with nothing set is no image at all.
      if (knownValue(image.text) === "") continue;
      const pullPolicy = service.get(["pull_policy"]);
      if (pullPolicy && options.checkPullPolicy) continue;
      report({
        messageId: pullPolicy ? "bothWithPolicy" : "both",
        data: { service: service.name, image: image.text },
        range: keyRangeOf(model, service, "build", build),
      });
    }
  },
});
