import type { LintResult } from "@docklint/core";

/** A rule's meta as ESLint hands it to formatters (`context.rulesMeta[ruleId]`). */
export interface FormatterRuleMeta {
  type?: "problem" | "suggestion" | "layout";
  docs: { description: string; url: string };
  fixable?: "code";
  hasSuggestions?: boolean;
}

/** ESLint's formatter context, plus the colour decision made once by the CLI. */
export interface FormatterContext {
  /** Directory paths are shown relative to. */
  cwd: string;
  /** Meta of the rules that appear in the results, keyed by rule id. */
  rulesMeta: Readonly<Record<string, FormatterRuleMeta>>;
  /** Whether the output may contain ANSI colours. */
  color: boolean;
}

/** Results as the CLI produces them: core's results with the file's text, as ESLint's `source`. */
export type FormatterResult = LintResult;

export type Formatter = (results: readonly FormatterResult[], context: FormatterContext) => string;
