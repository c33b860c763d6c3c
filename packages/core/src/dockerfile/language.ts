import type { Language } from "../language.js";
import type { DockerfileModel } from "./model.js";
import { parseDockerfile } from "./parse.js";

export const dockerfileLanguage: Language<DockerfileModel> = {
  kind: "dockerfile",
  parse(text) {
    return { ok: true, model: parseDockerfile(text) };
  },
  source: (model) => model.source,
  comments(model) {
    return model.comments.map((comment) => ({
      text: comment.text,
      line: comment.line,
      column: model.source.positionAt(comment.range[0]).column,
      range: comment.range,
    }));
  },
  statementAfter(model, line) {
    const instructions = model.instructions;
    let low = 0;
    let high = instructions.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((instructions[mid]?.line ?? 0) < line) low = mid + 1;
      else high = mid;
    }
    const instruction = instructions[low];
    if (!instruction) return undefined;
    const endLine = model.source.positionAt(Math.max(instruction.range[0], instruction.range[1] - 1)).line;
    return { startLine: instruction.line, endLine };
  },
};
