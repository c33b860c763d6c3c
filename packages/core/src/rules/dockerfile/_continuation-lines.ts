/**
 * The physical lines of a continued instruction as BuildKit's parser reads them
 * (frontend/dockerfile/parser/parser.go): after a line ending in the escape character, comment
 * lines are dropped, whitespace-only lines are skipped ("empty continuation lines"), and the next
 * other line continues the instruction — whatever it looks like. Heredoc bodies are not
 * continuation lines.
 */
import { InstructionCache } from "../../dockerfile/instruction-cache.js";
import type { Instruction } from "../../dockerfile/model.js";
import { skipContinuationComments } from "../../dockerfile/parse.js";
import type { SourceText } from "../../source.js";
import { trimEndWhere } from "../../util/trim-end.js";
import { INSTRUCTION_KEYWORDS } from "./_buildkit-flags.js";

export type LineKind = "first" | "content" | "comment" | "blank" | "heredoc";

export interface PhysicalLine {
  /** 1-based. */
  line: number;
  kind: LineKind;
  start: number;
  end: number;
  text: string;
}

/**
 * The lines from an instruction's keyword to its end, heredoc bodies and delimiters marked `heredoc`.
 * Computed once per instruction (no-continued-comment, no-empty-continuation and
 * no-instruction-in-run all ask); callers only read the lines.
 */
export function physicalLines(instruction: Instruction, source: SourceText): readonly PhysicalLine[] {
  return physicalLinesCache.lookup(instruction, (i) => readPhysicalLines(i, source));
}

const physicalLinesCache = new InstructionCache<readonly PhysicalLine[]>();

function readPhysicalLines(instruction: Instruction, source: SourceText): PhysicalLine[] {
  const first = source.positionAt(instruction.range[0]).line;
  const last = source.positionAt(Math.max(instruction.range[0], instruction.range[1] - 1)).line;
  const heredocs = instruction.trigger ? [...instruction.heredocs, ...instruction.trigger.heredocs] : instruction.heredocs;
  // The lines of each heredoc's body and delimiter, by first line: swept with the lines below (asked
  // of every span for every line, a RUN of 8,000 heredocs took a quarter of a second).
  const heredocSpans = heredocs
    .map((h) => ({ from: source.positionAt(h.contentRange[0]).line, to: source.positionAt(Math.max(h.contentRange[0], h.range[1] - 1)).line }))
    .sort((a, b) => a.from - b.from);
  let spansStarted = 0;
  // The last line of any heredoc span that starts at or before the current line.
  let coveredTo = 0;
  const lines: PhysicalLine[] = [];
  for (let line = first; line <= last; line++) {
    const start = source.lineStarts[line - 1] ?? 0;
    const end = source.lineEnd(line);
    const text = source.text.slice(start, end);
    for (; spansStarted < heredocSpans.length && (heredocSpans[spansStarted]?.from ?? 0) <= line; spansStarted++) coveredTo = Math.max(coveredTo, heredocSpans[spansStarted]?.to ?? 0);
    const inHeredoc = coveredTo >= line && line > first;
    lines.push({ line, kind: line === first ? "first" : inHeredoc ? "heredoc" : blankOrComment(text), start, end, text });
  }
  return lines;
}

const UNICODE_SPACE = /\s/;

/** The first character of text[from, to) that is not whitespace (the `\s` of `trim` and `/^\s*#/`), or -1. */
function firstNonSpace(text: string, from: number, to: number): number {
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i);
    const space = code < 128 ? code === 32 || (code >= 9 && code <= 13) : UNICODE_SPACE.test(text.charAt(i));
    if (!space) return i;
  }
  return -1;
}

/** `blank` for a whitespace-only line, `comment` when its first other character is `#`. */
function blankOrComment(text: string): LineKind {
  const first = firstNonSpace(text, 0, text.length);
  if (first < 0) return "blank";
  return text.charCodeAt(first) === 35 ? "comment" : "content";
}

