import type { LintMessage } from "@docklint/core";
import type { Formatter, FormatterContext, FormatterResult } from "./types.js";
import { docsUrl, jsonText } from "./shared.js";

/** A message with its rule's documentation URL as `docsUrl` (when the rule has meta); ESLint tooling ignores the extra field. */
function withDocsUrl(message: LintMessage, context: FormatterContext | undefined): LintMessage & { docsUrl?: string } {
  const url = context ? docsUrl(message, context) : undefined;
  return url ? { ...message, docsUrl: url } : message;
}

/**
 * ESLint's result shape, with docklint's extra fields (`kind`, `infoCount`, `level` on messages,
 * `docsUrl` on messages of rules with meta) kept. As in ESLint, `source` is only given for files
 * with problems and no fixed `output`, which keeps clean files cheap in large reports.
 */
export function toEslintResult(result: FormatterResult, context?: FormatterContext): Record<string, unknown> {
  const { source, output, ...rest } = result;
  const text = output !== undefined ? { output } : source !== undefined && result.messages.length > 0 ? { source } : {};
  return { ...rest, messages: result.messages.map((message) => withDocsUrl(message, context)), ...text, usedDeprecatedRules: [] };
}

const formatJson: Formatter = (results, context) => jsonText(results.map((result) => toEslintResult(result, context)));

/**
 * formatJson's text in pieces, one result each, made as they are read. The CLI writes them to
 * standard output one by one, so that a large report (the corpus's: 10 MB with every file's source,
 * as ESLint's format has it) is never held whole next to the results (issue 7, peak memory).
 */
export function* jsonReportChunks(results: readonly FormatterResult[], context: FormatterContext): Generator<string> {
  yield "[";
  let separator = "";
  for (const result of results) {
    yield separator + jsonText(toEslintResult(result, context));
    separator = ",";
  }
  yield "]";
}

export default formatJson;
