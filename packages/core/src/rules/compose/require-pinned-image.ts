import type { ComposeModel } from "../../compose/model.js";
import { parseImageReference, type ImageReference } from "../../image/reference.js";
import { defineRule } from "../../rule.js";
import type { OffsetRange, SourceText } from "../../source.js";
import { PINNED_IMAGE_OPTIONS, PINNED_IMAGE_PRESET_OPTIONS, type PinnedImageOptions } from "../../util/pinned-image.js";
import { pathBaseName } from "../../util/posix-path.js";
import { resolveKeepingUnknown } from "./_a-values.js";
import { buildsImage, imageTextStart, preStartImages, type ImageText } from "./_service-image.js";

/** A local image id (`docker images --no-trunc`): as pinned as a digest. */
const IMAGE_ID = /^(?:sha256:)?[0-9a-f]{64}$/;

/** Does the repository name (last path component) still hide a variable that could carry a tag or digest? */
function lastComponentHasVariable(ref: ImageReference): boolean {
  const path = ref.raw.slice(ref.spans.path[0], ref.spans.path[1]);
  return pathBaseName(path).includes("$");
}

/** The image as written, with what it resolves to when that differs (`` `nginx:${TAG:-latest}` (= `nginx:latest`) ``). */
function shown(written: string, resolved: string): string {
  return written === resolved ? `\`${written}\`` : `\`${written}\` (= \`${resolved}\`)`;
}

export default defineRule<ComposeModel, PinnedImageOptions>({
  meta: {
    id: "require-pinned-image",
    kind: "compose",
    category: "security",
    severity: "warning",
    docs: "Require Compose `image:` references to be pinned to a version tag or a digest, not to `latest` or no tag at all.",
    presets: ["recommended"],
    messages: {
      noTag:
        "Service `{{service}}` uses image {{image}} without a tag, so every pull gets whatever `latest` is that day; pin a version (`{{name}}:<version>`) or a digest (`{{name}}@sha256:…`).",
      latest:
        "Service `{{service}}` uses image {{image}} with the `latest` tag, which moves with every release; pin a version (`{{name}}:<version>`) or a digest (`{{name}}@sha256:…`).",
      prohibitedTag:
        "Service `{{service}}` uses image {{image}} with the `{{tag}}` tag, which moves with new releases; pin a version (`{{name}}:<version>`) or a digest (`{{name}}@sha256:…`).",
      noDigest:
        "Service `{{service}}` pins image {{image}} by tag only; tags can be moved, so add the digest it was tested with (`{{name}}:{{tag}}@sha256:…`).",
      noTagPreStart:
        "Hook `{{hook}}` runs its container from image {{image}} without a tag, so every pull gets whatever `latest` is that day; pin a version (`{{name}}:<version>`) or a digest (`{{name}}@sha256:…`).",
      latestPreStart:
        "Hook `{{hook}}` runs its container from image {{image}} with the `latest` tag, which moves with every release; pin a version (`{{name}}:<version>`) or a digest (`{{name}}@sha256:…`).",
      prohibitedTagPreStart:
        "Hook `{{hook}}` runs its container from image {{image}} with the `{{tag}}` tag, which moves with new releases; pin a version (`{{name}}:<version>`) or a digest (`{{name}}@sha256:…`).",
      noDigestPreStart:
        "Hook `{{hook}}` pins image {{image}} by tag only; tags can be moved, so add the digest it was tested with (`{{name}}:{{tag}}@sha256:…`).",
    },
    options: PINNED_IMAGE_OPTIONS,
    presetOptions: PINNED_IMAGE_PRESET_OPTIONS,
    references: { dclint: ["service-image-require-explicit-tag"] },
    referencesByMessage: {
      noTag: { dclint: ["service-image-require-explicit-tag"] },
      latest: { dclint: ["service-image-require-explicit-tag"] },
      prohibitedTag: { dclint: ["service-image-require-explicit-tag"] },
      noDigest: {},
      // dclint reads no lifecycle hook.
      noTagPreStart: {},
      latestPreStart: {},
      prohibitedTagPreStart: {},
      noDigestPreStart: {},
    },
  },
  check({ model, source, options, report }) {
    type Finding = "noTag" | "latest" | "prohibitedTag" | "noDigest";
    /** Judges one image reference; `hook` names a pre_start hook's image, else it is the service's. */
    const judge = (image: ImageText, service: string, hook: string | undefined): void => {
      const written = image.text.trim();
      const resolved = resolveKeepingUnknown(written).trim();
      if (resolved === "" || IMAGE_ID.test(resolved)) return;
      const ref = parseImageReference(resolved);
      // A digest pins the image whatever the tag says (`debian:latest@sha256:…` is fine).
      if (!ref || ref.digest !== undefined) return;
      const name = ref.raw.slice(ref.spans.registry?.[0] ?? ref.spans.path[0], ref.spans.path[1]);
      const data: Record<string, string> = { service, image: shown(written, resolved), name };
      if (hook !== undefined) data["hook"] = hook;
      const messageId = (finding: Finding): string => (hook === undefined ? finding : `${finding}PreStart`);
      if (ref.tag === undefined) {
        // `image: ${APP_IMAGE}` or `app${SUFFIX}`: the variable may carry the tag.
        if (lastComponentHasVariable(ref)) return;
        report({ messageId: messageId("noTag"), data, range: image.range });
        return;
      }
      // `nginx:${TAG}` without a default: the version is chosen where the file is run.
      if (ref.tag.includes("$")) return;
      if (options.prohibitedTags.includes(ref.tag)) {
        report({ messageId: messageId(ref.tag === "latest" ? "latest" : "prohibitedTag"), data: { ...data, tag: ref.tag }, range: tagRange(source, image, written) ?? image.range });
        return;
      }
      if (options.requireDigest) report({ messageId: messageId("noDigest"), data: { ...data, tag: ref.tag }, range: image.range });
    };
    for (const service of model.services) {
      const image = service.image;
      if (image && !buildsImage(service)) judge(image, service.name, undefined);
      // A pre_start hook's own image is pulled to run a container, whether or not the service builds.
      for (const hookImage of preStartImages(model, service)) judge(hookImage, service.name, hookImage.hook.name);
    }
  },
});

/** The tag as written (`latest`, `${TAG:-latest}`), when the file text maps onto the value. */
function tagRange(source: SourceText, image: ImageText, written: string): OffsetRange | undefined {
  const start = imageTextStart(source, image);
  const span = parseImageReference(written)?.spans.tag;
  if (start === undefined || !span || image.text !== written) return undefined;
  return [start + span[0], start + span[1]];
}
