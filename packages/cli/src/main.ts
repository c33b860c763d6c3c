import { mkdir, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { builtinRules, createLintTimes, kindFromName, listRules, visibleText, type Config, type Rule } from "@docklint/core";
import { HELP, HUMAN_FORMATS, USAGE, parseCliArgs, type CliOptions } from "./args.js";
import { cacheFilePath, LintCache } from "./cache.js";
import { ConfigResolver } from "./config.js";
import { CliError } from "./errors.js";
import { IgnoreRules, decodeText, formatBytes, maxFileBytes, setMaxFileBytes, type ReadOutcome } from "./files.js";
import { formatReports, rulesMetaFor, shouldUseColor, type Report } from "./formatters/index.js";
import { docklintVersion } from "./formatters/shared.js";
import { initConfig } from "./init.js";
import { fatalResult } from "./lint.js";
import { configLabel, describeIgnore, errorsOnly, ignoredResult, planFiles, runPlan, type Plan } from "./plan.js";
import { printConfig } from "./print-config.js";
import { rulesCommand } from "./rules-command.js";
import { formatLintTimes } from "./timing.js";

export interface OutputStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
}

export interface MainIO {
  cwd: string;
  stdout: OutputStream;
  stderr: OutputStream;
  /** Read by --stdin; defaults to process.stdin. */
  stdin?: NodeJS.ReadableStream;
  /** Colour variables (NO_COLOR, FORCE_COLOR, TERM) and TIMING; defaults to process.env. */
  env?: Readonly<Record<string, string | undefined>>;
}

export interface MainOptions {
  /** Rules to run instead of the built-in ones (programmatic use, plugins, tests). */
  rules?: readonly Rule[];
  /**
   * Called once just before files are linted on this thread, when no worker thread lints them: the
   * bundled bin tunes V8 for a one-thread run there (scripts/bundle-launcher.mjs).
   */
  beforeSerialLint?: () => void;
}

/** The name ESLint gives text without a file name. */
const STDIN_NAME = "<text>";

async function readStream(stream: NodeJS.ReadableStream, limit: number): Promise<ReadOutcome> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buffer = typeof chunk === "string" ? Buffer.from(chunk, "utf8") : (chunk as Buffer);
    size += buffer.length;
    if (size > limit) return { ok: false, problem: `Input too large (more than ${formatBytes(limit)}); it was not linted (raise the limit with --max-file-size).` };
    chunks.push(buffer);
  }
  return decodeText(Buffer.concat(chunks));
}

function writeStdout(text: string, io: MainIO): void {
  writeStdoutChunks([text], io);
}

/** Writes the pieces of one text, ending it with a newline; nothing for an empty text. */
function writeStdoutChunks(chunks: Iterable<string>, io: MainIO): void {
  let last = "";
  for (const chunk of chunks) {
    // A reader that closed the pipe (`docklint | head`) wants no more.
    if ((io.stdout as { destroyed?: boolean }).destroyed === true) return;
    if (chunk === "") continue;
    io.stdout.write(chunk);
    last = chunk;
  }
  if (last !== "" && !last.endsWith("\n")) io.stdout.write("\n");
}

async function writeReportFile(text: string, outputFile: string, io: MainIO): Promise<void> {
  const file = path.resolve(io.cwd, outputFile);
  const info = await stat(file).catch(() => undefined);
  if (info?.isDirectory()) throw new CliError(`Cannot write the report to "${outputFile}": it is a directory.`);
  try {
    await mkdir(path.dirname(file), { recursive: true });
    // Written even when empty, so that a CI step never picks up a previous run's report.
    await writeFile(file, text);
  } catch (error) {
    throw new CliError(`Cannot write the report to "${outputFile}": ${(error as Error).message}.`);
  }
}

async function writeOutput(text: string, outputFile: string | undefined, io: MainIO): Promise<void> {
  if (outputFile === undefined) writeStdout(text, io);
  else await writeReportFile(text, outputFile, io);
}

/** A lint report: to standard output piece by piece (a JSON report one result at a time), to a file whole. */
async function writeReport(report: Report, io: MainIO): Promise<void> {
  if (report.outputFile === undefined) writeStdoutChunks(report.chunks(), io);
  else await writeReportFile(report.text, report.outputFile, io);
}

