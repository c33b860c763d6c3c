import type { DockerfileModel } from "../../dockerfile/model.js";
import { defineRule } from "../../rule.js";

/** Names BuildKit reserves (ReservedStageName): what each already means. */
const RESERVED: ReadonlyMap<string, string> = new Map([
  ["scratch", "the empty base image, so a later `FROM scratch` or `--from=scratch` becomes ambiguous"],
  ["context", "the build context itself in BuildKit, so `--from=context` becomes ambiguous"],
]);

export default defineRule<DockerfileModel>({
  meta: {
    id: "no-reserved-stage-name",
    kind: "dockerfile",
    category: "correctness",
    severity: "error",
    docs: "Disallow the reserved stage names `scratch` and `context`.",
    presets: ["recommended"],
    messages: {
      reserved: "Stage name \"{{name}}\" is reserved: `{{lower}}` means {{meaning}}; rename the stage (e.g. `AS {{lower}}-stage`).",
    },
    references: { hadolint: ["DL3063"], buildkit: ["ReservedStageName"] },
  },
  check({ model, report }) {
    for (const stage of model.stages) {
      if (stage.name === undefined || !stage.nameRange) continue;
      const lower = stage.name.toLowerCase();
      const meaning = RESERVED.get(lower);
      if (meaning === undefined) continue;
      report({ messageId: "reserved", data: { name: stage.name, lower, meaning }, range: stage.nameRange });
    }
  },
});
