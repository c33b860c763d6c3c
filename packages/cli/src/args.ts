import { parseArgs, type ParseArgsConfig } from "node:util";
import { FILE_KINDS, closest, type FileKind, type RuleEntry } from "@docklint/core";
import { CliError } from "./errors.js";

export const LINT_FORMATS = ["friendly", "json", "compact"] as const;
export type LintFormat = (typeof LINT_FORMATS)[number];
export const RULES_FORMATS = ["text", "json"] as const;
export type RulesFormat = (typeof RULES_FORMATS)[number];

export interface CliOptions {
  command: "lint" | "rules";
  help: boolean;
  version: boolean;
  /** Paths, directories and glob patterns; `["."]` when none are given. */
  patterns: string[];
  /** Already validated against the command: a LintFormat for `lint`, a RulesFormat for `rules`. */
  format: LintFormat | RulesFormat;
  outputFile: string | undefined;
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
  format: { type: "string", short: "f" },
  "output-file": { type: "string", short: "o" },
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
  "error-on-unmatched-pattern": { type: "boolean" },
  "no-error-on-unmatched-pattern": { type: "boolean" },
  version: { type: "boolean", short: "v" },
  help: { type: "boolean", short: "h" },
} as const satisfies ParseArgsConfig["options"];

export const USAGE = `Usage: docklint [options] [file|dir|glob ...]
       docklint rules [--format text|json]`;

export const HELP = `${USAGE}

Lint Dockerfiles and Compose files (daemon.json in a later release) for security
holes, bugs and bad practice.

With no paths, the current directory is searched. Directories are searched for
Dockerfile, Dockerfile.*, *.Dockerfile, *.dockerfile, Containerfile and
Containerfile.*, and for compose.yaml, compose.yml, docker-compose.yaml,
docker-compose.yml and their compose.*.yaml / docker-compose.*.yml variants
(node_modules and .git are skipped, symbolic links to directories are not
followed). A file named explicitly is linted whatever its name. A glob
(quote it: '**/Dockerfile*') lints the matching files docklint recognises, or
every match when --kind is given. To lint a path called "rules", write ./rules.

Output:
  -f, --format <name>        friendly (default), json, compact; for "rules": text, json
  -o, --output-file <path>   write the report to a file instead of standard output
  --quiet                    report errors only
  --max-warnings <n>         exit with 1 when there are more than n warnings
  --color, --no-color        force or disable colours (default: NO_COLOR, FORCE_COLOR, terminal)

Configuration:
  -c, --config <file>        use this JSON config file (no lookup)
  --no-config-lookup         ignore docklint.config.json / .docklintrc.json / .docklintrc files
  --rule <id>:<severity>     set a rule: off, info, warn, error (repeatable), or
                             <id>:'["error", {options}]'

Input:
  --kind <kind>              dockerfile, compose or daemon, for files whose name says nothing
  --stdin                    lint standard input
  --stdin-filename <name>    the file name standard input stands for
  --no-error-on-unmatched-pattern
                             do not fail when a directory or glob matches no file

Fixing:
  --fix                      apply safe fixes to the files
  --fix-dry-run              compute fixes without writing them (see "output" in --format json)

  -v, --version              print the version
  -h, --help                 print this help

Config files are looked up from each linted file's directory up to the file system
root; the nearest one wins. A config without "extends" extends ["recommended"].
Exit codes: 0 no errors, 1 lint errors or too many warnings, 2 usage, config or fatal error.`;

function usageError(message: string): CliError {
  return new CliError(message, { showUsage: true });
}

function oneOf<T extends string>(value: string, allowed: readonly T[], what: string): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  const hint = closest(value, allowed);
  throw usageError(`Unknown ${what} "${value}"${hint ? `; did you mean "${hint}"?` : ""} (expected ${allowed.join(", ")}).`);
}

/** `id:severity` or `id:["error", {...}]`; the values themselves are checked by core with the rest of the config. */
export function parseRuleFlag(raw: string): RuleOverride {
  const colon = raw.indexOf(":");
  if (colon <= 0 || colon === raw.length - 1) {
    throw usageError(`Invalid --rule "${raw}": expected <rule-id>:<severity>, e.g. --rule require-non-root-user:off.`);
  }
  const id = raw.slice(0, colon).trim();
  const value = raw.slice(colon + 1).trim();
  if (value.startsWith("[")) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(value);
    } catch (error) {
      throw usageError(`Invalid --rule "${raw}": the value is not valid JSON (${(error as Error).message}).`);
    }
    if (!Array.isArray(parsed) || parsed.length === 0 || parsed.length > 2) {
      throw usageError(`Invalid --rule "${raw}": expected ["<severity>", {options}].`);
    }
    return { id, entry: parsed as unknown as RuleEntry, raw };
  }
  const entry = /^[0-2]$/.test(value) ? (Number(value) as 0 | 1 | 2) : (value as RuleEntry);
  return { id, entry, raw };
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
    const flag = /'(-\w, )?(--[\w-]+)/.exec(message)?.[2];
    if (/argument missing/.test(message)) return usageError(`Option "${flag ?? message}" needs a value.`);
    if (/ambiguous/.test(message)) return usageError(`Option "${flag ?? message}" needs a value; write ${flag ?? "--option"}=<value> for a value starting with "-".`);
    if (/does not take an argument/.test(message)) return usageError(`Option "${flag ?? message}" takes no value.`);
  }
  return usageError(message);
}

export function parseCliArgs(argv: readonly string[]): CliOptions {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw translateParseError(error);
  }
  const { values, positionals } = parsed;

  const command = positionals[0] === "rules" ? "rules" : "lint";
  const patterns = command === "rules" ? positionals.slice(1) : positionals;
  if (command === "rules" && patterns.length > 0) {
    throw usageError(`"docklint rules" takes no paths (got "${patterns[0]}"); to lint a path called "rules", write ./rules.`);
  }

  const format =
    command === "rules"
      ? oneOf(values.format ?? "text", RULES_FORMATS, "format for \"docklint rules\"")
      : oneOf(values.format ?? "friendly", LINT_FORMATS, "format");

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
    outputFile: values["output-file"],
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
  };

  if (command === "lint") {
    if (options.stdin && positionals.length > 0) {
      throw usageError(`--stdin lints standard input; do not pass paths with it (got "${positionals[0]}").`);
    }
    if (options.stdinFilename !== undefined && !options.stdin) throw usageError("--stdin-filename needs --stdin.");
    if (options.fix && options.fixDryRun) throw usageError("--fix and --fix-dry-run cannot be used together.");
    // As in ESLint: there is no file to write fixed standard input back to.
    if (options.fix && options.stdin) throw usageError("--fix cannot be used with --stdin; use --fix-dry-run --format json to get the fixed text.");
  }
  return options;
}
