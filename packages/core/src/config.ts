import type { Rule, Settings } from "./rule.js";
import { editDistance } from "./util/edit-distance.js";
import type { FileKind, Level, PresetName, SeveritySetting } from "./types.js";
import { isRecord } from "./util/is-record.js";

export type RuleEntry = SeveritySetting | 0 | 1 | 2 | readonly [SeveritySetting | 0 | 1 | 2, Readonly<Record<string, unknown>>?];

export interface Config {
  /** Presets (`recommended`, `strict`, `cis`, `all`), applied in order, then `rules` on top. */
  extends?: string | readonly string[];
  rules?: Readonly<Record<string, RuleEntry>>;
  settings?: Settings;
  /** Report `docklint-disable` comments that silence nothing, at this level. */
  reportUnusedSuppressions?: boolean | Level;
  /**
   * Loaded plugins by namespace: their rules join the ones passed to `resolveRules` with the id
   * `<namespace>/<rule id>`, and are configured, enabled by presets and reported like built-in ones.
   */
  plugins?: Readonly<Record<string, Plugin>>;
}

/** What a plugin module exports: rules written with `defineRule`, with un-namespaced ids. */
export interface Plugin {
  rules: readonly Rule[];
}

/** Namespaced copies, made once per rule and namespace so that a rule keeps one identity across files. */
const namespacedCache = new WeakMap<Rule, Map<string, Rule>>();

function namespaced(rule: Rule, namespace: string): Rule {
  let byNamespace = namespacedCache.get(rule);
  if (!byNamespace) {
    byNamespace = new Map();
    namespacedCache.set(rule, byNamespace);
  }
  let copy = byNamespace.get(namespace);
  if (!copy) {
    const meta = rule.meta;
    const id = meta.id.startsWith(`${namespace}/`) ? meta.id : `${namespace}/${meta.id}`;
    // Defaults for what a hand-written plugin rule may leave out; core reads them unguarded.
    copy = {
      meta: { ...meta, id, presets: meta.presets ?? [], references: meta.references ?? {}, messages: meta.messages ?? {} },
      check: (context) => rule.check(context),
    };
    byNamespace.set(namespace, copy);
  }
  return copy;
}

/** The rules of the config's plugins, namespaced (`<namespace>/<id>`). */
export function pluginRules(config: Config): Rule[] {
  const out: Rule[] = [];
  for (const [namespace, plugin] of Object.entries(config.plugins ?? {})) {
    for (const rule of plugin.rules) out.push(namespaced(rule, namespace));
  }
  return out;
}

