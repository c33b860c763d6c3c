/**
 * Config files: discovery, formats, `extends`, `overrides`, `ignores`, `plugins`, validation.
 *
 * API (used by main.ts and api.ts):
 * - `new ConfigResolver({ cwd, configFile, lookup, overrides, rules })`, then
 *   `await resolver.forFile(absolutePath | undefined)` → `LoadedConfig`:
 *   `config` (core's Config for that file: presets, rules with the matching `overrides` and
 *   `--rule` applied, settings, loaded plugins), `file` (the config file or undefined),
 *   `ignored` (true when the config's `ignores` match the file: do not lint it),
 *   `plugins` (namespace, specifier, load error per plugin).
 *   Every mistake is a CliError (exit 2) naming the file, the key path and what was expected.
 * - `printableConfig(loaded)`: the same config as plain JSON, for `--print-config`.
 * - `validateConfigShape(value)`: an inline (programmatic) config checked like a file's.
 */
import { createRequire } from "node:module";
import path from "node:path";
import {
  ConfigError,
  DEFAULT_CONFIG,
  FILE_KINDS,
  PRESET_NAMES,
  closest,
  resolveRules,
  type Config,
  type Rule,
  type RuleEntry,
} from "@docklint/core";
import type { RuleOverride } from "./args.js";
import type { DirectoryListings } from "./directory-listings.js";
import { CONFIG_FILE_NAMES, formatOf, packageJsonHasConfig, readConfigFile, rootName, sentence } from "./config-files.js";
import { rulesById } from "./config-schema.js";
import { isPlainObject, validateRawConfig, validateRuleEntries, type RawConfig, type RawOverride } from "./config-validate.js";
import { CliError } from "./errors.js";
import { statIfAny } from "./files.js";
import { PLUGIN_ERROR_RULE, loadPlugin, type LoadedPlugin, type PluginObject } from "./plugins.js";

export { CONFIG_FILE_NAMES } from "./config-files.js";

export interface LoadedConfig {
  config: Config;
  /** Absolute path of the file it came from; undefined for the built-in default. */
  file: string | undefined;
  /** The config's `ignores` match this file: it is not to be linted (ESLint: "File ignored because of a matching ignore pattern"). */
  ignored: boolean;
  /** The plugins the config loaded (a plugin that failed has `error`; its rule reports it on every file). */
  plugins: readonly Omit<LoadedPlugin, "plugin">[];
}

export interface ConfigResolverOptions {
  cwd: string;
  /** --config: used for every file, no lookup. */
  configFile?: string | undefined;
  /** false with --no-config-lookup. */
  lookup: boolean;
  overrides: readonly RuleOverride[];
  rules: readonly Rule[];
}

const INLINE_KEYS = ["$schema", "extends", "rules", "settings", "reportUnusedSuppressions", "plugins"] as const;

/**
 * Checks an inline config (programmatic use: core's Config shape, `plugins` as loaded
 * objects); core validates presets, rule ids, severities and options.
 */
export function validateConfigShape(value: unknown): Config {
  if (!isPlainObject(value)) throw new ConfigError("(root)", "expected a JSON object");
  for (const key of Object.keys(value)) {
    if ((INLINE_KEYS as readonly string[]).includes(key)) continue;
    if (key === "overrides" || key === "ignores") throw new ConfigError(key, "is only supported in config files (docklint.config.json, …), which say what its globs are relative to");
    const hint = closest(key, INLINE_KEYS);
    throw new ConfigError(key, `unknown key${hint ? `; did you mean "${hint}"?` : `; known keys: ${INLINE_KEYS.join(", ")}`}`);
  }
  const ext = value["extends"];
  if (ext !== undefined && typeof ext !== "string") {
    if (!Array.isArray(ext)) throw new ConfigError("extends", "expected a preset name or an array of preset names");
    ext.forEach((item, index) => {
      if (typeof item !== "string") throw new ConfigError(`extends[${index}]`, "expected a preset name (a string)");
    });
  }
  const rules = value["rules"];
  if (rules !== undefined) {
    if (!isPlainObject(rules)) throw new ConfigError("rules", 'expected an object of rule ids to "off", "info", "warn", "error" or [severity, options]');
    for (const [id, entry] of Object.entries(rules)) {
      if (Array.isArray(entry) && (entry.length === 0 || entry.length > 2)) throw new ConfigError(`rules.${id}`, "expected [severity] or [severity, options]");
    }
  }
  if (value["settings"] !== undefined && !isPlainObject(value["settings"])) throw new ConfigError("settings", "expected an object");
  const unused = value["reportUnusedSuppressions"];
  if (unused !== undefined && typeof unused !== "boolean" && !["error", "warning", "info"].includes(unused as string)) {
    throw new ConfigError("reportUnusedSuppressions", 'expected true, false, "error", "warning" or "info"');
  }
  const { $schema: _schema, ...config } = value;
  return config as Config;
}