function withFlags(config: Config, options: CliOptions): Config {
  // ESLint's --report-unused-disable-directives reports them as errors.
  return options.reportUnusedDisableDirectives ? { ...config, reportUnusedSuppressions: "error" } : config;
}

async function planStdin(options: CliOptions, io: MainIO, resolver: ConfigResolver): Promise<Plan> {
  const filePath = options.stdinFilename === undefined ? STDIN_NAME : path.resolve(io.cwd, options.stdinFilename);
  const kind = (options.stdinFilename === undefined ? undefined : kindFromName(filePath)) ?? options.kind;
  const loaded = await resolver.forFile(options.stdinFilename === undefined ? undefined : filePath);
  const read = await readStream(io.stdin ?? process.stdin, maxFileBytes());
  const plan: Plan = { slots: [], problems: [], notes: [] };
  // As ESLint: text standing for a file that an ignore file excludes is reported as ignored.
  const ignored = options.ignore && options.stdinFilename !== undefined ? await new IgnoreRules(io.cwd).ignored(filePath, false) : undefined;
  if (!read.ok) plan.slots.push({ result: fatalResult(filePath, kind, read.problem) });
  else if (ignored) plan.slots.push({ result: ignoredResult(filePath, { kind }, describeIgnore(ignored)) });
  else if (loaded.ignored && options.ignore) plan.slots.push({ result: ignoredResult(filePath, { kind }, `"ignores" in ${configLabel(io.cwd, loaded.file)}`) });
  else plan.slots.push({ job: { filePath, kind, config: withFlags(loaded.config, options), text: read.text } });
  return plan;
}

function resolverFor(options: CliOptions, io: MainIO, rules: readonly Rule[]): ConfigResolver {
  return new ConfigResolver({
    cwd: io.cwd,
    configFile: options.config,
    lookup: options.configLookup,
    overrides: options.ruleOverrides,
    rules,
  });
}

async function lint(options: CliOptions, io: MainIO, rules: readonly Rule[], mainOptions: MainOptions): Promise<number> {
  if (options.maxFileSize === undefined) return lintRun(options, io, rules, mainOptions);
  const previous = setMaxFileBytes(options.maxFileSize);
  try {
    return await lintRun(options, io, rules, mainOptions);
  } finally {
    setMaxFileBytes(previous);
  }
}

