/**
 * The report formats. API (for main.ts, the programmatic API and tests):
 *
 * - `FORMATTER_NAMES`: every `--format` name, the default (`friendly`) first. `FormatterName` is
 *   its union type; `isFormatterName(name)` narrows a string to it.
 * - `FORMATTERS: Readonly<Record<FormatterName, Formatter>>`: the registry. A `Formatter` is
 *   `(results, context) => string`, synchronous and pure (no I/O, no clock), so the same results
 *   can be formatted several times in one run, once per requested format. Importing the registry
 *   is cheap: `friendly` loads its parts (eslint-formatter-friendly's chalk, babel's highlighter) on its first call only.
 * - `FORMATTER_DESCRIPTIONS`: one line per format, for `--help` and docs.
 * - `formatResults(name, results, context)`: one report as text. Throws an Error naming the
 *   known formats for an unknown name (validate names in args first).
 * - `formatReports(requests, results, { cwd, rulesMeta, color })`: several formats in one run
 *   (`--format sarif --output-file a.sarif --format friendly`): one report per request, in order,
 *   each `{ format, outputFile, text, chunks() }` (text made when read; chunks() the same text in
 *   pieces, one per result for json, which the CLI writes to standard output one by one);
 *   `color(request)` decides colour per destination (use `shouldUseColor` with `isTTY: false` for
 *   a file). Writing the texts is the caller's job.
 * - `loadFormatter(name)`: the older async accessor, kept; resolves to `FORMATTERS[name]`.
 * - `rulesMetaFor(results, listRules(rules))`: ESLint's `rulesMeta` for the rules in the results
 *   (messages and suppressed messages), with docklint's `category`, `defaultLevel` and `references`
 *   (SARIF rule metadata). Doc URLs come from core's `RuleInfo.docs` (the one base URL:
 *   packages/core/src/rule-info.ts); formatters never build URLs themselves.
 * - `shouldUseColor({ flag, env, isTTY })`: --color / --no-color, NO_COLOR, FORCE_COLOR, terminal.
 * - `FormatterContext` is `{ cwd, rulesMeta, color }`: paths are reported relative to `cwd` by the
 *   CI formats (sarif, junit, gitlab, github); json, compact and checkstyle keep the paths as given.
 *
 * Every format carries, for each message, the rule id, the severity, the exact range and the
 * rule's documentation URL (json: `ruleId`, `severity`/`level`, `line`…`endColumn`, `docsUrl`;
 * friendly: a link; compact: ESLint's line, which has no room for the URL or the end).
 */
import type { LintResult, RuleInfo } from "@docklint/core";
import formatCheckstyle from "./checkstyle.js";
import formatCompact from "./compact.js";
import formatFriendly from "./friendly.js";
import formatGithub from "./github.js";
import formatGitlab from "./gitlab.js";
import formatJson, { jsonReportChunks } from "./json.js";
import formatJunit from "./junit.js";
import formatSarif from "./sarif.js";
import { suppressedOf } from "./shared.js";
import type { Formatter, FormatterContext, FormatterResult, FormatterRuleMeta } from "./types.js";

export type { Formatter, FormatterContext, FormatterResult, FormatterRuleMeta } from "./types.js";

export const FORMATTER_NAMES = ["friendly", "json", "compact", "sarif", "checkstyle", "junit", "gitlab", "github"] as const;
export type FormatterName = (typeof FORMATTER_NAMES)[number];

export const FORMATTERS: Readonly<Record<FormatterName, Formatter>> = Object.freeze({
  friendly: formatFriendly,
  json: formatJson,
  compact: formatCompact,
  sarif: formatSarif,
  checkstyle: formatCheckstyle,
  junit: formatJunit,
  gitlab: formatGitlab,
  github: formatGithub,
});

export const FORMATTER_DESCRIPTIONS: Readonly<Record<FormatterName, string>> = Object.freeze({
  friendly: "code frames and clickable file:line:col (default)",
  json: "ESLint's result array, for tools",
  compact: "one line per problem (ESLint's compact)",
  sarif: "SARIF 2.1.0, for GitHub code scanning and SARIF viewers",
  checkstyle: "Checkstyle XML (Jenkins, reviewdog, Sonar)",
  junit: "JUnit XML, one test suite per file (CI test reports)",
  gitlab: "GitLab Code Quality report (JSON)",
  github: "GitHub Actions annotations (workflow commands)",
});

