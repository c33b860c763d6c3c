import type { Rule, Settings } from "./rule.js";
import type { FileKind, Level, PresetName, SeveritySetting } from "./types.js";

export type RuleEntry = SeveritySetting | 0 | 1 | 2 | readonly [SeveritySetting | 0 | 1 | 2, Readonly<Record<string, unknown>>?];

export interface Config {
  /** Presets (`recommended`, `strict`, `cis`, `all`), applied in order, then `rules` on top. */
  extends?: string | readonly string[];
  rules?: Readonly<Record<string, RuleEntry>>;
  settings?: Settings;
  /** Report `docklint-disable` comments that silence nothing, at this level. */
  reportUnusedSuppressions?: boolean | Level;
}

export const PRESET_NAMES: readonly PresetName[] = ["recommended", "strict", "cis", "all"];
export const DEFAULT_CONFIG: Config = { extends: ["recommended"] };

/** A configuration mistake: the CLI turns it into exit code 2 with the key path at fault. */
export class ConfigError extends Error {
  readonly path: string;
  constructor(path: string, message: string) {
    super(`${path}: ${message}`);
    this.name = "ConfigError";
    this.path = path;
  }
}

export interface ResolvedRule {
  rule: Rule;
  level: Level;
  options: unknown;
}

export function isInPreset(rule: Rule, preset: PresetName): boolean {
  const presets = rule.meta.presets;
  switch (preset) {
    case "all":
      return true;
    case "recommended":
      return presets.includes("recommended");
    case "strict":
      return presets.includes("recommended") || presets.includes("strict");
    case "cis":
      return presets.includes("cis") || (rule.meta.references.cis?.length ?? 0) > 0;
  }
}

function levelOf(setting: SeveritySetting | 0 | 1 | 2, path: string): Level | "off" {
  switch (setting) {
    case "off":
    case 0:
      return "off";
    case "info":
      return "info";
    case "warn":
    case 1:
      return "warning";
    case "error":
    case 2:
      return "error";
    default:
      throw new ConfigError(path, `expected "off", "info", "warn" or "error", got ${JSON.stringify(setting)}`);
  }
}

/** Levenshtein distance, for "did you mean" on unknown rule ids. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

export function closest(name: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(name, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best !== undefined && bestDistance <= Math.max(3, Math.floor(name.length / 3)) ? best : undefined;
}

/** Options are the rule's defaults with the user's keys on top; unknown keys are a config error. */
function mergeOptions(rule: Rule, given: Readonly<Record<string, unknown>> | undefined, path: string): unknown {
  const defaults = (rule.meta.options?.defaults ?? {}) as Record<string, unknown>;
  if (given === undefined) return defaults;
  if (typeof given !== "object" || given === null || Array.isArray(given)) {
    throw new ConfigError(path, "expected an object of rule options");
  }
  const known = Object.keys((rule.meta.options?.schema["properties"] as Record<string, unknown> | undefined) ?? {});
  for (const key of Object.keys(given)) {
    if (!known.includes(key)) {
      const hint = closest(key, known);
      throw new ConfigError(`${path}.${key}`, `unknown option of "${rule.meta.id}"${hint ? `; did you mean "${hint}"?` : known.length ? `; known options: ${known.join(", ")}` : "; this rule has no options"}`);
    }
  }
  return { ...defaults, ...given };
}

/**
 * The rules to run on a file of one kind, with their level and options. A rule id may
 * name rules of several kinds (one concept, one id): the setting applies to each.
 */
export function resolveRules(config: Config, rules: readonly Rule[], kind: FileKind): ResolvedRule[] {
  const chosen = new Map<Rule, { level: Level; options: unknown }>();
  const presets = config.extends === undefined ? [] : typeof config.extends === "string" ? [config.extends] : config.extends;
  presets.forEach((preset, index) => {
    if (!(PRESET_NAMES as readonly string[]).includes(preset)) {
      const hint = closest(preset, PRESET_NAMES);
      throw new ConfigError(`extends[${index}]`, `unknown preset "${preset}"${hint ? `; did you mean "${hint}"?` : `; presets: ${PRESET_NAMES.join(", ")}`}`);
    }
    for (const rule of rules) {
      if (isInPreset(rule, preset as PresetName)) chosen.set(rule, { level: rule.meta.severity, options: rule.meta.options?.defaults ?? {} });
    }
  });
  const ids = new Set(rules.map((r) => r.meta.id));
  for (const [id, entry] of Object.entries(config.rules ?? {})) {
    const path = `rules.${id}`;
    if (!ids.has(id)) {
      const hint = closest(id, ids);
      throw new ConfigError(path, `unknown rule "${id}"${hint ? `; did you mean "${hint}"?` : ""}`);
    }
    const [setting, given] = Array.isArray(entry) ? [entry[0], entry[1]] : [entry as SeveritySetting, undefined];
    const level = levelOf(setting as SeveritySetting, path);
    for (const rule of rules) {
      if (rule.meta.id !== id) continue;
      if (level === "off") chosen.delete(rule);
      else chosen.set(rule, { level, options: mergeOptions(rule, given, `${path}[1]`) });
    }
  }
  const resolved: ResolvedRule[] = [];
  for (const [rule, setting] of chosen) {
    if (rule.meta.kind === kind) resolved.push({ rule, ...setting });
  }
  return resolved;
}