/** A config as plain JSON (plugins by their specifiers), for `--print-config`. */
export function printableConfig(loaded: LoadedConfig): Record<string, unknown> {
  const { plugins: _objects, ...config } = loaded.config;
  const out: Record<string, unknown> = { ...config };
  if (loaded.plugins.length > 0) out["plugins"] = Object.fromEntries(loaded.plugins.map((p) => [p.namespace, p.specifier]));
  return out;
}

type Severity = Exclude<RuleEntry, readonly unknown[]>;

function isSeverityOnly(entry: RuleEntry): entry is Severity {
  return !Array.isArray(entry);
}

/** ESLint's rule: a severity alone changes the severity and keeps the options configured before. */
function mergeRules(into: Record<string, RuleEntry>, rules: Readonly<Record<string, RuleEntry>> | undefined): void {
  for (const [id, entry] of Object.entries(rules ?? {})) {
    const previous = into[id];
    into[id] = isSeverityOnly(entry) && Array.isArray(previous) && previous[1] !== undefined ? [entry, previous[1]] : entry;
  }
}

function isFileReference(item: string): boolean {
  return item.startsWith("./") || item.startsWith("../") || item.startsWith(".\\") || item.startsWith("..\\") || path.isAbsolute(item) || /^[A-Z]:[\\/]/i.test(item);
}

/** One config file of a chain (the file found, and the files it extends). */
interface Layer {
  file: string;
  name: string;
  raw: RawConfig;
  presets: string[];
}

interface GlobOverride extends RawOverride {
  matches(relative: string): boolean;
}

/** A config file with everything it extends, ready to give each file its config. */
interface Chain {
  file: string | undefined;
  name: string | undefined;
  /** Globs of `overrides` and `ignores` are relative to it. */
  baseDir: string;
  base: Config;
  overrides: GlobOverride[];
  ignored(relative: string): boolean;
  plugins: LoadedPlugin[];
  /** Per set of matching overrides (their indices joined). */
  configs: Map<string, Config>;
}

// picomatch is loaded only for configs with `overrides` or `ignores`.
const requireCjs = createRequire(import.meta.url);
type Matcher = (test: string) => boolean;
function matcher(patterns: readonly string[]): Matcher {
  const picomatch = requireCjs("picomatch") as (glob: string | string[], options: Record<string, unknown>) => Matcher;
  // A glob without a slash matches the file name in any directory (ESLint's and .gitignore's rule);
  // one with a slash (a leading one anchors a name: "/Dockerfile") matches the path from the base directory.
  const names = patterns.filter((p) => !p.includes("/"));
  const paths = patterns.filter((p) => p.includes("/")).map((p) => p.replace(/^\/+/, ""));
  const byName = names.length ? picomatch(names, { dot: true }) : undefined;
  const byPath = paths.length ? picomatch(paths, { dot: true }) : undefined;
  return (test) => (byPath?.(test) ?? false) || (byName?.(test.slice(test.lastIndexOf("/") + 1)) ?? false);
}

/** `text` without trailing `char`s (a loop: `/\/+$/` retries a long run of slashes from every position). */
function withoutTrailing(text: string, ...chars: string[]): string {
  let end = text.length;
  while (end > 0 && chars.includes(text.charAt(end - 1))) end--;
  return text.slice(0, end);
}

/** `.gitignore`-like: a pattern matches the file or one of its directories; `!pattern` re-includes; the last match wins. */
function ignoreMatcher(patterns: readonly string[]): (relative: string) => boolean {
  const compiled = patterns.map((raw) => {
    const negated = raw.startsWith("!");
    const pattern = withoutTrailing(negated ? raw.slice(1) : raw, "/");
    return { negated, test: matcher([pattern]) };
  });
  return (relative) => {
    const parts = relative.split("/");
    const candidates = parts.map((_, i) => parts.slice(0, i + 1).join("/"));
    let ignored = false;
    for (const { negated, test } of compiled) if (candidates.some((c) => test(c))) ignored = !negated;
    return ignored;
  };
}

