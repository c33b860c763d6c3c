import type { Fix } from "./types.js";

/**
 * Applies non-overlapping fixes in one pass. Fixes are taken in order of their start; one that
 * overlaps or touches an earlier accepted fix (starts where it ends) is left for the next pass, as
 * ESLint's fixer does (`lastPos >= start`), so that `docklint --fix` and `eslint --fix` with the
 * plugin fix a file the same way: after the first fix, the second may no longer be wanted.
 */
export function applyFixes(text: string, fixes: readonly Fix[]): { output: string; applied: number; skipped: number } {
  const sorted = [...fixes].sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
  let output = "";
  let cursor = 0;
  let applied = 0;
  let skipped = 0;
  for (const fix of sorted) {
    const [start, end] = fix.range;
    // `cursor` is where the last applied fix ended: the next must start after it.
    if ((applied > 0 ? start <= cursor : start < 0) || start > end || end > text.length) {
      skipped++;
      continue;
    }
    output += text.slice(cursor, start) + fix.text;
    cursor = end;
    applied++;
  }
  output += text.slice(cursor);
  return { output, applied, skipped };
}

/** Several edits of one report become one fix spanning them, so they apply together or not at all. */
export function mergeFixes(text: string, fixes: readonly Fix[]): Fix | undefined {
  if (fixes.length === 0) return undefined;
  if (fixes.length === 1) return fixes[0];
  const sorted = [...fixes].sort((a, b) => a.range[0] - b.range[0]);
  const start = sorted[0]?.range[0] ?? 0;
  const end = Math.max(...sorted.map((f) => f.range[1]));
  let merged = "";
  let cursor = start;
  for (const fix of sorted) {
    if (fix.range[0] < cursor) return undefined;
    merged += text.slice(cursor, fix.range[0]) + fix.text;
    cursor = fix.range[1];
  }
  merged += text.slice(cursor, end);
  return { range: [start, end], text: merged };
}
