import type { DockerfileModel } from "../../dockerfile/model.js";
import { stageRoot } from "../../dockerfile/queries.js";
import { defineRule } from "../../rule.js";
import { copyOperands } from "./_copy-operands.js";
import { describeValue, resolveReference, stageReferences, startsFromScratch } from "./_stage-refs.js";

interface Options {
  /** `--from` values (or, for a stage, its base image) whose whole filesystem is meant to be overlaid; `*` wildcard. */
  allowedSources: string[];
}

/** `/`, `//`, `/.`, `/./` all name the root. */
function isRoot(path: string): boolean {
  const segments = path.split("/").filter((s) => s !== "" && s !== ".");
  return path.startsWith("/") && segments.length === 0;
}

function globToRegExp(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*");
  return new RegExp(`^${escaped}$`, "i");
}

export default defineRule<DockerfileModel, Options>({
  meta: {
    id: "no-copy-entire-filesystem",
    kind: "dockerfile",
    category: "best-practice",
    severity: "warning",
    docs: "Disallow `COPY --from=<stage> / /`, which copies a whole filesystem over this stage's.",
    presets: ["strict"],
    messages: {
      entire:
        "`COPY --from={{from}} / /` copies the whole filesystem of {{what}} over this stage's root (package database, /etc, shells and build tools included), which undoes the point of a multi-stage build; copy only the paths the image needs, e.g. `COPY --from={{from}} /out/app /usr/local/bin/app`.",
      entireImage:
        "`COPY --from={{from}} / /` copies the whole filesystem of image \"{{image}}\" over this stage's root, whatever that image holds (its /etc and package database too, if it has them); copy only the paths this image needs from it, or list it in the `allowedSources` option if it is a tool image made to be overlaid whole (`tonistiigi/xx`).",
    },
    options: {
      schema: {
        type: "object",
        properties: { allowedSources: { type: "array", items: { type: "string" } } },
        additionalProperties: false,
      },
      defaults: { allowedSources: [] },
    },
    references: { hadolint: ["DL3067"] },
  },
  check({ model, source, options, report }) {
    const allowed = options.allowedSources.map(globToRegExp);
    for (const reference of stageReferences(model, source)) {
      if (reference.kind !== "copy" || reference.written === undefined) continue;
      const { sources, destination } = copyOperands(reference.instruction, source, model.escapeChar);
      if (!destination || !isRoot(destination.value)) continue;
      const root = sources.find((s) => !s.heredoc && isRoot(s.value));
      if (!root) continue;
      const resolution = resolveReference(model, reference);
      let what = `"${reference.value}"`;
      let messageId: "entire" | "entireImage" = "entire";
      const names = [reference.value];
      if (resolution.kind === "stage") {
        // A stage that starts from scratch holds only what was copied into it: an export stage made to be
        // overlaid whole. When that depends on a build argument (`FROM binaries-$TARGETOS`), it is not judged.
        if (startsFromScratch(model, resolution.stage) !== false) continue;
        const base = stageRoot(resolution.stage);
        names.push(base.resolvedImage);
        const stage = resolution.stage.name === undefined ? `stage ${resolution.stage.index}` : `stage "${resolution.stage.name}"`;
        what = `${stage} (based on ${base.resolvedImage})`;
      } else if (resolution.kind === "image") {
        // What a pulled image holds is not known here: it may be a few binaries on scratch.
        messageId = "entireImage";
      } else if (resolution.kind !== "missing" && resolution.kind !== "unknown") {
        // Self-references and bad indexes are other rules' findings.
        continue;
      }
      if (names.some((name) => allowed.some((pattern) => pattern.test(name)))) continue;
      report({ messageId, data: messageId === "entire" ? { from: describeValue(reference), what } : { from: describeValue(reference), image: reference.value }, range: root.range });
    }
  },
});
