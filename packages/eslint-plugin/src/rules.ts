import { appendTo, builtinRules, lintText, parseSafeFixes, type Config, type LintParse, type FileKind, type LintMessage, type LintResult, type Rule, type RuleEntry, type Settings } from "@docklint/core";
import type { RuleDefinition } from "@eslint/core";
import { parseBehind, ROOT_TYPES, type DocklintSourceCode, type LanguageKind, type RootNode } from "./language.js";
import { servicesFor } from "./services.js";

/** Where each rule's page lives; ESLint shows it as the finding's link (VS Code: the rule id). */
export const DOCS_BASE = "https://github.com/docklint/docklint/blob/main/docs/rules/";

/** The kinds the plugin has languages for. */
export const LANGUAGE_KINDS: readonly LanguageKind[] = ["dockerfile", "compose", "daemon"];

/**
 * One lint run of core per file: every adapter rule ESLint enabled for the file registers its
 * options in `create()`, which ESLint calls for all rules before it traverses; the first visit
 * runs core once with exactly those rules and options, and each adapter reports its own findings.
 * The same engine, suppressions (`# docklint-disable…`, `# hadolint ignore=`, `# check=skip=`)
 * and `# check=` directives as the CLI, so the findings are the CLI's.
 */
interface FileRun {
  kind: LanguageKind;
  rules: Map<string, Record<string, unknown>>;
  result?: LintResult | { error: string };
  /** The result's messages by rule id (null: of no rule), so that each adapter reads its own, not every message. */
  byRule?: Map<string | null, LintMessage[]>;
}

/**
 * The messages of `ruleId` in the file's result. Each of the ~150 adapter rules looked through all
 * of them for its own: with 288,000 findings in one Compose file, 0.46 s of the 7.9 s ESLint took.
 */
function messagesOf(run: FileRun, result: LintResult, ruleId: string | null): readonly LintMessage[] {
  if (!run.byRule) {
    run.byRule = new Map();
    for (const message of result.messages) appendTo(run.byRule, message.ruleId, message);
  }
  return run.byRule.get(ruleId) ?? [];
}

const runs = new WeakMap<object, FileRun>();

function runFor(sourceCode: DocklintSourceCode, kind: LanguageKind): FileRun {
  let run = runs.get(sourceCode);
  if (!run || run.kind !== kind) {
    run = { kind, rules: new Map() };
    runs.set(sourceCode, run);
  }
  return run;
}

/** ESLint's `settings.docklint` is core's `settings` (trustedRegistries, labelSchema, strictLabels). */
function docklintSettings(settings: Record<string, unknown> | undefined): Settings | undefined {
  const value = settings?.["docklint"];
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Settings) : undefined;
}

/**
 * One Config object per distinct rules, options and settings, shared by the files that have them:
 * core remembers a config's resolved rules by the object, and resolving them (every rule's options
 * validated) cost more than the lint. CPU profile of ESLint 10's Linter over 1,234 corpus
 * Dockerfiles with `recommended`: core's resolveRules ~100 µs per file with a new object each time.
 */
const sharedConfigs = new Map<string, Config>();
const SHARED_CONFIGS_LIMIT = 64;

function configFor(rules: Record<string, RuleEntry>, settings: Settings | undefined): Config {
  const fresh = (): Config => (settings ? { rules, settings } : { rules });
  let key: string;
  try {
    key = JSON.stringify([rules, settings ?? null]);
  } catch {
    // Settings JSON cannot hold (a BigInt, a cycle): resolved again for each file, as before.
    return fresh();
  }
  let config = sharedConfigs.get(key);
  if (!config) {
    if (sharedConfigs.size >= SHARED_CONFIGS_LIMIT) sharedConfigs.clear();
    config = fresh();
    sharedConfigs.set(key, config);
  }
  return config;
}

