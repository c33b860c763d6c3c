/**
 * `--cache`: ESLint's result cache, for docklint. Each linted file's results are kept with what
 * they were computed from, and a later run takes them instead of linting again when all of it is
 * unchanged:
 *
 * - the file itself: its text's digest (`--cache-strategy content`, the default), or its size and
 *   modification time (`metadata`, as ESLint's default);
 * - every file and directory listing its rules read beside it (`.dockerignore`, a Compose file's
 *   `extends`, `include` and `env_file` files, a build context), each with a digest of what the
 *   lint saw, absence included: a new `.dockerignore` makes its Dockerfiles stale;
 * - the inputs of the run: docklint's version and build, the file's resolved configuration, its
 *   kind and build context, the rule list, whether fixes were asked for, and where today falls
 *   among the end-of-life dates the rules judge base images by (`eolCalendarKey`).
 *
 * Nothing in the cache file is executed: it is JSON, read with `JSON.parse`, and an entry that
 * does not have the shape written here is dropped. A cache that cannot be read starts empty; one
 * that cannot be written costs the next run its speed, not its results (a note says so).
 */
import type * as Crypto from "node:crypto";
import { existsSync, mkdirSync, renameSync, rmSync, statSync, writeFileSync, type Stats } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { eolCalendarKey, eolToday, type Config, type LintResult, type Rule } from "@docklint/core";
import { readFailure, readFileText, readTargetSync } from "./files.js";
import { docklintVersion } from "./formatters/shared.js";
import type { FileSource, LintJob } from "./lint.js";

export const CACHE_STRATEGIES = ["content", "metadata"] as const;
export type CacheStrategy = (typeof CACHE_STRATEGIES)[number];
/** The cache file's name in the working directory, or in a directory `--cache-location` names. */
export const DEFAULT_CACHE_FILE = ".docklintcache";
/** The cache file's layout; a file of another layout is ignored and replaced. */
const CACHE_FORMAT = 1;

/** A file (`file`) or directory listing (`list`) a lint read, by absolute path, and the digest of what it saw (`null`: nothing there). */
export type Dependency = [kind: "file" | "list" | "exists", path: string, digest: string | null];

type CachedResult = Omit<LintResult, "filePath" | "source">;

interface Entry {
  /** The digest of the linted text. */
  digest: string;
  size: number;
  mtimeMs: number;
  /** The digest of the run's inputs for this file (`LintCache.inputsOf`). */
  inputs: string;
  dependencies: Dependency[];
  result: CachedResult;
}

const requireBuiltin = createRequire(import.meta.url);
let crypto: typeof Crypto | undefined;

/** A SHA-1 digest of a text (`null` for none). node:crypto is loaded on first use: only --cache runs pay for it. */
export function digestOf(text: string | undefined): string | null {
  if (text === undefined) return null;
  crypto ??= requireBuiltin("node:crypto") as typeof Crypto;
  return crypto.createHash("sha1").update(text).digest("base64");
}

/** A file source that also notes what it answered, for the cache entry of the file being linted. */
export function recordingSource(source: FileSource, into: Dependency[]): FileSource {
  return {
    read(file) {
      const text = source.read(file);
      into.push(["file", file, digestOf(text)]);
      return text;
    },
    list(directory) {
      const listing = source.list(directory);
      into.push(["list", directory, digestOf(listing?.join("\n"))]);
      return listing;
    },
    exists(file) {
      const entry = source.exists(file);
      into.push(["exists", file, entry ?? null]);
      return entry;
    },
  };
}

/** `--cache-location` as a file: a directory (existing, or written with a trailing separator) holds `.docklintcache`. */
export function cacheFilePath(cwd: string, location: string | undefined): string {
  if (location === undefined) return path.join(cwd, DEFAULT_CACHE_FILE);
  const resolved = path.resolve(cwd, location);
  const namesDirectory = /[\\/]$/.test(location) || (existsSync(resolved) && statSync(resolved).isDirectory());
  return namesDirectory ? path.join(resolved, DEFAULT_CACHE_FILE) : resolved;
}

/**
 * What makes one build of docklint differ from another: its version, and the size and time of the
 * file this code runs from (the bundle holds all of docklint; a build from source changes it
 * without changing the version).
 */
function buildStamp(version: string): string {
  let file = "";
  try {
    const info = statSync(fileURLToPath(import.meta.url));
    file = `${info.size}:${info.mtimeMs}`;
  } catch {
    // Not a file (bundled into something else): the version alone.
  }
  return `${version}|${file}`;
}

/**
 * A configuration as text for the inputs digest. Functions (a plugin's rules, a JavaScript
 * config's values) are named, not compared: a changed plugin with the same name and version needs
 * a new cache, as in ESLint. Undefined when it cannot be written (a cycle): then the file is not cached.
 */
