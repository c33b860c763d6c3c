import { knownValue } from "../../compose/interpolation.js";
import type { ComposeModel } from "../../compose/model.js";
import { isOfficialImageName } from "../../image/official-images.js";
import { familiarName, isDockerHub, parseImageReference } from "../../image/reference.js";
import { defineRule } from "../../rule.js";
import { keyRangeOf } from "./_d1-compose.js";

interface Options {
  /** A service that sets `pull_policy` has said which of the two wins: do not report it. */
  checkPullPolicy: boolean;
}

/**
 * A one-part name on Docker Hub that is not an official image (monicahq/docker's `image:
 * monica-app`, documenso's `documenso-dev-gotenberg`): it stands for `docker.io/library/<name>`,
 * where only Docker publishes, so the pull fails and Compose builds. Nothing published can run in
 * place of the source, which is what the rule warns about.
 */
function namesNoPublishedImage(text: string): boolean {
  const reference = parseImageReference(text);
  if (!reference || reference.hasVariables || reference.problems.length > 0 || !isDockerHub(reference)) return false;
  const name = familiarName(reference);
  return !name.includes("/") && !isOfficialImageName(name);
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
      if (namesNoPublishedImage(image.text)) continue;
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
