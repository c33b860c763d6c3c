import type { DockerfileModel, Instruction, Stage } from "../../dockerfile/model.js";
import { StageCache } from "../../dockerfile/instruction-cache.js";
import { lastInStageBefore, lastTriggerInStageBefore, withTriggers } from "../../dockerfile/queries.js";
import { isScratch } from "../../image/reference.js";
import { defineRule } from "../../rule.js";
import { copyOperands, isAbsolutePath } from "./_copy-operands.js";
import { baseStages } from "./_stage-refs.js";

/**
 * Whether the stage ends with a working directory the Dockerfile shows: a WORKDIR in it or in
 * every local stage it may build on, or a `scratch` base, whose working directory is `/`.
 */
function workdirKnown(model: DockerfileModel, stage: Stage): boolean {
  // Asked for every relative COPY of a stage without a WORKDIR of its own: a scan each time would make a long stage quadratic.
  return workdirKnownCache.lookup(stage, (s) => s.instructions.some((i) => i.keyword === "WORKDIR") || baseWorkdirKnown(model, s));
}

const workdirKnownCache = new StageCache<boolean>();

/** Whether the stage starts with a working directory the Dockerfile shows: from its local bases, or `/` of `scratch`. */
function baseWorkdirKnown(model: DockerfileModel, stage: Stage): boolean {
  return baseWorkdirKnownCache.lookup(stage, (s) => {
    const bases = baseStages(model, s);
    return bases ? bases.every((base) => workdirKnown(model, base)) : !s.resolvedImage.includes("$") && s.image !== undefined && isScratch(s.image);
  });
}

const baseWorkdirKnownCache = new StageCache<boolean>();

/**
 * Whether a WORKDIR is in force where the instruction runs. An ONBUILD trigger runs in the
 * child image, which starts from this stage's final configuration and then runs the earlier
 * triggers of this stage in order.
 */
function hasWorkdir(model: DockerfileModel, instruction: Instruction): boolean {
  const stage = instruction.stage;
  if (!stage) return false;
  if (instruction.onbuild) return workdirKnown(model, stage) || lastTriggerInStageBefore(instruction, "WORKDIR") !== undefined;
  return lastInStageBefore(instruction, "WORKDIR") !== undefined || baseWorkdirKnown(model, stage);
}

export default defineRule<DockerfileModel>({
  meta: {
    id: "require-workdir-for-relative-copy",
    kind: "dockerfile",
    category: "best-practice",
    severity: "warning",
    docs: "Require a WORKDIR before a COPY or ADD to a relative destination.",
    presets: ["recommended"],
    messages: {
      relative:
        "`{{keyword}}` to the relative destination \"{{dest}}\" with no WORKDIR set in this stage: it lands under whatever working directory the base image happens to have (often `/`); set `WORKDIR /app` before it, or use an absolute path.",
    },
    references: { hadolint: ["DL3045"] },
  },
  check({ model, source, report }) {
    for (const instruction of withTriggers(model.instructions)) {
      if (instruction.keyword !== "COPY" && instruction.keyword !== "ADD") continue;
      const { destination } = copyOperands(instruction, source, model.escapeChar);
      if (!destination) continue;
      // `COPY x $DEST`: the builder gives the destination; it is judged when it is known.
      if (destination.unresolved.length > 0 && destination.value.startsWith("$")) continue;
      if (isAbsolutePath(destination.value)) continue;
      if (hasWorkdir(model, instruction)) continue;
      report({
        messageId: "relative",
        data: { keyword: instruction.keywordText.toUpperCase(), dest: destination.literal },
        range: destination.range,
      });
    }
  },
});
