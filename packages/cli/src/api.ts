/**
 * The programmatic API of the `docklint` package: what the CLI does, minus the printing and the
 * exit code. `lintFiles` finds the files, loads their configuration and lints them; `format`
 * renders results with any of the CLI's formatters; `outputFixes` writes the fixes `lintFiles`
 * computed with `fix: true`. Nothing here writes to standard output or calls process.exit: a
 * problem that would make the CLI exit with 2 (a missing path, no files, a broken config, an
 * unknown formatter) is thrown as a `CliError` whose message names the file, key and fix.
 *
 * To lint a string, use `lintText` from `@docklint/core` (the engine's own API).
 */
import path from "node:path";
import {
  ConfigError,
  DEFAULT_CONFIG,
  FILE_KINDS,
  builtinRules,
  closest,
  listRules,
  resolveRules,
  type Config,
  type FileKind,
  type LintResult,
  type Rule,
  type RuleEntry,
} from "@docklint/core";
import type { RuleOverride } from "./args.js";
import { CACHE_STRATEGIES, cacheFilePath, LintCache, type CacheStrategy } from "./cache.js";
import { ConfigResolver, validateConfigShape } from "./config.js";
import { CliError } from "./errors.js";
import { FORMATTER_NAMES, loadFormatter, rulesMetaFor, type FormatterName } from "./formatters/index.js";
import { writeFileAtomic } from "./lint.js";
import { errorsOnly, planFiles, runPlan, type ConfigSource } from "./plan.js";

export { CliError } from "./errors.js";

export interface LintFilesOptions {
  /** Directory that relative patterns, `configFile` and reported paths are resolved against. Default `process.cwd()`. */
  cwd?: string;
  /**
   * A config file used for every file, with no lookup (the CLI's `--config`). Cannot be combined with `config`.
   */
  configFile?: string;
  /**
   * A configuration object used for every file, with no lookup: the shape of `docklint.config.json`.
   * Like a config file, one without `extends` extends `["recommended"]`. Cannot be combined with `configFile`.
   */
  config?: Config;
  /** Look up `docklint.config.json` / `.docklintrc.json` / `.docklintrc` from each file's directory upward. Default true. */
  configLookup?: boolean;
  /** Rule settings applied on top of the configuration (the CLI's `--rule id:severity`), e.g. `{ "no-sudo": "off" }`. */
  ruleOverrides?: Readonly<Record<string, RuleEntry>>;
  /** The rule set: the built-in rules by default; pass `[...builtinRules, ...yourRules]` to add custom rules. */
  rules?: readonly Rule[];
  /** Kind of files whose names say nothing (the CLI's `--kind`); otherwise the name, then the content, decides. */
  kind?: FileKind;
  /**
   * Compute safe fixes: each result with fixes gets the fixed text as `output`. Files are not
   * written: pass the results to `outputFixes` for that (as ESLint's `fix` and `outputFixes`).
   */
  fix?: boolean;
  /** Errors only, with counts to match (the CLI's `--quiet`). Default false. */
  quiet?: boolean;
  /** Honour `.gitignore`, `.docklintignore` and the config's `ignores` (false: the CLI's `--no-ignore`). Default true. */
  ignore?: boolean;
  /** Throw when a directory or glob matches no file (the CLI's default). Default true. */
  errorOnUnmatchedPattern?: boolean;
  /**
   * Notes that the CLI prints to standard error and that are not findings (the `shellcheck` rule
   * was on but ShellCheck is not installed, or it failed). Default: dropped.
   */
  onWarning?: (message: string) => void;
  /**
   * Keep results in a cache file and take them from it for files whose inputs have not changed
   * (the CLI's `--cache`; `docs/configuration.md` says what an entry depends on). Default false.
   */
  cache?: boolean;
  /** The cache file, or a directory for `.docklintcache`, relative to `cwd` (`--cache-location`). Default `<cwd>/.docklintcache`. */
  cacheLocation?: string;
  /** How a file is known to be unchanged: `"content"` (its digest, the default) or `"metadata"` (size and time) (`--cache-strategy`). */
  cacheStrategy?: CacheStrategy;
}

const OPTION_KEYS: readonly (keyof LintFilesOptions)[] = [
  "cwd",
  "configFile",
  "config",
  "configLookup",
  "ruleOverrides",
  "rules",
  "kind",
  "fix",
  "quiet",
  "ignore",
  "errorOnUnmatchedPattern",
  "onWarning",
  "cache",
  "cacheLocation",
  "cacheStrategy",
];

