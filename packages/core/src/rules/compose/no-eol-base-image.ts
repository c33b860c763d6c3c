import type { ComposeModel } from "../../compose/model.js";
import { parseImageReference } from "../../image/reference.js";
import { defineRule } from "../../rule.js";
import type { OffsetRange } from "../../source.js";
import { eolToday, judgeImage } from "../../util/eol-releases.js";
import { resolveKeepingUnknown } from "./_a-values.js";
import { buildsImage, imageTextStart } from "./_service-image.js";

export default defineRule<ComposeModel>({
  meta: {
    id: "no-eol-base-image",
    kind: "compose",
    category: "security",
    severity: "warning",
    docs: "Disallow Compose `image:` references to distribution and runtime releases past their end of life.",
    presets: ["recommended"],
    messages: {
      eol: "Service `{{service}}` runs image {{image}}, which is {{release}}, whose {{support}} ended on {{date}} ({{source}}): it gets no security fixes any more; {{upgrade}}.",
      eolVariant:
        "Service `{{service}}` runs image {{image}}, which is built on {{release}}, whose {{support}} ended on {{date}} ({{source}}): its system packages get no security fixes any more; {{upgrade}}.",
    },
    references: {},
  },
  check({ model, source, settings, report }) {
    const today = eolToday(settings["eolDate"]);
    for (const service of model.services) {
      const image = service.image;
      if (!image || buildsImage(service)) continue;
      const written = image.text.trim();
      const resolved = resolveKeepingUnknown(written).trim();
      const ref = parseImageReference(resolved);
      if (!ref || ref.hasVariables) continue;
      const finding = judgeImage(ref, today);
      if (!finding) continue;
      let range: OffsetRange = image.range;
      const start = imageTextStart(source, image);
      const writtenRef = parseImageReference(image.text);
      if (start !== undefined && finding.tagSpan && writtenRef && writtenRef.tag === ref.tag && writtenRef.spans.tag) {
        const tagStart = start + writtenRef.spans.tag[0];
        range = [tagStart + finding.tagSpan[0], tagStart + finding.tagSpan[1]];
      }
      const shown = written === resolved ? `\`${written}\`` : `\`${written}\` (= \`${resolved}\`)`;
      const { release, product } = finding;
      report({
        messageId: finding.via === "variant" ? "eolVariant" : "eol",
        data: { service: service.name, image: shown, release: release.name, support: product.support, date: release.eol, source: release.source, upgrade: finding.upgrade },
        range,
      });
    }
  },
});
