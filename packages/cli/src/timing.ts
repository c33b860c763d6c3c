/**
 * `TIMING=1 docklint …`: the rules that took the most time, as ESLint prints them for `TIMING=1`
 * (the same table and list sizes), on standard error so that a report on standard output stays
 * parseable, and with the time spent parsing below it (core's LintTimes says what each counts).
 */
import { addRuleTime, type LintTimes } from "@docklint/core";

/** Adds `from`'s times to `into` (a worker's batch to the run's). */
export function addLintTimes(into: LintTimes, from: LintTimes): void {
  into.parse += from.parse;
  for (const [rule, ms] of from.rules) addRuleTime(into, rule, ms);
}

/** How many rules `TIMING` asks for: `all`, a number above 10, else ESLint's 10. */
export function timingListSize(setting: string): number {
  if (setting.trim().toLowerCase() === "all") return Number.POSITIVE_INFINITY;
  const count = Number.parseInt(setting, 10);
  return count > 10 ? count : 10;
}

/** The table, ending in a line break. */
export function formatLintTimes(times: LintTimes, setting: string): string {
  const total = [...times.rules.values()].reduce((sum, ms) => sum + ms, 0);
  const rows = [...times.rules]
    .sort(([a, msA], [b, msB]) => msB - msA || (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, timingListSize(setting))
    .map(([rule, ms]) => [rule, ms.toFixed(3), `${total > 0 ? ((ms * 100) / total).toFixed(1) : "0.0"}%`]);
  const header = ["Rule", "Time (ms)", "Relative"];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? "").length)));
  const line = (cells: readonly string[]): string => cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[0] ?? 0) : cell.padStart(widths[column] ?? 0))).join(" | ");
  // Markdown's alignment row: the first column left, the others right.
  const alignment = widths.map((width, column) => (column === 0 ? `:${"-".repeat(width)}` : `${"-".repeat(width + (column === widths.length - 1 ? 0 : 1))}:`)).join("|");
  const table = [line(header), alignment, ...rows.map(line)];
  const note = `Parsing: ${times.parse.toFixed(3)} ms, with the analyses every rule shares (a RUN's shell analysis).`;
  return `${table.join("\n")}\n${note}\n`;
}
