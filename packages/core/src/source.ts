/**
 * The text of one file with fast offset ↔ position conversion.
 * Lines and columns are 1-based, like ESLint; columns count UTF-16 code units.
 */
export interface Position {
  line: number;
  column: number;
}

/** Half-open range of absolute offsets into the file text: [start, end). */
export type OffsetRange = readonly [start: number, end: number];

export class SourceText {
  readonly text: string;
  /** Offset of the first character of each line. */
  readonly lineStarts: readonly number[];
  readonly hasBom: boolean;

  constructor(text: string) {
    this.text = text;
    this.hasBom = text.charCodeAt(0) === 0xfeff;
    const starts = [0];
    if (!text.includes("\r")) {
      // Most files have LF line breaks only: indexOf finds them several times faster than a
      // loop over every character (corpus: 15 → 3 µs per Dockerfile, issue 7).
      for (let at = text.indexOf("\n"); at !== -1; at = text.indexOf("\n", at + 1)) starts.push(at + 1);
    } else {
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 10) starts.push(i + 1);
        else if (c === 13 && text.charCodeAt(i + 1) !== 10) starts.push(i + 1);
      }
    }
    this.lineStarts = starts;
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  /** Binary search: a Dockerfile with thousands of lines must not make position lookups linear. */
  positionAt(offset: number): Position {
    let clamped = Math.max(0, Math.min(offset, this.text.length));
    // Between a CR and its LF is no column of the line (editors count CRLF as one break): it is the
    // line's end. A parser may point there (momoa does, after an unexpected CR).
    if (clamped > 0 && this.text.charCodeAt(clamped) === 10 && this.text.charCodeAt(clamped - 1) === 13) clamped--;
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((this.lineStarts[mid] ?? 0) <= clamped) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: clamped - (this.lineStarts[low] ?? 0) + 1 };
  }

  /**
   * The 1-based line of each offset asked for, when they come in increasing order (a parser's):
   * the cursor moves forward from the last answer, so a whole file's lookups cost one pass over
   * its lines rather than a binary search (and a Position object) each. An offset before the
   * last one asked for is answered by `positionAt`.
   */
  lineCursor(): (offset: number) => number {
    const starts = this.lineStarts;
    let index = 0;
    return (offset) => {
      if (offset < (starts[index] ?? 0)) return this.positionAt(offset).line;
      while (index + 1 < starts.length && (starts[index + 1] ?? 0) <= offset) index++;
      return index + 1;
    };
  }

  /** Offset of a 1-based line and column; out-of-range values are clamped to the file. */
  offsetAt(line: number, column: number): number {
    if (line < 1) return 0;
    if (line > this.lineStarts.length) return this.text.length;
    const lineStart = this.lineStarts[line - 1] ?? 0;
    const lineEnd = this.lineEnd(line);
    return Math.min(lineStart + Math.max(0, column - 1), lineEnd);
  }

  /** Offset just past the last character of a 1-based line, before its line break. */
  lineEnd(line: number): number {
    const next = this.lineStarts[line];
    if (next === undefined) return this.text.length;
    let end = next;
    if (end > 0 && this.text.charCodeAt(end - 1) === 10) end--;
    if (end > 0 && this.text.charCodeAt(end - 1) === 13) end--;
    return Math.max(end, this.lineStarts[line - 1] ?? 0);
  }

  lineText(line: number): string {
    return this.text.slice(this.lineStarts[line - 1] ?? 0, this.lineEnd(line));
  }

  slice(range: OffsetRange): string {
    return this.text.slice(range[0], range[1]);
  }

  /** The line break the file mostly uses, so that fixes inserting lines keep the file's style. */
  get eol(): string {
    const firstBreak = this.text.indexOf("\n");
    return firstBreak > 0 && this.text.charCodeAt(firstBreak - 1) === 13 ? "\r\n" : "\n";
  }
}
