import { createRequire } from "node:module";
import { parseArgs, type ParseArgsConfig } from "node:util";
import type * as Yaml from "yaml";
import { FILE_KINDS, closest, type FileKind, type RuleEntry } from "@docklint/core";
import { CACHE_STRATEGIES, type CacheStrategy } from "./cache.js";
import { CliError } from "./errors.js";
import { parseByteSize } from "./files.js";
import { FORMATTER_NAMES, type FormatterName } from "./formatters/index.js";
import { parseConcurrency, type Concurrency } from "./workers.js";

export const LINT_FORMATS = FORMATTER_NAMES;
export type LintFormat = FormatterName;
export const RULES_FORMATS = ["text", "json"] as const;
export type RulesFormat = (typeof RULES_FORMATS)[number];

/** Formats meant for people: a --fix-dry-run diff may share standard output with them. */
export const HUMAN_FORMATS: readonly string[] = ["friendly", "compact"];

/** One report: a format and where it goes. */
export interface OutputRequest {
  format: LintFormat;
  /** undefined: standard output. */
  outputFile: string | undefined;
}

export interface CliOptions {
  command: "lint" | "rules";
  help: boolean;
  version: boolean;
  /** Paths, directories and glob patterns; `["."]` when none are given. */
  patterns: string[];
  /** The first report's format (for `rules`: a RulesFormat). */
  format: LintFormat | RulesFormat;
  /** The first report's file. */
  outputFile: string | undefined;
  /** Every report of a lint run, in command-line order; at most one without a file. */
  outputs: OutputRequest[];
  config: string | undefined;
  configLookup: boolean;
  /** `--rule` settings in command-line order (a later flag for the same id wins). */
  ruleOverrides: RuleOverride[];
  kind: FileKind | undefined;
  stdin: boolean;
  stdinFilename: string | undefined;
  quiet: boolean;
  /** -1 means no limit, as in ESLint. */
  maxWarnings: number;
  fix: boolean;
  fixDryRun: boolean;
  /** undefined: decide from the environment and the terminal. */
  color: boolean | undefined;
  errorOnUnmatchedPattern: boolean;
  /** Honour .gitignore and .docklintignore (false with --no-ignore). */
  ignore: boolean;
  /** --print-config <file>. */
  printConfig: string | undefined;
  init: boolean;
  reportUnusedDisableDirectives: boolean;
  /** --max-file-size in bytes; undefined: the default (MAX_FILE_BYTES). */
  maxFileSize: number | undefined;
  /** --concurrency: worker threads (workers.ts); "off" by default. */
  concurrency: Concurrency;
  /** --cache: reuse the results of unchanged files (cache.ts). */
  cache: boolean;
  /** --cache-location, as given; undefined: `.docklintcache` in the working directory. */
  cacheLocation: string | undefined;
  cacheStrategy: CacheStrategy;
}

export interface RuleOverride {
  id: string;
  entry: RuleEntry;
  /** The flag as typed, to name it in error messages. */
  raw: string;
}

// `no-*` options are declared on their own rather than through parseArgs' `allowNegative`,
// which only exists from Node 20.16 / 22.4 and would silently break older Node 20 releases.
const OPTIONS = {
  format: { type: "string", short: "f", multiple: true },
  "output-file": { type: "string", short: "o", multiple: true },
  config: { type: "string", short: "c" },
  "no-config-lookup": { type: "boolean" },
  rule: { type: "string", multiple: true },
  kind: { type: "string" },
  stdin: { type: "boolean" },
  "stdin-filename": { type: "string" },
  quiet: { type: "boolean" },
  "max-warnings": { type: "string" },
  fix: { type: "boolean" },
  "fix-dry-run": { type: "boolean" },
  color: { type: "boolean" },
  "no-color": { type: "boolean" },
  "no-ignore": { type: "boolean" },
  "error-on-unmatched-pattern": { type: "boolean" },
  "no-error-on-unmatched-pattern": { type: "boolean" },
  "print-config": { type: "string" },
  init: { type: "boolean" },
  "report-unused-disable-directives": { type: "boolean" },
  "max-file-size": { type: "string" },
  concurrency: { type: "string" },
  cache: { type: "boolean" },
  "cache-location": { type: "string" },
  "cache-strategy": { type: "string" },
  version: { type: "boolean", short: "v" },
  help: { type: "boolean", short: "h" },
} as const satisfies ParseArgsConfig["options"];

/** Every long option (without the dashes): the help must mention each. */
export const OPTION_NAMES: readonly string[] = Object.keys(OPTIONS);

export const USAGE = `Usage: docklint [options] [file|dir|glob ...]   lint (default: the current dir)
       docklint rules [--format text|json]       list the rules`;

