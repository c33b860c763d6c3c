import type { LintMessage } from "@docklint/core";
import { docsUrl, fingerprinter, jsonText, levelOf, rangeOf, rangeText, reportPath, ruleLabel } from "./shared.js";
import type { Formatter, FormatterRuleMeta } from "./types.js";

/** GitLab's Code Quality severities. */
export type GitlabSeverity = "info" | "minor" | "major" | "critical" | "blocker";

/** One issue of a GitLab Code Quality report (a subset of the Code Climate issue spec that GitLab reads, plus the spec's optional fields). */
export interface GitlabIssue {
  type: "issue";
  check_name: string;
  description: string;
  content: { body: string };
  categories: string[];
  severity: GitlabSeverity;
  fingerprint: string;
  location: { path: string; lines: { begin: number; end: number } };
}

/** A file docklint could not lint is worse than any finding in it; otherwise the level decides. */
function severityOf(message: LintMessage): GitlabSeverity {
  if (message.fatal) return "critical";
  const level = levelOf(message);
  return level === "error" ? "major" : level === "warning" ? "minor" : "info";
}

/** Code Climate's categories for docklint's. */
const CATEGORIES: Record<NonNullable<FormatterRuleMeta["category"]>, string> = {
  security: "Security",
  correctness: "Bug Risk",
  "best-practice": "Bug Risk",
  maintainability: "Clarity",
  style: "Style",
};

/**
 * GitLab's Code Quality report (`artifacts:reports:codequality`): a JSON array of issues with
 * `description`, `check_name`, `fingerprint`, `severity` and `location.path` + `location.lines.begin`,
 * the fields GitLab documents as required. `description` ends with the rule id; `content.body`
 * (Markdown) gives the exact range and the rule's documentation URL. Paths are relative to the
 * directory docklint ran in (GitLab wants them relative to the repository root: run docklint there).
 * Fingerprints hash the rule, the path and the text of the line, never the line number or the time.
 */
const formatGitlab: Formatter = (results, context) => {
  const issues: GitlabIssue[] = [];
  for (const result of results) {
    const fingerprint = fingerprinter(result, context.cwd);
    const path = reportPath(result.filePath, context.cwd);
    for (const message of result.messages) {
      const range = rangeOf(message);
      const label = ruleLabel(message);
      const url = docsUrl(message, context);
      const category = message.ruleId === null ? undefined : context.rulesMeta[message.ruleId]?.category;
      const body = [`${rangeText(message)}: ${message.message}`, `Rule: ${url ? `[${label}](${url})` : `\`${label}\``}`].join("\n\n");
      issues.push({
        type: "issue",
        check_name: label,
        description: message.ruleId ? `${message.message} (${message.ruleId})` : message.message,
        content: { body },
        categories: [category ? CATEGORIES[category] : "Bug Risk"],
        severity: severityOf(message),
        fingerprint: fingerprint(message),
        location: { path, lines: { begin: range.line, end: range.endLine } },
      });
    }
  }
  return `${jsonText(issues, 2)}\n`;
};

export default formatGitlab;
