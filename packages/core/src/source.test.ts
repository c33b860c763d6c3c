import { describe, expect, it } from "vitest";
import { SourceText } from "./source.js";

describe("SourceText", () => {
  it("maps offsets to 1-based positions across LF, CRLF and CR line breaks", () => {
    const source = new SourceText("ab\ncd\r\nef\rgh");
    expect(source.lineCount).toBe(4);
    expect(source.positionAt(0)).toEqual({ line: 1, column: 1 });
    expect(source.positionAt(3)).toEqual({ line: 2, column: 1 });
    expect(source.positionAt(7)).toEqual({ line: 3, column: 1 });
    expect(source.positionAt(10)).toEqual({ line: 4, column: 1 });
    expect(source.positionAt(999)).toEqual({ line: 4, column: 3 });
    expect(source.lineText(2)).toBe("cd");
    expect(source.offsetAt(3, 2)).toBe(8);
    expect(source.eol).toBe("\n");
  });
  it("puts an offset between a CR and its LF at the end of the line, not a column past it", () => {
    const source = new SourceText("false\\\r\nx");
    expect(source.positionAt(6)).toEqual({ line: 1, column: 7 });
    expect(source.positionAt(7)).toEqual({ line: 1, column: 7 });
    expect(source.positionAt(8)).toEqual({ line: 2, column: 1 });
    expect(new SourceText("a\r\n").positionAt(2)).toEqual({ line: 1, column: 2 });
  });
  it("detects a BOM and CRLF files", () => {
    const source = new SourceText("\uFEFFFROM x\r\nUSER 1\r\n");
    expect(source.hasBom).toBe(true);
    expect(source.eol).toBe("\r\n");
    expect(source.lineText(1)).toBe("\uFEFFFROM x");
  });
  it("starts lines at every break, by the same rule with and without carriage returns", () => {
    // The LF-only path (indexOf) and the character loop must agree: compare both with one reference.
    const reference = (text: string): number[] => {
      const starts = [0];
      for (let i = 0; i < text.length; i++) {
        if (text[i] === "\n" || (text[i] === "\r" && text[i + 1] !== "\n")) starts.push(i + 1);
      }
      return starts;
    };
    for (const text of ["", "\n", "\n\n", "a", "a\n", "\na", "FROM a\nRUN b \\\n  c\n\n", "x\r", "\r\n", "a\r\nb\rc\n", "\r\r\n\n"]) {
      expect(new SourceText(text).lineStarts, JSON.stringify(text)).toEqual(reference(text));
    }
  });
  it("round-trips offsets", () => {
    const text = "FROM a\n\nRUN b \\\n  c\n";
    const source = new SourceText(text);
    for (let offset = 0; offset <= text.length; offset++) {
      const { line, column } = source.positionAt(offset);
      expect(source.offsetAt(line, column)).toBe(offset);
    }
  });

  it("gives the line positionAt gives, for offsets asked in order and out of order", () => {
    for (const text of ["", "a", "FROM a\n\nRUN b \\\n  c\n", "a\r\nb\rc\n\n", "\r\r\n\n"]) {
      const source = new SourceText(text);
      const offsets = Array.from({ length: text.length + 1 }, (_, offset) => offset);
      const lineAt = source.lineCursor();
      // In order, each offset twice (an ONBUILD and its trigger can share one), then backwards.
      for (const offset of [...offsets.flatMap((o) => [o, o]), ...offsets.reverse()]) {
        expect(lineAt(offset), `${JSON.stringify(text)} at ${offset}`).toBe(source.positionAt(offset).line);
      }
    }
  });
});
