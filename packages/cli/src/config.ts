import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import {
  ConfigError,
  DEFAULT_CONFIG,
  FILE_KINDS,
  closest,
  resolveRules,
  type Config,
  type Rule,
  type RuleEntry,
} from "@docklint/core";
import type { RuleOverride } from "./args.js";
import { CliError } from "./errors.js";

/** Looked up in this order in each directory; the first one present wins. All are JSON. */
export const CONFIG_FILE_NAMES = ["docklint.config.json", ".docklintrc.json", ".docklintrc"] as const;

/** Keys a config file may have. `overrides` and `ignores` are designed but not implemented yet. */
const CONFIG_KEYS = ["$schema", "extends", "rules", "settings", "reportUnusedSuppressions"] as const;
const PLANNED_KEYS = ["overrides", "ignores"];

export interface LoadedConfig {
  config: Config;
  /** Absolute path of the file it came from; undefined for the built-in default. */
  file: string | undefined;
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

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Checks the shape core assumes but does not check itself (core validates presets, rule ids,
 * severities and rule options; a number where `extends` should be would make it throw a TypeError).
 */
export function validateConfigShape(value: unknown): Config {
  if (!isPlainObject(value)) throw new ConfigError("(root)", "expected a JSON object");
  for (const key of Object.keys(value)) {
    if ((CONFIG_KEYS as readonly string[]).includes(key)) continue;
    if (PLANNED_KEYS.includes(key)) throw new ConfigError(key, "is not supported by this version of docklint yet");
    const hint = closest(key, CONFIG_KEYS);
    throw new ConfigError(key, `unknown key${hint ? `; did you mean "${hint}"?` : `; known keys: ${CONFIG_KEYS.join(", ")}`}`);
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

/** "at position 12" → "line 2, column 5": editors jump to lines, not offsets. */
function jsonErrorLocation(text: string, message: string): string {
  const position = /at position (\d+)/.exec(message)?.[1];
  if (position === undefined) return "";
  const before = text.slice(0, Number(position));
  const line = before.split("\n").length;
  const column = Number(position) - before.lastIndexOf("\n");
  return ` (line ${line}, column ${column})`;
}

type Severity = Exclude<RuleEntry, readonly unknown[]>;

function isSeverityOnly(entry: RuleEntry): entry is Severity {
  return !Array.isArray(entry);
}

/** Ends a message with a full stop unless it already ends with punctuation ("did you mean …?"). */
function sentence(message: string): string {
  return /[.?!]$/.test(message) ? message : `${message}.`;
}

export class ConfigResolver {
  private readonly options: ConfigResolverOptions;
  private readonly loaded = new Map<string, Promise<LoadedConfig>>();
  private readonly foundIn = new Map<string, Promise<string | undefined>>();
  private defaultConfig: LoadedConfig | undefined;

  constructor(options: ConfigResolverOptions) {
    this.options = options;
  }

  /** The config for a file (absolute path), or for standard input without a name (undefined). */
  async forFile(filePath: string | undefined): Promise<LoadedConfig> {
    const { cwd, configFile, lookup } = this.options;
    if (configFile !== undefined) return this.load(path.resolve(cwd, configFile));
    if (lookup) {
      const found = await this.find(filePath === undefined ? cwd : path.dirname(filePath));
      if (found) return this.load(found);
    }
    this.defaultConfig ??= { config: this.finish(DEFAULT_CONFIG, undefined), file: undefined };
    return this.defaultConfig;
  }

  /** Nearest config file from `directory` up to the file system root; cached per directory. */
  private find(directory: string): Promise<string | undefined> {
    let pending = this.foundIn.get(directory);
    if (!pending) {
      pending = (async () => {
        for (const name of CONFIG_FILE_NAMES) {
          const candidate = path.join(directory, name);
          const info = await stat(candidate).catch(() => undefined);
          if (info?.isFile()) return candidate;
        }
        const parent = path.dirname(directory);
        return parent === directory ? undefined : this.find(parent);
      })();
      this.foundIn.set(directory, pending);
    }
    return pending;
  }

  private load(file: string): Promise<LoadedConfig> {
    let pending = this.loaded.get(file);
    if (!pending) {
      pending = this.read(file);
      this.loaded.set(file, pending);
    }
    return pending;
  }

  private display(file: string): string {
    const relative = path.relative(this.options.cwd, file);
    return relative && !relative.startsWith("..") && !path.isAbsolute(relative) ? relative : file;
  }

  private async read(file: string): Promise<LoadedConfig> {
    const name = this.display(file);
    let text: string;
    try {
      text = await readFile(file, "utf8");
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const reason =
        code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a directory" : code === "EACCES" || code === "EPERM" ? "permission denied" : (error as Error).message;
      throw new CliError(`Cannot read config file "${name}": ${reason}.`);
    }
    // JSON.parse rejects a BOM, which Windows editors like to add.
    const body = text.replace(/^\uFEFF/, "");
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch (error) {
      const message = (error as Error).message;
      throw new CliError(sentence(`Config file "${name}" is not valid JSON: ${message}${jsonErrorLocation(body, message)}`));
    }
    try {
      return { config: this.finish(validateConfigShape(json), name), file };
    } catch (error) {
      if (error instanceof ConfigError) throw new CliError(sentence(`Invalid config file "${name}": ${error.message}`));
      throw error;
    }
  }

  /**
   * Applies the defaults and --rule, then has core resolve the rules once per kind so that every
   * configuration mistake surfaces now, with exit code 2, and not halfway through a report.
   */
  private finish(fromFile: Config, name: string | undefined): Config {
    // A config that does not say what it extends means "recommended, adjusted": a file with only
    // `"rules": {"x": "off"}` silently switching every other rule off would be a trap.
    const config: Config = { ...fromFile, extends: fromFile.extends ?? DEFAULT_CONFIG.extends ?? [] };
    const overrides = this.options.overrides;
    if (overrides.length > 0) {
      const rules: Record<string, RuleEntry> = { ...config.rules };
      for (const { id, entry } of overrides) {
        const previous = rules[id];
        // ESLint's rule: a severity alone changes the severity and keeps the configured options.
        rules[id] = isSeverityOnly(entry) && Array.isArray(previous) && previous[1] !== undefined ? [entry, previous[1]] : entry;
      }
      config.rules = rules;
    }
    try {
      for (const kind of FILE_KINDS) resolveRules(config, this.options.rules, kind);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      // Blame --rule only for what it set: its id and severity, or options it gave itself.
      const override = [...overrides]
        .reverse()
        .find((o) => error.path === `rules.${o.id}` || (!isSeverityOnly(o.entry) && error.path.startsWith(`rules.${o.id}[`)));
      if (override) throw new CliError(sentence(`Invalid --rule "${override.raw}": ${error.message}`));
      throw new CliError(sentence(name === undefined ? `Invalid configuration: ${error.message}` : `Invalid config file "${name}": ${error.message}`));
    }
    return config;
  }
}
