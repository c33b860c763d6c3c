import { lstat, readFile, stat } from "node:fs/promises";
import path from "node:path";
import type fg from "fast-glob";

/**
 * fast-glob and its dependencies are ~60 modules and ~40 ms of start-up (bench/README.md):
 * load them only when a directory or glob is searched, not for `docklint Dockerfile`.
 */
let globModule: Promise<typeof fg> | undefined;
function loadGlob(): Promise<typeof fg> {
  globModule ??= import("fast-glob").then((m) => m.default);
  return globModule;
}
import { kindFromName, type FileKind } from "@docklint/core";
import { CliError } from "./errors.js";

/** Files above this size get a fatal result without being read: no real Dockerfile or Compose file comes close. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

export interface DiscoveryEntry {
  kind: FileKind;
  /** Base-name globs (`*` only), case-sensitive as Docker and Compose spell the names. */
  patterns: readonly string[];
  /** Base-name globs that look like the patterns but are something else. */
  exclude?: readonly string[];
}

/**
 * What a directory search picks up. daemon.json joins with one line once core can lint it
 * (until then it would only yield "cannot lint yet" results):
 *   { kind: "daemon", patterns: ["daemon.json"] },
 */
export const DISCOVERY: readonly DiscoveryEntry[] = [
  {
    kind: "dockerfile",
    patterns: ["Dockerfile", "Dockerfile.*", "*.Dockerfile", "*.dockerfile", "Containerfile", "Containerfile.*"],
    // `Dockerfile.dockerignore` is the per-Dockerfile ignore file BuildKit reads, not a Dockerfile.
    exclude: ["*.dockerignore"],
  },
  {
    kind: "compose",
    // The names `docker compose` looks for (compose.yaml first) and the `-f` files projects keep beside
    // them: compose.override.yaml, docker-compose.prod.yml. Not `app-compose.yml` or `compose.json`.
    patterns: [
      "compose.yaml",
      "compose.yml",
      "compose.*.yaml",
      "compose.*.yml",
      "docker-compose.yaml",
      "docker-compose.yml",
      "docker-compose.*.yaml",
      "docker-compose.*.yml",
    ],
  },
];

/** Never searched: dependencies and VCS internals hold vendored Dockerfiles nobody wants reported. */
const IGNORED_DIRECTORIES = ["**/node_modules/**", "**/.git/**"];

export interface Target {
  /** Absolute path. */
  path: string;
  /** Known from the name (or --kind); undefined lets core sniff the content. */
  kind: FileKind | undefined;
}

export interface FindOptions {
  cwd: string;
  errorOnUnmatchedPattern: boolean;
  kind?: FileKind | undefined;
  discovery?: readonly DiscoveryEntry[];
}

function globToRegExp(glob: string): RegExp {
  return new RegExp(`^${glob.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*")}$`);
}

interface CompiledEntry {
  kind: FileKind;
  include: RegExp[];
  exclude: RegExp[];
}

const compiled = new WeakMap<readonly DiscoveryEntry[], CompiledEntry[]>();

function compile(discovery: readonly DiscoveryEntry[]): CompiledEntry[] {
  let entries = compiled.get(discovery);
  if (!entries) {
    entries = discovery.map((entry) => ({
      kind: entry.kind,
      include: entry.patterns.map(globToRegExp),
      exclude: (entry.exclude ?? []).map(globToRegExp),
    }));
    compiled.set(discovery, entries);
  }
  return entries;
}

/** The kind a base name has under the discovery table, or undefined when no entry claims it. */
export function classify(baseName: string, discovery: readonly DiscoveryEntry[] = DISCOVERY): FileKind | undefined {
  for (const entry of compile(discovery)) {
    if (entry.include.some((re) => re.test(baseName)) && !entry.exclude.some((re) => re.test(baseName))) return entry.kind;
  }
  return undefined;
}

const GLOB_OPTIONS = {
  dot: true,
  // Symlinked directories are not entered: this is what keeps `a/loop -> ..` from recursing forever.
  followSymbolicLinks: false,
  // Files only, but symbolic links must be seen too (a symlinked Dockerfile is common): they are
  // returned as entries and resolved below, since onlyFiles would drop them with followSymbolicLinks off.
  onlyFiles: false,
  objectMode: true,
  ignore: IGNORED_DIRECTORIES,
  suppressErrors: true,
} as const;

/** Keeps regular files and symbolic links that do not point at a directory (broken links stay: they get a fatal result). */
async function keepFileEntries(entries: readonly fg.Entry[], base: string): Promise<string[]> {
  const files: string[] = [];
  for (const entry of entries) {
    const absolute = path.resolve(base, entry.path);
    if (entry.dirent.isFile()) files.push(absolute);
    else if (entry.dirent.isSymbolicLink()) {
      const target = await stat(absolute).catch(() => undefined);
      if (!target?.isDirectory()) files.push(absolute);
    }
  }
  return files;
}

