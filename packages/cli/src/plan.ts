/**
 * What a lint run does, shared by the CLI (`main.ts`) and the programmatic API (`api.ts`): find
 * the files, load each one's configuration, lint them. The two differ only in what they do with
 * problems (the CLI prints them and exits 2, the API throws) and with the results.
 */
import path from "node:path";
import type { Config, LintResult, Rule } from "@docklint/core";
import type { LoadedConfig } from "./config.js";
import { CliError } from "./errors.js";
import { discoverFiles, type IgnoreMatch, type Target } from "./files.js";
import { runLint, type LintJob, type LintRun } from "./lint.js";
import { createShellcheckRunner, shellcheckNotes, usesShellcheck } from "./shellcheck.js";

/** Where each file's configuration comes from: the config resolver, or one inline config (API). */
export interface ConfigSource {
  /** `undefined`: the configuration itself, before any file (checks a --config up front). */
  forFile(filePath: string | undefined): Promise<Pick<LoadedConfig, "config" | "file" | "ignored">>;
}

/** What a lint run will do: files to lint, results already known, and problems to report with exit code 2. */
export interface Plan {
  /** In output order: a job to run, or a result known without linting. */
  slots: ({ job: LintJob } | { result: LintResult })[];
  problems: string[];
  notes: string[];
}

export interface PlanOptions {
  cwd: string;
  patterns: readonly string[];
  errorOnUnmatchedPattern: boolean;
  kind: LintJob["kind"];
  /** Honour ignore files and the config's `ignores`. */
  ignore: boolean;
  /** Applied to every file's config (the CLI's --report-unused-disable-directives). */
  adjustConfig?: (config: Config) => Config;
}

/** ESLint's result for a file named explicitly that an ignore pattern matches: one warning, nothing linted. */
export function ignoredResult(filePath: string, target: Pick<Target, "kind">, why: string): LintResult {
  return {
    filePath,
    kind: target.kind,
    messages: [{ ruleId: null, severity: 1, level: "warning", message: `File ignored because of a matching ignore pattern (${why}); use "--no-ignore" to lint it anyway.`, line: 1, column: 1 }],
    suppressedMessages: [],
    errorCount: 0,
    warningCount: 1,
    infoCount: 0,
    fatalErrorCount: 0,
    fixableErrorCount: 0,
    fixableWarningCount: 0,
  };
}

export function describeIgnore(match: IgnoreMatch): string {
  return `\`${match.pattern}\` in ${match.source}`;
}

export function displayPath(cwd: string, file: string | undefined): string {
  if (file === undefined) return "the configuration";
  const relative = path.relative(cwd, file);
  return relative && !relative.startsWith("..") && !path.isAbsolute(relative) ? relative : file;
}

export async function planFiles(options: PlanOptions, configs: ConfigSource): Promise<Plan> {
  const found = await discoverFiles(options.patterns, {
    cwd: options.cwd,
    errorOnUnmatchedPattern: options.errorOnUnmatchedPattern,
    kind: options.kind,
    ignore: options.ignore,
  });
  const plan: Plan = { slots: [], problems: [...found.problems], notes: [...found.notes] };
  // Every file's config is loaded before the first file is linted. A broken config file is
  // reported once, with exit code 2; the files it governs are not linted, the others are.
  const brokenConfigs = new Set<string>();
  for (const target of found.targets) {
    if (target.ignored) {
      plan.slots.push({ result: ignoredResult(target.path, target, describeIgnore(target.ignored)) });
      continue;
    }
    let loaded: Pick<LoadedConfig, "config" | "file" | "ignored">;
    try {
      loaded = await configs.forFile(target.path);
    } catch (error) {
      if (!(error instanceof CliError)) throw error;
      if (!brokenConfigs.has(error.message)) plan.problems.push(error.message);
      brokenConfigs.add(error.message);
      continue;
    }
    if (loaded.ignored && options.ignore) {
      // The config's `ignores`: silently skipped by a search, a warning for a file named explicitly (as ESLint).
      if (target.explicit) plan.slots.push({ result: ignoredResult(target.path, target, `"ignores" in ${displayPath(options.cwd, loaded.file)}`) });
      continue;
    }
    const config = options.adjustConfig ? options.adjustConfig(loaded.config) : loaded.config;
    plan.slots.push({ job: { filePath: target.path, kind: target.kind, config } });
  }
  return plan;
}

export interface PlanRun {
  /** One result per slot, in the plan's order. */
  results: LintResult[];
  writeErrors: LintRun["writeErrors"];
  /** Notes for standard error that are not findings (ShellCheck missing or failing). */
  notes: string[];
}

/** Lints a plan's jobs, loading the Compose and daemon.json languages and ShellCheck only when a job needs them. */
export async function runPlan(plan: Plan, options: { rules: readonly Rule[]; fix: boolean; fixDryRun: boolean }): Promise<PlanRun> {
  const jobs = plan.slots.flatMap((slot) => ("job" in slot ? [slot.job] : []));
  // The Compose language (YAML parser, schema) is loaded only when a file may be Compose:
  // a Dockerfile-only run loads no YAML or schema code.
  if (jobs.some((job) => job.kind !== "dockerfile" && job.kind !== "daemon")) await import("@docklint/core/compose");
  // The daemon.json language likewise, for daemon files and files whose kind is found from content.
  if (jobs.some((job) => job.kind === "daemon" || job.kind === undefined)) await import("@docklint/core/daemon");
  // ShellCheck is looked for only when a linted file's config turns the rule on.
  const wantsShellcheck = usesShellcheck(jobs, options.rules);
  const shellcheck = wantsShellcheck ? createShellcheckRunner() : undefined;
  const run = await runLint(jobs, { fix: options.fix, fixDryRun: options.fixDryRun, rules: options.rules, services: shellcheck ? { shellcheck } : {} });
  let next = 0;
  const results = plan.slots.map((slot) => ("job" in slot ? (run.results[next++] as LintResult) : slot.result));
  return { results, writeErrors: run.writeErrors, notes: shellcheckNotes(wantsShellcheck, shellcheck) };
}

/** --quiet: errors only, with the counts to match (as ESLint's getErrorResults). */
export function errorsOnly(result: LintResult): LintResult {
  const messages = result.messages.filter((m) => m.severity === 2);
  return { ...result, messages, warningCount: 0, infoCount: 0, fixableWarningCount: 0 };
}
