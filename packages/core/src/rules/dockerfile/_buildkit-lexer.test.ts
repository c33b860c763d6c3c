import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fileRange, lexWord, logicalRegion, unquoteWord } from "./_buildkit-lexer.js";

/**
 * The mapping as the build reads it, one character at a time: the reference `logicalRegion`'s
 * runs of slices must agree with. A continuation is the escape character, blanks and a line
 * break; the blank and comment lines after it are dropped.
 */
function oracle(fileText: string, start: number, end: number, escapeChar: string): { text: string; offsets: number[] } {
  const offsets: number[] = [];
  let text = "";
  let i = start;
  while (i < end) {
    const c = fileText[i] ?? "";
    if (c === escapeChar) {
      let j = i + 1;
      while (j < end && (fileText[j] === " " || fileText[j] === "\t")) j++;
      if (fileText[j] === "\r" && fileText[j + 1] === "\n") j++;
      if (j >= end || fileText[j] === "\n" || fileText[j] === "\r") {
        i = j + 1;
        // Blank and comment lines after a continuation are not part of the instruction.
        for (;;) {
          let k = i;
          while (k < end && (fileText[k] === " " || fileText[k] === "\t")) k++;
          if (k >= end || (fileText[k] !== "#" && fileText[k] !== "\n" && fileText[k] !== "\r")) break;
          const newline = fileText.indexOf("\n", k);
          if (newline < 0 || newline >= end) {
            i = end;
            break;
          }
          i = newline + 1;
        }
        i = Math.min(i, end);
        continue;
      }
    }
    text += c;
    offsets.push(i);
    i++;
  }
  offsets.push(end);
  return { text, offsets };
}

describe("logicalRegion", () => {
  it.each([
    ["plain text is the file's, with no runs", "RUN echo hi", 4, 11, "echo hi", undefined],
    ["a continuation joins the lines", "RUN a \\\n  b", 4, 11, "a   b", [0, 4, 2, 8, 5, 11]],
    ["blanks after the escape still continue", "RUN a \\  \n b", 4, 12, "a  b", [0, 4, 2, 10, 4, 12]],
    ["CRLF continuations", "RUN a \\\r\nb", 4, 10, "a b", [0, 4, 2, 9, 3, 10]],
    ["comment and blank lines after a continuation are dropped", "RUN a \\\n# note\n\nb", 4, 17, "a b", [0, 4, 2, 16, 3, 17]],
    ["an escape that does not end its line is kept", "RUN a\\$b", 4, 8, "a\\$b", [0, 4, 4, 8]],
    ["a continuation at the end of the region", "RUN a \\\n", 4, 8, "a ", [0, 4, 2, 8]],
    ["the backtick escape", "RUN a `\nb", 4, 9, "a b", [0, 4, 2, 8, 3, 9]],
  ])("%s", (_name, fileText, start, end, text, runs) => {
    const escapeChar = fileText.includes("`") ? "`" : "\\";
    const logical = logicalRegion(fileText, start, end, escapeChar);
    expect(logical.text).toBe(text);
    expect(logical.runs).toEqual(runs);
  });

  it("maps every range of the logical text to the file as the character-by-character reading does", () => {
    const piece = fc.constantFrom("a", "b", " ", "\t", "\\", "\n", "\r\n", "#", "$X", "\\\n", "\\ \n", "\\\r\n", "\\\n# c\n", "\\\n\n  ");
    const file = fc.array(piece, { maxLength: 24 }).map((parts) => `RUN ${parts.join("")}`);
    fc.assert(
      fc.property(file, fc.nat(), fc.nat(), (fileText, a, b) => {
        const start = 4 + (a % (fileText.length - 3));
        const end = start + (b % (fileText.length - start + 1));
        const logical = logicalRegion(fileText, start, end, "\\");
        const expected = oracle(fileText, start, end, "\\");
        expect(logical.text).toBe(expected.text);
        for (let from = 0; from <= logical.text.length; from++) {
          for (let to = from; to <= logical.text.length; to++) {
            const startOffset = expected.offsets[from] ?? end;
            const endOffset = to > from ? (expected.offsets[to - 1] ?? startOffset) + 1 : startOffset;
            expect(fileRange(logical, from, to)).toEqual([startOffset, endOffset]);
          }
        }
      }),
      { numRuns: 1500, seed: 7 },
    );
  });

  it("maps the end of the text, and past it, to the region's end", () => {
    const logical = logicalRegion("RUN a \\\nb", 4, 9, "\\");
    expect(fileRange(logical, 3, 3)).toEqual([9, 9]);
    expect(fileRange(logical, 5, 5)).toEqual([9, 9]);
  });
});

describe("lexWord bounds", () => {
  const lex = (text: string, values: Record<string, string> = {}) =>
    lexWord(logicalRegion(text, 0, text.length, "\\"), 0, text.length, { escapeChar: "\\", lookup: (name) => values[name] });

  it("lexes 64 levels of nested words and reads deeper ones as written, without their references", () => {
    const nested = (depth: number): string => `${"${A:-".repeat(depth)}x${"}".repeat(depth)}`;
    const shallow = lex(nested(64));
    expect(shallow.value).toBe("x");
    expect(shallow.refs).toHaveLength(64);
    const deep = lex(`${nested(10_000)} $B`);
    expect(deep.error).toBeUndefined();
    expect(deep.refs.map((ref) => ref.name)).toEqual([...Array.from({ length: 65 }, () => "A"), "B"]);
    expect(deep.value).toBe(`${"${A:-".repeat(9_935)}x${"}".repeat(9_935)} `);
  });

  it("leaves out a value that would grow the word past a MiB, and says so", () => {
    const values = { BIG: "x".repeat(600_000) };
    expect(lex("$BIG", values)).toMatchObject({ error: undefined });
    const doubled = lex("$BIG${BIG}", values);
    expect(doubled.value).toHaveLength(600_000);
    expect(doubled.error).toMatch(/the value of BIG makes the word longer than 1048576 characters/);
  });
});

describe("unquoteWord", () => {
  it.each([
    ["plain", "a/b", "\\", "a/b"],
    ["double quotes", '"a b"', "\\", "a b"],
    ["single quotes keep escapes", "'a\\'", "\\", "a\\"],
    ["quotes inside the other quotes", `"it's"'"x"'`, "\\", `it's"x"`],
    ["an escaped quote outside quotes", 'a\\"b', "\\", 'a"b'],
    ["an escaped quote, escape and dollar in double quotes", '"a\\"b\\\\c\\$d"', "\\", 'a"b\\c\\$d'],
    ["an escaped escape", "C:\\dir\\\\", "\\", "C:\\dir\\"],
    ["an escape before another character is kept (a Windows path)", "c:\\app", "\\", "c:\\app"],
    ["in double quotes too", '"c:\\app"', "\\", "c:\\app"],
    ["an escape before the quote that ends the word is a character (a Windows root)", '"C:\\"', "\\", "C:\\"],
    ["elsewhere an escaped quote stays a quote", '"a\\"b"', "\\", 'a"b'],
    ["an escaped blank", "a\\ b", "\\", "a b"],
    ["with escape=`, a backslash is a character", "c:\\app`\"", "`", 'c:\\app"'],
  ])("%s", (_name, word, escapeChar, expected) => {
    expect(unquoteWord(word, escapeChar)).toBe(expected);
  });
});
