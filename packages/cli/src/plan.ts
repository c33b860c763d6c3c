/**
 * What a lint run does, shared by the CLI (`main.ts`) and the programmatic API (`api.ts`): find
 * the files, load each one's configuration, lint them. The two differ only in what they do with
 * problems (the CLI prints them and exits 2, the API throws) and with the results.
 */
import { realpathSync, statSync } from "node:fs";
import path from "node:path";
import { visibleText, type Config, type LintResult, type LintTimes, type Rule } from "@docklint/core";
import type * as ComposeModule from "@docklint/core/compose";
import type { LoadedConfig } from "./config.js";
import { BAKE_FILE_NAMES, bakeContexts } from "./bake.js";
import { CliError } from "./errors.js";
import { DirectoryListings } from "./directory-listings.js";
import { discoverFiles, readTarget, type IgnoreMatch, type IgnoreRules, type Target } from "./files.js";
import type { LintCache } from "./cache.js";
import { reportPath } from "./formatters/shared.js";
import { FileCache, fileServices, runLint, type LintJob, type LintRun } from "./lint.js";
import { createShellcheckRunner, shellcheckNotes, usesShellcheck } from "./shellcheck.js";
import { runLintInWorkers, type Concurrency } from "./workers.js";

/** Where each file's configuration comes from: the config resolver, or one inline config (API). */
export interface ConfigSource {
  /** `undefined`: the configuration itself, before any file (checks a --config up front). */
  forFile(filePath: string | undefined): Promise<Pick<LoadedConfig, "config" | "file" | "ignored">>;
  /** What the search listed, for lookups in the same directories (ConfigResolver's). */
  useListings?(listings: DirectoryListings): void;
}

/** What a lint run will do: files to lint, results already known, and problems to report with exit code 2. */
export interface Plan {
  /** In output order: a job to run, or a result known without linting. */
  slots: ({ job: LintJob } | { result: LintResult })[];
  problems: string[];
  notes: string[];
  /** The directories the search listed, for the lint's reads of files beside the linted ones. */
  listings?: DirectoryListings;
  /** Reads of the files that linted files refer to, made while planning (a Compose file's includers), for the lint to reuse. */
  files?: FileCache;
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
    messages: [{ ruleId: null, severity: 1, level: "warning", message: visibleText(`File ignored because of a matching ignore pattern (${why}); use "--no-ignore" to lint it anyway.`), line: 1, column: 1 }],
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

/** A config file as notes name it: relative to `cwd` when under it (as the CI formats show paths), else absolute. */
export function configLabel(cwd: string, file: string | undefined): string {
  return file === undefined ? "the configuration" : reportPath(file, cwd);
}

export async function planFiles(options: PlanOptions, configs: ConfigSource): Promise<Plan> {
  // Config and ignore files, and `.dockerignore` files, are looked for in every directory that holds a file to lint.
  const listings = new DirectoryListings();
  configs.useListings?.(listings);
  const found = await discoverFiles(options.patterns, {
    cwd: options.cwd,
    errorOnUnmatchedPattern: options.errorOnUnmatchedPattern,
    kind: options.kind,
    ignore: options.ignore,
    listings,
  });
  const plan: Plan = { slots: [], problems: [...found.problems], notes: [...found.notes], listings, files: new FileCache(listings) };
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
      if (target.explicit) plan.slots.push({ result: ignoredResult(target.path, target, `"ignores" in ${configLabel(options.cwd, loaded.file)}`) });
      continue;
    }
    const config = options.adjustConfig ? options.adjustConfig(loaded.config) : loaded.config;
    plan.slots.push({ job: { filePath: target.path, kind: target.kind, config } });
  }
  await linkComposeBuilds(plan, options, configs, found.ignores);
  await linkBakeContexts(plan, options.cwd);
  return plan;
}

type ComposeEntry = typeof ComposeModule;

