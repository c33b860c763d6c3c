import type { DockerfileModel, Stage } from "../../dockerfile/model.js";
import { defineRule } from "../../rule.js";

export default defineRule<DockerfileModel>({
  meta: {
    id: "no-duplicate-stage-name",
    kind: "dockerfile",
    category: "correctness",
    severity: "error",
    docs: "Disallow two stages with the same name (`FROM … AS name`), compared case-insensitively.",
    presets: ["recommended"],
    messages: {
      duplicate:
        "Stage name \"{{name}}\" is already used by the stage on line {{line}} (`AS {{first}}`; stage names are case-insensitive), so `FROM {{lower}}` and `--from={{lower}}` can reach only one of them; give this stage a unique name.",
    },
    references: {
      hadolint: ["DL3024"],
      buildkit: ["DuplicateStageName"],
      trivy: ["DS-0012"],
      checkov: ["CKV_DOCKER_11"],
      kics: ["f2daed12-c802-49cd-afed-fe41d0b82fed"],
    },
  },
  check({ model, report }) {
    const seen = new Map<string, Stage>();
    for (const stage of model.stages) {
      if (stage.name === undefined || !stage.nameRange) continue;
      const lower = stage.name.toLowerCase();
      const first = seen.get(lower);
      if (!first) {
        seen.set(lower, stage);
        continue;
      }
      report({
        messageId: "duplicate",
        data: { name: stage.name, line: first.from.line, first: first.name ?? lower, lower },
        range: stage.nameRange,
      });
    }
  },
});