/** Descriptions start in this column of the help. */
const HELP_COLUMN = 28;

function option(flags: string, description: string): string {
  return `  ${flags}`.padEnd(HELP_COLUMN) + description;
}

/** `-f, --format <name>` with the format names, wrapped to 80 columns. */
function formatLines(): string[] {
  const lines: string[] = [];
  let line = option("-f, --format <name>", "");
  for (const [index, name] of FORMATTER_NAMES.entries()) {
    const word = `${name}${index < FORMATTER_NAMES.length - 1 ? "," : ""}`;
    const start = line.length === HELP_COLUMN;
    if (!start && line.length + 1 + word.length > 80) {
      lines.push(line);
      line = " ".repeat(HELP_COLUMN);
    }
    line += line.length === HELP_COLUMN ? word : ` ${word}`;
  }
  lines.push(line);
  return lines;
}

/** One screen: at most 24 lines of at most 80 columns (a test checks it). */
export const HELP = [
  USAGE,
  ...formatLines(),
  option("-o, --output-file <path>", "write the --format before it to a file (repeat"),
  option("", "the pair; at most one report on standard output)"),
  option("-c, --config <file>", "use this config file; --no-config-lookup: none"),
  option("--rule '<id>: <level>'", "off, info, warn, error or '<id>: [error, {...}]'"),
  option("--print-config <file>", "print the configuration of a file as JSON"),
  option("--init", "write a starter docklint.config.json here"),
  option("--kind <kind>", "dockerfile, compose or daemon, for other names"),
  option("--stdin", "lint standard input, named by --stdin-filename <f>"),
  option("--fix", "apply safe fixes; --fix-dry-run: show them as a diff"),
  option("--quiet", "errors only; --max-warnings <n>: exit 1 above n"),
  option("--report-unused-disable-directives", "  report suppressions that hide nothing"),
  option("--color, --no-color", "colours on/off (else NO_COLOR, FORCE_COLOR, tty)"),
  option("--no-ignore", "lint what .gitignore, .docklintignore, ignores skip"),
  option("--no-error-on-unmatched-pattern", "     allow a directory or glob finding nothing"),
  option("--max-file-size <size>", "skip larger files with an error (default 10MB)"),
  option("--concurrency <n>", "worker threads: a number, auto (500+ files) or off"),
  option("--cache", "skip unchanged (--cache-location, --cache-strategy)"),
  option("-v, --version", "-h, --help"),
  "Exit codes: 0 no errors, 1 errors or too many warnings, 2 usage or config error.",
  "Docs: https://github.com/docklint/docklint#readme",
].join("\n");

function usageError(message: string): CliError {
  return new CliError(message, { showUsage: true });
}

function oneOf<T extends string>(value: string, allowed: readonly T[], what: string): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  const hint = closest(value, allowed);
  throw usageError(`Unknown ${what} "${value}"${hint ? `; did you mean "${hint}"?` : ""} (expected ${allowed.join(", ")}).`);
}

/** YAML flow syntax (`[warn, {allow: [x]}]`), as ESLint's levn syntax for --rule; loaded only when JSON fails. */
function parseFlow(value: string): unknown {
  const yaml = createRequire(import.meta.url)("yaml") as typeof Yaml;
  return yaml.parse(value, { logLevel: "error" });
}

/**
 * `id:severity`, `id: severity`, `id: ["error", {...}]` (JSON) or `id: [error, {key: value}]`
 * (YAML flow, ESLint's unquoted style); the values themselves are checked by core with the rest
 * of the config.
 */
export function parseRuleFlag(raw: string): RuleOverride {
  const colon = raw.indexOf(":");
  const example = "e.g. --rule 'require-non-root-user: off' or --rule 'require-pinned-image: [error, {requireDigest: true}]'";
  if (colon <= 0 || raw.slice(colon + 1).trim() === "") {
    throw usageError(`Invalid --rule "${raw}": expected <rule-id>: <severity>, ${example}.`);
  }
  const id = raw.slice(0, colon).trim();
  const value = raw.slice(colon + 1).trim();
  if (value.startsWith("[")) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(value);
    } catch (jsonError) {
      try {
        parsed = parseFlow(value);
      } catch {
        throw usageError(`Invalid --rule "${raw}": the value is neither JSON nor YAML flow syntax (${(jsonError as Error).message}); ${example}.`);
      }
    }
    if (!Array.isArray(parsed) || parsed.length === 0 || parsed.length > 2) {
      throw usageError(`Invalid --rule "${raw}": expected [<severity>, {options}], ${example}.`);
    }
    return { id, entry: parsed as unknown as RuleEntry, raw };
  }
  const entry = /^[0-2]$/.test(value) ? (Number(value) as 0 | 1 | 2) : (value as RuleEntry);
  return { id, entry, raw };
}