export class ConfigResolver {
  private readonly options: ConfigResolverOptions;
  private readonly chains = new Map<string, Promise<Chain>>();
  private readonly foundIn = new Map<string, Promise<string | undefined>>();
  private defaultChain: Chain | undefined;
  private listings: DirectoryListings | undefined;

  constructor(options: ConfigResolverOptions) {
    this.options = options;
  }

  /** What a directory search saw: the lookup asks the file system only for names a listed directory holds. */
  useListings(listings: DirectoryListings): void {
    this.listings = listings;
  }

  /** The config for a file (absolute path), or for standard input without a name (undefined). */
  async forFile(filePath: string | undefined): Promise<LoadedConfig> {
    const { cwd, configFile, lookup } = this.options;
    let chain: Chain | undefined;
    if (configFile !== undefined) chain = await this.chain(path.resolve(cwd, configFile), true);
    else if (lookup) {
      const found = await this.find(filePath === undefined ? cwd : path.dirname(filePath));
      if (found) chain = await this.chain(found, false);
    }
    chain ??= this.defaultChain ??= this.makeDefaultChain();
    return this.configIn(chain, filePath);
  }

  private configIn(chain: Chain, filePath: string | undefined): LoadedConfig {
    const plugins = chain.plugins.map(({ plugin: _plugin, ...rest }) => rest);
    const relative = filePath === undefined ? undefined : path.relative(chain.baseDir, filePath).split(path.sep).join("/");
    const inside = relative !== undefined && relative !== "" && !relative.startsWith("../") && relative !== ".." && !path.isAbsolute(relative);
    const ignored = inside && chain.ignored(relative);
    const matched = inside ? chain.overrides.flatMap((override, index) => (override.matches(relative) ? [index] : [])) : [];
    const key = matched.join(",");
    let config = chain.configs.get(key);
    if (!config) {
      const rules: Record<string, RuleEntry> = { ...chain.base.rules };
      let settings = chain.base.settings;
      for (const index of matched) {
        const override = chain.overrides[index];
        if (!override) continue;
        mergeRules(rules, override.rules);
        if (override.settings) settings = { ...settings, ...override.settings };
      }
      config = this.finish({ ...chain.base, rules, ...(settings ? { settings } : {}) }, chain.name);
      chain.configs.set(key, config);
    }
    return { config, file: chain.file, ignored, plugins };
  }

  /** Nearest config file from `directory` up to the file system root; cached per directory. */
  private find(directory: string): Promise<string | undefined> {
    let pending = this.foundIn.get(directory);
    if (!pending) {
      pending = (async () => {
        for (const name of CONFIG_FILE_NAMES) {
          if (this.listings && !this.listings.mayHold(directory, name)) continue;
          const candidate = path.join(directory, name);
          const info = statIfAny(candidate);
          if (!info?.isFile()) continue;
          if (name === "package.json" && !packageJsonHasConfig(candidate)) continue;
          return candidate;
        }
        const parent = path.dirname(directory);
        return parent === directory ? undefined : this.find(parent);
      })();
      this.foundIn.set(directory, pending);
    }
    return pending;
  }

  private display(file: string): string {
    const relative = path.relative(this.options.cwd, file);
    return relative && !relative.startsWith("..") && !path.isAbsolute(relative) ? relative : file;
  }

  /**
   * Whether a config found by lookup may run code (a JavaScript config, plugins): only one of the
   * project's own, as ESLint does — in the current directory, a parent of it, or a directory
   * below it outside node_modules. Linting `../other/Dockerfile` or `/tmp/download/Dockerfile`
   * must not run a `docklint.config.mjs` that came with those files.
   */
  private mayRunCode(file: string): boolean {
    const relative = path.relative(this.options.cwd, path.dirname(file));
    if (relative === "" || path.isAbsolute(relative)) return relative === "";
    const parts = relative.split(path.sep);
    if (parts.every((part) => part === "..")) return true;
    return parts[0] !== ".." && !parts.includes("node_modules");
  }

  private refuseCode(file: string, what: string): never {
    throw new CliError(
      `Config file "${this.display(file)}" ${what}, and it lies outside this project (${this.options.cwd}); docklint runs code only from config files in the current directory, its parents and its subdirectories (not node_modules), as ESLint does. Run docklint from that project's directory, or pass the config with --config if you trust it.`,
    );
  }

  private chain(file: string, explicit: boolean): Promise<Chain> {
    let pending = this.chains.get(file);
    if (!pending) {
      const trusted = explicit || this.mayRunCode(file);
      // --config: globs are relative to the current directory (ESLint's rule); a found file: to its directory.
      pending = this.loadChain(file, explicit ? this.options.cwd : path.dirname(file), trusted);
      this.chains.set(file, pending);
    }
    return pending;
  }

