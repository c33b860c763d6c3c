import type { Level, LintResult, RuleCategory, RuleReferences } from "@docklint/core";

/**
 * A rule's meta as ESLint hands it to formatters (`context.rulesMeta[ruleId]`), plus docklint's
 * own (optional) fields, which the SARIF and GitLab formats use and ESLint formatters ignore.
 */
export interface FormatterRuleMeta {
  type?: "problem" | "suggestion" | "layout";
  docs: { description: string; url: string };
  fixable?: "code";
  hasSuggestions?: boolean;
  /** docklint's category of the rule. */
  category?: RuleCategory;
  /** The level the rule has when a preset turns it on (SARIF `defaultConfiguration.level`). */
  defaultLevel?: Level;
  /** The peers' ids for the same check (hadolint DL codes, BuildKit, Trivy, Checkov, KICS, dclint, Semgrep, CIS). */
  references?: RuleReferences;
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
