import type { OffsetRange } from "./source.js";

/** The kinds of file docklint understands. */
export type FileKind = "dockerfile" | "compose" | "daemon";
export const FILE_KINDS: readonly FileKind[] = ["dockerfile", "compose", "daemon"];

export type RuleCategory = "security" | "correctness" | "best-practice" | "maintainability" | "style";
/** A rule's level. `info` is reported like an ESLint warning (severity 1) but never fails a run. */
export type Level = "error" | "warning" | "info";
export type SeveritySetting = "off" | "info" | "warn" | "error";
export type PresetName = "recommended" | "strict" | "cis" | "all";

/** A text edit over absolute offsets, ESLint's shape. */
export interface Fix {
  range: OffsetRange;
  text: string;
}

export interface Suggestion {
  desc: string;
  fix: Fix;
}

/** One finding, in ESLint's `LintMessage` shape plus docklint's level. */
export interface LintMessage {
  ruleId: string | null;
  /** ESLint severity: 2 for errors, 1 for warnings and infos. */
  severity: 1 | 2;
  level: Level;
  message: string;
  messageId?: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  fatal?: true;
  fix?: Fix;
  suggestions?: Suggestion[];
}

/** A suppression comment that silenced nothing (reported when asked for). */
export interface UnusedSuppression {
  line: number;
  column: number;
  ruleIds: string[];
}

/** One file's result, in ESLint's `LintResult` shape. */
export interface LintResult {
  filePath: string;
  kind: FileKind | undefined;
  messages: LintMessage[];
  suppressedMessages: LintMessage[];
  errorCount: number;
  warningCount: number;
  infoCount: number;
  fatalErrorCount: number;
  fixableErrorCount: number;
  fixableWarningCount: number;
  source?: string;
  output?: string;
}

/** Peers' ids for the same check, spelled as the peers spell them. */
export interface RuleReferences {
  hadolint?: readonly string[];
  buildkit?: readonly string[];
  kics?: readonly string[];
  trivy?: readonly string[];
  checkov?: readonly string[];
  dclint?: readonly string[];
  semgrep?: readonly string[];
  cis?: readonly string[];
}
export type PeerName = keyof RuleReferences;
