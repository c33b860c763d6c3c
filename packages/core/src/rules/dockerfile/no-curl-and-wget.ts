import type { DockerfileModel, Instruction, Stage } from "../../dockerfile/model.js";
import { stageWithTriggers, withTriggers } from "../../dockerfile/queries.js";
import { defineRule } from "../../rule.js";
import type { ShellWord } from "../../shell/types.js";
import { commandsOfRun } from "./_run-commands.js";

type Tool = "curl" | "wget";

interface FirstUse {
  word: ShellWord;
  /** The line of the word, which in a continued RUN is not the instruction's first. */
  line: number;
  instruction: Instruction;
  /** The stage it was seen in, when that is a stage the current one builds on. */
  stage: Stage | undefined;
}

type Seen = Partial<Record<Tool, FirstUse>>;

function stageLabel(stage: Stage): string {
  return stage.name ?? `#${stage.index}`;
}

/** The first `curl`/`wget` command of each kind in a RUN (installing them is no use: only command names count). */
function toolsOf(model: DockerfileModel, run: Instruction): { tool: Tool; word: ShellWord }[] {
  const found: { tool: Tool; word: ShellWord }[] = [];
  for (const { command, name } of commandsOfRun(model, run)) {
    if ((name === "curl" || name === "wget") && command.name && !found.some((f) => f.tool === name)) {
      found.push({ tool: name, word: command.name });
    }
  }
  return found;
}

export default defineRule<DockerfileModel>({
  meta: {
    id: "no-curl-and-wget",
    kind: "dockerfile",
    category: "maintainability",
    severity: "warning",
    docs: "Disallow using both curl and wget in one stage; pick one download tool.",
    presets: [],
    messages: {
      both: "`{{tool}}` is used here and `{{other}}` {{where}}; use one download tool per image (keep whichever the stage already installs) so it does not ship both.",
    },
    references: {
      hadolint: ["DL4001"],
      trivy: ["DS-0014"],
      kics: ["fc775e75-fcfb-4c98-b2f2-910c5858b359"],
    },
  },
  check({ model, report }) {
    // What each stage has used by its end, so that `FROM base` sees the tools of `base` (they are in its image too).
    const atEnd = new Map<Stage, Seen>();
    // A file without FROM (a fragment) is judged as one stage.
    const groups: { stage: Stage | undefined; instructions: readonly Instruction[] }[] =
      model.stages.length > 0 ? model.stages.map((stage) => ({ stage, instructions: stageWithTriggers(stage) })) : [{ stage: undefined, instructions: withTriggers(model.instructions) }];
    for (const { stage, instructions } of groups) {
      const inherited = stage?.parent ? atEnd.get(stage.parent) : undefined;
      const seen: Seen = {};
      for (const tool of ["curl", "wget"] as const) {
        const use = inherited?.[tool];
        if (use) seen[tool] = { ...use, stage: use.stage ?? stage?.parent };
      }
      // ONBUILD triggers run in a child build: they are judged among themselves.
      const triggers: Seen = {};
      for (const instruction of instructions) {
        if (instruction.keyword !== "RUN") continue;
        const state = instruction.onbuild ? triggers : seen;
        let reported = false;
        for (const { tool, word } of toolsOf(model, instruction)) {
          state[tool] ??= { word, line: model.source.positionAt(word.start).line, instruction, stage: undefined };
          const other: Tool = tool === "curl" ? "wget" : "curl";
          const otherUse = state[other];
          if (!otherUse || reported) continue;
          reported = true;
          const where =
            otherUse.stage !== undefined
              ? `in stage ${stageLabel(otherUse.stage)} (line ${otherUse.line}), which this stage builds on`
              : otherUse.instruction === instruction
                ? "in the same RUN"
                : `at line ${otherUse.line} of the same stage`;
          report({ messageId: "both", data: { tool, other, where }, range: [word.start, word.end] });
        }
      }
      if (stage) atEnd.set(stage, seen);
    }
  },
});
