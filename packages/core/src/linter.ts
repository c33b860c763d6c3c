import { DEFAULT_CONFIG, resolveRules, rulesWithPlugins, type Config } from "./config.js";
import { EXPERIMENTAL_BUILDKIT_CHECKS, readCheckDirective, type CheckDirective } from "./dockerfile/check-directive.js";
import { dockerfileLanguage } from "./dockerfile/language.js";
import type { DockerfileModel } from "./dockerfile/model.js";
import { applyFixes, mergeFixes } from "./fix.js";
import { detectKind } from "./kind.js";
import type { Language } from "./language.js";
import { formatMessage, type LintServices, type ReportDescriptor, type Rule, type RuleContext, type Settings } from "./rule.js";
import { builtinRules } from "./rules/index.js";
import type { SourceText } from "./source.js";
import { Suppressions, type PeerCodeMap, type RuleTarget, type SuppressionOptions } from "./suppressions.js";
import type { FileKind, Fix, Level, LintMessage, LintResult, PeerName } from "./types.js";
import { compareRuleIds } from "./util/compare-rule-ids.js";
import { appendTo } from "./util/append-to.js";
import { overlapsAny } from "./util/overlaps-any.js";
import { visibleText } from "./util/visible-text.js";
import { forgetLintedFile } from "./util/file-memos.js";

export interface LintOptions {
  filePath?: string;
  /** Overrides detection from the file name and content. */
  kind?: FileKind;
  config?: Config;
  /** Apply safe fixes (repeatedly, until stable) and return the fixed text as `output`. */
  fix?: boolean;
  /** Rules to use instead of the built-in ones (plugins add to `builtinRules`). */
  rules?: readonly Rule[];
  /** Host capabilities (an external ShellCheck runner, …). */
  services?: LintServices;
  /**
   * What `parseForLint` gave for this text, kind, file path, services and settings, when the
   * host parsed the file already (the ESLint plugin, for its syntax tree): used instead of parsing
   * again. A result for another text is ignored.
   */
  parsed?: LintParse;
  /** Where to add up the time this lint spends parsing and in each rule (the CLI's `TIMING=1`). */
  times?: LintTimes;
}

/**
 * Time spent linting, added up over the lints given it: what ESLint's `TIMING=1` reports. Parsing
 * includes what a language computes for all its rules (a Dockerfile's RUN shell analysis, which
 * otherwise waits for the first rule that asks); a rule is charged for the rest of what it is
 * the first to compute and shares with the rules after it.
 */
export interface LintTimes {
  /** Milliseconds in each rule's check, by rule id; every pass of a `fix` lint counts. */
  readonly rules: Map<string, number>;
  /** Milliseconds parsing and analysing the texts linted (each pass of a `fix` lint; a parse given in `parsed` not counted). */
  parse: number;
}

/** An empty LintTimes. */
export function createLintTimes(): LintTimes {
  return { rules: new Map(), parse: 0 };
}

/** Adds `ms` to a rule's time: the rule loop's step, and a host's to merge the times of another thread. */
export function addRuleTime(times: LintTimes, ruleId: string, ms: number): void {
  times.rules.set(ruleId, (times.rules.get(ruleId) ?? 0) + ms);
}

const MAX_FIX_PASSES = 10;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each language has its own model type
const languages: Partial<Record<FileKind, Language<any>>> = { dockerfile: dockerfileLanguage };

/** Registers the parser of a kind (compose and daemon are loaded only when a run needs them). */
export function registerLanguage<Model>(language: Language<Model>): void {
  languages[language.kind] = language;
}

function severityOf(level: Level): 1 | 2 {
  return level === "error" ? 2 : 1;
}

/**
 * Messages quote what the file holds (values, keys, names, YAML's own excerpts): its control
 * characters are shown as signs (`␛`), so that no output of any formatter, docklint's or ESLint's,
 * passes them to a terminal. Fixes keep the file's text as it is.
 */
function showControlCharacters(message: LintMessage): void {
  message.message = visibleText(message.message);
  if (message.suggestions) for (const suggestion of message.suggestions) suggestion.desc = visibleText(suggestion.desc);
}

function fatalResult(filePath: string, kind: FileKind | undefined, message: string, line = 1, column = 1): LintResult {
  return finish(filePath, kind, [{ ruleId: null, severity: 2, level: "error", fatal: true, message, line, column }], []);
}

