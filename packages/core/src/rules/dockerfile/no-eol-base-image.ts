import type { DockerfileModel, Stage } from "../../dockerfile/model.js";
import { imageStages, namedContextMatcher } from "../../dockerfile/queries.js";
import { isScratch, parseImageReference } from "../../image/reference.js";
import { defineRule } from "../../rule.js";
import type { OffsetRange } from "../../source.js";
import { eolToday, judgeImage } from "../../util/eol-releases.js";
import { baseStages, mayBuildOnAnyStage } from "./_stage-refs.js";

export default defineRule<DockerfileModel>({
  meta: {
    id: "no-eol-base-image",
    kind: "dockerfile",
    category: "security",
    severity: "warning",
    docs: "Disallow base images of distribution and runtime releases past their end of life.",
    presets: ["recommended"],
    messages: {
      eol: "Base image {{image}} is {{release}}, whose {{support}} ended on {{date}} ({{source}}): it gets no security fixes any more; {{upgrade}}.",
      eolVariant:
        "Base image {{image}} is built on {{release}}, whose {{support}} ended on {{date}} ({{source}}): its system packages get no security fixes any more; {{upgrade}}.",
      eolBuildStage:
        "Build stage base image {{image}} uses {{release}}, whose {{support}} ended on {{date}} ({{source}}); it ships in no image (the final stage's or a build target's), but builds with unpatched tools; {{upgrade}}.",
    },
    references: {},
  },
  check({ model, source, settings, report }) {
    const today = eolToday(settings["eolDate"]);
    // The base images the built images are made of: the last stage's chain, and each build
    // target's, through every stage a platform ARG may pick (`FROM base-$TARGETARCH`). A FROM that
    // a build argument may point at any stage (fluent-bit's `FROM $BASE_BUILDER`) may ship them all.
    const shipped = new Set<Stage>();
    let anyMayShip = false;
    // A work list, not recursion: a chain of 30,000 stages would overflow the stack.
    const pending = [...imageStages(model, settings)];
    for (let stage = pending.pop(); stage; stage = pending.pop()) {
      if (shipped.has(stage)) continue;
      shipped.add(stage);
      if (mayBuildOnAnyStage(model, stage)) anyMayShip = true;
      pending.push(...(baseStages(model, stage) ?? []));
    }
    // A named build context of the image's name replaces the image.
    const isNamedContext = namedContextMatcher(settings);
    for (const stage of model.stages) {
      if (stage.parent || !stage.imageRange) continue;
      // The build removes quotes from the word (`FROM "ubuntu:16.04"`).
      const resolved = stage.resolvedImage.replace(/["']/g, "");
      if (isNamedContext(resolved)) continue;
      const ref = parseImageReference(resolved);
      if (!ref || isScratch(ref)) continue;
      const finding = judgeImage(ref, today);
      if (!finding) continue;
      const { release, product } = finding;
      let range: OffsetRange = stage.imageRange;
      // Point at the part of the tag that names the release, when the tag is written as resolved.
      const written = source.slice(stage.imageRange);
      const writtenRef = parseImageReference(written);
      if (finding.tagSpan && writtenRef && writtenRef.tag === ref.tag && writtenRef.spans.tag) {
        const tagStart = stage.imageRange[0] + writtenRef.spans.tag[0];
        range = [tagStart + finding.tagSpan[0], tagStart + finding.tagSpan[1]];
      }
      const image = written === resolved ? `\`${written}\`` : `\`${written}\` (= \`${resolved}\`)`;
      const isShipped = anyMayShip || shipped.has(stage);
      report({
        messageId: !isShipped ? "eolBuildStage" : finding.via === "variant" ? "eolVariant" : "eol",
        ...(isShipped ? {} : { level: "info" as const }),
        data: { image, release: release.name, support: product.support, date: release.eol, source: release.source, upgrade: finding.upgrade },
        range,
      });
    }
  },
});
