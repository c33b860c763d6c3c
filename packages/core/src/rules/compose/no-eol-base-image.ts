import type { ComposeModel } from "../../compose/model.js";
import { parseImageReference } from "../../image/reference.js";
import { defineRule } from "../../rule.js";
import type { OffsetRange } from "../../source.js";
import { eolToday, judgeImage } from "../../util/eol-releases.js";
import { resolveKeepingUnknown } from "./_a-values.js";
import { buildsImage, imageTextStart, preStartImages, type ImageText } from "./_service-image.js";

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
      eolPreStart:
        "Hook `{{hook}}` runs its container from image {{image}}, which is {{release}}, whose {{support}} ended on {{date}} ({{source}}), with the volumes of service `{{service}}`: it gets no security fixes any more; {{upgrade}}.",
      eolVariantPreStart:
        "Hook `{{hook}}` runs its container from image {{image}}, which is built on {{release}}, whose {{support}} ended on {{date}} ({{source}}), with the volumes of service `{{service}}`: its system packages get no security fixes any more; {{upgrade}}.",
    },
    references: {},
  },
  check({ model, source, settings, report }) {
    const today = eolToday(settings["eolDate"]);
    /** Judges one image reference; `hook` names a pre_start hook's image, else it is the service's. */
    const judge = (image: ImageText, service: string, hook: string | undefined): void => {
      const written = image.text.trim();
      const resolved = resolveKeepingUnknown(written).trim();
      const ref = parseImageReference(resolved);
      if (!ref || ref.hasVariables) return;
      const finding = judgeImage(ref, today);
      if (!finding) return;
      let range: OffsetRange = image.range;
      const start = imageTextStart(source, image);
      const writtenRef = parseImageReference(image.text);
      if (start !== undefined && finding.tagSpan && writtenRef && writtenRef.tag === ref.tag && writtenRef.spans.tag) {
        const tagStart = start + writtenRef.spans.tag[0];
        range = [tagStart + finding.tagSpan[0], tagStart + finding.tagSpan[1]];
      }
      const shown = written === resolved ? `\`${written}\`` : `\`${written}\` (= \`${resolved}\`)`;
      const { release, product } = finding;
      const data: Record<string, string> = { service, image: shown, release: release.name, support: product.support, date: release.eol, source: release.source, upgrade: finding.upgrade };
      if (hook !== undefined) data["hook"] = hook;
      const messageId = finding.via === "variant" ? "eolVariant" : "eol";
      report({ messageId: hook === undefined ? messageId : `${messageId}PreStart`, data, range });
    };
    for (const service of model.services) {
      const image = service.image;
      if (image && !buildsImage(service)) judge(image, service.name, undefined);
      // A pre_start hook's own image runs a container, whether or not the service builds.
      for (const hookImage of preStartImages(model, service)) judge(hookImage, service.name, hookImage.hook.name);
    }
  },
});
