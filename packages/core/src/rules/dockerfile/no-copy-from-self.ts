import type { DockerfileModel } from "../../dockerfile/model.js";
import { defineRule } from "../../rule.js";
import { describeValue, resolveReference, stageReferences } from "./_stage-refs.js";

export default defineRule<DockerfileModel>({
  meta: {
    id: "no-copy-from-self",
    kind: "dockerfile",
    category: "correctness",
    severity: "error",
    docs: "Disallow `COPY --from` and `RUN --mount from=` that name the stage they are in.",
    presets: ["recommended"],
    messages: {
      copySelf:
        "`COPY --from={{value}}` names {{stage}}, the stage this COPY is in, which does not exist yet while it is being built (BuildKit fails with \"circular dependency detected\"); copy from an earlier stage, or use the path directly with RUN in this stage.",
      mountSelf:
        "`RUN --mount from={{value}}` names {{stage}}, the stage this RUN is in, which does not exist yet while it is being built (BuildKit fails with \"circular dependency detected\"); mount an earlier stage instead.",
    },
    references: {
      hadolint: ["DL3023"],
      trivy: ["DS-0006"],
      kics: ["cdddb86f-95f6-4fc4-b5a1-483d9afceb2b"],
    },
    referencesByMessage: {
      copySelf: { hadolint: ["DL3023"], trivy: ["DS-0006"], kics: ["cdddb86f-95f6-4fc4-b5a1-483d9afceb2b"] },
      mountSelf: {},
    },
  },
  check({ model, source, report }) {
    for (const reference of stageReferences(model, source)) {
      const resolution = resolveReference(model, reference);
      if (resolution.kind !== "self") continue;
      const stage = resolution.byIndex
        ? `stage ${resolution.stage.index}${resolution.stage.name ? ` ("${resolution.stage.name}")` : ""}`
        : `stage "${resolution.stage.name ?? resolution.stage.index}"`;
      report({
        messageId: reference.kind === "copy" ? "copySelf" : "mountSelf",
        data: { value: describeValue(reference), stage },
        range: reference.range,
      });
    }
  },
});
