/**
 * `--fix-dry-run`'s unified diffs: one per file whose fixes change it, with git's `a/` and `b/`
 * prefixes so that `git apply` and `patch -p1` take the output as it is. Nothing is written.
 */
import path from "node:path";
import { FILE_HEADERS_ONLY, createTwoFilesPatch, formatPatch, type StructuredPatch } from "diff";
import type { LintResult } from "@docklint/core";

const ANSI = { bold: "\u001b[1m", red: "\u001b[31m", green: "\u001b[32m", cyan: "\u001b[36m", reset: "\u001b[0m" };

/** The path a diff names: relative to the current directory with forward slashes, or absolute when outside it. */
function diffPath(filePath: string, cwd: string): string {
  if (!path.isAbsolute(filePath)) return filePath;
  const relative = path.relative(cwd, filePath);
  const shown = relative === "" || relative.startsWith("..") || path.isAbsolute(relative) ? filePath : relative;
  return shown.split(path.sep).join("/");
}

function colorize(patch: string): string {
  return patch
    .split("\n")
    .map((line) => {
      if (line.startsWith("--- ") || line.startsWith("+++ ")) return `${ANSI.bold}${line}${ANSI.reset}`;
      if (line.startsWith("@@")) return `${ANSI.cyan}${line}${ANSI.reset}`;
      if (line.startsWith("-")) return `${ANSI.red}${line}${ANSI.reset}`;
      if (line.startsWith("+")) return `${ANSI.green}${line}${ANSI.reset}`;
      return line;
    })
    .join("\n");
}

/** Lines of context around each change, as `diff -u` and git show them. */
const CONTEXT = 3;

/**
 * Past this many inserted and deleted lines, jsdiff is not asked for the smallest diff: its
 * algorithm (Myers') takes time in the file's length times the edits, so --fix-dry-run on a file
 * of 20,000 lines whose fixes change every other one took 40 s. Such a file gets one hunk instead.
 */
const MAX_EDITS = 2000;

/** The lines of a text with their line breaks, as jsdiff splits them. */
function linesOf(text: string): string[] {
  const lines = text.split("\n").map((line) => `${line}\n`);
  const last = lines.pop() ?? "";
  if (!text.endsWith("\n")) lines.push(last.slice(0, -1));
  return lines;
}

/**
 * One hunk from the first changed line to the last, with the context around it: the whole change
 * as one deletion and one insertion, in time linear in the texts. A valid patch, if not the
 * smallest.
 */
function wholeChangePatch(from: string, to: string, before: string, after: string): StructuredPatch {
  const old = linesOf(before);
  const changed = linesOf(after);
  let prefix = 0;
  while (prefix < old.length && prefix < changed.length && old[prefix] === changed[prefix]) prefix++;
  let suffix = 0;
  while (suffix < old.length - prefix && suffix < changed.length - prefix && old[old.length - 1 - suffix] === changed[changed.length - 1 - suffix]) suffix++;
  const start = Math.max(0, prefix - CONTEXT);
  const oldEnd = old.length - suffix;
  const newEnd = changed.length - suffix;
  const trailing = old.slice(oldEnd, oldEnd + CONTEXT);
  const marked = [
    ...old.slice(start, prefix).map((line) => ` ${line}`),
    ...old.slice(prefix, oldEnd).map((line) => `-${line}`),
    ...changed.slice(prefix, newEnd).map((line) => `+${line}`),
    ...trailing.map((line) => ` ${line}`),
  ];
  // As jsdiff writes them: without their line breaks, and a note after a line that has none.
  const lines = marked.flatMap((line) => (line.endsWith("\n") ? [line.slice(0, -1)] : [line, "\\ No newline at end of file"]));
  const hunk = { oldStart: start + 1, oldLines: oldEnd - start + trailing.length, newStart: start + 1, newLines: newEnd - start + trailing.length, lines };
  return { oldFileName: from, newFileName: to, oldHeader: undefined, newHeader: undefined, hunks: [hunk] };
}

/** The unified diff of one result's fixes, or undefined when its fixes change nothing (or there are none). */
export function fixDiff(result: LintResult, cwd: string, color = false): string | undefined {
  const before = result.source;
  const after = result.output;
  if (before === undefined || after === undefined || before === after) return undefined;
  const name = diffPath(result.filePath, cwd);
  // Standard input has no directory to apply a patch in: name it as it is.
  const [from, to] = path.isAbsolute(result.filePath) ? [`a/${name}`, `b/${name}`] : [name, name];
  const patch =
    createTwoFilesPatch(from, to, before, after, undefined, undefined, { headerOptions: FILE_HEADERS_ONLY, context: CONTEXT, maxEditLength: MAX_EDITS }) ??
    formatPatch(wholeChangePatch(from, to, before, after), FILE_HEADERS_ONLY);
  return color ? colorize(patch) : patch;
}

/** The diffs of every result, in the results' order, as one text ("" when nothing would change). */
export function fixDiffs(results: readonly LintResult[], cwd: string, color = false): string {
  return results.flatMap((result) => fixDiff(result, cwd, color) ?? []).join("");
}