/**
 * Whether a line after the instruction's first is whitespace only: a cheap test before
 * `physicalLines` (which makes an object and a string for every line) for a rule that only
 * looks for blank lines. Most continued instructions have none: no-empty-continuation built the
 * lines of every one, 4 of the 10 MB that physical lines took in a recommended pass over the
 * corpus (heap sampling). Each line is read up to its first other character only: a scan of every
 * character for the line breaks took twice as long as building the lines.
 */
export function hasBlankLine(instruction: Instruction, source: SourceText): boolean {
  const starts = source.lineStarts;
  const end = instruction.range[1];
  for (let line = instruction.line + 1; line <= starts.length && (starts[line - 1] ?? end) < end; line++) {
    if (firstNonSpace(source.text, starts[line - 1] ?? 0, source.lineEnd(line)) < 0) return true;
  }
  return false;
}

/** Offset of the escape character that continues this line (BuildKit: the last non-blank character, not itself escaped), or -1. */
export function continuationAt(lineText: string, lineStart: number, escapeChar: string): number {
  let end = lineText.length;
  while (end > 0 && (lineText[end - 1] === " " || lineText[end - 1] === "\t" || lineText[end - 1] === "\r")) end--;
  if (end === 0 || lineText[end - 1] !== escapeChar) return -1;
  if (end >= 2 && lineText[end - 2] === escapeChar) return -1;
  return lineStart + end - 1;
}

/**
 * The instruction keyword a line starts with, when it reads like the start of an instruction
 * rather than a continuation: an upper-case keyword followed by a blank or the end of the line,
 * or a lower-case one at the very start of the line in a file whose keywords are lower case.
 */
export function instructionStart(lineText: string, lowerCaseFile: boolean): string | undefined {
  const match = /^(\s*)([A-Z]+)(?=\s|$)/i.exec(lineText);
  if (!match) return undefined;
  const word = match[2] ?? "";
  if (!INSTRUCTION_KEYWORDS.has(word.toUpperCase())) return undefined;
  if (word === word.toUpperCase()) return word;
  if (lowerCaseFile && word === word.toLowerCase() && (match[1] ?? "") === "") return word;
  return undefined;
}

/** Markdown inline code that survives a backtick inside (`` ` `` for the escape character of Windows Dockerfiles). */
export function inlineCode(text: string): string {
  return text.includes("`") ? `\`\` ${text} \`\`` : `\`${text}\``;
}

/**
 * The offset of the newline that ends the line holding `from`, continuation lines (and the blank
 * and comment lines after a continuation) included: where a heredoc's body starts. A line ending
 * in an escaped escape character is not continued (BuildKit's lineContinuationRegex, as the lexer has it).
 */
export function logicalLineEnd(text: string, from: number, escapeChar: string): number {
  let lineStart = from;
  for (;;) {
    const newline = text.indexOf("\n", lineStart);
    if (newline < 0) return text.length;
    const line = trimmedLine(text, lineStart, newline);
    if (!line.endsWith(escapeChar) || line.endsWith(escapeChar + escapeChar)) return newline;
    lineStart = skipContinuationComments(text, newline + 1, text.length);
  }
}

/** The text of a line without its trailing blanks and CR. */
export function trimmedLine(text: string, start: number, end: number): string {
  return trimEndWhere(text.slice(start, end), (char) => char === " " || char === "\t" || char === "\r");
}

/** One line of the file as BuildKit's scanner gives it: up to `\n`, a `\r` before it not part of the text. */
export interface ScannedLine {
  start: number;
  /** The end of its text (before `\r\n` or `\n`). */
  end: number;
  /** Where the next line starts (the text's length after the last). */
  next: number;
}

/** The line that starts at `start`. */
export function scannerLineAt(text: string, start: number): ScannedLine {
  const newline = text.indexOf("\n", start);
  const end = newline < 0 ? text.length : newline;
  return { start, end: end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end, next: newline < 0 ? text.length : newline + 1 };
}
