import { isMap } from "../../compose/yaml-lazy.js";
import type { ComposeModel, ComposeService } from "../../compose/model.js";
import { defineRule } from "../../rule.js";
import { literalScalar } from "./_e-compose-go.js";
import { mayBeCompletedElsewhere } from "./_e-pieces.js";

/** `image: ""` is no image to compose-go (`s.Image == ""`); an image that depends on a variable is the deployer's. */
function hasImage(service: ComposeService): boolean {
  const image = service.get(["image"]);
  if (!image) return false;
  return literalScalar(image.value) !== "";
}

export default defineRule<ComposeModel>({
  meta: {
    id: "require-image-or-build",
    kind: "compose",
    category: "correctness",
    severity: "error",
    docs: "Require every Compose service to have an `image` or a `build`.",
    presets: ["recommended"],
    messages: {
      missing:
        "Service `{{service}}` has neither `image` nor `build`, so docker compose refuses the project (\"service \"{{service}}\" has neither an image nor a build context specified\"); add `image:` (the image to run) or `build:` (the directory to build it from).",
      missingProfiled:
        "Service `{{service}}` has neither `image` nor `build`, so docker compose refuses the project whenever one of its profiles ({{profiles}}) is enabled (\"service \"{{service}}\" has neither an image nor a build context specified\"); add `image:` (the image to run) or `build:` (the directory to build it from).",
    },
    references: {},
  },
  check({ model, filePath, settings, services, report }) {
    // Compose file format v1 is not loaded by docker compose at all.
    if (model.isLegacyV1) return;
    for (const service of model.services) {
      // A service that is not a mapping is the schema's finding.
      if (!isMap(service.node)) continue;
      if (hasImage(service) || service.get(["build"]) || service.get(["provider"])) continue;
      // The base (maybe in another file, maybe not readable here) may set either.
      if (service.get(["extends"])) continue;
      if (mayBeCompletedElsewhere({ filePath, settings, services }, "services", service.name)) continue;
      const profiles = service.profiles.map((profile) => `\`${profile.name}\``).join(", ");
      report({
        messageId: profiles === "" ? "missing" : "missingProfiled",
        data: { service: service.name, profiles },
        range: service.keyRange,
      });
    }
  },
});
