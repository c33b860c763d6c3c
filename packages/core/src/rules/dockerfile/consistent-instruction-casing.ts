import type { DockerfileModel, Instruction } from "../../dockerfile/model.js";
import { withTriggers } from "../../dockerfile/queries.js";
import { defineRule } from "../../rule.js";
import { INSTRUCTION_KEYWORDS } from "./_buildkit-flags.js";

function casingOf(instruction: Instruction): "upper" | "lower" | "mixed" {
  const word = instruction.keywordText;
  // The model's `keyword` is `keywordText` upper-cased.
  if (word === instruction.keyword) return "upper";
  if (word === word.toLowerCase()) return "lower";
  return "mixed";
}

export default defineRule<DockerfileModel>({
  meta: {
    id: "consistent-instruction-casing",
    kind: "dockerfile",
    category: "style",
    severity: "warning",
    docs: "Require every instruction keyword in one case, upper or lower, the same across the file.",
    presets: ["recommended"],
    fixable: true,
    messages: {
      mixed: "`{{keyword}}` mixes upper and lower case; write `{{expected}}`, like the {{majority}}-case keywords of this file.",
      minority: "`{{keyword}}` is {{actual}} case but most keywords of this file are {{majority}} case; write `{{expected}}`.",
    },
    references: { buildkit: ["ConsistentInstructionCasing"] },
  },
  check({ model, report }) {
    // Unknown keywords are no-unknown-instruction's business; ONBUILD triggers and global ARGs count too.
    const keywords: Instruction[] = [...withTriggers(model.instructions)].filter((i) => INSTRUCTION_KEYWORDS.has(i.keyword));
    let upper = 0;
    let lower = 0;
    for (const instruction of keywords) {
      const casing = casingOf(instruction);
      if (casing === "upper") upper++;
      else if (casing === "lower") lower++;
    }
    // BuildKit: lower case wins only with a strict majority; a tie is upper case.
    const majority = lower > upper ? "lower" : "upper";
    for (const instruction of keywords) {
      const keyword = instruction.keywordText;
      const casing = casingOf(instruction);
      if (casing === majority) continue;
      const expected = majority === "lower" ? keyword.toLowerCase() : instruction.keyword;
      report({
        messageId: casing === "mixed" ? "mixed" : "minority",
        data: { keyword, expected, majority, actual: casing },
        range: instruction.keywordRange,
        fix: { range: instruction.keywordRange, text: expected },
      });
    }
  },
});
