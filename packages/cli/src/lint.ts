import { readdirSync, statSync } from "node:fs";
import { chmod, open, realpath, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import {
  ConfigError,
  contextSources,
  detectKind,
  hasGlob,
  isComposeLayerName,
  kindFromName,
  lintText,
  parseForLint,
  visibleText,
  type Config,
  type DockerfileModel,
  type FileKind,
  type LintParse,
  type LintResult,
  type LintServices,
  type LintTimes,
  type Rule,
  type Settings,
} from "@docklint/core";
import { CRASH_MESSAGE_START, recordingSource, type Dependency } from "./cache.js";
import { DirectoryListings } from "./directory-listings.js";
import { MAX_FILE_BYTES, readSmallFile, readTarget, readTargetSync, statIfAny } from "./files.js";

/** Files in progress at once: reads are synchronous, so this only overlaps --fix's writes; few enough not to exhaust file descriptors. */
const READ_CONCURRENCY = 16;

/** One fatal message at 1:1, in the shape core gives a file it cannot parse. */
export function fatalResult(filePath: string, kind: FileKind | undefined, message: string): LintResult {
  return {
    filePath,
    kind,
    // Core's messages show a file's control characters as signs; so do the CLI's (a path, an OS error).
    messages: [{ ruleId: null, severity: 2, level: "error", fatal: true, message: visibleText(message), line: 1, column: 1 }],
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
  /**
   * For a Dockerfile built by a Compose service: the absolute build context directory, passed to
   * core as `settings.buildContext` (relative to the Dockerfile) and readable by its rules.
   */
  buildContext?: string;
  /**
   * For a Dockerfile Compose services build with `build.target`: the stages they name, lower-cased
   * and sorted, passed to core added to `settings.buildTargets`.
   */
  buildTargets?: readonly string[];
  /**
   * For a Dockerfile Compose services build with `build.additional_contexts`: the names of those
   * named contexts, sorted, passed to core added to `settings.buildContexts`.
   */
  buildContexts?: readonly string[];
}

export interface LintJobOptions {
  fix: boolean;
  fixDryRun: boolean;
  rules: readonly Rule[];
  services?: LintServices;
  /** Files and listings the linted files refer to, shared by a run's files (`runLint` makes one unless fixing). */
  fileCache?: FileCache;
  /** --cache: note every file and listing each lint reads (`LintRun.dependencies`). */
  recordDependencies?: boolean;
  /** `TIMING=1`: where each lint adds its time in parsing and in each rule. */
  times?: LintTimes;
}

/** Where the files and directory listings that linted files refer to are read from. */
export interface FileSource {
  read(file: string): string | undefined;
  list(directory: string): string[] | undefined;
  /** What is at a path (following symbolic links), or undefined when nothing is. */
  exists(file: string): "file" | "directory" | undefined;
}

function entryAt(file: string): "file" | "directory" | undefined {
  const info = statIfAny(file);
  return info === undefined ? undefined : info.isDirectory() ? "directory" : "file";
}

/** The file system itself, read afresh each time (a --fix run's writes would make a cache stale). */
export const directFiles: FileSource = {
  read: (file) => readSmallFile(file, MAX_FILE_BYTES),
  list: listDirectory,
  exists: entryAt,
};

/**
 * The files and directory listings a run's linted files refer to, read once per run instead of
 * once per linted file: every Dockerfile of a directory asks for the same `.dockerignore`,
 * `entrypoint.sh` and listing (with the reads of readTargetSync, the CLI over the Dockerfile
 * corpus, ~36 files a directory, makes 4,006 stat calls instead of 12,490). Not used by a --fix
 * run, whose writes could make an answer stale.
 */
export class FileCache implements FileSource {
  private readonly files = new Map<string, string | undefined>();
  private readonly listings = new Map<string, string[] | undefined>();
  private readonly entries = new Map<string, "file" | "directory" | undefined>();

  /** `names`: the directory listings a search already made (planFiles'), else a set of this cache's own. */
  constructor(private readonly names = new DirectoryListings()) {}

  read(file: string): string | undefined {
    if (this.files.has(file)) return this.files.get(file);
    const text = this.names.mayHold(path.dirname(file), path.basename(file), true) ? readSmallFile(file, MAX_FILE_BYTES) : undefined;
    this.files.set(file, text);
    return text;
  }

  list(directory: string): string[] | undefined {
    if (this.listings.has(directory)) return this.listings.get(directory);
    const listing = listDirectory(directory);
    this.listings.set(directory, listing);
    return listing;
  }

  exists(file: string): "file" | "directory" | undefined {
    if (this.entries.has(file)) return this.entries.get(file);
    const entry = this.names.mayHold(path.dirname(file), path.basename(file)) ? entryAt(file) : undefined;
    this.entries.set(file, entry);
    return entry;
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
export function siblingReader(filePath: string, kind?: FileKind, buildContext?: string, files: FileSource = directFiles): ((relativePath: string) => string | undefined) | undefined {
  if (!path.isAbsolute(filePath)) return undefined;
  const dir = path.dirname(filePath);
  const read = (file: string): string | undefined => files.read(file);
  if (kind === "compose") {
    return (relativePath) => {
      if (relativePath === "") return undefined;
      // A Windows drive path on a POSIX machine names nothing here; path.resolve would glue it under dir.
      if (path.win32.isAbsolute(relativePath) && !path.isAbsolute(relativePath)) return undefined;
      return read(path.resolve(dir, relativePath));
    };
  }
  return (relativePath) => {
    if (relativePath === "" || isAbsoluteAnywhere(relativePath)) return undefined;
    const target = path.join(dir, relativePath);
    if (!isStrictlyInside(dir, target) && !(buildContext !== undefined && isStrictlyInside(buildContext, target))) return undefined;
    return read(target);
  };
}

function isStrictlyInside(parent: string, target: string): boolean {
  const inside = path.relative(parent, target);
  return inside !== "" && inside !== ".." && !inside.startsWith(`..${path.sep}`) && !path.isAbsolute(inside);
}

function isInsideOrSame(parent: string, target: string): boolean {
  return path.relative(parent, target) === "" || isStrictlyInside(parent, target);
}

/** Bounds of a context listing: enough for any real build context, cheap for a repository root. */
export const LIST_MAX_ENTRIES = 5000;
export const LIST_MAX_DEPTH = 8;
/** Listed but not walked: dependencies are not secrets, and `.git` is one as a whole. */
const UNWALKED_DIRECTORIES = new Set(["node_modules", ".git"]);

/**
 * Lists a directory as core's `listFiles` service describes: paths relative to it, `/`-separated,
 * directories with a trailing `/`, sorted; symbolic links listed as entries, never followed;
 * at most LIST_MAX_ENTRIES entries, LIST_MAX_DEPTH levels. Undefined when it is not a directory.
 */
export function listDirectory(root: string): string[] | undefined {
  try {
    if (!statSync(root).isDirectory()) return undefined;
  } catch {
    return undefined;
  }
  const out: string[] = [];
  const walk = (dir: string, prefix: string, depth: number): void => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (out.length >= LIST_MAX_ENTRIES) return;
      const relative = `${prefix}${entry.name}`;
      if (!entry.isDirectory()) {
        out.push(relative);
        continue;
      }
      out.push(`${relative}/`);
      if (depth + 1 < LIST_MAX_DEPTH && !UNWALKED_DIRECTORIES.has(entry.name)) walk(path.join(dir, entry.name), `${relative}/`, depth + 1);
    }
  };
  walk(root, "", 0);
  return out;
}

/**
 * Lists a directory the linted file refers to (core's `listFiles`), by a path relative to the
 * linted file's directory, under the same limits as `siblingReader`: a Dockerfile lists its own
 * directory and its build context; a Compose file any directory (its build contexts).
 */
export function siblingLister(filePath: string, kind?: FileKind, buildContext?: string, files: FileSource = directFiles): ((relativeDir: string) => readonly string[] | undefined) | undefined {
  if (!path.isAbsolute(filePath) || kind === "daemon") return undefined;
  const dir = path.dirname(filePath);
  const list = (directory: string): string[] | undefined => files.list(directory);
  return (relativeDir) => {
    if (isAbsoluteAnywhere(relativeDir)) return undefined;
    const target = path.resolve(dir, relativeDir);
    if (kind !== "compose" && !isInsideOrSame(dir, target) && !(buildContext !== undefined && isInsideOrSame(buildContext, target))) return undefined;
    return list(target);
  };
}

/** The absolute build context a Dockerfile's `settings.buildContext` names (relative to the Dockerfile), if any. */
function contextOf(filePath: string, setting: unknown): string | undefined {
  if (typeof setting !== "string" || isAbsoluteAnywhere(setting) || !path.isAbsolute(filePath)) return undefined;
  return path.resolve(path.dirname(filePath), setting);
}

/**
 * The file services of one linted file, shared by the CLI and the ESLint plugin: `readFile` and
 * `listFiles` over the file's directory (and, for a Dockerfile, the build context that
 * `settings.buildContext` names). Daemon files and unnamed text get none.
 */
export function fileServices(filePath: string, kind: FileKind | undefined, settings?: Readonly<Record<string, unknown>>, files?: FileSource): Pick<LintServices, "readFile" | "listFiles"> {
  if (kind === "daemon") return {};
  const context = kind === "compose" ? undefined : contextOf(filePath, settings?.["buildContext"]);
  const readFile = siblingReader(filePath, kind, context, files);
  const listFiles = siblingLister(filePath, kind, context, files);
  return { ...(readFile ? { readFile: remembered(readFile) } : {}), ...(listFiles ? { listFiles: remembered(listFiles) } : {}) };
}

/**
 * One read per path for the whole lint of a file: several rules ask for the same file
 * (no-copy-ignored-file and no-secret-files-in-context both read `.dockerignore`), and every fix
 * pass runs them all again.
 */
function remembered<T>(read: (relativePath: string) => T): (relativePath: string) => T {
  const answers = new Map<string, T>();
  return (relativePath) => {
    if (answers.has(relativePath)) return answers.get(relativePath) as T;
    const answer = read(relativePath);
    answers.set(relativePath, answer);
    return answer;
  };
}

/** How far above a Dockerfile's directory its build context is looked for (`deploy/docker/app/Dockerfile` built from the top is three). */
const MAX_CONTEXT_LEVELS_UP = 4;

/**
 * The build context of a Dockerfile that no Compose service or bake target builds and no setting
 * names, when its COPY and ADD sources show that it is not the Dockerfile's own directory: a
 * `docker/Dockerfile` built with `docker build -f docker/Dockerfile .` (mindsdb's
 * `docker/mindsdb.Dockerfile` copies `requirements/` and `mindsdb/`, which are at the
 * repository's top). It is the nearest directory above, up to the repository's top (the one
 * holding `.git`), that holds every source the file names (globs and the context's root aside),
 * when the Dockerfile's own directory holds none of them. Otherwise undefined, and the rules read
 * the Dockerfile's own directory as the context, as before.
 */
export function inferredBuildContext(filePath: string, model: DockerfileModel, files: FileSource): string | undefined {
  const named = new Set<string>();
  for (const instruction of model.instructions) {
    for (const { path: source } of contextSources(instruction, model)) if (source !== "." && !hasGlob(source)) named.add(source);
  }
  if (named.size === 0) return undefined;
  const sources = [...named];
  let dir = path.dirname(filePath);
  if (sources.some((source) => files.exists(path.join(dir, source)) !== undefined)) return undefined;
  for (let level = 0; level < MAX_CONTEXT_LEVELS_UP && files.exists(path.join(dir, ".git")) === undefined; level++) {
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
    if (sources.every((source) => files.exists(path.join(dir, source)) !== undefined)) return dir;
  }
  return undefined;
}

/** A job's config with `settings.buildContext`, `buildTargets` and `buildContexts` set from the Compose services that build it. */
function jobConfig(job: LintJob): Config {
  const settings: Settings = { ...job.config.settings };
  if (job.buildContext !== undefined && path.isAbsolute(job.filePath)) {
    settings.buildContext = path.relative(path.dirname(job.filePath), job.buildContext).split(path.sep).join("/") || ".";
  }
  settings.buildTargets = withAdded(settings.buildTargets, job.buildTargets);
  settings.buildContexts = withAdded(settings.buildContexts, job.buildContexts);
  const configured = job.config.settings;
  if (settings.buildContext === configured?.buildContext && settings.buildTargets === configured?.buildTargets && settings.buildContexts === configured?.buildContexts) return job.config;
  return { ...job.config, settings };
}

/** A configured list of names with the names Compose gives added; the configured value itself when there are none. */
function withAdded(configured: readonly string[] | undefined, added: readonly string[] | undefined): readonly string[] | undefined {
  if (added === undefined || added.length === 0) return configured;
  return [...new Set([...(Array.isArray(configured) ? configured : []), ...added])];
}

/**
 * Lints a text; a crash inside core becomes this file's fatal result instead of ending the run.
 * With `dependencies`, every file and listing the lint reads is noted there (for --cache).
 */
export function lintSource(text: string, job: LintJob, options: LintJobOptions, dependencies?: Dependency[]): LintResult {
  let result: LintResult;
  // A file named explicitly or read from standard input may have no kind yet: core would sniff it, so do the same.
  const kind = job.kind ?? detectKind(job.filePath, text);
  let config = jobConfig(job);
  const source = dependencies ? recordingSource(options.fileCache ?? directFiles, dependencies) : (options.fileCache ?? directFiles);
  let parsed: LintParse | undefined;
  try {
    if (kind === "dockerfile" && path.isAbsolute(job.filePath) && config.settings?.["buildContext"] === undefined) {
      // Parsed here for the context's evidence, and given to lintText, which does not parse again.
      const started = options.times ? performance.now() : 0;
      parsed = parseForLint(text, { kind, filePath: job.filePath });
      if (options.times) options.times.parse += performance.now() - started;
      const context = parsed.ok ? inferredBuildContext(job.filePath, parsed.model as DockerfileModel, source) : undefined;
      if (context !== undefined) config = jobConfig({ ...job, buildContext: context });
    }
    const files = fileServices(job.filePath, kind, config.settings, source);
    const services: LintServices = { ...files, ...options.services };
    result = lintText(text, {
      filePath: job.filePath,
      ...(job.kind ? { kind: job.kind } : {}),
      config,
      fix: options.fix || options.fixDryRun,
      rules: options.rules,
      services,
      ...(parsed ? { parsed } : {}),
      ...(options.times ? { times: options.times } : {}),
    });
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    return { ...fatalResult(job.filePath, job.kind, `${CRASH_MESSAGE_START} (${reason}); please report this bug with the file.`), source: text };
  }
  // ESLint's `source`: the friendly formatter's code frames need it, and it spares a second read.
  return { ...result, source: text };
}

/**
 * Replaces a file's content atomically: a temporary file in the same directory (so the rename
 * cannot cross file systems), flushed, given the original's mode, then renamed over the original.
 * A symbolic link is written through, not replaced by a regular file. With `expected` (the text
 * the fixes were computed from), a file that changed since it was read is left alone and the
 * write fails: someone's edits made during the run must not be lost to fixes of the old text.
 */
export async function writeFileAtomic(file: string, text: string, expected?: string): Promise<void> {
  const target = await realpath(file);
  const { mode } = await stat(target);
  // node:crypto costs start-up time; only a --fix run that writes needs it.
  const { randomBytes } = await import("node:crypto");
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
    if (expected !== undefined) {
      // Read through the same decoder as the lint's read, so a BOM or UTF-16 file compares equal.
      const current = await readTarget(target);
      if (!current.ok || current.text !== expected) {
        throw new Error("the file changed on disk while docklint was fixing it, so the fixes were not written; run docklint --fix again");
      }
    }
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
  /** With `recordDependencies`: what each job's lint read beside its file, in the jobs' order (undefined: not known, do not cache). */
  dependencies?: (Dependency[] | undefined)[];
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

async function runJob(job: LintJob, options: LintJobOptions, writeErrors: string[], dependencies?: Dependency[]): Promise<LintResult> {
  let text = job.text;
  if (text === undefined) {
    const read = readTargetSync(job.filePath);
    if (!read.ok) return fatalResult(job.filePath, job.kind, read.problem);
    text = read.text;
  }
  if (text.replace(/^\uFEFF/, "").trim() === "") {
    const kind = job.kind ?? kindFromName(job.filePath);
    // An empty override or -f layer adds nothing to its base, which compose-go accepts (it refuses
    // only a project that ends up empty); it is linted as the empty file it is.
    if (!(kind === "compose" && isComposeLayerName(job.filePath))) return { ...fatalResult(job.filePath, job.kind, emptyFileProblem(kind)), source: text };
  }
  const result = lintSource(text, job, options, dependencies);
  // Written only when the text changed: an unchanged file keeps its inode and modification time.
  if (options.fix && result.output !== undefined && result.output !== text && job.text === undefined) {
    try {
      await writeFileAtomic(job.filePath, result.output, text);
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
  const dependencies = options.recordDependencies ? Array.from({ length: jobs.length }, (): Dependency[] => []) : undefined;
  const jobOptions = options.fileCache || options.fix ? options : { ...options, fileCache: new FileCache() };
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < jobs.length) {
      const index = next++;
      const job = jobs[index];
      if (job) results[index] = await runJob(job, jobOptions, writeErrors, dependencies?.[index]);
      // Reads are synchronous: without a turn of the event loop between files, V8's GC tasks (which
      // finish incremental marking) never run and the heap grows (peak RSS of bench/memory.mjs
      // 220–230 → 285–360 MiB without this).
      await new Promise(setImmediate);
    }
  };
  await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, jobs.length) }, worker));
  return { results, writeErrors, ...(dependencies ? { dependencies } : {}) };
}