function finish(filePath: string, kind: FileKind | undefined, messages: LintMessage[], suppressed: LintMessage[]): LintResult {
  for (const m of messages) showControlCharacters(m);
  for (const m of suppressed) showControlCharacters(m);
  messages.sort((a, b) => a.line - b.line || a.column - b.column || compareRuleIds(a.ruleId ?? "", b.ruleId ?? ""));
  const result: LintResult = {
    filePath,
    kind,
    messages,
    suppressedMessages: suppressed,
    errorCount: 0,
    warningCount: 0,
    infoCount: 0,
    fatalErrorCount: 0,
    fixableErrorCount: 0,
    fixableWarningCount: 0,
  };
  for (const m of messages) {
    if (m.severity === 2) {
      result.errorCount++;
      if (m.fix) result.fixableErrorCount++;
    } else {
      if (m.level === "info") result.infoCount++;
      else result.warningCount++;
      if (m.fix) result.fixableWarningCount++;
    }
    if (m.fatal) result.fatalErrorCount++;
  }
  return result;
}

/** A file that is not text: NUL bytes mean binary content (an image, an archive) passed by mistake. */
function binaryProblem(text: string): string | undefined {
  const nul = text.indexOf("\0");
  return nul >= 0 ? `This file contains NUL bytes (offset ${nul}): it looks binary, not like a text file; it was not linted.` : undefined;
}

/** A peer's pragma codes → the docklint rules (and, where the rule says, the messages) that stand for them. */
function peerCodeMap(rules: readonly Rule[], peer: PeerName): Map<string, RuleTarget[]> {
  const map = new Map<string, RuleTarget[]>();
  for (const rule of rules) {
    const byMessage = Object.entries(rule.meta.referencesByMessage ?? {});
    for (const code of rule.meta.references[peer] ?? []) {
      const narrowed = byMessage.filter(([, refs]) => refs[peer]?.includes(code)).map(([messageId]) => messageId);
      const targets = map.get(code) ?? [];
      targets.push({ ruleId: rule.meta.id, messageIds: narrowed.length > 0 ? narrowed : undefined });
      map.set(code, targets);
    }
  }
  return map;
}

type RuleTables = Pick<ConstructorParameters<typeof Suppressions>[1], "knownRuleIds" | "hadolint" | "buildkit" | "checkov">;
const ruleTablesCache = new WeakMap<readonly Rule[], RuleTables>();

/** What suppression comments are checked against, built once per rule list: every file of a run shares it. */
function ruleTables(rules: readonly Rule[]): RuleTables {
  let tables = ruleTablesCache.get(rules);
  if (!tables) {
    tables = {
      knownRuleIds: new Set(rules.map((r) => r.meta.id)),
      hadolint: peerCodeMap(rules, "hadolint"),
      // BuildKit's skip never turns off an experimental check: only `experimental=` decides those.
      buildkit: new Map([...peerCodeMap(rules, "buildkit")].filter(([code]) => !EXPERIMENTAL_BUILDKIT_CHECKS.includes(code))),
      checkov: peerCodeMap(rules, "checkov"),
    };
    ruleTablesCache.set(rules, tables);
  }
  return tables;
}

const resolvedCache = new WeakMap<Config, WeakMap<readonly Rule[], Map<FileKind, ReturnType<typeof resolveRules>>>>();

/**
 * `resolveRules`, remembered per config object: a run lints many files with one config, and
 * resolving (presets, options, validation) costs as much as linting a small file. A config that
 * fails to resolve is not remembered, so it throws again for the next file.
 */
function resolvedRules(config: Config, rules: readonly Rule[], kind: FileKind): ReturnType<typeof resolveRules> {
  let byRules = resolvedCache.get(config);
  if (!byRules) resolvedCache.set(config, (byRules = new WeakMap()));
  let byKind = byRules.get(rules);
  if (!byKind) byRules.set(rules, (byKind = new Map()));
  let resolved = byKind.get(kind);
  if (!resolved) byKind.set(kind, (resolved = resolveRules(config, rules, kind)));
  return resolved;
}

