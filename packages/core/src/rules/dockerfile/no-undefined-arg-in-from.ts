import type { DockerfileModel, Stage } from "../../dockerfile/model.js";
import { defineRule, type ReportDescriptor } from "../../rule.js";
import type { OffsetRange } from "../../source.js";
import { suggestName } from "../../util/suggest-name.js";
import { argDeclarations, globalArgs, lexWord, logicalRegion, PREDEFINED_GLOBAL_ARGS, type VariableReference } from "./_buildkit-lexer.js";

/** The `$X` references of a FROM: in the image and in `--platform`. */
function fromReferences(model: DockerfileModel, stage: Stage): VariableReference[] {
  const ranges: OffsetRange[] = [];
  if (stage.imageRange) ranges.push(stage.imageRange);
  if (stage.platform?.valueRange) ranges.push(stage.platform.valueRange);
  return ranges.flatMap((range) => {
    const logical = logicalRegion(model.source.text, range[0], range[1], model.escapeChar);
    return lexWord(logical, 0, logical.text.length, { escapeChar: model.escapeChar }).refs;
  });
}

/**
 * The line of each name's first ARG inside a stage, which a later FROM cannot see, for the stages
 * added so far: filled stage by stage as the FROMs are checked in order, where a walk over every
 * earlier stage for each FROM made 10,000 stages take a minute.
 */
class StageArgLines {
  private readonly lines = new Map<string, number>();

  constructor(private readonly model: DockerfileModel) {}

  add(stage: Stage): void {
    for (const instruction of stage.instructions) {
      if (instruction.keyword !== "ARG") continue;
      for (const arg of argDeclarations(this.model.source.text, instruction, this.model.escapeChar)) {
        if (!this.lines.has(arg.name)) this.lines.set(arg.name, instruction.line);
      }
    }
  }

  get(name: string): number | undefined {
    return this.lines.get(name);
  }
}

export default defineRule<DockerfileModel>({
  meta: {
    id: "no-undefined-arg-in-from",
    kind: "dockerfile",
    category: "correctness",
    severity: "warning",
    docs: "Disallow variables in FROM that no global ARG (before the first FROM) declares.",
    presets: ["recommended"],
    hasSuggestions: true,
    messages: {
      undeclared:
        "`{{reference}}` in FROM is not declared by an ARG before the first FROM, so it is empty and `--build-arg {{name}}=…` cannot set it; declare `ARG {{name}}` at the top of the file.",
      typo: "`{{reference}}` in FROM is not declared by an ARG before the first FROM, so it is empty; did you mean `${{suggestion}}`?",
      stageArg:
        "`{{reference}}` in FROM refers to the ARG on line {{line}}, but that ARG belongs to an earlier stage and FROM only sees ARGs declared before the first FROM; move it to the top of the file.",
    },
    references: { buildkit: ["UndefinedArgInFrom"] },
  },
  check({ model, source, report }) {
    const globals = globalArgs(model);
    const candidates = [...globals.declared.keys(), ...PREDEFINED_GLOBAL_ARGS.keys()];
    const firstFrom = model.stages[0]?.from;
    const stageArgLines = new StageArgLines(model);
    for (const stage of model.stages) {
      if (stage.index > 0) stageArgLines.add(model.stages[stage.index - 1] as Stage);
      for (const reference of fromReferences(model, stage)) {
        const name = reference.name;
        if (globals.declared.has(name) || PREDEFINED_GLOBAL_ARGS.has(name)) continue;
        const written = source.slice(reference.range);
        const line = stageArgLines.get(name);
        const suggestion = suggestName(name, candidates);
        let descriptor: ReportDescriptor;
        if (line !== undefined) {
          descriptor = { messageId: "stageArg", data: { reference: written, name, line }, range: reference.range };
        } else if (suggestion !== undefined) {
          descriptor = {
            messageId: "typo",
            data: { reference: written, name, suggestion },
            range: reference.range,
            suggestions: [{ desc: `Replace ${name} with ${suggestion}`, fix: { range: reference.nameRange, text: suggestion } }],
          };
        } else {
          descriptor = { messageId: "undeclared", data: { reference: written, name }, range: reference.range };
          if (firstFrom) {
            const lineStart = source.lineStarts[firstFrom.line - 1] ?? firstFrom.range[0];
            descriptor.suggestions = [
              { desc: `Declare \`ARG ${name}\` before the first FROM`, fix: { range: [lineStart, lineStart], text: `ARG ${name}${source.eol}` } },
            ];
          }
        }
        report(descriptor);
      }
    }
  },
});