export function isFormatterName(name: string): name is FormatterName {
  return (FORMATTER_NAMES as readonly string[]).includes(name);
}

function formatterFor(name: string): Formatter {
  if (!isFormatterName(name)) throw new Error(`Unknown formatter "${name}"; formatters: ${FORMATTER_NAMES.join(", ")}.`);
  return FORMATTERS[name];
}

export async function loadFormatter(name: FormatterName): Promise<Formatter> {
  return Promise.resolve(formatterFor(name));
}

/** One report, as text. */
export function formatResults(name: FormatterName, results: readonly FormatterResult[], context: FormatterContext): string {
  return formatterFor(name)(results, context);
}

/** One requested report: a format and where it goes (undefined: standard output). */
export interface ReportRequest {
  format: FormatterName;
  outputFile?: string | undefined;
}

export interface Report {
  format: FormatterName;
  outputFile: string | undefined;
  /** The report's text, made when first read. */
  readonly text: string;
  /** The same text in pieces, made as they are read (a JSON report: one per result), for writing a large report without holding it whole. */
  chunks(): Iterable<string>;
}

export interface ReportsContext {
  cwd: string;
  rulesMeta: FormatterContext["rulesMeta"];
  /** Whether this report may be coloured (a terminal yes, a file no). */
  color: (request: ReportRequest) => boolean;
}

/** Several reports from the same results, one per request and in the requests' order. */
export function formatReports(requests: readonly ReportRequest[], results: readonly FormatterResult[], context: ReportsContext): Report[] {
  return requests.map((request) => {
    const formatterContext: FormatterContext = { cwd: context.cwd, rulesMeta: context.rulesMeta, color: context.color(request) };
    const chunks = (): Iterable<string> => (request.format === "json" ? jsonReportChunks(results, formatterContext) : [formatResults(request.format, results, formatterContext)]);
    let text: string | undefined;
    return {
      format: request.format,
      outputFile: request.outputFile,
      chunks,
      get text() {
        return (text ??= [...chunks()].join(""));
      },
    };
  });
}

const TYPES: Record<RuleInfo["category"], FormatterRuleMeta["type"]> = {
  security: "problem",
  correctness: "problem",
  "best-practice": "suggestion",
  maintainability: "suggestion",
  style: "layout",
};

/**
 * ESLint's `rulesMeta`, for the rules that appear in the results (as ESLint passes it), suppressed
 * findings included (SARIF lists them), with docklint's category, default level and peers' ids.
 */
export function rulesMetaFor(results: readonly LintResult[], rules: readonly RuleInfo[]): Record<string, FormatterRuleMeta> {
  const used = new Set<string>();
  for (const result of results) {
    for (const message of result.messages) if (message.ruleId) used.add(message.ruleId);
    for (const message of suppressedOf(result)) if (message.ruleId) used.add(message.ruleId);
  }
  const meta: Record<string, FormatterRuleMeta> = {};
  for (const rule of rules) {
    if (!used.has(rule.id)) continue;
    meta[rule.id] = {
      type: TYPES[rule.category],
      docs: { description: rule.description, url: rule.docs },
      ...(rule.fixable ? { fixable: "code" as const } : {}),
      ...(rule.hasSuggestions ? { hasSuggestions: true } : {}),
      category: rule.category,
      defaultLevel: rule.severity,
      references: rule.references,
    };
  }
  return meta;
}

export interface ColorEnvironment {
  /** --color (true) / --no-color (false) / neither. */
  flag: boolean | undefined;
  env: Readonly<Record<string, string | undefined>>;
  /** Whether the report goes to a terminal (false when written to --output-file). */
  isTTY: boolean;
}

/** The usual precedence: the flag, then NO_COLOR (https://no-color.org), then FORCE_COLOR, then the terminal. */
export function shouldUseColor({ flag, env, isTTY }: ColorEnvironment): boolean {
  if (flag !== undefined) return flag;
  if (env["NO_COLOR"] !== undefined && env["NO_COLOR"] !== "") return false;
  const force = env["FORCE_COLOR"];
  if (force !== undefined) return !["0", "false"].includes(force.toLowerCase());
  return isTTY && env["TERM"] !== "dumb";
}
