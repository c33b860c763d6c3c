import type { Language } from "../language.js";
import type { DockerfileModel } from "./model.js";
import { parseDockerfile } from "./parse.js";
import { runInstructions } from "./queries.js";
import { templateTags } from "./template.js";
import { partitionPoint } from "../util/partition-point.js";

export const dockerfileLanguage: Language<DockerfileModel> = {
  kind: "dockerfile",
  acceptsEveryText: true,
  parse(text) {
    return { ok: true, model: parseDockerfile(text) };
  },
  source: (model) => model.source,
  unjudged(model) {
    const ranges = templateTags(model);
    return ranges && { ranges, explainedBy: "no-unknown-instruction" };
  },
  comments(model) {
    const directives = model.directives.map((directive) => {
      const hash = model.source.text.indexOf("#", directive.range[0]);
      return {
        text: model.source.text.slice(hash + 1, directive.range[1]),
        line: model.source.positionAt(directive.range[0]).line,
        column: model.source.positionAt(hash).column,
        range: [hash, directive.range[1]] as const,
        directive: true,
      };
    });
    const comments = model.comments.map((comment) => ({
      text: comment.text,
      line: comment.line,
      column: model.source.positionAt(comment.range[0]).column,
      range: comment.range,
    }));
    return [...directives, ...comments];
  },
  sectionAfter(model, line) {
    const index = model.stages.findIndex((stage) => stage.from.line >= line);
    const stage = model.stages[index];
    if (!stage) return undefined;
    const next = model.stages[index + 1];
    return { startLine: stage.from.line, endLine: next ? next.from.line - 1 : model.source.lineCount };
  },
  analyse(model) {
    for (const run of runInstructions(model)) model.shellOf(run);
  },
  statementAfter(model, line) {
    const instructions = model.instructions;
    const instruction = instructions[partitionPoint(instructions.length, (i) => (instructions[i]?.line ?? 0) < line)];
    if (!instruction) return undefined;
    const endLine = model.source.positionAt(Math.max(instruction.range[0], instruction.range[1] - 1)).line;
    return { startLine: instruction.line, endLine };
  },
};