async function lintRun(options: CliOptions, io: MainIO, rules: readonly Rule[], mainOptions: MainOptions): Promise<number> {
  const resolver = resolverFor(options, io, rules);
  // A bad --config is reported before the (possibly long) file search.
  if (options.config !== undefined) await resolver.forFile(undefined);

  const plan = options.stdin
    ? await planStdin(options, io, resolver)
    : await planFiles(
        { cwd: io.cwd, patterns: options.patterns, errorOnUnmatchedPattern: options.errorOnUnmatchedPattern, kind: options.kind, ignore: options.ignore, adjustConfig: (config) => withFlags(config, options) },
        resolver,
      );
  // As ESLint: standard input is never cached.
  const cache =
    options.cache && !options.stdin
      ? new LintCache({ file: cacheFilePath(io.cwd, options.cacheLocation), strategy: options.cacheStrategy, rules, fixing: options.fix || options.fixDryRun })
      : undefined;
  const env = io.env ?? process.env;
  // ESLint's TIMING: any value turns it on (`all` or a number above 10 lists more rules).
  const setting = env["TIMING"];
  const timing = setting ? { setting, times: createLintTimes() } : undefined;
  const run = await runPlan(plan, {
    rules,
    ...(timing ? { times: timing.times } : {}),
    fix: options.fix,
    fixDryRun: options.fixDryRun,
    concurrency: options.concurrency,
    ...(cache ? { cache } : {}),
    ...(mainOptions.beforeSerialLint ? { beforeSerialLint: mainOptions.beforeSerialLint } : {}),
  });
  const cacheNotes = cache?.finish() ?? [];
  const linted = run.results;
  const results = options.quiet ? linted.map(errorsOnly) : linted;

  const stdoutColor = shouldUseColor({ flag: options.color, env, isTTY: io.stdout.isTTY === true });
  // --fix-dry-run: the diffs go to standard output, before the report, unless standard output
  // carries a report for tools (json, sarif, …), which must stay parseable: json has `output`.
  const stdoutReport = options.outputs.find((o) => o.outputFile === undefined);
  if (options.fixDryRun && (stdoutReport === undefined || HUMAN_FORMATS.includes(stdoutReport.format))) {
    // The diff library is loaded only for --fix-dry-run.
    const { fixDiffs } = await import("./diff.js");
    writeStdout(fixDiffs(linted, io.cwd, stdoutColor), io);
  }

  const reports = formatReports(options.outputs, results, {
    cwd: io.cwd,
    rulesMeta: rulesMetaFor(results, listRules(rules)),
    // A file gets colours only when asked with --color: FORCE_COLOR is for terminals that do not look like one.
    color: (request) => (request.outputFile === undefined ? stdoutColor : options.color === true),
  });
  const outputErrors: string[] = [];
  for (const report of reports) {
    try {
      await writeReport(report, io);
    } catch (error) {
      if (!(error instanceof CliError)) throw error;
      outputErrors.push(error.message);
    }
  }

  // Notes name files and quote ignore patterns: their control characters as signs (see visibleText).
  for (const note of [...plan.notes, ...plan.problems, ...[...run.writeErrors].sort(), ...outputErrors, ...cacheNotes]) io.stderr.write(`docklint: ${visibleText(note)}\n`);
  for (const note of run.notes) io.stderr.write(`${visibleText(note, true)}\n`);
  if (timing) io.stderr.write(formatLintTimes(timing.times, timing.setting));

  const errors = results.reduce((sum, r) => sum + r.errorCount, 0);
  // Infos never fail a run and do not count as warnings.
  const warnings = results.reduce((sum, r) => sum + r.warningCount, 0);
  const tooManyWarnings = options.maxWarnings >= 0 && warnings > options.maxWarnings;
  if (tooManyWarnings) {
    io.stderr.write(`docklint found too many warnings (${warnings}; maximum: ${options.maxWarnings}): fix some, or raise --max-warnings.\n`);
  }
  if (plan.problems.length > 0 || run.writeErrors.length > 0 || outputErrors.length > 0) return 2;
  return errors > 0 || tooManyWarnings ? 1 : 0;
}

async function run(argv: readonly string[], io: MainIO, mainOptions: MainOptions): Promise<number> {
  const options = parseCliArgs(argv);
  if (options.help) {
    io.stdout.write(`${HELP}\n`);
    return 0;
  }
  if (options.version) {
    io.stdout.write(`${docklintVersion()}\n`);
    return 0;
  }
  const rules = mainOptions.rules ?? builtinRules;
  if (options.command === "rules") {
    await writeOutput(rulesCommand(rules, options.format === "json" ? "json" : "text"), options.outputFile, io);
    return 0;
  }
  if (options.init) {
    const { summary } = await initConfig(io.cwd, rules);
    io.stdout.write(`${summary.join("\n")}\n`);
    return 0;
  }
  if (options.printConfig !== undefined) {
    const resolver = resolverFor(options, io, rules);
    const text = await printConfig({
      cwd: io.cwd,
      file: options.printConfig,
      kind: options.kind,
      configFor: async (file) => {
        const loaded = await resolver.forFile(file);
        return { ...loaded, config: withFlags(loaded.config, options) };
      },
      rules,
    });
    await writeOutput(text, options.outputFile, io);
    return 0;
  }
  return lint(options, io, rules, mainOptions);
}

/**
 * The whole CLI: returns the exit code (0 clean, 1 lint errors or too many warnings, 2 usage,
 * config or fatal error). Never calls process.exit and never throws, so it can be embedded and tested.
 */
export async function main(argv: readonly string[], io: MainIO, options: MainOptions = {}): Promise<number> {
  try {
    return await run(argv, io, options);
  } catch (error) {
    if (error instanceof CliError) {
      io.stderr.write(`docklint: ${visibleText(error.message)}\n`);
      if (error.showUsage) io.stderr.write(`\n${USAGE}\nRun "docklint --help" for all options.\n`);
      return 2;
    }
    // A bug, not bad input: the stack is what makes the report useful.
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    io.stderr.write(`docklint: internal error: ${detail}\nPlease report this bug at https://github.com/docklint/docklint/issues.\n`);
    return 2;
  }
}
