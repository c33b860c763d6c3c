import { listRules, type Rule, type RuleInfo, type RuleReferences } from "@docklint/core";
import type { RulesFormat } from "./args.js";

/** Peers whose ids are too long for a table row (KICS query UUIDs): shown as a count. */
const COUNTED_PEERS: ReadonlySet<keyof RuleReferences> = new Set(["kics"]);

function references(refs: RuleReferences): string {
  return (Object.entries(refs) as [keyof RuleReferences, readonly string[] | undefined][])
    .filter(([, ids]) => ids && ids.length > 0)
    .map(([peer, ids = []]) => (COUNTED_PEERS.has(peer) ? `${peer}(${ids.length})` : `${peer}:${ids.join(",")}`))
    .join(" ");
}

function row(rule: RuleInfo): string[] {
  const fix = [rule.fixable ? "fix" : "", rule.hasSuggestions ? "suggest" : ""].filter(Boolean).join(",");
  return [
    rule.id,
    rule.kinds.join(","),
    rule.category,
    rule.severity,
    // Every rule is in "all": listing it on each row says nothing.
    rule.presets.filter((p) => p !== "all").join(",") || "-",
    fix || "-",
    references(rule.references) || "-",
  ];
}

/** Left-aligned columns two spaces apart; the last column is not padded (no trailing spaces). */
function table(rows: readonly string[][]): string {
  const widths: number[] = [];
  for (const cells of rows) cells.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((cells) => cells.map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join("  ")).join("\n");
}

export function formatRulesText(rules: readonly RuleInfo[]): string {
  const header = ["RULE", "KINDS", "CATEGORY", "SEVERITY", "PRESETS", "FIX", "REFERENCES"];
  const first = rules[0]?.docs ?? "";
  const docs = first.slice(0, first.lastIndexOf("/") + 1);
  return `${table([header, ...rules.map(row)])}\n\n${rules.length} rule${rules.length === 1 ? "" : "s"}. Details: docklint rules --format json${docs ? `, or ${docs}<rule>.md` : ""}\n`;
}

/**
 * `docklint rules --format json` is read by other tools (docs generation, editor integrations):
 * exactly `listRules()` pretty-printed, nothing added or renamed.
 */
export function formatRulesJson(rules: readonly RuleInfo[]): string {
  return `${JSON.stringify(rules, null, 2)}\n`;
}

export function rulesCommand(rules: readonly Rule[], format: RulesFormat): string {
  const infos = listRules(rules);
  return format === "json" ? formatRulesJson(infos) : formatRulesText(infos);
}