function parseMaxFileSize(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const bytes = parseByteSize(value);
  if (bytes === undefined) throw usageError(`Invalid --max-file-size "${value}": expected a size in bytes or with a unit, e.g. 1048576, 512KB, 10MB or 1GB.`);
  return bytes;
}

function parseConcurrencyFlag(value: string | undefined): Concurrency {
  // Off unless asked: each worker warms up its own JIT, which on a busy or 2-core machine can cost more than it saves (bench/README.md).
  if (value === undefined) return "off";
  const concurrency = parseConcurrency(value);
  if (concurrency === undefined) throw usageError(`Invalid --concurrency "${value}": expected a number of worker threads (1 to 64), "auto" or "off".`);
  return concurrency;
}

function parseMaxWarnings(value: string | undefined): number {
  if (value === undefined) return -1;
  if (!/^-?\d+$/.test(value.trim()) || Number(value) < -1) {
    throw usageError(`Invalid --max-warnings "${value}": expected a whole number (0 or more, or -1 for no limit).`);
  }
  return Number(value);
}

/** Node's parseArgs errors are long and generic; say which flag is wrong and what was meant. */
function translateParseError(error: unknown): CliError {
  const err = error as { code?: string; message?: string };
  const message = err.message ?? String(error);
  if (err.code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
    const flag = /Unknown option '([^']+)'/.exec(message)?.[1] ?? message;
    const name = flag.replace(/^-+/, "").split("=")[0] ?? "";
    const hint = flag.startsWith("--") ? closest(name, Object.keys(OPTIONS)) : undefined;
    return usageError(`Unknown option "${flag}"${hint ? `; did you mean "--${hint}"?` : "."}`);
  }
  if (err.code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") {
    // e.g. "Option '-f, --format <value>' argument missing" or "... argument is ambiguous".
    const flag = /'(?:-\w, )?(--[\w-]+)/.exec(message)?.[1];
    if (/argument missing/.test(message)) return usageError(`Option "${flag ?? message}" needs a value.`);
    if (/ambiguous/.test(message)) return usageError(`Option "${flag ?? message}" needs a value; write ${flag ?? "--option"}=<value> for a value starting with "-".`);
    if (/does not take an argument/.test(message)) return usageError(`Option "${flag ?? message}" takes no value.`);
  }
  return usageError(message);
}

interface RawOutput {
  format: string | undefined;
  outputFile: string | undefined;
}

/**
 * Pairs `--format` and `--output-file` in command-line order: each `--output-file` writes the
 * `--format` before it (one given before any `--format` belongs to the first). A format without
 * a file goes to standard output.
 */
function pairOutputs(tokens: readonly { kind: string; name?: string; value?: string | undefined }[]): RawOutput[] {
  const outputs: RawOutput[] = [];
  let leadingFile: string | undefined;
  for (const token of tokens) {
    if (token.kind !== "option" || token.value === undefined) continue;
    if (token.name === "format") outputs.push({ format: token.value, outputFile: undefined });
    else if (token.name === "output-file") {
      const last = outputs.at(-1);
      if (last === undefined) {
        if (leadingFile !== undefined) throw usageError(`Two --output-file options ("${leadingFile}", "${token.value}") for one report; put a --format before each.`);
        leadingFile = token.value;
      } else if (last.outputFile === undefined) {
        last.outputFile = token.value;
      } else {
        throw usageError(
          `--output-file "${token.value}" follows --format ${last.format}, which already writes to "${last.outputFile}"; give each --format its own --output-file, e.g. --format sarif -o docklint.sarif --format friendly.`,
        );
      }
    }
  }
  if (outputs.length === 0) outputs.push({ format: undefined, outputFile: undefined });
  if (leadingFile !== undefined) {
    const first = outputs[0] as RawOutput;
    if (first.outputFile !== undefined) throw usageError(`Two --output-file options ("${leadingFile}", "${first.outputFile}") for --format ${first.format}; put a --format before each.`);
    first.outputFile = leadingFile;
  }
  return outputs;
}

