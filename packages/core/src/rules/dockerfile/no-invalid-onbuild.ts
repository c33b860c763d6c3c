import type { DockerfileModel } from "../../dockerfile/model.js";
import { defineRule } from "../../rule.js";

export default defineRule<DockerfileModel>({
  meta: {
    id: "no-invalid-onbuild",
    kind: "dockerfile",
    category: "correctness",
    severity: "error",
    docs: "Disallow ONBUILD triggers the build rejects: ONBUILD ONBUILD, ONBUILD FROM, ONBUILD MAINTAINER, and a bare ONBUILD.",
    presets: ["recommended"],
    hasSuggestions: true,
    messages: {
      chained:
        "`ONBUILD ONBUILD` is rejected by the build (\"Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed\"); a trigger cannot add triggers to grandchildren, so write `ONBUILD {{inner}}` once.",
      from: "`ONBUILD FROM` is rejected by the build (\"FROM isn't allowed as an ONBUILD trigger\"): a child image picks its own base in its own FROM; remove this trigger.",
      maintainer:
        "`ONBUILD MAINTAINER` is rejected by the build (\"MAINTAINER isn't allowed as an ONBUILD trigger\"); set the author once with `LABEL org.opencontainers.image.authors=…` instead.",
      empty: "`ONBUILD` has no instruction to run in child images, so the build fails; write the trigger after it (`ONBUILD RUN …`) or remove the line.",
    },
    references: { hadolint: ["DL3043"] },
    referencesByMessage: {
      chained: { hadolint: ["DL3043"] },
      from: { hadolint: ["DL3043"] },
      maintainer: { hadolint: ["DL3043"] },
      empty: {},
    },
  },
  check({ model, report }) {
    for (const instruction of model.instructions) {
      if (instruction.keyword !== "ONBUILD") continue;
      const trigger = instruction.trigger;
      if (!trigger) {
        if (instruction.argsText.trim() === "") report({ messageId: "empty", range: instruction.keywordRange });
        continue;
      }
      switch (trigger.keyword) {
        case "ONBUILD": {
          const innerStart = trigger.flags[0]?.range[0] ?? trigger.args[0]?.range[0];
          report({
            messageId: "chained",
            data: { inner: trigger.argsText.trim().replace(/\s+/g, " ") || "<instruction>" },
            range: trigger.keywordRange,
            ...(innerStart !== undefined
              ? { suggestions: [{ desc: "Remove the second ONBUILD (the trigger then runs in child images)", fix: { range: [trigger.keywordRange[0], innerStart], text: "" } }] }
              : {}),
          });
          break;
        }
        case "FROM":
          report({ messageId: "from", range: trigger.keywordRange });
          break;
        case "MAINTAINER":
          report({ messageId: "maintainer", range: trigger.keywordRange });
          break;
        default:
          break;
      }
    }
  },
});
