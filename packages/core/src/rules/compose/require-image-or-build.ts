import { isMap } from "../../compose/yaml-lazy.js";
import type { ComposeModel, ComposeService } from "../../compose/model.js";
import { defineRule } from "../../rule.js";
import { literalScalar } from "./_e-compose-go.js";
import { mayBeCompletedElsewhere } from "./_e-pieces.js";
import { mergedService, otherLayerGives, OWN_VALUES } from "./_p-layers.js";
import type { KeptPath } from "./_p-layers.js";
import { suggestName } from "../../util/suggest-name.js";

/** `image: ""` is no image to compose-go (`s.Image == ""`); an image that depends on a variable is the deployer's. */
const IMAGE = ["image"];
const BUILD = ["build"];
const PROVIDER = ["provider"];

function isImage(value: unknown): boolean {
  return value !== undefined && value !== null && literalScalar(value) !== "";
}

/** Whether a service as one file writes it has an image, a build or a provider (of the values `kept` lets through). */
function hasSource(service: ComposeService, kept: KeptPath): boolean {
  return (
    (kept(IMAGE) && isImage(service.get(IMAGE)?.value)) ||
    (kept(BUILD) && service.get(BUILD) !== undefined) ||
    (kept(PROVIDER) && service.get(PROVIDER) !== undefined)
  );
}

/**
 * Whether the service as the files of a layered project merge has an image, a build or a
 * provider; undefined when that cannot be known here (not the last file of a project read whole).
 */
function mergedHasSource(model: ComposeModel, name: string): boolean | undefined {
  const merged = mergedService(model, name);
  if (!merged) return undefined;
  return isImage(merged["image"]) || (merged["build"] ?? null) !== null || (merged["provider"] ?? null) !== null;
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
      missingLayered:
        "Service `{{service}}` has neither `image` nor `build` here or in {{files}}, which this file is layered on, so docker compose refuses the project{{profiles}} (\"service \"{{service}}\" has neither an image nor a build context specified\"); add `image:` or `build:`, or fix the name if this was meant to change a service of those files{{suggestion}}.",
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
      if (hasSource(service, OWN_VALUES)) continue;
      // The last file of a layered project, with the files it is layered on read: the service as they merge.
      const merged = mergedHasSource(model, service.name);
      if (merged === true) continue;
      // A file this one includes, or the file including it, defines the service with its image.
      if (otherLayerGives(model, service, hasSource)) continue;
      if (merged === undefined) {
        // The base (maybe in another file, maybe not readable here) may set either.
        if (service.get(["extends"])) continue;
        if (mayBeCompletedElsewhere({ filePath, settings, services }, "services", service.name)) continue;
      }
      const profiles = service.profiles.map((profile) => `\`${profile.name}\``).join(", ");
      if (merged === false) {
        const bases = model.layered?.bases ?? [];
        const candidate = suggestName(service.name, Object.keys(model.layered?.services ?? {}).filter((name) => name !== service.name && !model.services.some((own) => own.name === name)));
        report({
          messageId: "missingLayered",
          data: {
            service: service.name,
            files: bases.map((file) => `\`${file}\``).join(", "),
            suggestion: candidate === undefined ? "" : ` (\`${candidate}\`?)`,
            profiles: profiles === "" ? "" : `, whenever one of its profiles (${profiles}) is enabled`,
          },
          range: service.keyRange,
        });
        continue;
      }
      report({
        messageId: profiles === "" ? "missing" : "missingProfiled",
        data: { service: service.name, profiles },
        range: service.keyRange,
      });
    }
  },
});
