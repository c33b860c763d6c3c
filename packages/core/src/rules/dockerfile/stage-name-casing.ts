import type { DockerfileModel, Instruction } from "../../dockerfile/model.js";
import { defineRule } from "../../rule.js";
import type { OffsetRange, SourceText } from "../../source.js";
import type { Fix } from "../../types.js";
import { csvFields } from "./_buildkit-flags.js";

/**
 * Every place this file names a stage by `name` (case-insensitively), where the file text is
 * exactly the name: `FROM name`, `COPY --from=name`, `RUN --mount=…,from=name`. ONBUILD triggers
 * name stages of the child build, not of this file, and are left alone.
 */
function referencesTo(model: DockerfileModel, source: SourceText, name: string): OffsetRange[] {
  const wanted = name.toLowerCase();
  const ranges: OffsetRange[] = [];
  const exact = (range: OffsetRange | undefined): OffsetRange | undefined =>
    range && source.slice(range).toLowerCase() === wanted ? range : undefined;
  for (const stage of model.stages) {
    const range = exact(stage.imageRange);
    if (range && stage.parent) ranges.push(range);
  }
  for (const instruction of model.instructions) {
    ranges.push(...flagReferences(instruction, source, wanted));
  }
  return ranges;
}

function flagReferences(instruction: Instruction, source: SourceText, wanted: string): OffsetRange[] {
  const ranges: OffsetRange[] = [];
  for (const flag of instruction.flags) {
    const name = flag.name.toLowerCase();
    const valueRange = flag.valueRange;
    if (flag.value === undefined || !valueRange || source.slice(valueRange) !== flag.value) continue;
    if (name === "from" && instruction.keyword === "COPY" && flag.value.toLowerCase() === wanted) ranges.push(valueRange);
    if (name === "mount" && instruction.keyword === "RUN") {
      for (const field of csvFields(flag.value)) {
        if (field.quoted) continue;
        const eq = field.text.indexOf("=");
        if (eq < 0 || field.text.slice(0, eq).trim().toLowerCase() !== "from") continue;
        if (field.text.slice(eq + 1).toLowerCase() !== wanted) continue;
        ranges.push([valueRange[0] + field.start + eq + 1, valueRange[0] + field.end]);
      }
    }
  }
  return ranges;
}

function fixFor(model: DockerfileModel, source: SourceText, name: string, range: OffsetRange): { fix: Fix[]; count: number } {
  const lower = name.toLowerCase();
  // References already written in lower case need no change, and are not counted (swift-docker's
  // `FROM debian:12 as Base` with `FROM base` was told of "the 2 references" it rewrote to themselves).
  const references = referencesTo(model, source, name).filter((r) => source.slice(r) !== lower);
  return { fix: [{ range, text: lower }, ...references.map((r) => ({ range: r, text: lower }))], count: references.length };
}

export default defineRule<DockerfileModel>({
  meta: {
    id: "stage-name-casing",
    kind: "dockerfile",
    category: "style",
    severity: "warning",
    docs: "Require stage names (`FROM … AS name`) in lower case.",
    presets: ["recommended"],
    fixable: true,
    messages: {
      upperCase:
        "Stage name `{{name}}` has upper-case letters; BuildKit lower-cases stage names anyway, and lower case keeps them apart from keywords: write `{{lower}}`{{references}}.",
    },
    references: { buildkit: ["StageNameCasing"] },
  },
  check({ model, source, report }) {
    for (const stage of model.stages) {
      const name = stage.name;
      const range = stage.nameRange;
      if (name === undefined || !range || name === name.toLowerCase()) continue;
      // The fix renames the alias and every reference to it at once: stage names are case-insensitive, so the build is unchanged.
      const { fix, count } = source.slice(range) === name ? fixFor(model, source, name, range) : { fix: [], count: 0 };
      report({
        messageId: "upperCase",
        data: { name, lower: name.toLowerCase(), references: count === 0 ? "" : ` (and the ${count} reference${count === 1 ? "" : "s"} to it)` },
        range,
        ...(fix.length > 0 ? { fix } : {}),
      });
    }
  },
});