function configText(config: Config): string | undefined {
  try {
    return JSON.stringify(config, (_key, value: unknown) => {
      if (typeof value === "function") return `[function ${value.name}]`;
      if (value instanceof Map) return { map: [...value] };
      if (value instanceof Set) return { set: [...value] };
      if (value instanceof RegExp) return `[regexp ${String(value)}]`;
      return value;
    });
  } catch {
    return undefined;
  }
}

const COUNTS = ["errorCount", "warningCount", "infoCount", "fatalErrorCount", "fixableErrorCount", "fixableWarningCount"] as const;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isFix(value: unknown): boolean {
  return isRecord(value) && Array.isArray(value["range"]) && value["range"].length === 2 && value["range"].every(Number.isInteger) && typeof value["text"] === "string";
}

/** A message as the formatters read it: a damaged one is not shown, its file is linted again. */
function isMessage(value: unknown): boolean {
  if (!isRecord(value)) return false;
  const { ruleId, severity, message, line, column, fix, suggestions } = value;
  return (
    (ruleId === null || typeof ruleId === "string") &&
    (severity === 1 || severity === 2) &&
    typeof message === "string" &&
    Number.isInteger(line) &&
    Number.isInteger(column) &&
    (fix === undefined || isFix(fix)) &&
    (suggestions === undefined || (Array.isArray(suggestions) && suggestions.every((s) => isRecord(s) && typeof s["desc"] === "string" && isFix(s["fix"]))))
  );
}

function isEntry(value: unknown): value is Entry {
  if (!isRecord(value)) return false;
  const { digest, size, mtimeMs, inputs, dependencies, result } = value;
  return (
    typeof digest === "string" &&
    typeof size === "number" &&
    typeof mtimeMs === "number" &&
    typeof inputs === "string" &&
    Array.isArray(dependencies) &&
    dependencies.every((d) => Array.isArray(d) && d.length === 3 && (d[0] === "file" || d[0] === "list" || d[0] === "exists") && typeof d[1] === "string" && (d[2] === null || typeof d[2] === "string")) &&
    isRecord(result) &&
    COUNTS.every((count) => Number.isInteger(result[count])) &&
    Array.isArray(result["messages"]) &&
    result["messages"].every(isMessage) &&
    Array.isArray(result["suppressedMessages"]) &&
    result["suppressedMessages"].every(isMessage)
  );
}

/** How `lintSource` reports a file on which core crashed; `isCrashResult` recognizes it. */
export const CRASH_MESSAGE_START = "docklint failed on this file";

/** Whether a result is the report of a crash inside core: never cached, so that a fixed docklint lints the file again. */
export function isCrashResult(result: LintResult): boolean {
  return result.messages.some((message) => message.fatal === true && message.message.startsWith(CRASH_MESSAGE_START));
}

export interface LintCacheOptions {
  /** The cache file (`cacheFilePath`). */
  file: string;
  strategy: CacheStrategy;
  rules: readonly Rule[];
  /** --fix or --fix-dry-run: results computed with fixes differ from those without. */
  fixing: boolean;
}

export class LintCache {
  readonly file: string;
  /** Why the cache file could not be read, when it exists but could not. */
  readonly loadProblem: string | undefined;
  private readonly entries = new Map<string, Entry>();
  private readonly touched = new Set<string>();
  private readonly stats = new Map<string, Stats>();
  private readonly inputsByConfig = new Map<Config, string | undefined>();
  private readonly runInputs: string;
  /** Whether the cache file was read whole (else it is written even when nothing changed). */
  private loaded = false;
  /** Files linted and remembered in this run. */
  private stored = 0;

  constructor(private readonly options: LintCacheOptions) {
    this.file = options.file;
    this.runInputs = JSON.stringify([
      buildStamp(docklintVersion()),
      options.strategy,
      options.fixing,
      options.rules.map((rule) => rule.meta.id),
      // The end-of-life rules judge against today's date (unless `settings.eolDate`, which the config carries).
      eolCalendarKey(eolToday(undefined)),
    ]);
    const read = readFileText(options.file);
    if (!read.ok) {
      const code = read.error?.code;
      // No cache yet (ENOTDIR: a path through a file, which saving reports).
      this.loadProblem = code === "ENOENT" || code === "ENOTDIR" ? undefined : `cannot read the cache "${options.file}" (${readFailure(read)}); linting every file`;
      return;
    }
    try {
      const parsed = JSON.parse(read.text) as { format?: unknown; entries?: unknown };
      if (parsed.format !== CACHE_FORMAT || typeof parsed.entries !== "object" || parsed.entries === null) throw new Error(`not a docklint cache of format ${CACHE_FORMAT}`);
      for (const [file, entry] of Object.entries(parsed.entries as Record<string, unknown>)) if (isEntry(entry)) this.entries.set(file, entry);
      this.loaded = true;
    } catch (error) {
      this.loadProblem = `the cache "${options.file}" is damaged (${(error as Error).message}); linting every file and writing it anew`;
    }
  }

