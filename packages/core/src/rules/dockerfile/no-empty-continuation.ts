import type { DockerfileModel, Instruction } from "../../dockerfile/model.js";
import { defineRule, type ReportDescriptor } from "../../rule.js";
import type { SourceText } from "../../source.js";
import { continuationAt, hasBlankLine, inlineCode, instructionStart, physicalLines, type PhysicalLine } from "./_continuation-lines.js";

function lineList(gap: readonly PhysicalLine[]): string {
  const first = gap[0]?.line ?? 0;
  const last = gap.at(-1)?.line ?? first;
  return first === last ? `Line ${first} is` : `Lines ${first}–${last} are`;
}

function shown(text: string): string {
  const trimmed = text.trim();
  return trimmed.length > 40 ? `${trimmed.slice(0, 39)}…` : trimmed;
}

function describeGap(
  instruction: Instruction,
  lines: readonly PhysicalLine[],
  gapStart: number,
  gapEnd: number,
  source: SourceText,
  escapeChar: string,
): ReportDescriptor {
  const gap = lines.slice(gapStart, gapEnd);
  const next = lines[gapEnd];
  const keyword = instruction.keywordText.toUpperCase();
  const firstBlank = gap[0];
  const range: [number, number] = next
    ? [next.start + (next.text.length - next.text.trimStart().length), next.end]
    : [firstBlank?.start ?? instruction.range[1], firstBlank?.start ?? instruction.range[1]];
  // The line whose escape character carries the instruction over the gap.
  let carrier: PhysicalLine | undefined;
  for (let k = gapStart - 1; k >= 0; k--) {
    const candidate = lines[k];
    if (candidate && (candidate.kind === "content" || candidate.kind === "first")) {
      carrier = candidate;
      break;
    }
  }
  const nextContent = lines.slice(gapEnd).find((l) => l.kind === "content");
  const swallowed = nextContent ? instructionStart(nextContent.text, instruction.keywordText === instruction.keywordText.toLowerCase()) : undefined;
  const escape = carrier ? continuationAt(carrier.text, carrier.start, escapeChar) : -1;
  if (swallowed !== undefined && nextContent && carrier && escape >= 0) {
    let from = escape;
    while (from > carrier.start && (source.text[from - 1] === " " || source.text[from - 1] === "\t")) from--;
    return {
      messageId: "intoInstruction",
      data: {
        lines: lineList(gap),
        keyword,
        escape: inlineCode(escapeChar),
        carrierLine: carrier.line,
        next: shown(nextContent.text),
        nextLine: nextContent.line,
      },
      range,
      suggestions: [
        {
          desc: `Remove the ${inlineCode(escapeChar)} at the end of line ${carrier.line}, so that the ${keyword} ends there`,
          fix: { range: [from, escape + 1], text: "" },
        },
      ],
    };
  }
  const descriptor: ReportDescriptor = {
    messageId: "emptyLine",
    data: { lines: lineList(gap), keyword, from: instruction.line },
    range,
  };
  // BuildKit skips these lines, so removing them changes nothing but the warning.
  if (next && firstBlank) descriptor.fix = { range: [firstBlank.start, next.start], text: "" };
  return descriptor;
}

/** Whether the last non-blank line before the gap really ends with a continuation escape. */
function endsContinued(lines: readonly PhysicalLine[], gapStart: number, escapeChar: string): boolean {
  for (let k = gapStart - 1; k >= 0; k--) {
    const line = lines[k];
    if (line && (line.kind === "content" || line.kind === "first")) return continuationAt(line.text, line.start, escapeChar) >= 0;
  }
  return true;
}

export default defineRule<DockerfileModel>({
  meta: {
    id: "no-empty-continuation",
    kind: "dockerfile",
    category: "correctness",
    severity: "warning",
    docs: "Disallow empty lines inside an instruction continued with the escape character.",
    presets: ["recommended"],
    fixable: true,
    hasSuggestions: true,
    messages: {
      emptyLine:
        "{{lines}} empty inside the {{keyword}} continued from line {{from}}; BuildKit skips empty continuation lines today but will reject them in a future release: remove them.",
      intoInstruction:
        "{{lines}} empty, which looks like the end of this {{keyword}}, but the {{escape}} at the end of line {{carrierLine}} continues it, so `{{next}}` (line {{nextLine}}) becomes part of the {{keyword}} instead of an instruction of its own; remove that {{escape}}.",
    },
    references: { buildkit: ["NoEmptyContinuation"] },
  },
  check({ model, source, report }) {
    for (const instruction of model.instructions) {
      // A one-line instruction has no blank continuation lines, and most continued ones have none either.
      if (!hasBlankLine(instruction, source)) continue;
      const lines = physicalLines(instruction, source);
      let gapStart = -1;
      for (let k = 0; k <= lines.length; k++) {
        const line = lines[k];
        if (line?.kind === "blank") {
          if (gapStart < 0) gapStart = k;
          continue;
        }
        if (gapStart >= 0) {
          // Workaround for a parser bug: a line ending in a doubled escape (`C:\\Windows\\`) is
          // not a continuation in BuildKit (its continuation regex requires a non-escape before
          // the escape), but the parser continues the instruction over it. The build ends the
          // instruction on that line, so the blank lines after it are outside it: stop here.
          if (!endsContinued(lines, gapStart, model.escapeChar)) break;
          report(describeGap(instruction, lines, gapStart, k, source, model.escapeChar));
          gapStart = -1;
        }
      }
    }
  },
});