/** Lint one file's text. Never throws for bad input; throws `ConfigError` for a bad config. */
export function lintText(text: string, options: LintOptions = {}): LintResult {
  try {
    return lintFile(text, options);
  } finally {
    // The memos of this file's objects are not needed past its lint (util/file-memos.ts).
    forgetLintedFile();
  }
}

function lintFile(text: string, options: LintOptions): LintResult {
  const filePath = options.filePath ?? "<text>";
  const kind = options.kind ?? detectKind(options.filePath, text);
  if (!kind) {
    return fatalResult(filePath, undefined, "Cannot tell what kind of file this is from its name or content; pass the kind explicitly (--kind dockerfile|compose|daemon).");
  }
  const config = options.config ?? DEFAULT_CONFIG;
  // Plugin rules join the built-in ones, so suppression comments naming them are known rules.
  const rules = rulesWithPlugins(config, options.rules ?? builtinRules);
  const resolved = resolvedRules(config, rules, kind);
  const services = options.services ?? {};
  const given = options.parsed?.ok === true && options.parsed.language.kind === kind && options.parsed.language.source(options.parsed.model).text === text ? options.parsed : undefined;
  const times = options.times;
  const first = lintOnce(text, filePath, kind, config, rules, resolved, services, times, given);
  if (!options.fix) return first.result;

  let current = text;
  let pass = first;
  // Fixes found to break the file, by finding and edit: not tried again in later passes. Keyed by
  // finding and range, with the texts beside: a key holding each fix's text (JSON of the whole
  // message) was made for every fix of every pass, and a reorder fix's text is the whole list, so
  // 8,000 suppression comments in one Compose mapping took 5.6 s in making keys alone.
  const refused = new Map<string, string[]>();
  const fixKey = (m: LintMessage, fix: Fix): string => `${m.ruleId ?? ""}\0${m.line}\0${m.column}\0${fix.range[0]}\0${fix.range[1]}`;
  const isRefused = (m: LintMessage): boolean => m.fix !== undefined && refused.size > 0 && (refused.get(fixKey(m, m.fix))?.includes(m.fix.text) ?? false);
  for (let i = 0; i < MAX_FIX_PASSES; i++) {
    const candidates = pass.result.messages.filter((m) => m.fix !== undefined && !isRefused(m));
    if (candidates.length === 0) break;
    let next: ReturnType<typeof lintOnce> | undefined;
    const choice = chooseFixes(current, candidates, {
      // The next pass's lint doubles as the check of the fixes together.
      parsesTogether: (output) => {
        next = lintOnce(output, filePath, kind, config, rules, resolved, services, times);
        return next.result.fatalErrorCount === 0;
      },
      parsesAlone: (output) => parses(output, filePath, kind, config, services),
    });
    for (const m of choice.refused) if (m.fix) appendTo(refused, fixKey(m, m.fix), m.fix.text);
    if (choice.output === current || !next || next.result.fatalErrorCount > 0) break;
    current = choice.output;
    pass = next;
  }
  // A note for each fix not applied, at its finding in the text the result describes: a note made
  // when the fix was refused pointed into that pass's text, which later passes' fixes changed (a
  // line above removed moved it down by one, and the next pass refused the same fix again).
  const dropped = pass.result.messages.filter(isRefused).map(droppedFixNote);
  const result = dropped.length === 0 ? pass.result : { ...pass.result, messages: [...pass.result.messages, ...dropped], warningCount: pass.result.warningCount + dropped.length };
  return current === text ? result : { ...result, output: current };
}

/** A file read for linting: its model and language, or the fatal message lintText gives instead. */
export type LintParse =
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each language has its own model type
  | { ok: true; model: unknown; language: Language<any> }
  | { ok: false; message: string; line: number; column: number };

/**
 * What lintText does with a file before any rule runs: refuse binary content, then parse it with
 * its kind's language. The ESLint plugin builds its syntax tree from this one parse, with the
 * CLI's fatal errors, instead of parsing twice more.
 */