export function parseCliArgs(argv: readonly string[]): CliOptions {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true, tokens: true });
  } catch (error) {
    throw translateParseError(error);
  }
  const { values, positionals, tokens } = parsed;

  const command = positionals[0] === "rules" ? "rules" : "lint";
  const patterns = command === "rules" ? positionals.slice(1) : positionals;
  if (command === "rules" && patterns.length > 0) {
    throw usageError(`"docklint rules" takes no paths (got "${patterns[0]}"); to lint a path called "rules", write ./rules.`);
  }

  const rawOutputs = pairOutputs(tokens);
  let outputs: OutputRequest[] = [];
  let format: LintFormat | RulesFormat;
  if (command === "rules") {
    if (rawOutputs.length > 1) throw usageError('"docklint rules" writes one report: give --format once.');
    format = oneOf(rawOutputs[0]?.format ?? "text", RULES_FORMATS, 'format for "docklint rules"');
  } else {
    outputs = rawOutputs.map((o) => ({ format: oneOf(o.format ?? "friendly", LINT_FORMATS, "format"), outputFile: o.outputFile }));
    const toStdout = outputs.filter((o) => o.outputFile === undefined);
    if (toStdout.length > 1) {
      throw usageError(
        `Only one report can go to standard output, but --format ${toStdout.map((o) => o.format).join(" and --format ")} have no --output-file; e.g. --format sarif -o docklint.sarif --format friendly.`,
      );
    }
    const files = outputs.flatMap((o) => (o.outputFile === undefined ? [] : [o.outputFile]));
    const twice = files.find((file, index) => files.indexOf(file) !== index);
    if (twice !== undefined) throw usageError(`Two reports would be written to "${twice}"; give each --format its own --output-file.`);
    format = (outputs[0] as OutputRequest).format;
  }

  if (values.color && values["no-color"]) throw usageError("--color and --no-color cannot be used together.");
  if (values["error-on-unmatched-pattern"] && values["no-error-on-unmatched-pattern"]) {
    throw usageError("--error-on-unmatched-pattern and --no-error-on-unmatched-pattern cannot be used together.");
  }
  const options: CliOptions = {
    command,
    help: values.help ?? false,
    version: values.version ?? false,
    patterns: patterns.length > 0 ? patterns : ["."],
    format,
    outputFile: rawOutputs[0]?.outputFile,
    outputs,
    config: values.config,
    configLookup: !values["no-config-lookup"],
    ruleOverrides: (values.rule ?? []).map(parseRuleFlag),
    kind: values.kind === undefined ? undefined : oneOf(values.kind, FILE_KINDS, "--kind"),
    stdin: values.stdin ?? false,
    stdinFilename: values["stdin-filename"],
    quiet: values.quiet ?? false,
    maxWarnings: parseMaxWarnings(values["max-warnings"]),
    fix: values.fix ?? false,
    fixDryRun: values["fix-dry-run"] ?? false,
    color: values.color ? true : values["no-color"] ? false : undefined,
    errorOnUnmatchedPattern: !values["no-error-on-unmatched-pattern"],
    ignore: !values["no-ignore"],
    printConfig: values["print-config"],
    init: values.init ?? false,
    reportUnusedDisableDirectives: values["report-unused-disable-directives"] ?? false,
    maxFileSize: parseMaxFileSize(values["max-file-size"]),
    concurrency: parseConcurrencyFlag(values.concurrency),
    cache: values.cache ?? false,
    cacheLocation: values["cache-location"],
    cacheStrategy: oneOf(values["cache-strategy"] ?? "content", CACHE_STRATEGIES, "--cache-strategy"),
  };

  if (command === "lint") {
    if (options.stdin && positionals.length > 0) {
      throw usageError(`--stdin lints standard input; do not pass paths with it (got "${positionals[0]}").`);
    }
    if (options.stdinFilename !== undefined && !options.stdin) throw usageError("--stdin-filename needs --stdin.");
    if (options.fix && options.fixDryRun) throw usageError("--fix and --fix-dry-run cannot be used together.");
    // As in ESLint: there is no file to write fixed standard input back to.
    if (options.fix && options.stdin) throw usageError("--fix cannot be used with --stdin; use --fix-dry-run to see the fixes as a diff.");
    if (!options.cache && (options.cacheLocation !== undefined || values["cache-strategy"] !== undefined)) {
      throw usageError(`${options.cacheLocation !== undefined ? "--cache-location" : "--cache-strategy"} needs --cache.`);
    }
    if (options.printConfig !== undefined && options.init) throw usageError("--print-config and --init cannot be used together.");
    for (const [flag, given] of [
      ["--print-config", options.printConfig !== undefined],
      ["--init", options.init],
    ] as const) {
      if (!given) continue;
      if (positionals.length > 0) throw usageError(`${flag} takes no paths to lint (got "${positionals[0]}").`);
      if (options.stdin || options.fix || options.fixDryRun) throw usageError(`${flag} cannot be used with --stdin, --fix or --fix-dry-run.`);
    }
  }
  return options;
}
