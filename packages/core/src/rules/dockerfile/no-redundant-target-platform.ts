import type { DockerfileModel } from "../../dockerfile/model.js";
import { unquote } from "../../dockerfile/parse.js";
import { defineRule } from "../../rule.js";

export default defineRule<DockerfileModel>({
  meta: {
    id: "no-redundant-target-platform",
    kind: "dockerfile",
    category: "maintainability",
    severity: "info",
    docs: "Disallow `FROM --platform=$TARGETPLATFORM`, which is what every stage builds for anyway.",
    presets: ["recommended"],
    fixable: true,
    messages: {
      redundant:
        "`FROM --platform={{value}}` is redundant: every stage is built for the target platform unless told otherwise; remove the flag.",
    },
    references: { hadolint: ["DL3065"], buildkit: ["RedundantTargetPlatform"] },
  },
  check({ model, source, report }) {
    for (const stage of model.stages) {
      const flag = stage.platform;
      if (!flag || flag.value === undefined) continue;
      const value = unquote(flag.value);
      if (value !== "$TARGETPLATFORM" && value !== "${TARGETPLATFORM}") continue;
      // The flag and the blanks after it, so `FROM --platform=$TARGETPLATFORM alpine` becomes `FROM alpine`.
      let end = flag.range[1];
      while (source.text[end] === " " || source.text[end] === "\t") end++;
      const exact = flag.valueRange !== undefined && source.slice(flag.valueRange) === flag.value;
      report({
        messageId: "redundant",
        data: { value: flag.value },
        range: exact && flag.valueRange ? flag.valueRange : flag.range,
        fix: { range: [flag.range[0], end], text: "" },
      });
    }
  },
});