/** `rules` plus the config's plugin rules: every rule id a file linted with this config may report. */
export function rulesWithPlugins(config: Config, rules: readonly Rule[]): readonly Rule[] {
  if (config.plugins === undefined) return rules;
  const extra = pluginRules(config).filter((rule) => !rules.includes(rule));
  return extra.length === 0 ? rules : [...rules, ...extra];
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

export function closest(name: string, candidates: Iterable<string>): string | undefined {
  const limit = Math.max(3, Math.floor(name.length / 3));
  const lower = name.toLowerCase();
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const candidate of candidates) {
    const distance = editDistance(lower, candidate.toLowerCase(), limit);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** Options are the rule's defaults with the user's keys on top; unknown keys are a config error. */
/** Rules of several kinds that share an id share its options: a key is known if any of them knows it. */
function validateOptions(group: readonly Rule[], given: unknown, path: string): void {
  if (given === undefined) return;
  if (typeof given !== "object" || given === null || Array.isArray(given)) {
    throw new ConfigError(path, "expected an object of rule options");
  }
  const known = [...new Set(group.flatMap((rule) => Object.keys((rule.meta.options?.schema["properties"] as Record<string, unknown> | undefined) ?? {})))];
  for (const key of Object.keys(given)) {
    if (!known.includes(key)) {
      const hint = closest(key, known);
      const id = group[0]?.meta.id ?? "";
      throw new ConfigError(`${path}.${key}`, `unknown option of "${id}"${hint ? `; did you mean "${hint}"?` : known.length ? `; known options: ${known.join(", ")}` : "; this rule has no options"}`);
    }
  }
}

function mergeOptions(rule: Rule, base: unknown, given: Readonly<Record<string, unknown>> | undefined): unknown {
  const defaults = (base ?? rule.meta.options?.defaults ?? {}) as Record<string, unknown>;
  return given === undefined ? defaults : { ...defaults, ...given };
}

/** The top-level shape, so that a wrong type is a clear ConfigError rather than a TypeError deep inside. */
function validateShape(config: unknown): asserts config is Config {
  if (!isRecord(config)) throw new ConfigError("(config)", "expected an object");
  const known = ["extends", "rules", "settings", "reportUnusedSuppressions", "plugins"];
  for (const key of Object.keys(config)) {
    if (!known.includes(key)) {
      const hint = closest(key, known);
      throw new ConfigError(key, `unknown key${hint ? `; did you mean "${hint}"?` : `; known keys: ${known.join(", ")}`}`);
    }
  }
  const presets = config["extends"];
  if (presets !== undefined && typeof presets !== "string" && !(Array.isArray(presets) && presets.every((p) => typeof p === "string"))) {
    throw new ConfigError("extends", "expected a preset name or an array of preset names");
  }
  if (config["rules"] !== undefined && !isRecord(config["rules"])) throw new ConfigError("rules", "expected an object of rule settings");
  if (config["settings"] !== undefined && !isRecord(config["settings"])) throw new ConfigError("settings", "expected an object");
  const unused = config["reportUnusedSuppressions"];
  if (unused !== undefined && typeof unused !== "boolean" && !["error", "warning", "info"].includes(unused as string)) {
    throw new ConfigError("reportUnusedSuppressions", 'expected true, false, "error", "warning" or "info"');
  }
  const plugins = config["plugins"];
  if (plugins !== undefined) {
    if (!isRecord(plugins)) throw new ConfigError("plugins", "expected an object of namespace → loaded plugin ({ rules: Rule[] })");
    for (const [namespace, plugin] of Object.entries(plugins)) {
      if (namespace === "" || namespace.includes(" ")) throw new ConfigError(`plugins.${namespace}`, "expected a namespace without spaces");
      if (!isRecord(plugin) || !Array.isArray(plugin["rules"])) throw new ConfigError(`plugins.${namespace}`, "expected a loaded plugin: an object with a `rules` array");
      (plugin["rules"] as unknown[]).forEach((rule, index) => {
        const meta = isRecord(rule) ? rule["meta"] : undefined;
        if (!isRecord(meta) || typeof meta["id"] !== "string" || typeof (rule as Record<string, unknown>)["check"] !== "function") {
          throw new ConfigError(`plugins.${namespace}.rules[${index}]`, "expected a rule: { meta: { id, kind, … }, check(context) }");
        }
      });
    }
  }
}

/**
 * The rules to run on a file of one kind, with their level and options. A rule id may
 * name rules of several kinds (one concept, one id): the setting applies to each.
 */
export function resolveRules(config: Config, builtin: readonly Rule[], kind: FileKind): ResolvedRule[] {
  validateShape(config);
  const rules = rulesWithPlugins(config, builtin);
  const chosen = new Map<Rule, { level: Level; options: unknown }>();
  const presets = config.extends === undefined ? [] : typeof config.extends === "string" ? [config.extends] : config.extends;
  presets.forEach((preset, index) => {
    if (!(PRESET_NAMES as readonly string[]).includes(preset)) {
      const hint = closest(preset, PRESET_NAMES);
      throw new ConfigError(`extends[${index}]`, `unknown preset "${preset}"${hint ? `; did you mean "${hint}"?` : `; presets: ${PRESET_NAMES.join(", ")}`}`);
    }
    for (const rule of rules) {
      if (!isInPreset(rule, preset as PresetName)) continue;
      const presetOptions = preset === "all" ? undefined : rule.meta.presetOptions?.[preset as Exclude<PresetName, "all">];
      const previous = chosen.get(rule)?.options ?? rule.meta.options?.defaults ?? {};
      chosen.set(rule, { level: rule.meta.severity, options: { ...(previous as object), ...(presetOptions ?? {}) } });
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
    const group = rules.filter((rule) => rule.meta.id === id);
    validateOptions(group, given, `${path}[1]`);
    for (const rule of group) {
      if (level === "off") chosen.delete(rule);
      else chosen.set(rule, { level, options: mergeOptions(rule, chosen.get(rule)?.options, given) });
    }
  }
  const resolved: ResolvedRule[] = [];
  for (const [rule, setting] of chosen) {
    if (rule.meta.kind === kind) resolved.push({ rule, ...setting });
  }
  return resolved;
}
