import { randomBytes } from "node:crypto";
import { readFileSync, statSync } from "node:fs";
import { chmod, open, realpath, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import { ConfigError, detectKind, kindFromName, lintText, type Config, type FileKind, type LintResult, type LintServices, type Rule } from "@docklint/core";
import { MAX_FILE_BYTES, readTarget } from "./files.js";

/** Files read at once: enough to hide disk latency, few enough not to exhaust file descriptors. */
const READ_CONCURRENCY = 16;

/** One fatal message at 1:1, in the shape core gives a file it cannot parse. */
export function fatalResult(filePath: string, kind: FileKind | undefined, message: string): LintResult {
  return {
    filePath,
    kind,
    messages: [{ ruleId: null, severity: 2, level: "error", fatal: true, message, line: 1, column: 1 }],
    suppressedMessages: [],
    errorCount: 1,
    warningCount: 0,
    infoCount: 0,
    fatalErrorCount: 1,
    fixableErrorCount: 0,
    fixableWarningCount: 0,
  };
}

export interface LintJob {
  /** Absolute path, or "<text>" for unnamed standard input. */
  filePath: string;
  kind: FileKind | undefined;
  config: Config;
  /** Standard input's text; files are read by the job. */
  text?: string;
}

export interface LintJobOptions {
  fix: boolean;
  fixDryRun: boolean;
  rules: readonly Rule[];
  services?: LintServices;
}

/** Reads a regular file of at most `limit` bytes; undefined for anything else (directory, FIFO, device, missing, unreadable). */
function readSmallFile(file: string, limit: number): string | undefined {
  try {
    // stat first: reading a FIFO would block the run forever, and a device or huge file is never a config file.
    const info = statSync(file);
    if (!info.isFile() || info.size > limit) return undefined;
    return readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}

function isAbsoluteAnywhere(file: string): boolean {
  return path.isAbsolute(file) || path.win32.isAbsolute(file);
}

/**
 * Reads a file that the linted one refers to, by a path relative to the linted file's directory;
 * undefined on any error, for a directory, and for a file over MAX_FILE_BYTES. Unnamed standard
 * input has none.
 *
 * - Dockerfiles (and files of unknown kind) only look beside themselves (`.dockerignore`,
 *   `Dockerfile.dockerignore`): paths that are absolute or leave the directory are refused.
 * - Compose files refer to other files the way Compose resolves them — `extends.file`, `include`,
 *   `env_file`, `build.context` — and those commonly go up (`../common/base.yaml`) or are absolute
 *   (`/etc/app/app.env`): both are allowed. Reading is all docklint does with them, and a path that
 *   goes up can reach any file anyway, so refusing absolute paths would protect nothing and only
 *   hide files Compose itself would read.
 */
export function siblingReader(filePath: string, kind?: FileKind): ((relativePath: string) => string | undefined) | undefined {
  if (!path.isAbsolute(filePath)) return undefined;
  const dir = path.dirname(filePath);
  if (kind === "compose") {
    return (relativePath) => {
      if (relativePath === "") return undefined;
      // A Windows drive path on a POSIX machine names nothing here; path.resolve would glue it under dir.
      if (path.win32.isAbsolute(relativePath) && !path.isAbsolute(relativePath)) return undefined;
      return readSmallFile(path.resolve(dir, relativePath), MAX_FILE_BYTES);
    };
  }
  return (relativePath) => {
    if (relativePath === "" || isAbsoluteAnywhere(relativePath)) return undefined;
    const target = path.join(dir, relativePath);
    const inside = path.relative(dir, target);
    if (inside === "" || inside === ".." || inside.startsWith(`..${path.sep}`) || path.isAbsolute(inside)) return undefined;
    return readSmallFile(target, MAX_FILE_BYTES);
  };
}

/** Lints a text; a crash inside core becomes this file's fatal result instead of ending the run. */
export function lintSource(text: string, job: LintJob, options: LintJobOptions): LintResult {
  let result: LintResult;
  // A file named explicitly or read from standard input may have no kind yet: core would sniff it, so do the same.
  const readFile = siblingReader(job.filePath, job.kind ?? detectKind(job.filePath, text));
  const services: LintServices | undefined = readFile ? { readFile, ...options.services } : options.services;
  try {
    result = lintText(text, {
      filePath: job.filePath,
      ...(job.kind ? { kind: job.kind } : {}),
      config: job.config,
      fix: options.fix || options.fixDryRun,
      rules: options.rules,
      ...(services ? { services } : {}),
    });
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    return { ...fatalResult(job.filePath, job.kind, `docklint failed on this file (${reason}); please report this bug with the file.`), source: text };
  }
  // ESLint's `source`: the friendly formatter's code frames need it, and it spares a second read.
  return { ...result, source: text };
}

/**
 * Replaces a file's content atomically: a temporary file in the same directory (so the rename
 * cannot cross file systems), flushed, given the original's mode, then renamed over the original.
 * A symbolic link is written through, not replaced by a regular file.
 */
export async function writeFileAtomic(file: string, text: string): Promise<void> {
  const target = await realpath(file);
  const { mode } = await stat(target);
  const temporary = path.join(path.dirname(target), `.${path.basename(target)}.docklint-${process.pid}-${randomBytes(4).toString("hex")}.tmp`);
  try {
    const handle = await open(temporary, "wx", mode & 0o7777);
    try {
      await handle.writeFile(text, "utf8");
      await handle.sync();
    } finally {
      await handle.close();
    }
    // open()'s mode is filtered through the umask; the original's mode must survive exactly.
    await chmod(temporary, mode & 0o7777);
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

export interface LintRun {
  results: LintResult[];
  /** Files whose fixes could not be written, with the reason. */
  writeErrors: string[];
}

/**
 * Docker and Compose both refuse an empty file ("the Dockerfile cannot be empty", "empty compose
 * file"), so an empty or blank file is a fatal error, not a clean one.
 */
export function emptyFileProblem(kind: FileKind | undefined): string {
  switch (kind) {
    case "dockerfile":
      return "This Dockerfile is empty: `docker build` fails on it (\"the Dockerfile cannot be empty\"); add a FROM instruction, or delete the file.";
    case "compose":
      return "This Compose file is empty: `docker compose` rejects it (\"empty compose file\"); define `services:`, or delete the file.";
    default:
      return "This file is empty: there is nothing to lint; add content, or delete the file.";
  }
}

async function runJob(job: LintJob, options: LintJobOptions, writeErrors: string[]): Promise<LintResult> {
  let text = job.text;
  if (text === undefined) {
    const read = await readTarget(job.filePath);
    if (!read.ok) return fatalResult(job.filePath, job.kind, read.problem);
    text = read.text;
  }
  if (text.replace(/^\uFEFF/, "").trim() === "") {
    return { ...fatalResult(job.filePath, job.kind, emptyFileProblem(job.kind ?? kindFromName(job.filePath))), source: text };
  }
  const result = lintSource(text, job, options);
  // Written only when the text changed: an unchanged file keeps its inode and modification time.
  if (options.fix && result.output !== undefined && result.output !== text && job.text === undefined) {
    try {
      await writeFileAtomic(job.filePath, result.output);
    } catch (error) {
      writeErrors.push(`Cannot write the fixes to "${job.filePath}": ${(error as Error).message}`);
    }
  }
  return result;
}

/** Lints the jobs with bounded concurrency; results come back in the jobs' order. */
export async function runLint(jobs: readonly LintJob[], options: LintJobOptions): Promise<LintRun> {
  const results = new Array<LintResult>(jobs.length);
  const writeErrors: string[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < jobs.length) {
      const index = next++;
      const job = jobs[index];
      if (job) results[index] = await runJob(job, options, writeErrors);
    }
  };
  await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, jobs.length) }, worker));
  return { results, writeErrors };
}
