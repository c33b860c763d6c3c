import type { Formatter, FormatterResult } from "./types.js";

/**
 * ESLint's result shape, with docklint's extra fields (`kind`, `infoCount`, `level` on messages)
 * kept. As in ESLint, `source` is only given for files with problems and no fixed `output`,
 * which keeps clean files cheap in large reports.
 */
export function toEslintResult(result: FormatterResult): Record<string, unknown> {
  const { source, output, ...rest } = result;
  const text = output !== undefined ? { output } : source !== undefined && result.messages.length > 0 ? { source } : {};
  return { ...rest, ...text, usedDeprecatedRules: [] };
}

const formatJson: Formatter = (results) => JSON.stringify(results.map(toEslintResult));

export default formatJson;
