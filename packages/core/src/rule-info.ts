import { isInPreset } from "./config.js";
import type { Rule } from "./rule.js";
import type { FileKind, Level, PresetName, RuleCategory, RuleReferences } from "./types.js";
import { compareRuleIds } from "./util/compare-rule-ids.js";

/** One rule id as users see it: the rules of every kind that share the id, merged. */
export interface RuleInfo {
  id: string;
  kinds: FileKind[];
  category: RuleCategory;
  severity: Level;
  description: string;
  presets: PresetName[];
  fixable: boolean;
  hasSuggestions: boolean;
  options: { schema: unknown; defaults: unknown } | undefined;
  references: RuleReferences;
  docs: string;
}

const DOCS_BASE = "https://github.com/docklint/docklint/blob/main/docs/rules/";

export function listRules(rules: readonly Rule[]): RuleInfo[] {
  const byId = new Map<string, RuleInfo>();
  for (const rule of rules) {
    const meta = rule.meta;
    const info = byId.get(meta.id);
    if (!info) {
      byId.set(meta.id, {
        id: meta.id,
        kinds: [meta.kind],
        category: meta.category,
        severity: meta.severity,
        description: meta.docs,
        presets: (["recommended", "strict", "cis", "all"] as const).filter((p) => isInPreset(rule, p)),
        fixable: meta.fixable === true,
        hasSuggestions: meta.hasSuggestions === true,
        options: meta.options ? { schema: meta.options.schema, defaults: meta.options.defaults } : undefined,
        references: { ...meta.references },
        docs: `${DOCS_BASE}${meta.id}.md`,
      });
      continue;
    }
    if (!info.kinds.includes(meta.kind)) info.kinds.push(meta.kind);
    for (const [peer, ids] of Object.entries(meta.references) as [keyof RuleReferences, readonly string[]][]) {
      info.references[peer] = [...new Set([...(info.references[peer] ?? []), ...ids])];
    }
  }
  return [...byId.values()].sort((a, b) => compareRuleIds(a.id, b.id));
}