function optionError(message: string): CliError {
  return new CliError(`lintFiles(): ${message}`);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Checks what TypeScript checks, for callers in plain JavaScript: a typo in an option must not be ignored silently. */
function checkOptions(options: LintFilesOptions): void {
  if (!isPlainObject(options)) throw optionError(`options must be an object (got ${Array.isArray(options) ? "an array" : typeof options}).`);
  for (const key of Object.keys(options)) {
    if ((OPTION_KEYS as readonly string[]).includes(key)) continue;
    const hint = closest(key, OPTION_KEYS);
    throw optionError(`unknown option "${key}"${hint ? `; did you mean "${hint}"?` : `; options: ${OPTION_KEYS.join(", ")}.`}`);
  }
  const strings = ["cwd", "configFile", "cacheLocation"] as const;
  for (const key of strings) {
    if (options[key] !== undefined && typeof options[key] !== "string") throw optionError(`option "${key}" must be a string.`);
  }
  const booleans = ["configLookup", "fix", "quiet", "ignore", "errorOnUnmatchedPattern", "cache"] as const;
  for (const key of booleans) {
    if (options[key] !== undefined && typeof options[key] !== "boolean") throw optionError(`option "${key}" must be true or false.`);
  }
  if (options.config !== undefined && options.configFile !== undefined) {
    throw optionError('options "config" and "configFile" cannot be used together: pass the object or the file, not both.');
  }
  if (options.ruleOverrides !== undefined && !isPlainObject(options.ruleOverrides)) {
    throw optionError('option "ruleOverrides" must be an object of rule ids to settings, e.g. { "no-sudo": "off" }.');
  }
  if (options.rules !== undefined && !Array.isArray(options.rules)) throw optionError('option "rules" must be an array of rules (e.g. builtinRules).');
  if (options.kind !== undefined && !(FILE_KINDS as readonly unknown[]).includes(options.kind)) {
    throw optionError(`option "kind" must be one of ${FILE_KINDS.join(", ")} (got ${JSON.stringify(options.kind)}).`);
  }
  if (options.onWarning !== undefined && typeof options.onWarning !== "function") throw optionError('option "onWarning" must be a function.');
  if (options.cacheStrategy !== undefined && !(CACHE_STRATEGIES as readonly unknown[]).includes(options.cacheStrategy)) {
    throw optionError(`option "cacheStrategy" must be one of ${CACHE_STRATEGIES.join(", ")} (got ${JSON.stringify(options.cacheStrategy)}).`);
  }
}

/** `ruleOverrides` in the shape the config resolver takes `--rule` flags; `raw` names the entry in messages. */
function toRuleOverrides(overrides: Readonly<Record<string, RuleEntry>> | undefined): RuleOverride[] {
  return Object.entries(overrides ?? {}).map(([id, entry]) => ({ id, entry, raw: `${id}: ${typeof entry === "string" ? entry : JSON.stringify(entry)}` }));
}

/** The resolver's messages speak of `--rule`; here the setting came from `ruleOverrides`. */
function renameFlag(error: unknown): unknown {
  if (error instanceof CliError && error.message.startsWith("Invalid --rule ")) {
    return new CliError(`Invalid ruleOverrides entry ${error.message.slice("Invalid --rule ".length)}`);
  }
  return error;
}

/** An inline `config`: checked like a config file (shape, presets, rule ids, severities, options) before any file is read. */
function inlineConfig(value: Config, overrides: readonly RuleOverride[], rules: readonly Rule[]): Config {
  let config: Config;
  try {
    const checked = validateConfigShape(value);
    config = { ...checked, extends: checked.extends ?? DEFAULT_CONFIG.extends ?? [] };
    if (overrides.length > 0) {
      const merged: Record<string, RuleEntry> = { ...config.rules };
      for (const { id, entry } of overrides) {
        const previous = merged[id];
        // As --rule: a severity alone changes the severity and keeps the configured options.
        merged[id] = !Array.isArray(entry) && Array.isArray(previous) && previous[1] !== undefined ? [entry as Exclude<RuleEntry, readonly unknown[]>, previous[1]] : entry;
      }
      config.rules = merged;
    }
    for (const kind of FILE_KINDS) resolveRules(config, rules, kind);
  } catch (error) {
    if (error instanceof ConfigError) {
      const inOverride = overrides.some((o) => error.path === `rules.${o.id}` || error.path.startsWith(`rules.${o.id}[`));
      const text = /[.?!]$/.test(error.message) ? error.message : `${error.message}.`;
      throw optionError(`invalid ${inOverride ? "ruleOverrides (or config)" : "config"} option: ${text}`);
    }
    throw error;
  }
  return config;
}

/**
 * Lints the files the patterns name, as `docklint [patterns]` does: files (whatever their name),
 * directories (searched for Dockerfiles and Compose files, honouring the CLI's discovery rules)
 * and globs. Returns one ESLint-shaped result per file, sorted by absolute path, each with the
 * file's text as `source`. A file that cannot be read or parsed gets a result with one fatal
 * message; the other files are still linted.
 *
 * @throws CliError for a path that does not exist, a pattern that matches nothing (unless
 *   `errorOnUnmatchedPattern: false`), a broken config file or option.
 */
export async function lintFiles(patterns: string | readonly string[], options: LintFilesOptions = {}): Promise<LintResult[]> {
  checkOptions(options);
  const list = typeof patterns === "string" ? [patterns] : patterns;
  if (!Array.isArray(list) || list.some((p) => typeof p !== "string")) {
    throw optionError("patterns must be a string or an array of strings (files, directories or globs).");
  }
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const rules = options.rules ?? builtinRules;
  const overrides = toRuleOverrides(options.ruleOverrides);

  let configs: ConfigSource;
  if (options.config !== undefined) {
    const config = inlineConfig(options.config, overrides, rules);
    configs = { forFile: () => Promise.resolve({ config, file: undefined, ignored: false }) };
  } else {
    const resolver = new ConfigResolver({
      cwd,
      configFile: options.configFile,
      lookup: options.configLookup ?? true,
      overrides,
      rules,
    });
    configs = {
      forFile: (filePath) =>
        resolver.forFile(filePath).catch((error: unknown) => {
          throw renameFlag(error);
        }),
      useListings: (listings) => resolver.useListings(listings),
    };
    // A bad config file is reported before the (possibly long) file search, as by the CLI.
    if (options.configFile !== undefined) await configs.forFile(undefined);
  }

  const plan = await planFiles(
    { cwd, patterns: list.length > 0 ? list : ["."], errorOnUnmatchedPattern: options.errorOnUnmatchedPattern ?? true, kind: options.kind, ignore: options.ignore ?? true },
    configs,
  );
  // What the CLI prints and exits 2 for, the API throws (the first problem; the message names the path).
  const [problem] = plan.problems;
  if (problem !== undefined) throw new CliError(problem);
  const cache = options.cache
    ? new LintCache({ file: cacheFilePath(cwd, options.cacheLocation), strategy: options.cacheStrategy ?? "content", rules, fixing: options.fix ?? false })
    : undefined;
  // fixDryRun: fixes are computed into `output`, never written here.
  const run = await runPlan(plan, { rules, fix: false, fixDryRun: options.fix ?? false, ...(cache ? { cache } : {}) });
  for (const note of [...(cache?.finish() ?? []), ...run.notes]) options.onWarning?.(note.replace(/^docklint: /, ""));
  return options.quiet ? run.results.map(errorsOnly) : run.results;
}

export interface FormatOptions {
  /** Directory that formatters show paths relative to. Default `process.cwd()`. */
  cwd?: string;
  /** ANSI colours in the output (friendly). Default false. */
  color?: boolean;
  /** The rules the results came from, for rule metadata (docs URLs, descriptions). Default the built-in rules. */
  rules?: readonly Rule[];
}

/** The formatters `format` accepts: the CLI's `--format` names. */
export const FORMAT_NAMES: readonly FormatterName[] = FORMATTER_NAMES;
export type FormatName = FormatterName;

/**
 * Renders results (from `lintFiles`, or from core's `lintText`) as the CLI's `--format <name>`
 * does. Results without `source` get no code frame in `friendly`.
 *
 * @throws CliError for an unknown formatter name (with the closest one).
 */
export async function format(results: readonly LintResult[], name: FormatName, options: FormatOptions = {}): Promise<string> {
  if (!(FORMATTER_NAMES as readonly string[]).includes(name)) {
    const hint = typeof name === "string" ? closest(name, FORMATTER_NAMES) : undefined;
    throw new CliError(`format(): unknown format ${JSON.stringify(name)}${hint ? `; did you mean "${hint}"?` : ""} (formats: ${FORMATTER_NAMES.join(", ")}).`);
  }
  if (!Array.isArray(results)) throw new CliError("format(): results must be an array of lint results (what lintFiles returns).");
  const formatter = await loadFormatter(name);
  const rulesMeta = rulesMetaFor(results, listRules(options.rules ?? builtinRules));
  return formatter(results, { cwd: path.resolve(options.cwd ?? process.cwd()), rulesMeta, color: options.color ?? false });
}

export interface OutputFixesResult {
  /** Absolute paths of the files written, in the results' order. */
  written: string[];
  /** Files that could not be written, with the reason. */
  errors: { filePath: string; message: string }[];
}

/**
 * Writes the fixed text (`output`) of results from `lintFiles(…, { fix: true })` back to their
 * files, atomically and keeping each file's mode (as `docklint --fix`). Results without
 * `output`, unchanged ones and unnamed text are skipped. Never throws for a file: failures are
 * returned, and the other files are still written.
 */
export async function outputFixes(results: readonly LintResult[]): Promise<OutputFixesResult> {
  const outcome: OutputFixesResult = { written: [], errors: [] };
  for (const result of results) {
    if (result.output === undefined || result.output === result.source || !path.isAbsolute(result.filePath)) continue;
    try {
      await writeFileAtomic(result.filePath, result.output, result.source);
      outcome.written.push(result.filePath);
    } catch (error) {
      outcome.errors.push({ filePath: result.filePath, message: `Cannot write the fixes to "${result.filePath}": ${(error as Error).message}` });
    }
  }
  return outcome;
}

// The types of what lintFiles returns and takes, so that users of `docklint` need not depend on `@docklint/core` for them.
export type { Config, FileKind, Fix, LintMessage, LintResult, Rule, RuleEntry, Suggestion } from "@docklint/core";
