import type { DockerfileModel, Instruction } from "../../dockerfile/model.js";
import { defineRule } from "../../rule.js";
import type { OffsetRange, SourceText } from "../../source.js";
import { appendTo } from "../../util/append-to.js";

/** Instructions that set one image setting: a second one replaces the first. */
const SINGLE = new Map<string, string>([
  ["CMD", "cmd"],
  ["ENTRYPOINT", "entrypoint"],
  ["HEALTHCHECK", "healthcheck"],
]);

const MAX_SHOWN = 40;

function shown(text: string): string {
  const oneLine = text.replace(/\s+/g, " ").trim();
  return oneLine.length > MAX_SHOWN ? `${oneLine.slice(0, MAX_SHOWN - 1)}…` : oneLine;
}

/** The whole lines an instruction occupies, with the line break after it: what deleting it removes. */
function wholeLines(source: SourceText, range: OffsetRange): OffsetRange {
  const text = source.text;
  const start = text.lastIndexOf("\n", range[0] - 1) + 1;
  let end = range[1];
  if (text[end] === "\r" && text[end + 1] === "\n") end += 2;
  else if (text[end] === "\n") end += 1;
  return [start, end];
}

export default defineRule<DockerfileModel>({
  meta: {
    id: "no-repeated-instruction",
    kind: "dockerfile",
    category: "correctness",
    severity: "warning",
    docs: "Disallow more than one CMD, ENTRYPOINT or HEALTHCHECK in a stage: only the last one takes effect.",
    presets: ["recommended"],
    hasSuggestions: true,
    messages: {
      cmd: "`{{instruction}}` never takes effect: the CMD on line {{line}} of the same stage replaces it; delete this one (or merge them).",
      entrypoint:
        "`{{instruction}}` never takes effect: the ENTRYPOINT on line {{line}} of the same stage replaces it; delete this one (or merge them).",
      healthcheck:
        "`{{instruction}}` never takes effect: the HEALTHCHECK on line {{line}} of the same stage replaces it; delete this one (or merge them).",
      onbuild:
        "`ONBUILD {{instruction}}` never takes effect in child images: the `ONBUILD {{keyword}}` on line {{line}} runs after it and replaces it; delete this one.",
    },
    references: {
      hadolint: ["DL4003", "DL4004", "DL3012"],
      buildkit: ["MultipleInstructionsDisallowed"],
      trivy: ["DS-0016", "DS-0007", "DS-0023"],
      kics: ["41c195f4-fc31-4a5c-8a1b-90605538d49f", "6938958b-3f1a-451c-909b-baeee14bdc97"],
    },
    referencesByMessage: {
      cmd: {
        hadolint: ["DL4003"],
        buildkit: ["MultipleInstructionsDisallowed"],
        trivy: ["DS-0016"],
        kics: ["41c195f4-fc31-4a5c-8a1b-90605538d49f"],
      },
      entrypoint: {
        hadolint: ["DL4004"],
        buildkit: ["MultipleInstructionsDisallowed"],
        trivy: ["DS-0007"],
        kics: ["6938958b-3f1a-451c-909b-baeee14bdc97"],
      },
      healthcheck: { hadolint: ["DL3012"], buildkit: ["MultipleInstructionsDisallowed"], trivy: ["DS-0023"] },
      onbuild: {},
    },
  },
  check({ model, source, report }) {
    // Instructions before the first FROM belong to no stage; the build rejects them anyway (require-from-first).
    const groups: Instruction[][] = [];
    for (const stage of model.stages) {
      const own = new Map<string, Instruction[]>();
      const triggers = new Map<string, Instruction[]>();
      // Appended in place: a copy of the list for each instruction made 40,000 CMDs take 25 s.
      for (const instruction of stage.instructions) {
        if (SINGLE.has(instruction.keyword)) appendTo(own, instruction.keyword, instruction);
        const trigger = instruction.trigger;
        // ONBUILD triggers run in the child, one after the other: the last one of each kind wins there.
        if (trigger && SINGLE.has(trigger.keyword)) appendTo(triggers, trigger.keyword, trigger);
      }
      groups.push(...own.values(), ...triggers.values());
    }
    for (const group of groups) {
      const last = group.at(-1);
      if (!last || group.length < 2) continue;
      for (const instruction of group.slice(0, -1)) {
        const whole = instruction.onbuild ?? instruction;
        const args = shown(instruction.argsText);
        const data = { instruction: args === "" ? instruction.keyword : `${instruction.keyword} ${args}`, line: last.line, keyword: instruction.keyword };
        report({
          messageId: instruction.onbuild ? "onbuild" : (SINGLE.get(instruction.keyword) ?? "cmd"),
          data,
          range: instruction.keywordRange,
          suggestions: [
            {
              desc: `Delete the ${instruction.onbuild ? "ONBUILD " : ""}${instruction.keyword} on line ${whole.line}`,
              fix: { range: wholeLines(source, whole.range), text: "" },
            },
          ],
        });
      }
    }
  },
});
