/**
 * A text assembled from pieces of a file (and a few synthetic pieces), with the map back to
 * file offsets. The `shellcheck` rule hands ShellCheck the script as the shell sees it —
 * Dockerfile line continuations removed, heredoc tabs stripped, JSON escapes decoded — and
 * maps every position ShellCheck reports back to the exact place in the Dockerfile.
 */

interface Segment {
  /** Index in the assembled text where the segment starts. */
  start: number;
  /** Length in the assembled text. */
  length: number;
  /** File offset of the segment's first character. */
  target: number;
  /** Length in the file: equal to `length` for copied text, 0 for synthetic text, the escape's length for a decoded escape. */
  targetLength: number;
}

export class MappedText {
  private value = "";
  private readonly segments: Segment[] = [];

  get text(): string {
    return this.value;
  }

  get length(): number {
    return this.value.length;
  }

  private push(text: string, target: number, targetLength: number): void {
    if (text === "") return;
    const last = this.segments.at(-1);
    // Adjacent verbatim copies merge, so a plain RUN stays one segment.
    if (last && last.length === last.targetLength && text.length === targetLength && last.target + last.length === target && last.start + last.length === this.value.length) {
      last.length += text.length;
      last.targetLength += targetLength;
    } else {
      this.segments.push({ start: this.value.length, length: text.length, target, targetLength });
    }
    this.value += text;
  }

  /** Copies `file[from, to)` verbatim. */
  copy(file: string, from: number, to: number): void {
    if (to > from) this.push(file.slice(from, to), from, to - from);
  }

  /** Copies `file[from, to)` without the CR of each CRLF, as the build reads lines. */
  copyLines(file: string, from: number, to: number): void {
    let start = from;
    for (let cr = file.indexOf("\r\n", from); cr !== -1 && cr < to - 1; cr = file.indexOf("\r\n", cr + 2)) {
      this.copy(file, start, cr);
      start = cr + 1;
    }
    this.copy(file, start, to);
  }

  /** Text that is not in the file (a shebang, `export` lines): its offsets map to `anchor`. */
  insert(text: string, anchor: number): void {
    this.push(text, anchor, 0);
  }

  /** One character that stands for `file[from, from + length)` (a decoded JSON escape). */
  decoded(char: string, from: number, length: number): void {
    this.push(char, from, length);
  }

  private segmentAt(offset: number): Segment | undefined {
    const segments = this.segments;
    let low = 0;
    let high = segments.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((segments[mid]?.start ?? 0) <= offset) low = mid;
      else high = mid - 1;
    }
    return segments[low];
  }

  /** Whether `offset` lies in synthetic text (a header the file does not contain). */
  isSynthetic(offset: number): boolean {
    const segment = this.segmentAt(offset);
    return segment !== undefined && segment.targetLength === 0 && offset < segment.start + segment.length;
  }

  /** File offset of the character at `offset` (an offset at the very end maps past the last character). */
  toFileOffset(offset: number): number {
    const segment = this.segmentAt(Math.max(0, Math.min(offset, this.value.length)));
    if (!segment) return 0;
    const within = offset - segment.start;
    if (segment.length === segment.targetLength) return segment.target + Math.max(0, within);
    return within >= segment.length ? segment.target + segment.targetLength : segment.target;
  }

  /** File offset just past the character before `end`: the end of a range, which never swallows text removed after it. */
  toFileEnd(end: number): number {
    if (end <= 0) return this.toFileOffset(0);
    const segment = this.segmentAt(Math.min(end, this.value.length) - 1);
    if (!segment) return 0;
    if (segment.length === segment.targetLength) return segment.target + (Math.min(end, this.value.length) - segment.start);
    return segment.target + segment.targetLength;
  }

  /**
   * The file range of `[start, end)` when the text there is a verbatim copy of the file (no
   * continuation, stripped tab, escape or synthetic text inside or at its edges), so that an edit
   * of the assembled text is the same edit of the file; otherwise undefined.
   */
  verbatimRange(start: number, end: number): [number, number] | undefined {
    if (start < 0 || end < start || end > this.value.length) return undefined;
    const segment = this.segmentAt(start);
    if (!segment || segment.length !== segment.targetLength) return undefined;
    if (start < segment.start || end > segment.start + segment.length) return undefined;
    return [segment.target + (start - segment.start), segment.target + (end - segment.start)];
  }
}