export function parseForLint(text: string, options: { kind: FileKind; filePath?: string; services?: LintServices; settings?: Settings }): LintParse {
  const binary = binaryProblem(text);
  if (binary) return { ok: false, message: binary, line: 1, column: 1 };
  const language = languages[options.kind];
  if (!language) return { ok: false, message: `docklint cannot lint ${options.kind} files in this build yet.`, line: 1, column: 1 };
  const parsed = language.parse(text, { filePath: options.filePath ?? "<text>", services: options.services ?? {}, settings: options.settings ?? {} });
  // The parsers quote the text they stopped at; the ESLint plugin reports this message as it is.
  if (!parsed.ok) return { ok: false, message: visibleText(`Parsing error: ${parsed.error.message}`), line: parsed.error.line, column: parsed.error.column };
  return { ok: true, model: parsed.model, language };
}

/** Which fixes of one pass to apply (chooseFixes). */
export interface FixChoice {
  /** The text with `applied`'s fixes. */
  output: string;
  applied: LintMessage[];
  /** The messages whose fixes would leave a file that no longer parses. */
  refused: LintMessage[];
}

/**
 * The rule that keeps a fix from breaking a file, for one pass over `text`: all the fixes of
 * `candidates` when the fixed text still parses; else all but those that break it on their own,
 * when the rest parse together; else none (fixes that parse alone but not together). lintText's
 * `--fix` follows it pass by pass, and the ESLint plugin offers ESLint only the fixes it keeps,
 * since ESLint applies whatever a rule offers.
 */
export function chooseFixes(
  text: string,
  candidates: readonly LintMessage[],
  check: { parsesTogether: (output: string) => boolean; parsesAlone: (output: string) => boolean },
): FixChoice {
  const withFix = candidates.filter((m) => m.fix !== undefined);
  const apply = (messages: readonly LintMessage[]): string => applyFixes(text, messages.flatMap((m) => (m.fix ? [m.fix] : []))).output;
  const all = apply(withFix);
  if (all === text || check.parsesTogether(all)) return { output: all, applied: withFix, refused: [] };
  const breaking = withFix.filter((m) => !check.parsesAlone(apply([m])));
  const rest = withFix.filter((m) => !breaking.includes(m));
  const output = apply(rest);
  if (output === text || check.parsesTogether(output)) return { output, applied: rest, refused: breaking };
  return { output: text, applied: [], refused: [...breaking, ...rest] };
}

/** The fixes of `messages` that the ESLint plugin may offer for `text`: chooseFixes with a parse of each candidate text. */
export function parseSafeFixes(text: string, messages: readonly LintMessage[], options: LintOptions & { kind: FileKind }): FixChoice {
  const accepts = (output: string): boolean => parses(output, options.filePath ?? "<text>", options.kind, options.config ?? DEFAULT_CONFIG, options.services ?? {});
  return chooseFixes(text, messages, { parsesTogether: accepts, parsesAlone: accepts });
}

function parses(text: string, filePath: string, kind: FileKind, config: Config, services: LintServices): boolean {
  if (languages[kind]?.acceptsEveryText === true) return binaryProblem(text) === undefined;
  return parseForLint(text, { kind, filePath, services, settings: config.settings ?? {} }).ok;
}

/** The note left where a fix was not applied because the file would no longer parse. */
function droppedFixNote(message: LintMessage): LintMessage {
  const note: LintMessage = {
    ruleId: message.ruleId,
    severity: 1,
    level: "warning",
    message: `The fix for this ${message.ruleId ?? "finding"} finding was not applied: the file would no longer parse after it; fix it by hand (${message.message})`,
    line: message.line,
    column: message.column,
  };
  if (message.endLine !== undefined) note.endLine = message.endLine;
  if (message.endColumn !== undefined) note.endColumn = message.endColumn;
  return note;
}

