import type { DockerfileModel, Instruction, InstructionFlag } from "../../dockerfile/model.js";
import { unquote } from "../../dockerfile/parse.js";
import { namedContextMatcher, withTriggers } from "../../dockerfile/queries.js";
import { isDockerHub, isScratch, parseImageReference, registryMatches } from "../../image/reference.js";
import { defineRule } from "../../rule.js";
import type { OffsetRange, SourceText } from "../../source.js";

/** Stage names may use only these characters (BuildKit: `^[a-z][a-z0-9-_.]*$`, case-insensitive). */
const STAGE_NAME = /^[A-Z][\w.-]*$/i;

interface ImageUse {
  what: string;
  written: string;
  resolved: string;
  range: OffsetRange;
}

/** `from=<value>` inside a `--mount=…` flag, with its file range when it is written plainly. */
function mountFrom(source: SourceText, flag: InstructionFlag): { written: string; range: OffsetRange } | undefined {
  const written = flag.options.get("from");
  if (written === undefined || written === "") return undefined;
  const valueRange = flag.valueRange;
  if (valueRange && flag.value !== undefined && source.slice(valueRange) === flag.value) {
    const match = /(?:^|,)\s*from\s*=\s*/i.exec(flag.value);
    if (match) {
      const start = valueRange[0] + match.index + match[0].length;
      if (source.text.startsWith(written, start)) return { written, range: [start, start + written.length] };
    }
  }
  return { written, range: flag.range };
}

/**
 * A `COPY --from` / `--mount from=` value that is an image, not a stage of this file (by name or
 * index). In an ONBUILD trigger the stages are the child's, so only values that cannot be a
 * stage name (they hold `/`, `:` or `@`) count as images there.
 */
function isImage(model: DockerfileModel, instruction: Instruction, value: string): boolean {
  if (value === "" || /^\d+$/.test(value)) return false;
  if (instruction.onbuild) return !STAGE_NAME.test(value);
  return !model.stageByName.has(value.toLowerCase());
}

function imageUses(model: DockerfileModel, source: SourceText): ImageUse[] {
  const uses: ImageUse[] = [];
  for (const stage of model.stages) {
    if (stage.parent || !stage.imageRange) continue;
    uses.push({ what: "FROM", written: stage.imageText, resolved: stage.resolvedImage, range: stage.imageRange });
  }
  for (const instruction of withTriggers(model.instructions)) {
    for (const flag of instruction.flags) {
      const name = flag.name.toLowerCase();
      let found: { written: string; range: OffsetRange } | undefined;
      let what: string;
      if (name === "from" && instruction.keyword === "COPY" && flag.value) {
        found = { written: flag.value, range: flag.valueRange ?? flag.range };
        what = "COPY --from";
      } else if (name === "mount" && instruction.keyword === "RUN") {
        found = mountFrom(source, flag);
        what = "RUN --mount from=";
      } else continue;
      if (!found) continue;
      const resolved = unquote(instruction.scope.expand(found.written).value);
      if (!isImage(model, instruction, resolved)) continue;
      uses.push({ what, written: found.written, resolved, range: found.range });
    }
  }
  return uses;
}

export default defineRule<DockerfileModel>({
  meta: {
    id: "require-trusted-registry",
    kind: "dockerfile",
    category: "security",
    severity: "error",
    docs: "With `settings.trustedRegistries`, require every image the build pulls to come from one of those registries.",
    presets: ["recommended"],
    messages: {
      untrusted:
        "{{what}} image \"{{image}}\" comes from {{registry}}, which is not in settings.trustedRegistries ({{trusted}}); pull it from a trusted registry or mirror (e.g. `{{example}}/{{path}}`).",
    },
    references: { hadolint: ["DL3026"] },
  },
  check({ model, source, settings, report }) {
    const raw = settings.trustedRegistries;
    const trusted = Array.isArray(raw) ? raw.filter((p): p is string => typeof p === "string" && p.trim() !== "") : [];
    if (trusted.length === 0) return;
    const example = trusted.find((p) => !p.includes("*")) ?? "registry.example.com";
    // A named build context is what the build reads for its name, from no registry.
    const isNamedContext = namedContextMatcher(settings);
    for (const use of imageUses(model, source)) {
      if (isNamedContext(use.resolved)) continue;
      const ref = parseImageReference(use.resolved.replace(/["']/g, ""));
      if (!ref || isScratch(ref)) continue;
      // `FROM ${REGISTRY}/app` with an ARG without default: the registry is the builder's to give.
      const registryText = ref.raw.slice(0, ref.spans.registry?.[1] ?? ref.spans.path[1]);
      if (registryText.includes("$")) continue;
      if (trusted.some((pattern) => registryMatches(ref, pattern))) continue;
      // Point at the registry as written when it is written literally (`docker.elastic.co/x:${V}`); else at the whole image.
      const written = source.slice(use.range) === use.written ? parseImageReference(use.written) : undefined;
      const span = written?.registry !== undefined && written.registry === ref.registry ? written.spans.registry : undefined;
      const range: OffsetRange = span ? [use.range[0] + span[0], use.range[0] + span[1]] : use.range;
      const registry = ref.registry === undefined ? "Docker Hub (docker.io: the name has no registry)" : isDockerHub(ref) ? `Docker Hub (${ref.registry})` : `"${ref.domain}"`;
      report({
        messageId: "untrusted",
        data: { what: use.what, image: use.resolved, registry, trusted: trusted.join(", "), example, path: ref.fullPath },
        range,
      });
    }
  },
});