function isLineBlank(c: string | undefined): boolean {
  return c === " " || c === "\t" || c === "\r" || c === "\v" || c === "\f";
}

/**
 * The ranges of `file[start, end)` that remain after the build's line-continuation rules: the
 * escape character, blanks and the newline are removed, and the empty and comment lines that
 * follow a continuation are dropped. The same rules as the shell parser's (`shell/parse.ts`,
 * `joinContinuations`), which does not export its segment table.
 */
export function continuedRanges(file: string, start: number, end: number, escapeChar: string): [number, number][] {
  const ranges: [number, number][] = [];
  let segment = start;
  let i = start;
  for (;;) {
    i = file.indexOf(escapeChar, i);
    if (i === -1 || i >= end) break;
    let j = i + 1;
    while (j < end && (file[j] === " " || file[j] === "\t")) j++;
    let next = -1;
    if (j >= end) next = end;
    else if (file[j] === "\n") next = j + 1;
    else if (file[j] === "\r" && (j + 1 >= end || file[j + 1] === "\n")) next = Math.min(j + 2, end);
    if (next === -1) {
      i++;
      continue;
    }
    if (i > segment) ranges.push([segment, i]);
    i = next;
    while (i < end) {
      let a = i;
      while (a < end && isLineBlank(file[a])) a++;
      if (a >= end) {
        i = end;
        break;
      }
      if (file[a] === "\n") {
        i = a + 1;
        continue;
      }
      if (file[a] === "#") {
        const newline = file.indexOf("\n", a);
        i = newline === -1 || newline >= end ? end : newline + 1;
        continue;
      }
      break;
    }
    segment = i;
  }
  if (end > segment) ranges.push([segment, end]);
  return ranges;
}

/** Appends `file[start, end)` with the build's continuation rules applied. */
export function copyContinued(out: MappedText, file: string, start: number, end: number, escapeChar: string): void {
  for (const [from, to] of continuedRanges(file, start, end, escapeChar)) out.copy(file, from, to);
}

/** Appends a heredoc body; with `<<-`, the leading tabs of each line are left out, as the build strips them. */
export function copyHeredocBody(out: MappedText, file: string, start: number, end: number, stripTabs: boolean): void {
  if (!stripTabs) {
    out.copyLines(file, start, end);
    return;
  }
  let line = start;
  while (line < end) {
    let content = line;
    while (content < end && file[content] === "\t") content++;
    const newline = file.indexOf("\n", content);
    const lineEnd = newline === -1 || newline >= end ? end : newline + 1;
    out.copyLines(file, content, lineEnd);
    line = lineEnd;
  }
}

const JSON_ESCAPES: Readonly<Record<string, string>> = { '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };

/**
 * Appends the value of the JSON string token `file[tokenStart, tokenEnd)` (quotes included),
 * with each escape mapped to its place in the file. Returns false when the token cannot be
 * decoded exactly (then nothing sensible was appended and the caller should drop the text).
 */
export function copyJsonString(out: MappedText, file: string, tokenStart: number, tokenEnd: number, escapeChar: string): boolean {
  if (file[tokenStart] !== '"' || file[tokenEnd - 1] !== '"' || tokenEnd - tokenStart < 2) return false;
  // A continuation inside the string is joined by the build before the JSON is read.
  const ranges = continuedRanges(file, tokenStart + 1, tokenEnd - 1, escapeChar);
  const chars: number[] = [];
  for (const [from, to] of ranges) for (let k = from; k < to; k++) chars.push(k);
  for (let k = 0; k < chars.length; k++) {
    const at = chars[k] ?? 0;
    const c = file[at] ?? "";
    if (c !== "\\") {
      if (c === '"' || c < " ") return false;
      out.copy(file, at, at + 1);
      continue;
    }
    const kind = file[chars[k + 1] ?? -1];
    if (kind === undefined) return false;
    if (kind === "u") {
      const digits = [2, 3, 4, 5].map((d) => file[chars[k + d] ?? -1] ?? "").join("");
      if (!/^[0-9a-f]{4}$/i.test(digits)) return false;
      const last = chars[k + 5] ?? at;
      out.decoded(String.fromCharCode(parseInt(digits, 16)), at, last + 1 - at);
      k += 5;
      continue;
    }
    const value = JSON_ESCAPES[kind];
    if (value === undefined) return false;
    const last = chars[k + 1] ?? at;
    out.decoded(value, at, last + 1 - at);
    k += 1;
  }
  return true;
}