function lintOnce(
  text: string,
  filePath: string,
  kind: FileKind,
  config: Config,
  rules: readonly Rule[],
  resolved: ReturnType<typeof resolveRules>,
  services: LintServices,
  times: LintTimes | undefined,
  given?: LintParse,
): { result: LintResult } {
  let parsed = given;
  if (!parsed) {
    const started = times ? performance.now() : 0;
    parsed = parseForLint(text, { kind, filePath, services, settings: config.settings ?? {} });
    if (times && parsed.ok) {
      try {
        parsed.language.analyse?.(parsed.model);
      } catch {
        // The rules that ask for the same analysis report its failure as theirs, as without timing.
      }
    }
    if (times) times.parse += performance.now() - started;
  }
  if (!parsed.ok) return { result: fatalResult(filePath, kind, parsed.message, parsed.line, parsed.column) };
  const { model, language } = parsed;
  const source: SourceText = language.source(model);
  const messages: LintMessage[] = [];
  const check = kind === "dockerfile" ? readCheckDirective(model as DockerfileModel) : undefined;

  const experimental = experimentalRules(check, config, rules, resolved);
  const active = experimental.length === 0 ? resolved : [...resolved, ...experimental];
  // One context for all the rules of a file, told which rule is running: a context, a report
  // closure and its scope made per rule and file were 38 of the ~500 MB a recommended pass over
  // the Dockerfile corpus allocated (heap sampling). Rules report while their check runs; a
  // report after it (a plugin's stray callback) is dropped, as it was when it came too late for
  // the results.
  // A template's tags are not what the build reads: findings on them are dropped, but for the
  // rule that says the file is a template.
  const unjudged = language.unjudged?.(model);
  let running: (typeof active)[number] | undefined;
  const context: { -readonly [K in keyof RuleContext<unknown, unknown>]: RuleContext<unknown, unknown>[K] } = {
    model,
    source,
    options: undefined,
    settings: config.settings ?? {},
    filePath,
    services,
    report(descriptor: ReportDescriptor): void {
      if (!running) return;
      if (unjudged && running.rule.meta.id !== unjudged.explainedBy && overlapsAny(descriptor.range, unjudged.ranges)) return;
      messages.push(toMessage(running.rule, running.level, descriptor, source));
    },
  };
  for (const entry of active) {
    const rule = entry.rule;
    running = entry;
    context.options = entry.options;
    const started = times ? performance.now() : 0;
    try {
      rule.check(context);
    } catch (error) {
      // One broken rule must not hide the others' findings or crash a CI job.
      messages.push({
        ruleId: rule.meta.id,
        severity: 2,
        level: "error",
        message: `Rule "${rule.meta.id}" failed on this file (${error instanceof Error ? error.message : String(error)}); please report this bug with the file.`,
        line: 1,
        column: 1,
      });
    }
    if (times) addRuleTime(times, rule.meta.id, performance.now() - started);
  }
  running = undefined;

  const suppressions = new Suppressions(language.comments(model), new SuppressionContext(language, model, rules, source.lineCount));
  const kept: LintMessage[] = [];
  const suppressed: LintMessage[] = [];
  for (const message of messages) {
    if (message.ruleId !== null && suppressions.suppresses(message.ruleId, message.messageId, message.line)) suppressed.push(message);
    else kept.push(message);
  }
  if (check) applyCheckDirective(check, kept, rules);
  for (const problem of suppressions.problems) {
    kept.push({ ruleId: null, severity: 1, level: "warning", message: problem.message, line: problem.line, column: problem.column, endLine: problem.line, endColumn: problem.endColumn });
  }
  if (config.reportUnusedSuppressions) {
    const level: Level = config.reportUnusedSuppressions === true ? "warning" : config.reportUnusedSuppressions;
    for (const problem of suppressions.unused()) {
      kept.push({ ruleId: null, severity: severityOf(level), level, message: problem.message, line: problem.line, column: problem.column, endLine: problem.line, endColumn: problem.endColumn });
    }
  }
  return { result: finish(filePath, kind, kept, suppressed) };
}

/**
 * What suppression comments of one file are checked against. The rule tables are read only for
 * a suppression comment, and built on the first one: in a fresh process they cost ~5 ms (a
 * second lint: 1.7 ms, 7.4 ms with a `# hadolint ignore=`), which a one-file run without such
 * comments no longer pays (issue 7 cold start). The getters are a class's, not an object
 * literal's: a literal with getters, made for every file, kept each file's model alive through
 * young-generation collections (V8 promoted ~3.5 MB per scavenge, 16 ms pauses instead of
 * 0.5 ms, linting the corpus without rules).
 */
class SuppressionContext<Model> implements SuppressionOptions {
  readonly sectionAfter: SuppressionOptions["sectionAfter"];

  constructor(
    private readonly language: Language<Model>,
    private readonly model: Model,
    private readonly rules: readonly Rule[],
    readonly lastLine: number,
  ) {
    this.sectionAfter = language.sectionAfter ? (line) => language.sectionAfter?.(model, line) : undefined;
  }

  statementAfter(line: number): { startLine: number; endLine: number } | undefined {
    return this.language.statementAfter(this.model, line);
  }

