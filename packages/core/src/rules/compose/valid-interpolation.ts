import type { Scalar } from "yaml";
import { parseInterpolation } from "../../compose/interpolation.js";
import { documentNodes } from "../../compose/yaml-walk.js";
import type { ComposeModel } from "../../compose/model.js";
import { defineRule } from "../../rule.js";
import type { OffsetRange } from "../../source.js";
import { clipped } from "../../util/trim-end.js";

/** Offsets in a block literal's value → file offsets: each non-empty line is found in order in the source. */
function blockLiteralLines(value: string, text: string, range: readonly [number, number]): { valueStart: number; fileStart: number; length: number }[] | undefined {
  const lines: { valueStart: number; fileStart: number; length: number }[] = [];
  // Content starts on the line after the `|` header.
  let cursor = text.indexOf("\n", range[0]);
  if (cursor < 0) return undefined;
  let valueStart = 0;
  for (const line of value.split("\n")) {
    if (line !== "") {
      const at = text.indexOf(line, cursor);
      if (at < 0 || at + line.length > range[1]) return undefined;
      lines.push({ valueStart, fileStart: at, length: line.length });
      cursor = at + line.length;
    }
    valueStart += line.length + 1;
  }
  return lines;
}

/**
 * Where `[start, end)` of a scalar's value is in the file: exact for plain and quoted scalars
 * written without escapes or line folding and for block literals, else the whole scalar.
 */
function fileRange(node: Scalar, value: string, text: string, start: number, end: number): OffsetRange {
  const range = node.range;
  if (!range) return [0, 0];
  // A block scalar's range runs to the next line; the finding stops at its last character.
  let wholeEnd = range[1];
  while (wholeEnd > range[0] && (text[wholeEnd - 1] === "\n" || text[wholeEnd - 1] === "\r")) wholeEnd--;
  const whole: OffsetRange = [range[0], wholeEnd];
  switch (node.type) {
    case "PLAIN":
      return text.slice(range[0], range[1]) === value ? [range[0] + start, range[0] + end] : whole;
    case "QUOTE_SINGLE":
    case "QUOTE_DOUBLE":
      return text.slice(range[0] + 1, range[1] - 1) === value ? [range[0] + 1 + start, range[0] + 1 + end] : whole;
    case "BLOCK_LITERAL": {
      const lines = blockLiteralLines(value, text, [range[0], range[1]]);
      const line = lines?.find((l) => start >= l.valueStart && start < l.valueStart + l.length);
      if (!line) return whole;
      const from = line.fileStart + (start - line.valueStart);
      // A problem running past its line (an unclosed `${`) is shown to the end of that line.
      const to = line.fileStart + Math.min(end - line.valueStart, line.length);
      return [from, to];
    }
    default:
      return whole;
  }
}

const NAMED_MAPPING = /^\$\{[_A-Z]\w*\[[^\]]*\]/i;

function excerpt(value: string, start: number, end: number): string {
  const text = value.slice(start, end).split("\n")[0] ?? "";
  return clipped(text, 40);
}

export default defineRule<ComposeModel>({
  meta: {
    id: "valid-interpolation",
    kind: "compose",
    category: "correctness",
    severity: "error",
    docs: "Require `${…}` interpolation in Compose values to be well formed, and `$` to be escaped as `$$` where literal.",
    presets: ["recommended"],
    messages: {
      invalid:
        "`{{expression}}` is not a valid interpolation: {{reason}} `docker compose` refuses the file (\"invalid interpolation format\"); fix the expression, or write `$$` where a literal `$` is meant.",
    },
    references: {},
  },
  check({ model, source, report }) {
    const text = source.text;
    // Compose interpolates every value of the file it reads (the first document), never keys.
    for (const node of documentNodes(model.document).valueScalars) {
      if (typeof node.value !== "string") continue;
      const value = node.value;
      if (!value.includes("$")) continue;
      for (const problem of parseInterpolation(value).problems) {
        // `${name[key]}` is a named mapping to recent Compose versions, which keep it as written.
        if (NAMED_MAPPING.test(value.slice(problem.start, problem.end))) continue;
        report({
          messageId: "invalid",
          data: { expression: excerpt(value, problem.start, problem.end), reason: problem.message },
          range: fileRange(node, value, text, problem.start, problem.end),
        });
      }
    }
  },
});
