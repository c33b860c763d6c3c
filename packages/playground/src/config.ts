import { builtinRules, resolveRules, type Config, type FileKind, type Level, type SeveritySetting } from "@docklint/core";
import type { PlaygroundConfig } from "./state.js";

export const DEFAULT_PLAYGROUND_CONFIG: PlaygroundConfig = { extends: ["recommended"], rules: {} };

export function toCoreConfig(config: PlaygroundConfig): Config {
  return { extends: config.extends, rules: config.rules };
}

/** The JSON a user would save as `docklint.config.json` to get what the playground shows. */
export function configFileText(config: PlaygroundConfig): string {
  const file: Record<string, unknown> = { extends: config.extends };
  const ids = Object.keys(config.rules).sort();
  if (ids.length > 0) file["rules"] = Object.fromEntries(ids.map((id) => [id, config.rules[id]]));
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** Ids of the rules the config turns on for a kind. */
export function enabledRuleIds(config: PlaygroundConfig, kind: FileKind): Set<string> {
  return new Set(resolveRules(toCoreConfig(config), builtinRules, kind).map((r) => r.rule.meta.id));
}

const SETTING_OF_LEVEL: Record<Level, SeveritySetting> = { error: "error", warning: "warn", info: "info" };

/**
 * The config with one rule turned on or off. An entry is written only when the presets alone do
 * not give the wanted state, so the config file stays as short as a person would write it.
 */
export function withRule(config: PlaygroundConfig, ruleId: string, enabled: boolean, kind: FileKind): PlaygroundConfig {
  const { [ruleId]: _previous, ...rules } = config.rules;
  const bare = { extends: config.extends, rules };
  if (enabledRuleIds(bare, kind).has(ruleId) === enabled) return bare;
  const rule = builtinRules.find((r) => r.meta.id === ruleId && r.meta.kind === kind) ?? builtinRules.find((r) => r.meta.id === ruleId);
  return { extends: config.extends, rules: { ...rules, [ruleId]: enabled ? SETTING_OF_LEVEL[rule?.meta.severity ?? "warning"] : "off" } };
}

