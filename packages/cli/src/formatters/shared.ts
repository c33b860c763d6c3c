import type * as Crypto from "node:crypto";
import { createRequire } from "node:module";
import path from "node:path";
import { escapeTerminalControls, type Level, type LintMessage } from "@docklint/core";
import type { FormatterContext, FormatterResult, FormatterRuleMeta } from "./types.js";

/**
 * Helpers shared by the CI formats (sarif, checkstyle, junit, gitlab, github).
 *
 * Rule documentation URLs are not built here: they come from `context.rulesMeta[id].docs.url`,
 * which `rulesMetaFor` fills from core's `listRules()` (`RuleInfo.docs`, the one place that knows
 * the base URL: `DOCS_BASE` in packages/core/src/rule-info.ts). A rule without meta gets no URL
 * rather than an invented one.
 */

/** docklint's home page (SARIF `informationUri`, report headers). */
export const DOCKLINT_HOMEPAGE = "https://github.com/docklint/docklint";

let version: string | undefined;
/**
 * The CLI package's version (the same path from src/formatters and dist/formatters). createRequire
 * rather than an import attribute: JSON modules still print an experimental warning on Node 20.
 */
export function docklintVersion(): string {
  version ??= (createRequire(import.meta.url)("../../package.json") as { version: string }).version;
  return version;
}

/**
 * JSON.stringify, with the characters a terminal acts on that it leaves raw (DEL, the C1
 * controls, U+2028/9, the bidirectional controls; it escapes the C0 controls itself) written as
 * `\uXXXX`. The JSON reports carry file names and, as ESLint's `json` does, file sources; `cat
 * report.json` must not hand a linted file's controls to the terminal. Escapes parse back to the
 * same strings, and such characters only occur inside strings, so the report means what it did.
 */
export function jsonText(value: unknown, space?: number): string {
  return escapeTerminalControls(JSON.stringify(value, null, space), (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** The level a CI report shows: core's level, with fatal messages always errors. */
export function levelOf(message: LintMessage): Level {
  if (message.fatal || message.severity === 2) return "error";
  return message.level === "info" ? "info" : "warning";
}

/** The label of a message without a rule (parse errors, unreadable files, bad suppression comments), as the friendly format shows it. */
export function ruleLabel(message: LintMessage): string {
  return message.ruleId ?? (message.fatal ? "fatal" : "docklint");
}

/** A rule's meta in the context, by the context's own keys only (a rule id such as `constructor` finds nothing else). */
export function ruleMeta(context: FormatterContext, id: string): FormatterRuleMeta | undefined {
  return Object.hasOwn(context.rulesMeta, id) ? context.rulesMeta[id] : undefined;
}

/** The rule's documentation page, when the rule has meta. */
export function docsUrl(message: LintMessage, context: FormatterContext): string | undefined {
  const id = message.ruleId;
  return (id === null ? undefined : ruleMeta(context, id)?.docs.url) || undefined;
}

/** Whether a file path lies outside `cwd` (or on another drive): such paths are reported absolute. */
function isOutside(relative: string): boolean {
  return relative === ".." || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative);
}

/**
 * The path CI systems want: relative to the directory docklint ran in, with forward slashes.
 * A path outside it stays absolute; a name that is no path (`<text>` for standard input) is kept.
 */
export function reportPath(filePath: string, cwd: string): string {
  if (!path.isAbsolute(filePath)) return filePath.split(path.sep).join("/");
  const relative = path.relative(cwd, filePath);
  if (relative === "" || isOutside(relative)) return filePath.split(path.sep).join("/");
  return relative.split(path.sep).join("/");
}

/** Whether `reportPath` could express the file relative to `cwd`. */
export function isUnderCwd(filePath: string, cwd: string): boolean {
  if (!path.isAbsolute(filePath)) return true;
  const relative = path.relative(cwd, filePath);
  return relative !== "" && !isOutside(relative);
}

/** The exact range, 1-based, end exclusive (ESLint's convention); the end is the start when the message has none. */
export interface MessageRange {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export function rangeOf(message: LintMessage): MessageRange {
  const line = Math.max(1, Math.trunc(message.line) || 1);
  const column = Math.max(1, Math.trunc(message.column) || 1);
  let endLine = message.endLine !== undefined && Number.isFinite(message.endLine) ? Math.trunc(message.endLine) : line;
  let endColumn = message.endColumn !== undefined && Number.isFinite(message.endColumn) ? Math.trunc(message.endColumn) : column;
  if (endLine < line || (endLine === line && endColumn < column)) {
    endLine = line;
    endColumn = column;
  }
  return { line, column, endLine, endColumn: Math.max(1, endColumn) };
}

/** "line 3, col 5 to line 3, col 20": the exact range in words, for the formats with free text only. */
export function rangeText(message: LintMessage): string {
  const r = rangeOf(message);
  const start = `line ${r.line}, col ${r.column}`;
  if (message.endLine === undefined && message.endColumn === undefined) return start;
  return `${start} to line ${r.endLine}, col ${r.endColumn}`;
}

/** A result's suppressed messages; results built by hand (programmatic use) may lack the array. */
export function suppressedOf(result: FormatterResult): readonly LintMessage[] {
  return (result.suppressedMessages as LintMessage[] | undefined) ?? [];
}

/** The text the messages' positions refer to: the fixed text after --fix / --fix-dry-run, else the source. */
export function textOf(result: FormatterResult): string | undefined {
  return result.output ?? result.source;
}

/**
 * A fingerprint that survives unrelated edits: the rule (and message id), the file's path and the
 * text of the line the finding is on (trimmed, so re-indenting keeps it), plus the number of
 * identical findings before it in the file. No line numbers and no clock, so the same finding
 * keeps its fingerprint from one pipeline to the next and code quality / code scanning can tell
 * new findings from fixed ones.
 */
let cryptoModule: typeof Crypto | undefined;
/** node:crypto on first use: loading it costs every run start-up time, and only CI formats hash. */
function crypto(): typeof Crypto {
  cryptoModule ??= createRequire(import.meta.url)("node:crypto") as typeof Crypto;
  return cryptoModule;
}

export function fingerprinter(result: FormatterResult, cwd: string): (message: LintMessage) => string {
  const seen = new Map<string, number>();
  const file = reportPath(result.filePath, cwd);
  const text = textOf(result);
  let lines: string[] | undefined;
  return (message) => {
    lines ??= text === undefined ? [] : text.split(/\r\n|\r|\n/);
    const key = JSON.stringify([ruleLabel(message), message.messageId ?? "", file, (lines[rangeOf(message).line - 1] ?? "").trim()]);
    const occurrence = seen.get(key) ?? 0;
    seen.set(key, occurrence + 1);
    return crypto().createHash("sha256").update(`${key}\n${occurrence}`).digest("hex");
  };
}
