/**
 * `--fix-dry-run`'s unified diffs: one per file whose fixes change it, with git's `a/` and `b/`
 * prefixes so that `git apply` and `patch -p1` take the output as it is. Nothing is written.
 */
import path from "node:path";
import { FILE_HEADERS_ONLY, createTwoFilesPatch } from "diff";
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

/** The unified diff of one result's fixes, or undefined when its fixes change nothing (or there are none). */
export function fixDiff(result: LintResult, cwd: string, color = false): string | undefined {
  const before = result.source;
  const after = result.output;
  if (before === undefined || after === undefined || before === after) return undefined;
  const name = diffPath(result.filePath, cwd);
  // Standard input has no directory to apply a patch in: name it as it is.
  const [from, to] = path.isAbsolute(result.filePath) ? [`a/${name}`, `b/${name}`] : [name, name];
  const patch = createTwoFilesPatch(from, to, before, after, undefined, undefined, { headerOptions: FILE_HEADERS_ONLY, context: 3 });
  return color ? colorize(patch) : patch;
}

/** The diffs of every result, in the results' order, as one text ("" when nothing would change). */
export function fixDiffs(results: readonly LintResult[], cwd: string, color = false): string {
  return results.flatMap((result) => fixDiff(result, cwd, color) ?? []).join("");
}