  get knownRuleIds(): ReadonlySet<string> {
    return ruleTables(this.rules).knownRuleIds;
  }

  get hadolint(): PeerCodeMap {
    return ruleTables(this.rules).hadolint;
  }

  get buildkit(): PeerCodeMap {
    return ruleTables(this.rules).buildkit;
  }

  get checkov(): PeerCodeMap {
    return ruleTables(this.rules).checkov;
  }
}

/** `# check=experimental=…` turns on BuildKit's experimental checks, unless the config turned the rule off. */
function experimentalRules(check: CheckDirective | undefined, config: Config, rules: readonly Rule[], resolved: ReturnType<typeof resolveRules>): ReturnType<typeof resolveRules> {
  if (!check || check.experimental.length === 0) return [];
  const wanted = check.experimental.includes("all") ? EXPERIMENTAL_BUILDKIT_CHECKS : check.experimental;
  return rules
    .filter((rule) => rule.meta.kind === "dockerfile" && (rule.meta.references.buildkit ?? []).some((code) => wanted.includes(code) && EXPERIMENTAL_BUILDKIT_CHECKS.includes(code)))
    .filter((rule) => !resolved.some((r) => r.rule === rule) && config.rules?.[rule.meta.id] === undefined)
    .map((rule) => ({ rule, level: rule.meta.severity, options: rule.meta.options?.defaults ?? {} }));
}

/** `error=true` makes every finding that stands for a BuildKit check an error; bad options are reported. */
function applyCheckDirective(check: CheckDirective, messages: LintMessage[], rules: readonly Rule[]): void {
  if (check.error) {
    for (const message of messages) {
      const rule = rules.find((r) => r.meta.id === message.ruleId);
      if (!rule || (rule.meta.references.buildkit ?? []).length === 0) continue;
      const byMessage = rule.meta.referencesByMessage;
      const mapped = byMessage?.[message.messageId ?? ""];
      if (byMessage && !(mapped?.buildkit?.length)) continue;
      message.level = "error";
      message.severity = 2;
    }
  }
  for (const problem of check.problems) {
    messages.push({
      ruleId: null,
      severity: 2,
      level: "error",
      message: `Invalid "# check=" directive: ${problem}; the build rejects it.`,
      line: check.line,
      column: 1,
    });
  }
}

const LEVEL_RANK: Record<Level, number> = { info: 0, warning: 1, error: 2 };

function toMessage(rule: Rule, configured: Level, descriptor: ReportDescriptor, source: SourceText): LintMessage {
  const level = descriptor.level !== undefined && LEVEL_RANK[descriptor.level] < LEVEL_RANK[configured] ? descriptor.level : configured;
  const template = rule.meta.messages[descriptor.messageId];
  const start = source.positionAt(descriptor.range[0]);
  const end = source.positionAt(Math.max(descriptor.range[0], descriptor.range[1]));
  const message: LintMessage = {
    ruleId: rule.meta.id,
    severity: severityOf(level),
    level,
    message: template === undefined ? `Unknown messageId "${descriptor.messageId}" in rule "${rule.meta.id}".` : formatMessage(template, descriptor.data),
    messageId: descriptor.messageId,
    line: start.line,
    column: start.column,
    endLine: end.line,
    endColumn: end.column,
  };
  const fix = toFix(descriptor.fix, source);
  if (fix) message.fix = fix;
  if (descriptor.suggestions?.length) {
    message.suggestions = descriptor.suggestions.flatMap((s) => {
      const suggestionFix = toFix(s.fix, source);
      return suggestionFix ? [{ desc: s.desc, fix: suggestionFix }] : [];
    });
  }
  return message;
}

function toFix(fix: Fix | readonly Fix[] | undefined, source: SourceText): Fix | undefined {
  if (!fix) return undefined;
  const merged = Array.isArray(fix) ? mergeFixes(source.text, fix as readonly Fix[]) : (fix as Fix);
  // The byte order mark belongs to the file, not to its first line: a fix that removes or
  // rewrites the first line (no-version-field) must leave it in place.
  if (merged && source.hasBom && merged.range[0] === 0) return { range: [1, Math.max(1, merged.range[1])], text: merged.text.replace(/^\uFEFF/, "") };
  return merged;
}
