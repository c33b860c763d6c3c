import { knownTrimmed } from "../../compose/interpolation.js";
import { isMap, isScalar } from "../../compose/yaml-lazy.js";
import type { ComposeModel } from "../../compose/model.js";
import { defineRule } from "../../rule.js";

export default defineRule<ComposeModel>({
  meta: {
    id: "require-project-name",
    kind: "compose",
    category: "best-practice",
    severity: "warning",
    docs: "Require a top-level `name` in Compose files.",
    presets: ["strict"],
    messages: {
      missing:
        "This Compose file has no top-level `name`: the project is named after the directory it is run from, so two checkouts in directories with the same name share containers, networks and volumes; add `name: <project>` at the top.",
      empty:
        "The top-level `name` is empty, so the project is named after the directory it is run from; write a project name (lower-case letters, digits, `-` and `_`).",
    },
    references: { dclint: ["require-project-name-field"] },
  },
  check({ model, report }) {
    // Compose file format v1 has no `name`, and a file that is not a map is valid-schema's business.
    if (model.isLegacyV1 || !isMap(model.document.contents)) return;
    // The project's name is that of the file that starts it: an override file's base, the first
    // of `settings.composeFiles` (a later one may set it, none needs to), and never an included
    // file, whose `name` compose-go drops (`importResources` copies its resources only).
    if (model.isLaterLayer === true || model.includedBy !== undefined) return;
    const first = model.topLevelKeys[0];
    if (!first) return;
    const name = model.topLevelKeys.find((key) => key.name === "name");
    if (name) {
      const found = model.locate(["name"]);
      const node = model.document.contents.get("name", true);
      const text = isScalar(node) ? (node.value === null ? "" : String(node.value)) : undefined;
      if (text !== undefined && knownTrimmed(text) === "") report({ messageId: "empty", range: found?.range ?? name.range });
      return;
    }
    // A file that still declares `version` may be read by tools that refuse `name` (docker-compose
    // v1, `docker stack deploy` with its 3.x schema): no-version-field reports it first.
    if (model.topLevelKeys.some((key) => key.name === "version")) return;
    // A file without services, or with only fragments of services (an override file, a file for
    // `-f` merging), is combined with another that names the project.
    const hasInclude = model.topLevelKeys.some((key) => key.name === "include");
    if (!hasInclude && (model.services.length === 0 || model.services.every((service) => service.partial))) return;
    // At the start of the file, like peers that report "line 1": on the first key when the file starts with it.
    const range = model.source.positionAt(first.range[0]).line === 1 ? first.range : ([0, 0] as const);
    report({ messageId: "missing", range });
  },
});
