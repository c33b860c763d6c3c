import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseDockerfile } from "../../dockerfile/parse.js";
import { hasBlankLine, physicalLines } from "./_continuation-lines.js";

/** Lines of continued instructions with blank, space-only, comment and heredoc lines, and every kind of line break. */
const dockerfileText = fc
  .array(
    fc.constantFrom("FROM alpine:3.20 \\", "RUN echo a \\", "RUN <<EOF", "EOF", "  && echo b", "", " ", "\t", "\u00a0", " \u2003 ", "# note", "  # note \\", "ENV A=1 \\", "x\\", "\\"),
    { maxLength: 14 },
  )
  .chain((lines) => fc.tuple(fc.constant(lines), fc.array(fc.constantFrom("\n", "\r\n", "\r"), { minLength: lines.length, maxLength: lines.length })))
  .map(([lines, breaks]) => lines.map((line, i) => line + (breaks[i] ?? "\n")).join(""));

describe("hasBlankLine", () => {
  it("says whether a line after an instruction's first is whitespace only, as its physical lines have it", () => {
    fc.assert(
      fc.property(dockerfileText, (text) => {
        const model = parseDockerfile(text);
        for (const instruction of model.instructions) {
          const blank = physicalLines(instruction, model.source)
            .slice(1)
            .some((line) => line.text.trim() === "");
          expect(hasBlankLine(instruction, model.source), JSON.stringify(text)).toBe(blank);
        }
      }),
      { seed: 20261801, numRuns: 3000 },
    );
  });
});
