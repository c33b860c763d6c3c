import { mkdir, stat, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { builtinRules, kindFromName, listRules, type LintResult, type Rule } from "@docklint/core";
import { HELP, USAGE, parseCliArgs, type CliOptions, type LintFormat } from "./args.js";
import { ConfigResolver } from "./config.js";
import { CliError } from "./errors.js";
import { MAX_FILE_BYTES, findFiles, type ReadOutcome } from "./files.js";
import { loadFormatter, rulesMetaFor, shouldUseColor } from "./formatters/index.js";
import { fatalResult, runLint, type LintJob } from "./lint.js";
import { rulesCommand } from "./rules-command.js";
import { createShellcheckRunner, shellcheckNotes, usesShellcheck } from "./shellcheck.js";

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
  /** Colour variables (NO_COLOR, FORCE_COLOR, TERM); defaults to process.env. */
  env?: Readonly<Record<string, string | undefined>>;
}

export interface MainOptions {
  /** Rules to run instead of the built-in ones (programmatic use, plugins, tests). */
  rules?: readonly Rule[];
}

/** The name ESLint gives text without a file name. */
const STDIN_NAME = "<text>";

function version(): string {
  // createRequire rather than an import attribute: JSON modules still print an experimental warning on Node 20.
  // The path is the same from src/ (tests) and dist/ (the published bin).
  const pkg = createRequire(import.meta.url)("../package.json") as { version: string };
  return pkg.version;
}

async function readStream(stream: NodeJS.ReadableStream, limit: number): Promise<ReadOutcome> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buffer = typeof chunk === "string" ? Buffer.from(chunk, "utf8") : (chunk as Buffer);
    size += buffer.length;
    if (size > limit) return { ok: false, problem: `Input too large (more than ${limit / (1024 * 1024)} MB); it was not linted.` };
    chunks.push(buffer);
  }
  return { ok: true, text: Buffer.concat(chunks).toString("utf8") };
}

async function writeOutput(text: string, outputFile: string | undefined, io: MainIO): Promise<void> {
  if (outputFile === undefined) {
    if (text !== "") io.stdout.write(text.endsWith("\n") ? text : `${text}\n`);
    return;
  }
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

/** --quiet: errors only, with the counts to match (as ESLint's getErrorResults). */
function errorsOnly(result: LintResult): LintResult {
  const messages = result.messages.filter((m) => m.severity === 2);
  return { ...result, messages, warningCount: 0, infoCount: 0, fixableWarningCount: 0 };
}

async function lintJobs(options: CliOptions, io: MainIO, resolver: ConfigResolver): Promise<LintJob[] | LintResult> {
  if (options.stdin) {
    const filePath = options.stdinFilename === undefined ? STDIN_NAME : path.resolve(io.cwd, options.stdinFilename);
    const kind = (options.stdinFilename === undefined ? undefined : kindFromName(filePath)) ?? options.kind;
    const { config } = await resolver.forFile(options.stdinFilename === undefined ? undefined : filePath);
    const read = await readStream(io.stdin ?? process.stdin, MAX_FILE_BYTES);
    if (!read.ok) return fatalResult(filePath, kind, read.problem);
    return [{ filePath, kind, config, text: read.text }];
  }
  const targets = await findFiles(options.patterns, {
    cwd: io.cwd,
    errorOnUnmatchedPattern: options.errorOnUnmatchedPattern,
    kind: options.kind,
  });
  const jobs: LintJob[] = [];
  // Every file's config is loaded before the first file is linted: a broken config stops the run
  // with exit code 2 before any report is printed.
  for (const target of targets) {
    jobs.push({ filePath: target.path, kind: target.kind, config: (await resolver.forFile(target.path)).config });
  }
  return jobs;
}

async function lint(options: CliOptions, io: MainIO, rules: readonly Rule[]): Promise<number> {
  const resolver = new ConfigResolver({
    cwd: io.cwd,
    configFile: options.config,
    lookup: options.configLookup,
    overrides: options.ruleOverrides,
    rules,
  });
  // A bad --config is reported before the (possibly long) file search.
  if (options.config !== undefined) await resolver.forFile(undefined);

  const jobs = await lintJobs(options, io, resolver);
  // The Compose language (YAML parser, schema) is loaded only when a file may be Compose:
  // a Dockerfile-only run loads no YAML or schema code.
  if (Array.isArray(jobs) && jobs.some((job) => job.kind !== "dockerfile")) {
    await import("@docklint/core/compose");
  }
  // ShellCheck is looked for only when a linted file's config turns the rule on.
  const wantsShellcheck = Array.isArray(jobs) && usesShellcheck(jobs, rules);
  const shellcheck = wantsShellcheck ? createShellcheckRunner() : undefined;
  const services = shellcheck ? { shellcheck } : {};
  const run = Array.isArray(jobs)
    ? await runLint(jobs, { fix: options.fix, fixDryRun: options.fixDryRun, rules, services })
    : { results: [jobs], writeErrors: [] };
  const results = options.quiet ? run.results.map(errorsOnly) : run.results;

  const format = await loadFormatter(options.format as LintFormat);
  const color = shouldUseColor({
    flag: options.color,
    env: io.env ?? process.env,
    isTTY: options.outputFile === undefined && io.stdout.isTTY === true,
  });
  const report = format(results, { cwd: io.cwd, rulesMeta: rulesMetaFor(results, listRules(rules)), color });
  await writeOutput(report, options.outputFile, io);

  for (const problem of [...run.writeErrors].sort()) io.stderr.write(`docklint: ${problem}\n`);
  for (const note of shellcheckNotes(wantsShellcheck, shellcheck)) io.stderr.write(`${note}\n`);

  const errors = results.reduce((sum, r) => sum + r.errorCount, 0);
  // Infos never fail a run and do not count as warnings.
  const warnings = results.reduce((sum, r) => sum + r.warningCount, 0);
  const tooManyWarnings = options.maxWarnings >= 0 && warnings > options.maxWarnings;
  if (tooManyWarnings && errors === 0) {
    io.stderr.write(`docklint found too many warnings (${warnings}; maximum: ${options.maxWarnings}).\n`);
  }
  if (run.writeErrors.length > 0) return 2;
  return errors > 0 || tooManyWarnings ? 1 : 0;
}

async function run(argv: readonly string[], io: MainIO, mainOptions: MainOptions): Promise<number> {
  const options = parseCliArgs(argv);
  if (options.help) {
    io.stdout.write(`${HELP}\n`);
    return 0;
  }
  if (options.version) {
    io.stdout.write(`${version()}\n`);
    return 0;
  }
  const rules = mainOptions.rules ?? builtinRules;
  if (options.command === "rules") {
    await writeOutput(rulesCommand(rules, options.format === "json" ? "json" : "text"), options.outputFile, io);
    return 0;
  }
  return lint(options, io, rules);
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
      io.stderr.write(`docklint: ${error.message}\n`);
      if (error.showUsage) io.stderr.write(`\n${USAGE}\nRun "docklint --help" for all options.\n`);
      return 2;
    }
    // A bug, not bad input: the stack is what makes the report useful.
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    io.stderr.write(`docklint: internal error: ${detail}\nPlease report this bug at https://github.com/docklint/docklint/issues.\n`);
    return 2;
  }
}
