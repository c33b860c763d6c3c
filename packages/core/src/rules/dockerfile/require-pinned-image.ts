import type { DockerfileModel, Instruction, InstructionFlag } from "../../dockerfile/model.js";
import { namedContextMatcher, withTriggers } from "../../dockerfile/queries.js";
import { isScratch, parseImageReference, type ImageReference } from "../../image/reference.js";
import { defineRule, type ReportDescriptor } from "../../rule.js";
import type { OffsetRange, SourceText } from "../../source.js";
import { PINNED_IMAGE_OPTIONS, PINNED_IMAGE_PRESET_OPTIONS, type PinnedImageOptions } from "../../util/pinned-image.js";

/** Stage names may use only these characters (BuildKit: `^[a-z][a-z0-9-_.]*$`, case-insensitive). */
const STAGE_NAME = /^[A-Z][\w.-]*$/i;

/** One image the build pulls: where it is written and what it resolves to. */
interface ImageUse {
  /** `Base image "nginx"`, `COPY --from image "nginx"`, … with the value as written (and resolved). */
  subject: string;
  /** The text as written in the file. */
  written: string;
  /** After variable substitution. */
  resolved: string;
  /** Where the reference is written, when the file text there is exactly `written`. */
  range: OffsetRange;
  exact: boolean;
}