  /** The digest of what a job's results depend on besides the files (undefined: do not cache it). */
  private inputsOf(job: LintJob): string | undefined {
    let config = this.inputsByConfig.get(job.config);
    if (!this.inputsByConfig.has(job.config)) {
      config = configText(job.config);
      this.inputsByConfig.set(job.config, config);
    }
    if (config === undefined) return undefined;
    return digestOf(`${this.runInputs}|${job.kind ?? ""}|${job.buildContext ?? ""}|${job.buildTargets?.join(",") ?? ""}|${job.buildContexts?.join(",") ?? ""}|${config}`) ?? undefined;
  }

  /**
   * The remembered result of a file job, or undefined when it must be linted: no entry, other
   * inputs, the file or a file it read changed. `files` answers the dependencies' reads (the run's
   * shared file cache). Standard input is never cached.
   */
  lookup(job: LintJob, files: FileSource): LintResult | undefined {
    if (job.text !== undefined) return undefined;
    let info: Stats;
    try {
      info = statSync(job.filePath);
    } catch {
      return undefined;
    }
    // Taken before the lint reads the file: a change made after it makes the stored entry stale, never wrong.
    this.stats.set(job.filePath, info);
    const entry = this.entries.get(job.filePath);
    if (!entry) return undefined;
    this.touched.add(job.filePath);
    if (entry.inputs !== this.inputsOf(job)) return undefined;
    const sameMetadata = entry.size === info.size && entry.mtimeMs === info.mtimeMs;
    if (this.options.strategy === "metadata" && !sameMetadata) return undefined;
    const read = readTargetSync(job.filePath);
    if (!read.ok) return undefined;
    if (this.options.strategy === "content" && digestOf(read.text) !== entry.digest) return undefined;
    for (const [kind, file, digest] of entry.dependencies) {
      if (kind === "exists") {
        if ((files.exists(file) ?? null) !== digest) return undefined;
        continue;
      }
      const now = kind === "file" ? files.read(file) : files.list(file)?.join("\n");
      if (digestOf(now) !== digest) return undefined;
    }
    // A --fix run must see fixable problems to fix them.
    if (this.options.fixing && entry.result.fixableErrorCount + entry.result.fixableWarningCount > 0) return undefined;
    // In the order lintSource gives them, so that a report is byte for byte the uncached one.
    return { filePath: job.filePath, ...entry.result, source: read.text };
  }

  /** Remembers a linted file's result, unless it cannot be trusted next time (fixed, crashed, unread). */
  store(job: LintJob, result: LintResult, dependencies: readonly Dependency[] | undefined): void {
    const info = this.stats.get(job.filePath);
    if (job.text !== undefined || info === undefined || dependencies === undefined) return;
    // Fixes were written (the file is not what was linted), or a crash a later docklint may not have.
    if (result.source === undefined || result.output !== undefined || isCrashResult(result)) return;
    const inputs = this.inputsOf(job);
    const digest = digestOf(result.source);
    if (inputs === undefined || digest === null) return;
    const { filePath: _filePath, source: _source, ...kept } = result;
    this.entries.set(job.filePath, { digest, size: info.size, mtimeMs: info.mtimeMs, inputs, dependencies: [...dependencies], result: kept });
    this.touched.add(job.filePath);
    this.stored++;
  }

  /** Writes the cache (`save`); the notes for standard error: why it could not be read or written. */
  finish(): string[] {
    const saved = this.save();
    return [this.loadProblem, saved].filter((note) => note !== undefined);
  }

  /**
   * Writes the cache: this run's entries, and the earlier ones of files that still exist (a run
   * over one directory keeps another's). Through a temporary file and a rename, so that a run
   * that stops halfway leaves the previous cache whole. Returns the problem, if any.
   */
  private save(): string | undefined {
    const entries: Record<string, Entry> = {};
    let changed = this.stored > 0 || !this.loaded;
    for (const [file, entry] of this.entries) {
      if (this.touched.has(file) || existsSync(file)) entries[file] = entry;
      else changed = true;
    }
    // A run that found every file in the cache leaves it as it was (and saves writing it).
    if (!changed) return undefined;
    const temporary = `${this.file}.${process.pid}.tmp`;
    try {
      mkdirSync(path.dirname(this.file), { recursive: true });
      writeFileSync(temporary, JSON.stringify({ format: CACHE_FORMAT, entries }));
      renameSync(temporary, this.file);
      return undefined;
    } catch (error) {
      try {
        rmSync(temporary, { force: true });
      } catch {
        // Nothing was written there (its directory is a file, or cannot be made).
      }
      return `cannot write the cache "${this.file}" (${(error as Error).message}); the next run lints every file again`;
    }
  }
}
