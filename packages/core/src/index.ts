export { addRuleTime, chooseFixes, createLintTimes, lintText, parseForLint, parseSafeFixes, registerLanguage, type FixChoice, type LintOptions, type LintParse, type LintTimes } from "./linter.js";
export {
  ConfigError,
  DEFAULT_CONFIG,
  PRESET_NAMES,
  closest,
  isInPreset,
  pluginRules,
  resolveRules,
  rulesWithPlugins,
  type Config,
  type Plugin,
  type ResolvedRule,
  type RuleEntry,
} from "./config.js";
export {
  defineRule,
  formatMessage,
  type JsonSchema,
  type LintServices,
  type ReportDescriptor,
  type Rule,
  type RuleContext,
  type RuleMeta,
  type Settings,
  type ShellcheckFinding,
  type ShellcheckScript,
} from "./rule.js";
export { builtinRules } from "./rules/index.js";
export { listRules, type RuleInfo } from "./rule-info.js";
export { appendTo } from "./util/append-to.js";
export { compareRuleIds } from "./util/compare-rule-ids.js";
export { escapeTerminalControls, visibleText } from "./util/visible-text.js";
export { eolCalendarKey, eolToday } from "./util/eol-releases.js";
export { detectKind, isComposeLayerName, isComposeName, isDaemonConfigName, isDockerfileName, kindFromContent, kindFromName } from "./kind.js";
export { applyFixes } from "./fix.js";
export { SourceText, type OffsetRange, type Position } from "./source.js";
export { parseDockerfile } from "./dockerfile/parse.js";
export { contextSources, hasGlob, type ContextSource } from "./rules/dockerfile/_copy-operands.js";
export type * from "./dockerfile/model.js";
export type * from "./types.js";
export { FILE_KINDS } from "./types.js";
export { parseImageReference, type ImageReference } from "./image/reference.js";
export { parseShell } from "./shell/parse.js";
export type * from "./shell/types.js";
