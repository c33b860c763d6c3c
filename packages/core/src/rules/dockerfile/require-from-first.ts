import type { DockerfileModel } from "../../dockerfile/model.js";
import { defineRule } from "../../rule.js";
import { isKnownInstruction, isMisspeltFrom } from "./_keyword-typos.js";

export default defineRule<DockerfileModel>({
  meta: {
    id: "require-from-first",
    kind: "dockerfile",
    category: "correctness",
    severity: "error",
    docs: "Require FROM before every instruction but ARG, and a FROM in every Dockerfile.",
    presets: ["recommended"],
    messages: {
      beforeFrom:
        "`{{keyword}}` comes before the first FROM, where only ARG, comments and parser directives may stand, so the build fails (\"no build stage in current context\"); move it below the FROM of the stage it belongs to.",
      empty: "This Dockerfile is empty, so `docker build` fails (\"the Dockerfile cannot be empty\"); start it with `FROM <image>`, or delete the file.",
      noInstructions:
        "This Dockerfile has no instructions, only comments or blank lines, so `docker build` fails (\"file with no instructions\"); start it with `FROM <image>`, or delete the file.",
      noFrom: "This Dockerfile has no FROM instruction, so it defines no stage and the build fails; start it with `FROM <image>` (`FROM scratch` for an empty image).",
    },
    references: { hadolint: ["DL3061"] },
  },
  check({ model, source, report }) {
    const instructions = model.instructions;
    const first = instructions[0];
    if (!first) {
      // BuildKit refuses a file without instructions before it looks for a stage; Trivy stops its
      // whole scan on one. The CLI reports a blank file before any rule runs (as a fatal error).
      const firstNote = [...model.directives.map((d) => d.range), ...model.comments.map((c) => c.range)].sort((a, b) => a[0] - b[0])[0];
      report({ messageId: source.text.length === 0 ? "empty" : "noInstructions", range: firstNote ?? [0, 0] });
      return;
    }
    // A misspelt FROM (`FORM alpine`) is no-unknown-instruction's finding; it is where the stage was meant to start.
    const firstFrom = instructions.findIndex((i) => i.keyword === "FROM" || isMisspeltFrom(i));
    if (firstFrom < 0) {
      report({ messageId: "noFrom", range: first.keywordRange });
      return;
    }
    for (const instruction of instructions.slice(0, firstFrom)) {
      // Unknown keywords fail the build on their own (no-unknown-instruction).
      if (instruction.keyword === "ARG" || !isKnownInstruction(instruction.keyword)) continue;
      report({ messageId: "beforeFrom", data: { keyword: instruction.keywordText }, range: instruction.keywordRange });
    }
  },
});