async function searchDirectory(directory: string, discovery: readonly DiscoveryEntry[]): Promise<Target[]> {
  const patterns = [...new Set(discovery.flatMap((entry) => entry.patterns))].map((p) => `**/${p}`);
  // `cwd` instead of prefixing the directory: no escaping of glob characters in directory names.
  const glob = await loadGlob();
  const entries = await glob(patterns, { ...GLOB_OPTIONS, cwd: directory });
  const files = await keepFileEntries(entries, directory);
  return files.flatMap((file) => {
    const kind = classify(path.basename(file), discovery);
    return kind ? [{ path: file, kind }] : [];
  });
}

async function searchGlob(pattern: string, options: FindOptions, discovery: readonly DiscoveryEntry[]): Promise<Target[]> {
  const glob = await loadGlob();
  const entries = await glob(pattern.replace(/\\/g, "/"), { ...GLOB_OPTIONS, cwd: options.cwd });
  const files = await keepFileEntries(entries, options.cwd);
  return files.flatMap((file) => {
    // A glob is a search, not a list of names: it lints what docklint recognises, or, with --kind,
    // every match ('build/*.txt' --kind dockerfile). Otherwise '**/Dockerfile*' would drag in
    // Dockerfile.dockerignore and fail the run on a file that is not a Dockerfile.
    const kind = classify(path.basename(file), discovery) ?? options.kind;
    return kind ? [{ path: file, kind }] : [];
  });
}

function describeAccessError(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "ENOTDIR":
      return "a parent of it is not a directory";
    case "ELOOP":
      return "too many levels of symbolic links";
    case "ENAMETOOLONG":
      return "the name is too long";
    default:
      return error.message;
  }
}

/**
 * Turns command-line paths, directories and globs into the files to lint: absolute, each once,
 * sorted so that output does not depend on directory listing order.
 * Throws CliError for a path that does not exist and (unless disabled) a directory or glob that finds nothing.
 */
export async function findFiles(patterns: readonly string[], options: FindOptions): Promise<Target[]> {
  const discovery = options.discovery ?? DISCOVERY;
  const byPath = new Map<string, Target>();
  for (const pattern of patterns) {
    const absolute = path.resolve(options.cwd, pattern);
    const link = await lstat(absolute).catch((error: NodeJS.ErrnoException) => error);
    let found: Target[];
    if (!(link instanceof Error)) {
      // A symlink to a directory named on the command line is followed: the user asked for it.
      const info = link.isSymbolicLink() ? await stat(absolute).catch(() => link) : link;
      if (info.isDirectory()) {
        found = await searchDirectory(absolute, discovery);
      } else {
        // Named explicitly: linted whatever its name, a broken link or unreadable file included (it gets a fatal result).
        found = [{ path: absolute, kind: kindFromName(absolute) ?? options.kind }];
      }
    } else if (link.code === "ENOENT" && (await loadGlob()).isDynamicPattern(pattern.replace(/\\/g, "/"))) {
      found = await searchGlob(pattern, options, discovery);
    } else if (link.code === "ENOENT") {
      throw new CliError(`No such file or directory: "${pattern}".`);
    } else {
      throw new CliError(`Cannot access "${pattern}": ${describeAccessError(link)}.`);
    }
    if (found.length === 0 && options.errorOnUnmatchedPattern) {
      throw new CliError(
        `No files matching the pattern "${pattern}" were found (docklint looks for ${discovery.flatMap((e) => e.patterns).join(", ")}). ` +
          "Pass --no-error-on-unmatched-pattern to allow this.",
      );
    }
    for (const target of found) if (!byPath.has(target.path)) byPath.set(target.path, target);
  }
  // Code-unit order, not localeCompare: the same on every machine and locale.
  return [...byPath.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

export type ReadOutcome = { ok: true; text: string } | { ok: false; problem: string };

function describeReadError(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case "ENOENT":
      return "Cannot read this file: it does not exist (deleted while docklint ran, or a broken symbolic link).";
    case "EACCES":
    case "EPERM":
      return "Cannot read this file: permission denied.";
    case "EISDIR":
      return "Cannot read this file: it is a directory, not a file.";
    case "ELOOP":
      return "Cannot read this file: too many levels of symbolic links.";
    default:
      return `Cannot read this file: ${error.message}`;
  }
}

function formatBytes(limit: number): string {
  return limit % (1024 * 1024) === 0 ? `${limit / (1024 * 1024)} MB` : `${limit} bytes`;
}

/** Reads a file as UTF-8, or says in one sentence why it cannot be linted. Never throws. */
export async function readTarget(file: string, limit: number = MAX_FILE_BYTES): Promise<ReadOutcome> {
  try {
    // stat first: opening a FIFO named Dockerfile would block forever, and a huge file is refused unread.
    const info = await stat(file);
    if (info.isDirectory()) return { ok: false, problem: "Cannot read this file: it is a directory, not a file." };
    if (!info.isFile()) return { ok: false, problem: "Cannot read this file: it is not a regular file (a device, FIFO or socket)." };
    if (info.size > limit) {
      return { ok: false, problem: `File too large (${info.size} bytes; limit ${formatBytes(limit)}); it was not linted.` };
    }
    // Decoded as UTF-8 with nothing stripped: core handles the BOM and keeps it for fixes.
    const text = await readFile(file, "utf8");
    return { ok: true, text };
  } catch (error) {
    return { ok: false, problem: describeReadError(error as NodeJS.ErrnoException) };
  }
}
