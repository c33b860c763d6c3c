import type { DockerfileModel, Stage } from "../../dockerfile/model.js";
import { stageRoot } from "../../dockerfile/queries.js";
import type { ImageReference } from "../../image/reference.js";
import { defineRule } from "../../rule.js";
import { copyOperands } from "./_copy-operands.js";
import { describeValue, resolveReference, stageReferences, startsFromScratch } from "./_stage-refs.js";

interface Options {
  /** `--from` values (or, for a stage, its base image) whose whole filesystem is meant to be overlaid; `*` wildcard. */
  allowedSources: string[];
}

/** `/`, `//`, `/.`, `/./` all name the root. */
function isRoot(path: string): boolean {
  const segments = path.split("/").filter((s) => s !== "" && s !== ".");
  return path.startsWith("/") && segments.length === 0;
}

/** Docker Official Images that are no distribution: a rootfs of a few binaries, or Windows (no /etc). */
const NOT_DISTRIBUTIONS = new Set(["scratch", "hello-world", "busybox"]);
const WINDOWS_TAG = /nanoserver|windowsservercore|ltsc\d/i;
/** Docker Hub's per-architecture copies of the official images (`arm64v8/debian`). */
const ARCH_NAMESPACES = new Set(["amd64", "arm32v5", "arm32v6", "arm32v7", "arm64v8", "i386", "mips64le", "ppc64le", "riscv64", "s390x"]);
/** Distributions published outside Docker Hub's library, as `<domain>/<path>` prefixes. */
const DISTRIBUTION_REPOSITORIES = [
  "registry.access.redhat.com/ubi",
  "registry.redhat.io/ubi",
  "quay.io/centos/",
  "quay.io/fedora/",
  "mcr.microsoft.com/azurelinux/",
  "mcr.microsoft.com/cbl-mariner/",
  "public.ecr.aws/amazonlinux/",
  "public.ecr.aws/docker/library/",
];

/**
 * Whether the image is known to be a distribution or built on one (Docker Official Images are),
 * so that its filesystem holds a package database, /etc and a shell. Another publisher's image
 * may be a few files on scratch (`tonistiigi/xx`): nothing is claimed about it.
 */
function isDistributionImage(image: ImageReference | undefined): boolean {
  if (!image || image.hasVariables || WINDOWS_TAG.test(image.tag ?? "")) return false;
  const [namespace, name, ...deeper] = image.fullPath.split("/");
  if (image.domain === "docker.io" && name !== undefined && deeper.length === 0 && (namespace === "library" || ARCH_NAMESPACES.has(namespace ?? ""))) {
    return !NOT_DISTRIBUTIONS.has(name);
  }
  const repository = `${image.domain}/${image.path}`;
  return !repository.includes("micro") && DISTRIBUTION_REPOSITORIES.some((prefix) => repository.startsWith(prefix));
}

/** The stage of a COPY starts from scratch: the copy squashes the source into it rather than overwriting a base. */
function intoScratch(model: DockerfileModel, stage: Stage | undefined): boolean {
  return stage !== undefined && startsFromScratch(model, stage) === true;
}

function globToRegExp(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*");
  return new RegExp(`^${escaped}$`, "i");
}

export default defineRule<DockerfileModel, Options>({
  meta: {
    id: "no-copy-entire-filesystem",
    kind: "dockerfile",
    category: "best-practice",
    severity: "warning",
    docs: "Disallow `COPY --from=<stage> / /`, which copies a whole filesystem over this stage's.",
    presets: ["strict"],
    messages: {
      entire:
        "`COPY --from={{from}} / /` copies the whole filesystem of {{what}}, its package database, /etc and shell included, over this stage's root, which undoes the point of a multi-stage build; copy only the paths the image needs, e.g. `COPY --from={{from}} /out/app /usr/local/bin/app`.",
      entireStage:
        "`COPY --from={{from}} / /` copies the whole filesystem of {{what}} over this stage's root, whatever its base image holds; copy only the paths the image needs (e.g. `COPY --from={{from}} /out/app /usr/local/bin/app`), or list the base image in the `allowedSources` option if it is a tool image made to be overlaid whole (`tonistiigi/xx`).",
      entireImage:
        "`COPY --from={{from}} / /` copies the whole filesystem of image \"{{image}}\" over this stage's root, whatever that image holds (its /etc and package database too, if it has them); copy only the paths this image needs from it, or list it in the `allowedSources` option if it is a tool image made to be overlaid whole (`tonistiigi/xx`).",
      squash:
        "`COPY --from={{from}} / /` squashes {{what}} into this `FROM scratch` stage as one layer, but copies files only: its ENV, USER, WORKDIR, ENTRYPOINT and CMD (and its base image's) are not carried over; set the ones the image needs again after this COPY.",
    },
    options: {
      schema: {
        type: "object",
        properties: { allowedSources: { type: "array", items: { type: "string" } } },
        additionalProperties: false,
      },
      defaults: { allowedSources: [] },
    },
    references: { hadolint: ["DL3067"] },
  },
  check({ model, source, options, report }) {
    const allowed = options.allowedSources.map(globToRegExp);
    for (const reference of stageReferences(model, source)) {
      if (reference.kind !== "copy" || reference.written === undefined) continue;
      const { sources, destination } = copyOperands(reference.instruction, source, model.escapeChar);
      if (!destination || !isRoot(destination.value)) continue;
      const root = sources.find((s) => !s.heredoc && isRoot(s.value));
      if (!root) continue;
      const resolution = resolveReference(model, reference);
      let what = `"${reference.value}"`;
      let messageId: "entire" | "entireStage" | "entireImage" | "squash" = "entireStage";
      const names = [reference.value];
      if (resolution.kind === "stage") {
        // A stage that starts from scratch holds only what was copied into it: an export stage made to be
        // overlaid whole. When that depends on a build argument (`FROM binaries-$TARGETOS`), it is not judged.
        if (startsFromScratch(model, resolution.stage) !== false) continue;
        const base = stageRoot(resolution.stage);
        names.push(base.resolvedImage);
        const stage = resolution.stage.name === undefined ? `stage ${resolution.stage.index}` : `stage "${resolution.stage.name}"`;
        what = `${stage} (based on ${base.resolvedImage})`;
        if (isDistributionImage(base.image)) messageId = "entire";
      } else if (resolution.kind === "image") {
        // What a pulled image holds is not known here: it may be a few binaries on scratch.
        messageId = "entireImage";
        what = `image "${reference.value}"`;
      } else if (resolution.kind !== "missing" && resolution.kind !== "unknown") {
        // Self-references and bad indexes are other rules' findings.
        continue;
      }
      if (names.some((name) => allowed.some((pattern) => pattern.test(name)))) continue;
      // An ONBUILD COPY runs in the child image, whose base is not this stage's.
      if (!reference.instruction.onbuild && intoScratch(model, reference.instruction.stage)) messageId = "squash";
      const from = describeValue(reference);
      report({ messageId, data: messageId === "entireImage" ? { from, image: reference.value } : { from, what }, range: root.range });
    }
  },
});
