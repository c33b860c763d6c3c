/**
 * The sources and destination of a COPY or ADD, as the build reads them: exec form
 * (`COPY ["a b", "/dest/"]`, a JSON array), or whitespace-separated words with quotes
 * removed per word, where `<<EOF` words are heredoc sources whose bodies follow the line.
 *
 * The model keeps COPY/ADD arguments as dockerfile-ast splits them (it has no exec form for
 * COPY/ADD and lists heredoc body words as arguments); this helper turns them into paths.
 */
import { InstructionCache } from "../../dockerfile/instruction-cache.js";
import type { Heredoc, Instruction } from "../../dockerfile/model.js";
import { logicalText } from "../../dockerfile/parse.js";
import type { OffsetRange, SourceText } from "../../source.js";
import { trimEndWhere } from "../../util/trim-end.js";

export interface CopyPath {
  /** The word as written (quotes kept; in exec form, the JSON string token with its quotes). */
  written: string;
  /**
   * Quotes removed (exec form: the JSON string's value); build arguments not expanded.
   * Backslashes are kept: `c:\app` stays a Windows path (the parser would read `c:app`).
   */
  value: string;
  /** Where the word is written. */
  range: OffsetRange;
  /** For `<<EOF` sources: the heredoc whose body is the file's content. */
  heredoc: Heredoc | undefined;
}

export interface CopyArgs {
  form: "exec" | "shell";
  sources: CopyPath[];
  /** The last argument; undefined when the instruction has fewer than two. */
  dest: CopyPath | undefined;
}

/** JSON string tokens (`"…"`) between two offsets, with their ranges. */
function jsonTokens(text: string, start: number, end: number): OffsetRange[] {
  const tokens: OffsetRange[] = [];
  let i = start;
  while (i < end) {
    if (text[i] !== '"') {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < end && text[j] !== '"') j += text[j] === "\\" ? 2 : 1;
    tokens.push([i, Math.min(j + 1, end)]);
    i = j + 1;
  }
  return tokens;
}

function execForm(instruction: Instruction, source: SourceText, escapeChar: string): CopyPath[] | undefined {
  const first = instruction.args[0];
  const last = instruction.args.at(-1);
  if (!first || !last || !first.value.startsWith("[")) return undefined;
  const logical = logicalText(source.text, first.range[0], last.range[1], escapeChar).trim();
  let parsed: unknown;
  try {
    parsed = JSON.parse(logical);
  } catch {
    // Not JSON: the build falls back to whitespace-separated words.
    return undefined;
  }
  if (!Array.isArray(parsed) || !parsed.every((v): v is string => typeof v === "string")) return undefined;
  const tokens = jsonTokens(source.text, first.range[0], last.range[1]);
  // A quote inside a comment line of a continued instruction would shift the tokens: fall back to the whole array.
  const exact = tokens.length === parsed.length;
  return parsed.map((value, index) => {
    const range: OffsetRange = exact ? (tokens[index] ?? [first.range[0], last.range[1]]) : [first.range[0], last.range[1]];
    return { written: source.slice(range), value, range, heredoc: undefined };
  });
}

/** Computed once per instruction (three rules read every COPY and ADD); callers only read the result. */
export function copyArgs(instruction: Instruction, source: SourceText, escapeChar: string): CopyArgs {
  return copyArgsCache.lookup(instruction, (i) => readCopyArgs(i, source, escapeChar));
}

const copyArgsCache = new InstructionCache<CopyArgs>();

function readCopyArgs(instruction: Instruction, source: SourceText, escapeChar: string): CopyArgs {
  const exec = execForm(instruction, source, escapeChar);
  if (exec) return { form: "exec", sources: exec.slice(0, -1), dest: exec.length >= 2 ? exec.at(-1) : undefined };

  // Heredoc bodies start on the line after the first `<<EOF`; their words are not arguments.
  const firstHeredoc = instruction.heredocs.reduce<number | undefined>((min, h) => (min === undefined || h.range[0] < min ? h.range[0] : min), undefined);
  const bodyStart = firstHeredoc === undefined ? Infinity : source.text.indexOf("\n", firstHeredoc);
  const words: CopyPath[] = [];
  // By the offset of its `<<NAME` word: a search of the list for each word made `COPY <<A0 <<A1 …` quadratic.
  const heredocAt = instruction.heredocs.length === 0 ? undefined : new Map(instruction.heredocs.map((h) => [h.range[0], h]));
  for (const [index, arg] of instruction.args.entries()) {
    if (bodyStart >= 0 && arg.range[0] > bodyStart) break;
    const previous = instruction.args[index - 1];
    if (previous && endsWithEscapedEscape(source, previous.range[1], arg.range[0], escapeChar)) break;
    const heredoc = heredocAt?.get(arg.range[0]);
    const written = source.slice(arg.range);
    words.push({ written, value: heredoc ? written : stripQuotes(written), range: arg.range, heredoc });
  }
  return { form: "shell", sources: words.slice(0, -1), dest: words.length >= 2 ? words.at(-1) : undefined };
}

/**
 * Works around a parser difference: BuildKit does not take a line ending in an escaped escape
 * character (`COPY a C:\\dir\\` on Windows) as continued, but dockerfile-ast joins the next
 * lines into the instruction. True when the line of the word that ends at `end` is such a line
 * and the next word is on a later line.
 */
function endsWithEscapedEscape(source: SourceText, end: number, next: number, escapeChar: string): boolean {
  // Only the gap between the two words is searched: `indexOf` from `end` ran on to the end of the
  // line for every word of a one-line COPY (256,000 sources took 2.6 s here).
  const text = source.text;
  let newline = end;
  while (newline < next && text.charCodeAt(newline) !== 10) newline++;
  if (newline >= next) return false;
  const lineStart = text.lastIndexOf("\n", end - 1) + 1;
  const line = trimEndWhere(text.slice(lineStart, newline), (char) => char === " " || char === "\t" || char === "\r");
  return line.endsWith(escapeChar + escapeChar);
}

/** Removes the quote characters of a word (`"a b"'c'` → `a bc`), keeping backslashes but for an escaped quote. */
export function stripQuotes(word: string): string {
  // Backslashes only matter before a quote: a word without quotes stays as it is.
  if (!word.includes('"') && !word.includes("'")) return word;
  let out = "";
  for (let i = 0; i < word.length; i++) {
    const c = word[i];
    const next = word[i + 1];
    if (c === "\\" && (next === '"' || next === "'")) {
      out += next;
      i++;
    } else if (c !== '"' && c !== "'") out += c;
  }
  return out;
}

/** Is the path absolute: `/x`, a Windows drive path (`C:\x`, `c:/x`) or a Windows root-relative path (`\x`)? */
export function isAbsolutePath(path: string): boolean {
  return path.startsWith("/") || path.startsWith("\\") || /^[A-Z]:(?:[\\/]|$)/i.test(path);
}