function quoted(written: string, resolved: string): string {
  const wrap = (text: string): string => (/^".*"$/.test(text) ? text : `"${text}"`);
  return written === resolved || written.replace(/["']/g, "") === resolved ? wrap(written) : `${wrap(written)} (= ${wrap(resolved)})`;
}

/** Does the repository name (last path component) still hide a variable that could carry a tag or digest? */
function lastComponentHasVariable(ref: ImageReference): boolean {
  const path = ref.raw.slice(ref.spans.path[0], ref.spans.path[1]);
  const slash = path.lastIndexOf("/");
  return path.slice(slash + 1).includes("$");
}

/** The file range of a span of the reference as written, when the written text can be mapped. */
function spanRange(use: ImageUse, span: readonly [number, number] | undefined): OffsetRange {
  if (!span || !use.exact) return use.range;
  return [use.range[0] + span[0], use.range[0] + span[1]];
}

function judge(use: ImageUse, options: PinnedImageOptions, report: (descriptor: ReportDescriptor) => void): void {
  // The build removes quotes from the word (`FROM "nginx:1.27"`, `servercore:"${VERSION}"`).
  const ref = parseImageReference(use.resolved.replace(/["']/g, ""));
  if (!ref || isScratch(ref)) return;
  // `docker.io/library/${distro}` with `ARG distro=""`: the defaults make no image at all, which is
  // valid-default-arg-in-from's finding; "no tag" would offer `docker.io/library/:<version>`.
  if (ref.problems.length > 0 && use.written !== use.resolved) return;
  const name = ref.raw.slice(ref.spans.registry?.[0] ?? ref.spans.path[0], ref.spans.path[1]);
  const data = { subject: use.subject, name };
  // A digest pins the image whatever the tag says (`debian:latest@sha256:…` is fine).
  if (ref.digest !== undefined) return;
  if (ref.tag === undefined) {
    // `FROM ${BASE}` or `FROM app${SUFFIX}`: the variable may carry the tag; the builder chose it.
    if (lastComponentHasVariable(ref)) return;
    report({ messageId: "noTag", data, range: use.range });
    return;
  }
  if (ref.tag.includes("$")) return; // `nginx:${TAG}` with an ARG without default: a deliberate choice
  if (options.prohibitedTags.includes(ref.tag)) {
    const written = parseImageReference(use.written);
    const messageId = ref.tag === "latest" ? "latest" : "prohibitedTag";
    report({ messageId, data: { ...data, tag: ref.tag }, range: spanRange(use, written?.spans.tag) });
    return;
  }
  if (options.requireDigest) {
    report({ messageId: "noDigest", data: { ...data, tag: ref.tag }, range: use.range });
  }
}

function exactRange(source: SourceText, range: OffsetRange | undefined, written: string): { range: OffsetRange; exact: boolean } | undefined {
  if (!range) return undefined;
  return { range, exact: source.slice(range) === written };
}

/** `from=<value>` inside a `--mount=type=bind,from=x,…` flag: its file range when the flag is written plainly. */
function mountFromRange(source: SourceText, flag: InstructionFlag, value: string): { range: OffsetRange; exact: boolean } {
  const valueRange = flag.valueRange;
  if (valueRange && flag.value !== undefined && source.slice(valueRange) === flag.value) {
    const match = /(?:^|,)\s*from\s*=\s*/i.exec(flag.value);
    if (match) {
      const start = valueRange[0] + match.index + match[0].length;
      if (source.text.startsWith(value, start)) return { range: [start, start + value.length], exact: true };
    }
  }
  return { range: flag.range, exact: false };
}

/**
 * An image named by `COPY --from` / `RUN --mount=from=`: not a stage of this file (by name
 * or index). In an ONBUILD trigger the stages are the child's, so only values that cannot
 * be a stage name (they hold `/`, `:` or `@`) count as images there.
 */
function isImageReference(model: DockerfileModel, instruction: Instruction, value: string): boolean {
  if (value === "" || /^\d+$/.test(value)) return false;
  if (instruction.onbuild) return !STAGE_NAME.test(value);
  return !model.stageByName.has(value.toLowerCase());
}

export default defineRule<DockerfileModel, PinnedImageOptions>({
  meta: {
    id: "require-pinned-image",
    kind: "dockerfile",
    category: "security",
    severity: "warning",
    docs: "Require images to be pinned to a version tag or a digest, not to `latest` or no tag at all.",
    presets: ["recommended"],
    messages: {
      noTag:
        "{{subject}} has no tag, so every build pulls whatever `latest` is that day; pin a version (`{{name}}:<version>`) or a digest (`{{name}}@sha256:…`).",
      latest:
        "{{subject}} uses the `latest` tag, which moves with every release; pin a version (`{{name}}:<version>`) or a digest (`{{name}}@sha256:…`).",
      prohibitedTag:
        "{{subject}} uses the `{{tag}}` tag, which moves with new releases; pin a version (`{{name}}:<version>`) or a digest (`{{name}}@sha256:…`).",
      noDigest:
        "{{subject}} is pinned by tag only; tags can be moved, so add the digest the build was tested with (`{{name}}:{{tag}}@sha256:…`).",
    },
    options: PINNED_IMAGE_OPTIONS,
    presetOptions: PINNED_IMAGE_PRESET_OPTIONS,
    references: {
      hadolint: ["DL3006", "DL3007"],
      trivy: ["DS-0001"],
      checkov: ["CKV_DOCKER_7"],
      kics: ["9efb0b2d-89c9-41a3-91ca-dcc0aec911fd", "f45ea400-6bbe-4501-9fc7-1c3d75c32067"],
    },
    referencesByMessage: {
      noTag: {
        hadolint: ["DL3006"],
        trivy: ["DS-0001"],
        checkov: ["CKV_DOCKER_7"],
        kics: ["9efb0b2d-89c9-41a3-91ca-dcc0aec911fd"],
      },
      latest: {
        hadolint: ["DL3007"],
        trivy: ["DS-0001"],
        checkov: ["CKV_DOCKER_7"],
        kics: ["f45ea400-6bbe-4501-9fc7-1c3d75c32067"],
      },
      prohibitedTag: {},
      noDigest: {},
    },
  },
  check({ model, source, options, settings, report }) {
    // A named build context is what the build reads for its name; it pulls nothing by that name.
    const isNamedContext = namedContextMatcher(settings);
    for (const stage of model.stages) {
      // `FROM build` builds on an earlier stage; nothing is pulled.
      if (stage.parent || !stage.imageRange) continue;
      const resolved = stage.resolvedImage;
      if (isNamedContext(resolved)) continue;
      const place = exactRange(source, stage.imageRange, stage.imageText);
      if (!place) continue;
      judge(
        {
          subject: `Base image ${quoted(stage.imageText, resolved)}`,
          written: stage.imageText,
          resolved,
          ...place,
        },
        options,
        report,
      );
    }

    for (const instruction of withTriggers(model.instructions)) {
      if (instruction.keyword !== "COPY" && instruction.keyword !== "RUN") continue;
      for (const flag of instruction.flags) {
        const flagName = flag.name.toLowerCase();
        let written: string | undefined;
        let place: { range: OffsetRange; exact: boolean } | undefined;
        let what: string;
        if (flagName === "from" && instruction.keyword === "COPY" && flag.value !== undefined) {
          written = flag.value;
          place = exactRange(source, flag.valueRange, written) ?? { range: flag.range, exact: false };
          what = "COPY --from image";
        } else if (flagName === "mount" && instruction.keyword === "RUN" && flag.options.has("from")) {
          written = flag.options.get("from") ?? "";
          place = mountFromRange(source, flag, written);
          what = "RUN --mount from= image";
        } else {
          continue;
        }
        const resolved = instruction.scope.expand(written).value;
        if (!isImageReference(model, instruction, resolved) || isNamedContext(resolved)) continue;
        judge(
          { subject: `${what} ${quoted(written, resolved)}`, written, resolved, ...place },
          options,
          report,
        );
      }
    }
  },
});
