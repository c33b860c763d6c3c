// Programmatic API: lintFiles/format/outputFixes (api.ts, documented in docs/api.md), the CLI itself, and the
// formatters, for tools that lint with core and print like docklint.
export {
  CliError,
  FORMAT_NAMES,
  format,
  lintFiles,
  outputFixes,
  type FormatName,
  type FormatOptions,
  type LintFilesOptions,
  type OutputFixesResult,
} from "./api.js";
export type { Config, FileKind, Fix, LintMessage, LintResult, Rule, RuleEntry, Suggestion } from "./api.js";
export { main, type MainIO, type MainOptions, type OutputStream } from "./main.js";
export {
  FORMATTER_NAMES,
  loadFormatter,
  rulesMetaFor,
  shouldUseColor,
  type ColorEnvironment,
  type Formatter,
  type FormatterContext,
  type FormatterName,
  type FormatterResult,
  type FormatterRuleMeta,
} from "./formatters/index.js";
export { formatRulesJson, formatRulesText } from "./rules-command.js";
export { CONFIG_FILE_NAMES } from "./config.js";
export { DISCOVERY, IGNORE_FILE_NAMES, MAX_FILE_BYTES, classify, type DiscoveryEntry } from "./files.js";
export { createShellcheckRunner, type ShellcheckRunner, type ShellcheckRunnerOptions } from "./shellcheck.js";
export { emptyFileProblem, fileServices, listDirectory, siblingLister, siblingReader } from "./lint.js";