  private makeDefaultChain(): Chain {
    return { file: undefined, name: undefined, baseDir: this.options.cwd, base: { ...DEFAULT_CONFIG }, overrides: [], ignored: () => false, plugins: [], configs: new Map() };
  }

  /** The file and the files it extends, depth first (extended files before the file that extends them). */
  private async layers(file: string, stack: readonly string[], trusted: boolean): Promise<Layer[]> {
    const name = this.display(file);
    if (!trusted && formatOf(file) === "module") this.refuseCode(stack[0] ?? file, stack.length === 0 ? "is JavaScript" : `extends a JavaScript config ("${this.display(file)}")`);
    const fail = (error: ConfigError): never => {
      throw new CliError(sentence(`Invalid config file "${name}": ${error.message}`));
    };
    const content = await readConfigFile(file, name);
    if (content === undefined) throw new CliError(`Config file "${name}" has no "docklint" key.`);
    let raw: RawConfig;
    try {
      raw = validateRawConfig(content, rootName(formatOf(file)));
    } catch (error) {
      if (error instanceof ConfigError) return fail(error);
      throw error;
    }
    const out: Layer[] = [];
    const presets: string[] = [];
    const items = raw.extends ?? DEFAULT_CONFIG.extends ?? [];
    for (const [index, item] of (typeof items === "string" ? [items] : items).entries()) {
      if ((PRESET_NAMES as readonly string[]).includes(item)) {
        presets.push(item);
        continue;
      }
      if (!isFileReference(item)) {
        const hint = closest(item, PRESET_NAMES);
        fail(new ConfigError(`extends[${index}]`, `unknown preset "${item}"${hint ? `; did you mean "${hint}"?` : `; presets: ${PRESET_NAMES.join(", ")}; a config file is written as a path ("./${item}")`}`));
      }
      const target = path.resolve(path.dirname(file), item);
      if (target === file || stack.includes(target)) {
        const cycle = [...stack.slice(stack.indexOf(target) === -1 ? stack.length : stack.indexOf(target)), file, target].map((f) => this.display(f));
        fail(new ConfigError(`extends[${index}]`, `circular extends: ${cycle.join(" → ")}`));
      }
      try {
        out.push(...(await this.layers(target, [...stack, file], trusted)));
      } catch (error) {
        if (error instanceof CliError && /^Cannot read config file "[^"]*": no such file\.$/.test(error.message)) {
          fail(new ConfigError(`extends[${index}]`, `no such file: "${item}" (resolved to ${this.display(target)}); paths are relative to this config file`));
        }
        throw error;
      }
    }
    out.push({ file, name, raw, presets });
    return out;
  }

  private async loadChain(file: string, baseDir: string, trusted: boolean): Promise<Chain> {
    const layers = await this.layers(file, [], trusted);
    const withPlugins = layers.find((layer) => (layer.raw.plugins ?? []).length > 0);
    if (!trusted && withPlugins) this.refuseCode(file, `loads plugins (in "${withPlugins.name}")`);
    const root = layers[layers.length - 1];
    const rootName = root?.name ?? this.display(file);

    // Plugins of every layer, each relative to its own file; a namespace names one module.
    const plugins: LoadedPlugin[] = [];
    for (const layer of layers) {
      for (const [index, { namespace, specifier }] of (layer.raw.plugins ?? []).entries()) {
        const loaded = await loadPlugin(specifier, namespace, path.dirname(layer.file));
        const same = plugins.find((p) => p.namespace === loaded.namespace);
        if (same && same.file === loaded.file) continue;
        if (same) {
          throw new CliError(
            `Invalid config file "${layer.name}": plugins${namespace === undefined ? `[${index}]` : `.${namespace}`}: the namespace "${loaded.namespace}" is already used by "${same.specifier}"; give one of them another name with the object form: "plugins": { "<name>": "${specifier}" }.`,
          );
        }
        plugins.push(loaded);
      }
    }
    const failed = plugins.filter((p) => p.error !== undefined).map((p) => p.namespace);
    const namespaces = plugins.map((p) => p.namespace);
    const pluginRules = plugins.filter((p) => p.error === undefined).flatMap((p) => p.plugin.rules.map((rule) => ({ ...rule, meta: { ...rule.meta, id: `${p.namespace}/${rule.meta.id}` } })));
    const byId = rulesById([...this.options.rules, ...pluginRules]);

    const presets: string[] = [];
    const rules: Record<string, RuleEntry> = {};
    let settings: Record<string, unknown> | undefined;
    let reportUnusedSuppressions: RawConfig["reportUnusedSuppressions"];
    const overrides: RawOverride[] = [];
    const ignores: string[] = [];
    const dropFailed = (entries: Readonly<Record<string, RuleEntry>> | undefined) =>
      entries && Object.fromEntries(Object.entries(entries).filter(([id]) => !failed.some((ns) => id.startsWith(`${ns}/`))));
    for (const layer of layers) {
      try {
        validateRuleEntries(layer.raw.rules ?? {}, "rules", byId, namespaces, failed);
        (layer.raw.overrides ?? []).forEach((override, index) => validateRuleEntries(override.rules ?? {}, `overrides[${index}].rules`, byId, namespaces, failed));
      } catch (error) {
        if (error instanceof ConfigError) throw new CliError(sentence(`Invalid config file "${layer.name}": ${error.message}`));
        throw error;
      }
      for (const preset of layer.presets) if (!presets.includes(preset)) presets.push(preset);
      mergeRules(rules, dropFailed(layer.raw.rules));
      if (layer.raw.settings) settings = { ...settings, ...layer.raw.settings };
      if (layer.raw.reportUnusedSuppressions !== undefined) reportUnusedSuppressions = layer.raw.reportUnusedSuppressions;
      for (const override of layer.raw.overrides ?? []) overrides.push({ ...override, ...(override.rules ? { rules: dropFailed(override.rules) } : {}) });
      ignores.push(...(layer.raw.ignores ?? []));
    }
    for (const namespace of failed) rules[`${namespace}/${PLUGIN_ERROR_RULE}`] = "error";

    const pluginObjects: Record<string, PluginObject> = Object.fromEntries(plugins.map((p) => [p.namespace, p.plugin]));
    const base: Config = {
      extends: presets,
      rules,
      ...(settings ? { settings } : {}),
      ...(reportUnusedSuppressions !== undefined ? { reportUnusedSuppressions } : {}),
      ...(plugins.length > 0 ? { plugins: pluginObjects } : {}),
    };
    const globOverrides: GlobOverride[] = overrides.map((override) => {
      const included = matcher(override.files);
      const excluded = override.excludedFiles.length ? matcher(override.excludedFiles) : () => false;
      return { ...override, matches: (relative: string) => included(relative) && !excluded(relative) };
    });
    return {
      file,
      name: rootName,
      baseDir,
      base,
      overrides: globOverrides,
      ignored: ignores.length ? ignoreMatcher(ignores) : () => false,
      plugins,
      configs: new Map(),
    };
  }

  /**
   * Applies --rule, then has core resolve the rules once per kind so that every configuration
   * mistake surfaces now, with exit code 2, and not halfway through a report.
   */
  private finish(config: Config, name: string | undefined): Config {
    const overrides = this.options.overrides;
    if (overrides.length > 0) {
      const rules: Record<string, RuleEntry> = { ...config.rules };
      const flags = Object.fromEntries(overrides.map(({ id, entry }) => [id, entry]));
      try {
        const pluginIds = Object.entries(config.plugins ?? {}).flatMap(([ns, p]) => p.rules.map((rule) => ({ ...rule, meta: { ...rule.meta, id: `${ns}/${rule.meta.id}` } })));
        validateRuleEntries(flags, "rules", rulesById([...this.options.rules, ...pluginIds]), Object.keys(config.plugins ?? {}));
      } catch (error) {
        if (!(error instanceof ConfigError)) throw error;
        const override = [...overrides].reverse().find((o) => error.path === `rules.${o.id}` || error.path.startsWith(`rules.${o.id}[`));
        throw new CliError(sentence(`Invalid --rule "${override?.raw ?? error.path}": ${error.message}`));
      }
      for (const { id, entry } of overrides) mergeRules(rules, { [id]: entry });
      config = { ...config, rules };
    }
    try {
      for (const kind of FILE_KINDS) resolveRules(config, this.options.rules, kind);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      const override = [...overrides]
        .reverse()
        .find((o) => error.path === `rules.${o.id}` || (!isSeverityOnly(o.entry) && error.path.startsWith(`rules.${o.id}[`)));
      if (override) throw new CliError(sentence(`Invalid --rule "${override.raw}": ${error.message}`));
      throw new CliError(sentence(name === undefined ? `Invalid configuration: ${error.message}` : `Invalid config file "${name}": ${error.message}`));
    }
    return config;
  }
}