function lintOnce(run: FileRun, text: string, filePath: string, settings: Settings | undefined, parsed: LintParse | undefined): LintResult | { error: string } {
  const rules: Record<string, RuleEntry> = {};
  for (const [id, options] of run.rules) rules[id] = ["error", options];
  const config = configFor(rules, settings);
  try {
    const services = servicesFor(filePath, run.kind, { shellcheck: run.rules.has("shellcheck"), ...(settings ? { settings } : {}) });
    // The language's parse had no settings: with settings (Compose's composeFiles), the model may differ.
    const options = { kind: run.kind, filePath, config, services, ...(parsed && !settings ? { parsed } : {}) };
    return withParseSafeFixes(text, lintText(text, options), options);
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * The result with the fixes that would leave a file that no longer parses taken off their
 * messages (the findings stay): ESLint applies every fix a rule offers, where the CLI's --fix
 * refuses these (core's chooseFixes, the same rule pass by pass). Found by the plugin's fuzz test:
 * no-typographic-characters' fix for `key: \uFEFF{(` in a Compose file turned a plain scalar into
 * an unclosed flow mapping.
 */
function withParseSafeFixes(text: string, result: LintResult, options: Parameters<typeof parseSafeFixes>[2]): LintResult {
  const fixable = result.messages.filter((m) => m.fix !== undefined);
  if (fixable.length === 0) return result;
  const { refused } = parseSafeFixes(text, fixable, options);
  if (refused.length === 0) return result;
  const unsafe = new Set(refused);
  return { ...result, messages: result.messages.map((m) => (unsafe.has(m) ? withoutFix(m) : m)) };
}

function withoutFix(message: LintMessage): LintMessage {
  const copy = { ...message };
  delete copy.fix;
  return copy;
}

type EslintType = "problem" | "suggestion" | "layout";

function typeOf(rules: readonly Rule[]): EslintType {
  return rules.some((r) => r.meta.category === "security" || r.meta.category === "correctness") ? "problem" : "suggestion";
}

/** Rules of several kinds that share an id share its options: the union of their properties. */
function optionsOf(rules: readonly Rule[]): { schema: Record<string, unknown>; defaults: Record<string, unknown> } | undefined {
  const withOptions = rules.filter((r) => r.meta.options !== undefined);
  if (withOptions.length === 0) return undefined;
  const properties: Record<string, unknown> = {};
  const defaults: Record<string, unknown> = {};
  for (const rule of withOptions) {
    Object.assign(properties, (rule.meta.options?.schema["properties"] as Record<string, unknown> | undefined) ?? {});
    Object.assign(defaults, rule.meta.options?.defaults as Record<string, unknown>);
  }
  return { schema: { type: "object", properties, additionalProperties: false }, defaults };
}

function locOf(message: LintMessage): { start: { line: number; column: number }; end: { line: number; column: number } } | { line: number; column: number } {
  // A message without an end (an invalid `# check=` directive) stays a point, as the CLI prints it.
  if (message.endLine === undefined && message.endColumn === undefined) return { line: message.line, column: message.column };
  return {
    start: { line: message.line, column: message.column },
    end: { line: message.endLine ?? message.line, column: message.endColumn ?? message.column },
  };
}

/** The sourceCode's kind when it is one of the plugin's languages (on ESLint 9 a misconfigured rule may reach a JS file). */
function rootOf(sourceCode: DocklintSourceCode): RootNode | undefined {
  const root = (sourceCode as { ast?: unknown }).ast as RootNode | undefined;
  if (!root || !(LANGUAGE_KINDS as readonly string[]).includes(root.kind) || ROOT_TYPES[root.kind] !== root.type) return undefined;
  return root;
}

/** What an adapter rule's `create` needs of ESLint's rule context. */
interface AdapterContext {
  sourceCode: unknown;
  physicalFilename?: string;
  filename: string;
  settings: unknown;
}

/**
 * The file's shared core run, for an adapter rule's `create`: the root node to visit and the
 * core result, computed by whichever adapter's visitor runs first. Undefined when the file is not
 * one of the plugin's languages (on ESLint 9 a misconfigured rule may reach a JS file).
 */
function attach(context: AdapterContext): { root: RootNode; run: FileRun; result: () => LintResult | { error: string } } | undefined {
  const sourceCode = context.sourceCode as DocklintSourceCode;
  const root = rootOf(sourceCode);
  if (!root) return undefined;
  const run = runFor(sourceCode, root.kind);
  const filePath = context.physicalFilename ?? context.filename;
  const settings = docklintSettings(context.settings as Record<string, unknown> | undefined);
  return { root, run, result: () => (run.result ??= lintOnce(run, sourceCode.text, filePath, settings, parseBehind(root, filePath))) };
}

/** The rule ESLint knows as `docklint/<id>`: it runs core's rule(s) of that id, whatever the kind. */
export function adapterRule(id: string, rules: readonly Rule[]): RuleDefinition {
  const kinds = LANGUAGE_KINDS.filter((kind) => rules.some((r) => r.meta.kind === kind));
  const options = optionsOf(rules);
  const first = rules[0];
  return {
    meta: {
      type: typeOf(rules),
      docs: {
        description: first?.meta.docs ?? id,
        recommended: rules.some((r) => r.meta.presets.includes("recommended")),
        url: `${DOCS_BASE}${id}.md`,
      },
      ...(rules.some((r) => r.meta.fixable) ? { fixable: "code" as const } : {}),
      ...(rules.some((r) => r.meta.hasSuggestions) ? { hasSuggestions: true } : {}),
      schema: options ? [options.schema] : [],
      ...(options ? { defaultOptions: [options.defaults] } : {}),
      // ESLint ≥ 10.2 refuses the rule on other languages (a JS file); ESLint 9 ignores the key.
      languages: kinds.map((kind) => `docklint/${kind}`),
    },
    create(context) {
      const file = attach(context);
      if (!file || !rules.some((r) => r.meta.kind === file.root.kind)) return {};
      file.run.rules.set(id, (context.options[0] as Record<string, unknown> | undefined) ?? {});
      return {
        [file.root.type]() {
          const result = file.result();
          if ("error" in result) {
            context.report({ loc: { line: 1, column: 1 }, message: `docklint could not run "${id}" on this file: ${result.error}` });
            return;
          }
          for (const message of messagesOf(file.run, result, id)) {
            const fix = message.fix;
            context.report({
              loc: locOf(message),
              message: message.message,
              ...(fix ? { fix: (fixer) => fixer.replaceTextRange([fix.range[0], fix.range[1]], fix.text) } : {}),
              ...(message.suggestions?.length
                ? { suggest: message.suggestions.map((s) => ({ desc: s.desc, fix: (fixer) => fixer.replaceTextRange([s.fix.range[0], s.fix.range[1]], s.fix.text) })) }
                : {}),
            });
          }
        },
      };
    },
  } as RuleDefinition;
}

/** The id of the adapter rule for core's messages that belong to no rule. */
export const DIRECTIVES_RULE_ID = "directives";

/**
 * `docklint/directives`: core's messages that belong to no rule, which the CLI prints with a
 * null rule id: an invalid `# check=` directive in a Dockerfile (the build rejects it), and an
 * unknown rule named in a `# docklint-disable…` comment. It shares the file's one core run with
 * the other adapters (and runs core alone when no other docklint rule is on).
 */
export function directivesRule(): RuleDefinition {
  return {
    meta: {
      type: "problem",
      docs: {
        description: "Report docklint's own problems with a file's comments: invalid `# check=` directives and unknown rules in `# docklint-disable` comments",
        recommended: true,
        url: "https://github.com/docklint/docklint/blob/main/packages/eslint-plugin/README.md#docklintdirectives",
      },
      schema: [],
      languages: LANGUAGE_KINDS.map((kind) => `docklint/${kind}`),
    },
    create(context) {
      const file = attach(context);
      if (!file) return {};
      return {
        [file.root.type]() {
          const result = file.result();
          // A crash of core is reported by each enabled adapter rule; alone, this rule says it once.
          if ("error" in result) {
            if (file.run.rules.size === 0) context.report({ loc: { line: 1, column: 1 }, message: `docklint could not run on this file: ${result.error}` });
            return;
          }
          for (const message of messagesOf(file.run, result, null)) {
            if (message.fatal) continue;
            context.report({ loc: locOf(message), message: message.message });
          }
        },
      };
    },
  } as RuleDefinition;
}

/** Core's rules grouped by id, for the kinds the plugin has languages for. */
export function ruleGroups(rules: readonly Rule[] = builtinRules): Map<string, Rule[]> {
  const groups = new Map<string, Rule[]>();
  for (const rule of rules) {
    if (!(LANGUAGE_KINDS as readonly FileKind[]).includes(rule.meta.kind)) continue;
    appendTo(groups, rule.meta.id, rule);
  }
  return groups;
}

/** Every core rule as an ESLint rule, keyed by core's id, and `directives` for the messages of no rule. */
export function adapterRules(rules: readonly Rule[] = builtinRules): Record<string, RuleDefinition> {
  const out: Record<string, RuleDefinition> = { [DIRECTIVES_RULE_ID]: directivesRule() };
  for (const [id, group] of [...ruleGroups(rules)].sort(([a], [b]) => a.localeCompare(b))) out[id] = adapterRule(id, group);
  return out;
}