/** A `build:` key on some line (a cheap pre-test: a Compose file without one is not parsed again). */
function mentionsBuild(text: string): boolean {
  return /^[ \t]*["']?build["']?[ \t]*:/m.test(text);
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/**
 * The project view: every Dockerfile a linted Compose file's services build is linted once, with
 * the build context of the first service (in the plan's order) that builds it, so that its
 * `.dockerignore` and context checks see what `docker compose build` sends. A Dockerfile the
 * search found already gets that context; one it did not find (`docker/app.Dockerfile` named by
 * `build.dockerfile`, or beside a Compose file named on the command line) is added after its
 * Compose file, unless the config or an ignore file (`.gitignore`, `.docklintignore`) ignores
 * it. A missing Dockerfile adds nothing: the Compose file's `valid-file-references` reports it.
 * Compose files without `build:` cost one regex test.
 */
async function linkComposeBuilds(plan: Plan, options: PlanOptions, configs: ConfigSource, ignores: IgnoreRules | undefined): Promise<void> {
  const composeSlots = plan.slots.flatMap((slot, index) => ("job" in slot && slot.job.kind === "compose" && slot.job.text === undefined ? [{ job: slot.job, index }] : []));
  if (composeSlots.length === 0) return;
  const dockerfiles = new Map<string, LintJob>();
  for (const slot of plan.slots) if ("job" in slot && slot.job.kind === "dockerfile") dockerfiles.set(slot.job.filePath, slot.job);
  const linked = new Set<string>();
  const added = new Map<number, LintJob[]>();
  const targets = new Map<string, Set<string>>();
  const namedContexts = new Map<string, Set<string>>();
  let compose: ComposeEntry | undefined;
  for (const { job, index } of composeSlots) {
    const read = await readTarget(job.filePath);
    if (!read.ok || !mentionsBuild(read.text)) continue;
    compose ??= await import("@docklint/core/compose");
    // With the file's reader, a file that another one includes with `project_directory` resolves
    // its contexts from there, as the lint of the Compose file itself does.
    const settings = job.config.settings ?? {};
    const parsed = compose.parseCompose(read.text, { context: { filePath: job.filePath, services: fileServices(job.filePath, "compose", settings, plan.files), settings } });
    if (!parsed.ok) continue;
    const dir = path.dirname(job.filePath);
    for (const reference of compose.buildReferences(parsed.model)) {
      const dockerfile = path.resolve(dir, reference.dockerfile);
      if (reference.target !== undefined) addName(targets, dockerfile, reference.target.toLowerCase());
      for (const name of reference.contexts ?? []) addName(namedContexts, dockerfile, name);
      if (linked.has(dockerfile)) continue;
      linked.add(dockerfile);
      const buildContext = path.resolve(dir, reference.context);
      const existing = dockerfiles.get(dockerfile) ?? linkedJob(dockerfile, dockerfiles);
      if (existing) {
        existing.buildContext = buildContext;
        continue;
      }
      if (!isFile(dockerfile)) continue;
      // The ignore files the search honoured hide an added Dockerfile too (`--no-ignore` lints it).
      if (ignores && (await ignores.ignored(dockerfile, false))) continue;
      let loaded: Pick<LoadedConfig, "config" | "file" | "ignored">;
      try {
        loaded = await configs.forFile(dockerfile);
      } catch (error) {
        if (!(error instanceof CliError)) throw error;
        continue;
      }
      if (loaded.ignored && options.ignore) continue;
      const config = options.adjustConfig ? options.adjustConfig(loaded.config) : loaded.config;
      const extra: LintJob = { filePath: dockerfile, kind: "dockerfile", config, buildContext };
      dockerfiles.set(dockerfile, extra);
      added.set(index, [...(added.get(index) ?? []), extra]);
    }
  }
  // Every service's target counts, not only the first service's: each is an image built of the
  // file. So does every service's named context: a name one of the builds gives is not a mistake.
  for (const [dockerfile, names] of targets) {
    const job = dockerfiles.get(dockerfile);
    if (job) job.buildTargets = [...names].sort();
  }
  for (const [dockerfile, names] of namedContexts) {
    const job = dockerfiles.get(dockerfile);
    if (job) job.buildContexts = [...names].sort();
  }
  if (added.size === 0) return;
  plan.slots = plan.slots.flatMap((slot, index) => [slot, ...(added.get(index) ?? []).map((extra) => ({ job: extra }))]);
}

/**
 * The named contexts of bake files (`docker-bake.hcl`, `docker-bake.json`, their overrides) in the
 * directories from each linted Dockerfile's up to the current directory, where `docker buildx
 * bake` reads them, added to `buildContexts` of the Dockerfiles their targets build. A run without
 * a bake file costs one listing question per directory (the search's listings answer most).
 */
async function linkBakeContexts(plan: Plan, cwd: string): Promise<void> {
  const dockerfiles = new Map<string, LintJob>();
  for (const slot of plan.slots) if ("job" in slot && slot.job.kind === "dockerfile" && slot.job.text === undefined) dockerfiles.set(slot.job.filePath, slot.job);
  if (dockerfiles.size === 0) return;
  const listings = plan.listings ?? new DirectoryListings();
  const directories = new Set<string>();
  for (const file of dockerfiles.keys()) {
    for (let dir = path.dirname(file); !directories.has(dir); dir = path.dirname(dir)) {
      directories.add(dir);
      const inside = path.relative(cwd, dir);
      if (inside === "" || inside.startsWith("..") || path.isAbsolute(inside) || path.dirname(dir) === dir) break;
    }
  }
  const byDirectory = new Map<string, { path: string; text: string }[]>();
  for (const dir of directories) {
    for (const name of BAKE_FILE_NAMES) {
      if (!listings.mayHold(dir, name, true)) continue;
      const file = path.join(dir, name);
      const read = await readTarget(file);
      if (read.ok) byDirectory.set(dir, [...(byDirectory.get(dir) ?? []), { path: file, text: read.text }]);
    }
  }
  const projects = [...byDirectory.values()].map((files) => ({ files, runDir: undefined as string | undefined }));
  // Bake files with other names (`docker buildx bake -f tests/build.hcl`), from the configs'
  // `settings.bakeFiles`: read as bake reads them when run in the current directory.
  const listed = new Set<string>();
  for (const job of dockerfiles.values()) {
    const given = job.config.settings?.["bakeFiles"];
    if (Array.isArray(given)) for (const file of given) if (typeof file === "string" && file.trim() !== "") listed.add(path.resolve(cwd, file));
  }
  const named: { path: string; text: string }[] = [];
  for (const file of listed) {
    const read = await readTarget(file);
    if (read.ok) named.push({ path: file, text: read.text });
  }
  if (named.length > 0) projects.push({ files: named, runDir: cwd });
  // Each directory's bake files are one project, as `docker buildx bake` run there reads them.
  for (const { files, runDir } of projects) {
    for (const [dockerfile, names] of bakeContexts(files, runDir)) {
      const job = dockerfiles.get(dockerfile) ?? linkedJob(dockerfile, dockerfiles);
      if (job) job.buildContexts = [...new Set([...(job.buildContexts ?? []), ...names])].sort();
    }
  }
}

/**
 * The job of the file a Dockerfile path links to, when the search left the link out for it
 * (files.ts, dropLinksToLinted): a service that builds `Dockerfile` → `docker/Dockerfile.debian`
 * gives its context to that file's lint instead of adding the link's.
 */
function linkedJob(dockerfile: string, dockerfiles: ReadonlyMap<string, LintJob>): LintJob | undefined {
  const real = realPath(dockerfile);
  if (real === undefined || real === dockerfile) return undefined;
  for (const [file, job] of dockerfiles) if (file === real || realPath(file) === real) return job;
  return undefined;
}

function realPath(file: string): string | undefined {
  try {
    return realpathSync(file);
  } catch {
    return undefined;
  }
}

/** Notes a name a Compose build gives a Dockerfile: a target stage (lower-cased, as BuildKit matches `--target`) or a named context. */
function addName(names: Map<string, Set<string>>, dockerfile: string, name: string): void {
  let known = names.get(dockerfile);
  if (!known) names.set(dockerfile, (known = new Set()));
  known.add(name);
}

export interface PlanRun {
  /** One result per slot, in the plan's order. */
  results: LintResult[];
  writeErrors: LintRun["writeErrors"];
  /** Notes for standard error that are not findings (ShellCheck missing or failing). */
  notes: string[];
}

/**
 * --cache: whether a job's results may be cached. ShellCheck's findings depend on the ShellCheck
 * installed, so a file it checks is linted every time. Answered once per config: resolving a
 * config's rules for each of thousands of files costs more than a cache hit.
 */
function isCacheableFor(rules: readonly Rule[]): (job: LintJob) => boolean {
  const configsUsingShellcheck = new Map<Config, boolean>();
  return (job) => {
    if (job.kind !== undefined && job.kind !== "dockerfile") return true;
    let uses = configsUsingShellcheck.get(job.config);
    if (uses === undefined) configsUsingShellcheck.set(job.config, (uses = usesShellcheck([job], rules)));
    return !uses;
  };
}

/**
 * Lints a plan's jobs, loading the Compose and daemon.json languages and ShellCheck only when a
 * job needs them. With a cache (--cache), files whose results it holds are not linted, and the
 * others' results are given to it. `beforeSerialLint` is called once before files are linted on
 * this thread (not when worker threads lint them, nor when there is nothing to lint).
 */
export async function runPlan(
  plan: Plan,
  options: { rules: readonly Rule[]; fix: boolean; fixDryRun: boolean; concurrency?: Concurrency; cache?: LintCache; beforeSerialLint?: () => void; times?: LintTimes },
): Promise<PlanRun> {
  const planned = plan.slots.flatMap((slot) => ("job" in slot ? [slot.job] : []));
  const { cache } = options;
  // Reads of the files that linted files refer to, shared by the cache's checks and the lint (not
  // by a --fix run's lint, whose writes could make an answer stale).
  const fileCache = plan.files ?? new FileCache(plan.listings);
  const isCacheable = isCacheableFor(options.rules);
  const known = cache ? planned.map((job) => (isCacheable(job) ? cache.lookup(job, fileCache) : undefined)) : [];
  const jobs = planned.filter((_job, index) => known[index] === undefined);
  // The Compose language (YAML parser, schema) is loaded only when a file may be Compose:
  // a Dockerfile-only run loads no YAML or schema code.
  if (jobs.some((job) => job.kind !== "dockerfile" && job.kind !== "daemon")) await import("@docklint/core/compose");
  // The daemon.json language likewise, for daemon files and files whose kind is found from content.
  if (jobs.some((job) => job.kind === "daemon" || job.kind === undefined)) await import("@docklint/core/daemon");
  // ShellCheck is looked for only when a linted file's config turns the rule on.
  const wantsShellcheck = usesShellcheck(jobs, options.rules);
  const shellcheck = wantsShellcheck ? createShellcheckRunner() : undefined;
  const lintOptions = {
    fix: options.fix,
    fixDryRun: options.fixDryRun,
    rules: options.rules,
    services: shellcheck ? { shellcheck } : {},
    ...(cache ? { recordDependencies: true } : {}),
    ...(options.fix ? {} : { fileCache }),
    ...(options.times ? { times: options.times } : {}),
  };
  // --concurrency: worker threads for large trees (workers.ts); same results, same order.
  let run = await runLintInWorkers(jobs, lintOptions, options.concurrency ?? "off");
  if (!run) {
    if (jobs.length > 0) options.beforeSerialLint?.();
    run = await runLint(jobs, lintOptions);
  }
  if (cache) for (const [index, job] of jobs.entries()) if (isCacheable(job)) cache.store(job, run.results[index] as LintResult, run.dependencies?.[index]);
  let next = 0;
  let nextPlanned = 0;
  const results = plan.slots.map((slot) => {
    if (!("job" in slot)) return slot.result;
    return known[nextPlanned++] ?? (run.results[next++] as LintResult);
  });
  return { results, writeErrors: run.writeErrors, notes: shellcheckNotes(wantsShellcheck, shellcheck) };
}

/** --quiet: errors only, with the counts to match (as ESLint's getErrorResults). */
export function errorsOnly(result: LintResult): LintResult {
  const messages = result.messages.filter((m) => m.severity === 2);
  return { ...result, messages, warningCount: 0, infoCount: 0, fixableWarningCount: 0 };
}
