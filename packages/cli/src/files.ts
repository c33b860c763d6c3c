import { closeSync, constants, fstatSync, lstatSync, openSync, readdir as readdirWithCallback, readSync, statSync, type Dirent, type Stats } from "node:fs";
import { lstat, readdir, realpath, stat } from "node:fs/promises";
import path from "node:path";
import type fg from "fast-glob";
import ignore from "ignore";
import { DirectoryListings } from "./directory-listings.js";
import { readTrackedPaths } from "./git-index.js";
import { IgnorePrefilter } from "./ignore-prefilter.js";

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

/**
 * The default size limit: files above it get a fatal result without being read (no real
 * Dockerfile or Compose file comes close). `--max-file-size` changes it for one run.
 */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

let fileSizeLimit = MAX_FILE_BYTES;

/** The size limit of the current run. */
export function maxFileBytes(): number {
  return fileSizeLimit;
}

/**
 * Sets the size limit for every read that follows (the run's files, standard input) and returns
 * the previous one, which the caller restores when its run ends. One limit per process at a time:
 * programs that embed `main()` run it once at a time or with the same limit.
 */
export function setMaxFileBytes(limit: number): number {
  const previous = fileSizeLimit;
  fileSizeLimit = limit;
  return previous;
}

const SIZE_UNITS: Readonly<Record<string, number>> = { "": 1, b: 1, k: 1024, kb: 1024, kib: 1024, m: 1024 ** 2, mb: 1024 ** 2, mib: 1024 ** 2, g: 1024 ** 3, gb: 1024 ** 3, gib: 1024 ** 3 };

/** `1048576`, `512KB`, `10MB`, `1.5GB` (units of 1024, case-insensitive) → bytes; undefined when not a positive size. */
export function parseByteSize(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?) ?([a-z]{0,3})$/i.exec(text.trim());
  if (!match) return undefined;
  const unit = SIZE_UNITS[(match[2] ?? "").toLowerCase()];
  if (unit === undefined) return undefined;
  const bytes = Math.floor(Number(match[1]) * unit);
  return Number.isSafeInteger(bytes) && bytes > 0 ? bytes : undefined;
}

export interface DiscoveryEntry {
  kind: FileKind;
  /** Base-name globs (`*` only), case-sensitive as Docker and Compose spell the names. */
  patterns: readonly string[];
  /** Base-name globs that look like the patterns but are something else. */
  exclude?: readonly string[];
}

/**
 * Names that look like Dockerfiles but are not: ignore files (BuildKit's `Dockerfile.dockerignore`,
 * and `Dockerfile.ignore`, a name about 30 public repositories give theirs, redpanda's among
 * them), and templates a generator renders (Thor's `.tt` is Rails' `Dockerfile.tt`).
 */
const DOCKERFILE_NON_DOCKERFILES: readonly string[] = [
  "*.dockerignore",
  "*.ignore",
  // Nickel's `.ncl` too: haskell/docker-haskell renders its Dockerfiles from template/Dockerfile.ncl.
  ...["template", "tmpl", "tpl", "tt", "j2", "jinja", "jinja2", "erb", "mustache", "hbs", "gotmpl", "in", "ncl"].map((extension) => `*.${extension}`),
];

/**
 * What a directory search picks up: Dockerfiles, Compose files and the Docker daemon's
 * `daemon.json` (only that exact name: other JSON files are not the daemon's).
 */
export const DISCOVERY: readonly DiscoveryEntry[] = [
  {
    kind: "dockerfile",
    // `Dockerfile-alpine` and `Dockerfile_dev` too: ory/kratos builds its published images from
    // `.docker/Dockerfile-alpine` and three more named so, FreshRSS from `Docker/Dockerfile-Alpine`.
    patterns: ["Dockerfile", "Dockerfile.*", "Dockerfile-*", "Dockerfile_*", "*.Dockerfile", "*.dockerfile", "Containerfile", "Containerfile.*", "Containerfile-*", "Containerfile_*"],
    // `Dockerfile.dockerignore` is the per-Dockerfile ignore file BuildKit reads, not a Dockerfile;
    // `Dockerfile.template` (docker-library's jq templates: redis's gave 63 errors on `{{`),
    // `Dockerfile.tmpl` (caddy's Go templates), `Dockerfile.j2` and the like are a generator's
    // input. Named on the command line, any of them is linted.
    exclude: DOCKERFILE_NON_DOCKERFILES,
  },
  {
    kind: "compose",
    // The names `docker compose` looks for (compose.yaml first) and the `-f` files projects keep beside
    // them, named with a dot or a hyphen (compose.override.yaml, docker-compose.prod.yml,
    // docker-compose-tls.yml: temporalio/docker-compose has six of those), and with the name in
    // front (seaweedfs keeps 26 `docker/compose/<name>-compose.yml`, akaunting six
    // `<name>-docker-compose.yml`, snipe-it `dev.docker-compose.yml`), as core's isComposeName takes
    // them. Not `compose.json`, nor `composer.yml`.
    patterns: [
      "compose.yaml",
      "compose.yml",
      "compose.*.yaml",
      "compose.*.yml",
      "compose-*.yaml",
      "compose-*.yml",
      "docker-compose.yaml",
      "docker-compose.yml",
      "docker-compose.*.yaml",
      "docker-compose.*.yml",
      "docker-compose-*.yaml",
      "docker-compose-*.yml",
      "*-compose.yaml",
      "*-compose.yml",
      "*.compose.yaml",
      "*.compose.yml",
    ],
  },
  { kind: "daemon", patterns: ["daemon.json"] },
];

/**
 * Never searched: dependencies and VCS internals hold vendored Dockerfiles nobody wants reported.
 * Only names inside a searched directory: a directory named on the command line is searched even
 * when it is called node_modules.
 */
const SKIPPED_DIRECTORY_NAMES = ["node_modules", ".git"];
const IGNORED_DIRECTORIES = SKIPPED_DIRECTORY_NAMES.map((name) => `**/${name}/**`);

/**
 * Go's module vendoring (`go mod vendor`), for a directory named `vendor`: one holding
 * `modules.txt` is third-party code, skipped as node_modules is (crazy-max/diun vendors five
 * modules' Dockerfiles). Other directories named vendor are searched.
 */
function isGoVendor(vendorDir: string): boolean {
  return statIfAny(path.join(vendorDir, "modules.txt")) !== undefined;
}

/**
 * Ignore files read in every directory from the top of the repository (the nearest directory
 * holding `.git`, else the current directory or the searched one) down to the files: git's rules,
 * each file's patterns relative to its own directory, a deeper file's match winning. In one
 * directory `.docklintignore` is read after `.gitignore`, so it can re-include with `!pattern`.
 */
export const IGNORE_FILE_NAMES = [".gitignore", ".docklintignore"] as const;

/** git folds case in ignore patterns where the file system does (core.ignorecase). */
const IGNORE_CASE = process.platform === "win32" || process.platform === "darwin";

export interface IgnoreMatch {
  /** The pattern as written in the ignore file. */
  pattern: string;
  /** The ignore file and line, e.g. `.gitignore:3` or `services/.docklintignore:1`. */
  source: string;
}

function toPosix(relative: string): string {
  return path.sep === "/" ? relative : relative.split(path.sep).join("/");
}

function isInside(parent: string, child: string): boolean {
  const relative = path.relative(parent, child);
  return relative === "" || (!relative.startsWith("..") && !path.isAbsolute(relative));
}

/** Every directory from `top` down to `dir` (both included); `top` must contain `dir`. */
function directoriesBetween(top: string, dir: string): string[] {
  const chain = [dir];
  for (let current = dir; current !== top; ) {
    const parent = path.dirname(current);
    if (parent === current) break;
    chain.push(parent);
    current = parent;
  }
  return chain.reverse();
}

/** One directory's ignore files: their patterns, and what a path must hold for one to match it. */
interface IgnoreLevel {
  rules: ignore.Ignore;
  prefilter: IgnorePrefilter;
  /** `.docklintignore`'s patterns alone: what decides a file git tracks, which `.gitignore` does not hide. */
  own: { rules: ignore.Ignore; prefilter: IgnorePrefilter } | undefined;
}

/** What git tracks in one working tree (its index), as ignore decisions ask it. */
interface TrackedFiles {
  files: ReadonlySet<string>;
  /** Directories (relative, with `/`) holding a tracked file that a search would take. */
  directories: ReadonlySet<string>;
}

/** Whether a match came from a `.gitignore` (its mark is `<path>/.gitignore:<line>`). */
function isGitignoreMatch(match: IgnoreMatch): boolean {
  return /(?:^|\/)\.gitignore:\d+$/.test(match.source);
}

/** An ignore decision, and whether git's index overrides it (see IgnoreRules.decide). */
interface IgnoreDecision {
  ignored: IgnoreMatch | undefined;
  /** Ignored by a `.gitignore`, but git tracks the file (or files inside the directory): it is searched all the same. */
  tracked: boolean;
}

/** .gitignore and .docklintignore, read once per directory and per run. */
export class IgnoreRules {
  private readonly cwd: string;
  private readonly levels = new Map<string, Promise<IgnoreLevel | undefined>>();
  private readonly gitTops = new Map<string, Promise<string | undefined>>();
  private readonly decisions = new Map<string, Promise<IgnoreMatch | undefined>>();
  private readonly trackedByTop = new Map<string, TrackedFiles | undefined>();

  /**
   * `listings`: what a directory search saw, so that no ignore file is opened where a listing has
   * none. `searched`: whether a search would take a file of that base name (a directory that
   * `.gitignore` hides is searched only when git tracks such a file inside it).
   */
  constructor(
    cwd: string,
    private readonly listings?: DirectoryListings,
    private readonly searched: (baseName: string) => boolean = () => true,
  ) {
    this.cwd = cwd;
  }

  /** The patterns of one directory's ignore files, or undefined when it has none. */
  private level(dir: string): Promise<IgnoreLevel | undefined> {
    let pending = this.levels.get(dir);
    if (!pending) {
      pending = (async () => {
        let level: IgnoreLevel | undefined;
        for (const name of IGNORE_FILE_NAMES) {
          if (this.listings && !this.listings.mayHold(dir, name)) continue;
          const file = path.join(dir, name);
          const text = readSmallFile(file, MAX_FILE_BYTES);
          if (text === undefined) continue;
          const source = toPosix(path.relative(this.cwd, file)) || name;
          level ??= { rules: ignore({ ignorecase: IGNORE_CASE }), prefilter: new IgnorePrefilter(IGNORE_CASE), own: undefined };
          const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
          const patterns = lines.map((pattern, index) => ({ pattern, mark: `${source}:${index + 1}` }));
          level.rules.add(patterns);
          level.prefilter.add(lines);
          if (name === ".docklintignore") {
            level.own = { rules: ignore({ ignorecase: IGNORE_CASE }).add(patterns), prefilter: new IgnorePrefilter(IGNORE_CASE) };
            level.own.prefilter.add(lines);
          }
        }
        return level;
      })();
      this.levels.set(dir, pending);
    }
    return pending;
  }

  /** The nearest directory at or above `dir` that holds `.git` (a directory, or a file in worktrees). */
  private gitTop(dir: string): Promise<string | undefined> {
    let pending = this.gitTops.get(dir);
    if (!pending) {
      pending = (async () => {
        if (this.listings?.mayHold(dir, ".git") !== false && isRepositoryTop(dir)) return dir;
        const parent = path.dirname(dir);
        return parent === dir ? undefined : this.gitTop(parent);
      })();
      this.gitTops.set(dir, pending);
    }
    return pending;
  }

  /**
   * Where ignore files start applying for `dir`: the repository's top, else the current directory
   * when `dir` is inside it, else `dir` itself. Outside a repository no file above the current
   * directory is read: a stray ~/.gitignore must not hide a project's files.
   */
  async topFor(dir: string): Promise<string> {
    const top = await this.gitTop(dir);
    if (top !== undefined) return top;
    return isInside(this.cwd, dir) ? this.cwd : dir;
  }

  /**
   * Decides one path with the ignore files of `chain` (directories from the top down to the
   * path's parent), as git does: the deepest file with a matching pattern decides, its last
   * matching pattern winning. The path's parent directories must have been decided already.
   * `ownOnly`: with `.docklintignore`'s patterns alone.
   */
  private async match(absolute: string, isDirectory: boolean, chain: readonly string[], ownOnly = false): Promise<IgnoreMatch | undefined> {
    for (let i = chain.length - 1; i >= 0; i--) {
      const dir = chain[i] as string;
      const level = await this.level(dir);
      const patterns = ownOnly ? level?.own : level;
      if (!patterns) continue;
      const relative = toPosix(path.relative(dir, absolute));
      if (relative === "" || relative.startsWith("..") || !patterns.prefilter.mayMatch(relative)) continue;
      const result = patterns.rules.test(isDirectory ? `${relative}/` : relative);
      if (result.ignored) return { pattern: result.rule?.pattern ?? "", source: result.rule?.mark ?? IGNORE_FILE_NAMES.join(" / ") };
      if (result.unignored) return undefined;
    }
    return undefined;
  }

  /** Whether a directory is ignored, by itself or by one of its parents (below the top). */
  private directory(dir: string, top: string, ownOnly = false): Promise<IgnoreMatch | undefined> {
    const key = `${ownOnly ? "own" : ""}\0${top}\0${dir}`;
    let pending = this.decisions.get(key);
    if (!pending) {
      pending = (async () => {
        if (dir === top) return undefined;
        const parent = path.dirname(dir);
        const inherited = await this.directory(parent, top, ownOnly);
        if (inherited) return inherited;
        return this.match(dir, true, directoriesBetween(top, parent), ownOnly);
      })();
      this.decisions.set(key, pending);
    }
    return pending;
  }

  /**
   * Why the repository at `top`, nested inside the current directory's own (a submodule, a clone),
   * is ignored by the repositories around it, or undefined. A directory search never enters such a
   * repository (its ignore files decide only what is inside it); a glob or a named path must not
   * reach into it either. Only the repositories up to the current directory's are asked, as the
   * directory search asks them: a stray ~/.gitignore above them must not hide a project's files.
   */
  private async enclosingIgnores(top: string): Promise<IgnoreMatch | undefined> {
    const base = await this.topFor(this.cwd);
    if (top === base || !isInside(base, top)) return undefined;
    const outer = await this.topFor(path.dirname(top));
    return (await this.directory(top, outer)) ?? this.enclosingIgnores(outer);
  }

  /** What git's index at `top` tracks (read once, on the first question); undefined outside a repository. */
  private trackedAt(top: string): TrackedFiles | undefined {
    if (this.trackedByTop.has(top)) return this.trackedByTop.get(top);
    let tracked: TrackedFiles | undefined;
    const paths = isRepositoryTop(top) ? readTrackedPaths(top, readBytesIfAny) : undefined;
    if (paths) {
      const directories = new Set<string>();
      for (const file of paths) {
        const slash = file.lastIndexOf("/");
        if (!this.searched(file.slice(slash + 1))) continue;
        for (let end = slash; end > 0 && !directories.has(file.slice(0, end)); end = file.lastIndexOf("/", end - 1)) directories.add(file.slice(0, end));
      }
      tracked = { files: new Set(paths), directories };
    }
    this.trackedByTop.set(top, tracked);
    return tracked;
  }

  /**
   * Whether a path that `why` ignores is searched all the same: git's ignore rules hide untracked
   * files only, so a `.gitignore` match does not hide a file git tracks, nor a directory holding
   * one a search would take (and only those files in it). `.docklintignore` still decides them:
   * it says what not to lint, tracked or not. The index is read only once a `.gitignore` matches.
   */
  private async keptByGit(absolute: string, isDirectory: boolean, why: IgnoreMatch, top: string): Promise<boolean> {
    if (!isGitignoreMatch(why)) return false;
    const tracked = this.trackedAt(top);
    if (!tracked) return false;
    const relative = toPosix(path.relative(top, absolute));
    if (!(isDirectory ? tracked.directories : tracked.files).has(relative)) return false;
    const parent = path.dirname(absolute);
    return (await this.directory(parent, top, true)) === undefined && (await this.match(absolute, isDirectory, directoriesBetween(top, parent), true)) === undefined;
  }

  /** Why a file or directory is ignored, and whether git's index keeps it searched all the same. */
  async decide(absolute: string, isDirectory: boolean): Promise<IgnoreDecision> {
    const parent = path.dirname(absolute);
    const top = await this.topFor(isDirectory ? absolute : parent);
    const enclosing = await this.enclosingIgnores(top);
    if (enclosing) return { ignored: enclosing, tracked: false };
    if (absolute === top || !isInside(top, absolute)) return { ignored: undefined, tracked: false };
    const ignored = (await this.directory(parent, top)) ?? (await this.match(absolute, isDirectory, directoriesBetween(top, parent)));
    return { ignored, tracked: ignored !== undefined && (await this.keptByGit(absolute, isDirectory, ignored, top)) };
  }

  /** Why a file or directory is ignored, or undefined when it is not (or git tracks it: see keptByGit). */
  async ignored(absolute: string, isDirectory: boolean): Promise<IgnoreMatch | undefined> {
    const decision = await this.decide(absolute, isDirectory);
    return decision.tracked ? undefined : decision.ignored;
  }

  /**
   * For a directory search: decides an entry of `dir`, whose chain from the top is `chain` (ending
   * with `dir`). `ignoredAbove`: why `dir` itself is ignored, when the search entered it only for
   * the files git tracks there.
   */
  async entry(absolute: string, isDirectory: boolean, chain: readonly string[], ignoredAbove?: IgnoreMatch): Promise<IgnoreDecision> {
    const ignored = ignoredAbove ?? (await this.match(absolute, isDirectory, chain));
    return { ignored, tracked: ignored !== undefined && (await this.keptByGit(absolute, isDirectory, ignored, chain[0] as string)) };
  }
}

export interface Target {
  /** Absolute path. */
  path: string;
  /** Known from the name (or --kind); undefined lets core sniff the content. */
  kind: FileKind | undefined;
  /** Named on the command line (not found by a directory search or a glob). */
  explicit?: boolean;
  /** A file named on the command line that an ignore file matches: reported as ignored, not linted. */
  ignored?: IgnoreMatch;
  /** Found by a search as a symbolic link: left out when the file it points to is linted too. */
  link?: boolean;
}

export interface FindOptions {
  cwd: string;
  errorOnUnmatchedPattern: boolean;
  kind?: FileKind | undefined;
  discovery?: readonly DiscoveryEntry[];
  /** Honour .gitignore and .docklintignore (default true; false with --no-ignore). */
  ignore?: boolean;
  /** Filled with what the search lists, for later lookups in the same directories (config files, files linted files refer to). */
  listings?: DirectoryListings;
}

export interface FindResult {
  /** The files to lint, each once, sorted by path. */
  targets: Target[];
  /** Paths that name nothing or match no file: the CLI reports each and exits with 2 after linting the rest. */
  problems: string[];
  /** Things worth saying that change nothing (an ignored directory, an unreadable subdirectory). */
  notes: string[];
  /** The ignore files the search read, for later decisions in the same run; undefined with --no-ignore. */
  ignores: IgnoreRules | undefined;
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

/** An entry's type, following a symbolic link (not into it): a link to a directory is never entered. */
async function entryType(absolute: string, dirent: Pick<Dirent, "isDirectory" | "isFile" | "isSymbolicLink">): Promise<"file" | "directory" | "link-to-directory" | "other"> {
  if (dirent.isDirectory()) return "directory";
  if (dirent.isFile()) return "file";
  if (dirent.isSymbolicLink()) {
    // A broken link stays a file: it gets a fatal result naming the problem.
    const target = await stat(absolute).catch(() => undefined);
    return target?.isDirectory() ? "link-to-directory" : "file";
  }
  return "other";
}

interface SearchContext {
  discovery: readonly DiscoveryEntry[];
  /** undefined with --no-ignore. */
  ignores: IgnoreRules | undefined;
  listings: DirectoryListings;
  found: Target[];
  notes: string[];
  cwd: string;
}

function display(cwd: string, absolute: string): string {
  const relative = path.relative(cwd, absolute);
  return relative === "" ? "." : relative.startsWith("..") || path.isAbsolute(relative) ? absolute : relative;
}

/**
 * Walks a directory depth-first. Symbolic links to directories are not followed, which is what
 * makes a loop (`a/loop -> ..`) harmless; ignored directories are not entered at all, so an
 * ignored `dist/` or `vendor/` costs nothing.
 */
async function walk(dir: string, chain: readonly string[], context: SearchContext, ignoredAbove?: IgnoreMatch): Promise<void> {
  let entries: Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    context.notes.push(`Cannot search "${display(context.cwd, dir)}": ${describeAccessError(error as NodeJS.ErrnoException)}; its files were not linted.`);
    return;
  }
  context.listings.record(dir, entries.map((dirent) => dirent.name));
  // A repository inside the searched one (a submodule, a nested clone) is the top where its files'
  // ignore files start, as IgnoreRules.ignored finds it for a glob's matches: the outer patterns
  // (`build/`, `*.log`) do not reach into it, as git's do not. Whether the walk enters it at all
  // was decided by the outer ones, as git skips a clone its .gitignore names.
  const ownChain = dir !== chain[0] && entries.some((dirent) => dirent.name === ".git") ? [dir] : chain;
  // Subdirectories are searched concurrently (libuv's thread pool bounds the I/O); the final list is sorted by path.
  const subdirectories: Promise<void>[] = [];
  for (const dirent of entries) {
    const absolute = path.join(dir, dirent.name);
    // Only symbolic links need a stat; everything else is known from the listing.
    const type = dirent.isSymbolicLink() ? await entryType(absolute, dirent) : dirent.isDirectory() ? "directory" : dirent.isFile() ? "file" : "other";
    if (type === "directory") {
      if (SKIPPED_DIRECTORY_NAMES.includes(dirent.name) || (dirent.name === "vendor" && isGoVendor(absolute))) continue;
      const decision = await context.ignores?.entry(absolute, true, ownChain, ignoredAbove);
      if (decision?.ignored && !decision.tracked) continue;
      // A directory .gitignore hides is entered for the files git tracks in it, and only those.
      subdirectories.push(walk(absolute, [...ownChain, absolute], context, decision?.ignored));
    } else if (type === "file") {
      const kind = classify(dirent.name, context.discovery);
      if (!kind) continue;
      const decision = await context.ignores?.entry(absolute, false, ownChain, ignoredAbove);
      if (decision?.ignored && !decision.tracked) continue;
      context.found.push({ path: absolute, kind, ...(dirent.isSymbolicLink() ? { link: true } : {}) });
    }
  }
  await Promise.all(subdirectories);
}

/** Whether a directory holds `.git` (a directory, or a file in worktrees and submodules): a repository's top. */
function isRepositoryTop(dir: string): boolean {
  return statIfAny(path.join(dir, ".git"), lstatSync) !== undefined;
}

/** The recognised files under a directory; undefined when the directory itself is ignored (a note says so). */
async function searchDirectory(directory: string, context: SearchContext): Promise<Target[] | undefined> {
  context.found = [];
  let chain = [directory];
  let ignoredAbove: IgnoreMatch | undefined;
  if (context.ignores) {
    const top = await context.ignores.topFor(directory);
    chain = directoriesBetween(top, directory);
    const { ignored, tracked } = await context.ignores.decide(directory, true);
    if (ignored && !tracked) {
      context.notes.push(`Directory "${display(context.cwd, directory)}" ignored because of a matching ignore pattern (\`${ignored.pattern}\` in ${ignored.source}); use "--no-ignore" to lint it.`);
      return undefined;
    }
    ignoredAbove = ignored;
  }
  await walk(directory, chain, context, ignoredAbove);
  return context.found;
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

/**
 * Globs are written with forward slashes on every platform. A backslash is read as a path
 * separator (`services\*\Dockerfile` from a Windows shell works), so it cannot escape a glob
 * character: match a literal `*` or `[` with a class, `[*]`.
 */
function globPattern(pattern: string): string {
  return pattern.replace(/\\/g, "/");
}

type GlobReaddir = NonNullable<NonNullable<fg.Options["fs"]>["readdir"]>;
type ReaddirCallback<T> = (error: NodeJS.ErrnoException | null, entries: T[]) => void;

/**
 * fast-glob's `readdir`, recording what it lists as the directory search does (DirectoryListings):
 * a glob over 20,000 directories otherwise left each to be listed again for its `.dockerignore`
 * and probed for ten config file names.
 */
function recordingReaddir(listings: DirectoryListings): GlobReaddir {
  function readdir(directory: string, options: { withFileTypes: true }, callback: ReaddirCallback<Dirent>): void;
  function readdir(directory: string, callback: ReaddirCallback<string>): void;
  function readdir(directory: string, optionsOrCallback: { withFileTypes: true } | ReaddirCallback<string>, callback?: ReaddirCallback<Dirent>): void {
    if (typeof optionsOrCallback === "function") {
      readdirWithCallback(directory, (error, names) => {
        if (!error) listings.record(path.resolve(directory), names);
        optionsOrCallback(error, names);
      });
      return;
    }
    readdirWithCallback(directory, optionsOrCallback, (error, entries) => {
      if (!error) listings.record(path.resolve(directory), entries.map((entry) => entry.name));
      callback?.(error, entries);
    });
  }
  return readdir;
}

async function searchGlob(pattern: string, options: FindOptions, context: SearchContext): Promise<Target[]> {
  const glob = await loadGlob();
  const entries = await glob(globPattern(pattern), { ...GLOB_OPTIONS, cwd: options.cwd, fs: { readdir: recordingReaddir(context.listings) } });
  const targets: Target[] = [];
  // Below the glob's fixed part only: a glob written inside a vendor directory searches it.
  const segments = globPattern(pattern).split("/");
  const fixed = segments.slice(0, Math.max(0, segments.findIndex((segment) => /[*?[\]{}()!]/.test(segment)))).join("/");
  const base = path.resolve(options.cwd, fixed);
  const goVendors = new Map<string, boolean>();
  const inGoVendor = (absolute: string): boolean => {
    for (let dir = path.dirname(absolute); dir !== base && isInside(base, dir); dir = path.dirname(dir)) {
      if (path.basename(dir) !== "vendor") continue;
      let known = goVendors.get(dir);
      if (known === undefined) goVendors.set(dir, (known = isGoVendor(dir)));
      if (known) return true;
    }
    return false;
  };
  for (const entry of entries) {
    const absolute = path.resolve(options.cwd, entry.path);
    if (inGoVendor(absolute)) continue;
    const type = await entryType(absolute, entry.dirent);
    if (type !== "file") continue;
    // A glob is a search, not a list of names: it lints what docklint recognises, or, with --kind,
    // every match ('build/*.txt' --kind dockerfile). Otherwise '**/Dockerfile*' would drag in
    // Dockerfile.dockerignore and fail the run on a file that is not a Dockerfile.
    const kind = classify(path.basename(absolute), context.discovery) ?? options.kind;
    if (!kind) continue;
    if (context.ignores && (await context.ignores.ignored(absolute, false))) continue;
    targets.push({ path: absolute, kind, ...(entry.dirent.isSymbolicLink() ? { link: true } : {}) });
  }
  return targets;
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

function lookedFor(discovery: readonly DiscoveryEntry[]): string {
  return discovery.flatMap((e) => e.patterns).join(", ");
}

/**
 * Turns command-line paths, directories and globs into the files to lint: absolute, each once,
 * sorted so that output does not depend on directory listing order. Never throws for a path: a
 * path that does not exist, or (unless disabled) a directory or glob that finds nothing, is a
 * problem for the caller to report, and the other paths are still searched.
 */
export async function discoverFiles(patterns: readonly string[], options: FindOptions): Promise<FindResult> {
  const discovery = options.discovery ?? DISCOVERY;
  const listings = options.listings ?? new DirectoryListings();
  const ignores = options.ignore === false ? undefined : new IgnoreRules(options.cwd, listings, (baseName) => classify(baseName, discovery) !== undefined);
  const context: SearchContext = { discovery, ignores, listings, found: [], notes: [], cwd: options.cwd };
  const byPath = new Map<string, Target>();
  const problems: string[] = [];
  for (const pattern of patterns) {
    const absolute = path.resolve(options.cwd, pattern);
    const link = await lstat(absolute).catch((error: NodeJS.ErrnoException) => error);
    let found: Target[];
    let isDirectory = false;
    if (!(link instanceof Error)) {
      // A symlink to a directory named on the command line is followed: the user asked for it.
      const info = link.isSymbolicLink() ? await stat(absolute).catch(() => link) : link;
      isDirectory = info.isDirectory();
      if (isDirectory) {
        const inside = await searchDirectory(absolute, context);
        // An ignored directory was reported as such: it did not "match nothing".
        if (inside === undefined) continue;
        found = inside;
      } else {
        // Named explicitly: linted whatever its name, a broken link or unreadable file included (it gets a fatal result).
        const ignored = ignores ? await ignores.ignored(absolute, false) : undefined;
        found = [{ path: absolute, kind: kindFromName(absolute) ?? options.kind, explicit: true, ...(ignored ? { ignored } : {}) }];
      }
    } else if (link.code === "ENOENT" && (await loadGlob()).isDynamicPattern(globPattern(pattern))) {
      found = await searchGlob(pattern, options, context);
    } else if (link.code === "ENOENT") {
      problems.push(`No such file or directory: "${pattern}".`);
      continue;
    } else {
      problems.push(`Cannot access "${pattern}": ${describeAccessError(link)}.`);
      continue;
    }
    if (found.length === 0 && options.errorOnUnmatchedPattern) {
      const what = isDirectory ? `"${pattern}" is a directory and holds no Dockerfile, Compose file or daemon.json docklint looks for` : `No files matching the pattern "${pattern}" were found`;
      problems.push(`${what} (${lookedFor(discovery)}${ignores ? "; ignored files, node_modules and Go's vendor/ are skipped" : ""}). Pass --no-error-on-unmatched-pattern to allow this.`);
      continue;
    }
    for (const target of found) {
      // Named as well as found: the name wins (a link named on the command line is linted).
      const known = byPath.get(target.path);
      if (!known || (target.explicit === true && known.explicit !== true)) byPath.set(target.path, target);
    }
  }
  await dropLinksToLinted(byPath);
  // Code-unit order, not localeCompare: the same on every machine and locale.
  const targets = [...byPath.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  // Notes come from concurrent directory walks: sorted, so that the output is the same every run.
  return { targets, problems, notes: [...context.notes].sort(), ignores };
}

/**
 * A search that finds both a symbolic link and the file it points to (vaultwarden's `Dockerfile`
 * → `docker/Dockerfile.debian`) lints the file once, under its own path: the same text under two
 * names doubled every finding. A link whose target is not linted (outside the search, or not a
 * name docklint takes), or a link named on the command line, is linted as before.
 */
async function dropLinksToLinted(byPath: Map<string, Target>): Promise<void> {
  const links = [...byPath.values()].filter((target) => target.link);
  if (links.length === 0) return;
  // Real paths on both sides: the searched directory itself may be reached through a link.
  const realOf = async (file: string): Promise<string | undefined> => realpath(file).catch(() => undefined);
  const linted = new Set<string>();
  for (const target of byPath.values()) {
    if (target.link) continue;
    const real = await realOf(target.path);
    if (real !== undefined) linted.add(real);
  }
  for (const link of links) {
    const real = await realOf(link.path);
    if (real !== undefined && linted.has(real)) byPath.delete(link.path);
  }
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

/** The limit as the user would write it: `10 MB`, `512 KB`, else bytes. */
export function formatBytes(limit: number): string {
  if (limit % (1024 * 1024) === 0) return `${limit / (1024 * 1024)} MB`;
  if (limit % 1024 === 0) return `${limit / 1024} KB`;
  return `${limit} bytes`;
}

function tooLarge(size: number | string, limit: number): string {
  return `File too large (${size} bytes; limit ${formatBytes(limit)}); it was not linted (raise the limit with --max-file-size).`;
}

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** 1-based line and column of a byte offset, counting columns in characters as editors do. */
function positionOf(bytes: Buffer, offset: number): { line: number; column: number } {
  const before = bytes.subarray(0, offset);
  const lineStart = before.lastIndexOf(0x0a) + 1;
  let line = 1;
  for (const byte of before) if (byte === 0x0a) line++;
  return { line, column: before.subarray(lineStart).toString("utf8").length + 1 };
}

/** The offset of the first byte that is not part of well-formed UTF-8 (RFC 3629), or the length when all are. */
export function firstInvalidByte(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i] as number;
    if (lead < 0x80) {
      i++;
      continue;
    }
    const length = lead >= 0xc2 && lead <= 0xdf ? 1 : lead >= 0xe0 && lead <= 0xef ? 2 : lead >= 0xf0 && lead <= 0xf4 ? 3 : -1;
    if (length < 0 || i + length >= bytes.length) return i;
    for (let k = 1; k <= length; k++) if (((bytes[i + k] as number) & 0xc0) !== 0x80) return i;
    const second = bytes[i + 1] as number;
    // Overlong forms, UTF-16 surrogates and code points above U+10FFFF.
    if ((lead === 0xe0 && second < 0xa0) || (lead === 0xed && second > 0x9f) || (lead === 0xf0 && second < 0x90) || (lead === 0xf4 && second > 0x8f)) return i;
    i += length + 1;
  }
  return bytes.length;
}

/**
 * Decodes a file's bytes, or says why they are not text docklint can lint: UTF-16 (a byte order
 * mark), or bytes that are not UTF-8 (Latin-1, a truncated character). Files with NUL bytes are
 * passed through: core reports them as binary.
 */
export function decodeText(bytes: Buffer): ReadOutcome {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return { ok: false, problem: `This file is UTF-16 (${bytes[0] === 0xff ? "little" : "big"}-endian, it starts with a byte order mark); docklint reads UTF-8, as Docker does: save it as UTF-8.` };
  }
  if (bytes.includes(0)) return { ok: true, text: bytes.toString("utf8") };
  try {
    return { ok: true, text: utf8.decode(bytes) };
  } catch {
    const offset = firstInvalidByte(bytes);
    const { line, column } = positionOf(bytes, offset);
    const byte = (bytes[offset] ?? 0).toString(16).toUpperCase().padStart(2, "0");
    return {
      ok: false,
      problem: `This file is not valid UTF-8 (byte 0x${byte} at line ${line}, column ${column}); it was not linted. Save it as UTF-8 (e.g. \`iconv -f latin1 -t utf-8\`).`,
    };
  }
}

/**
 * open() flags for a file to lint: O_NONBLOCK makes opening a FIFO or a device return at once instead
 * of waiting for a writer (fstat then refuses it); regular files ignore the flag. Windows has no such flag.
 */
const OPEN_WITHOUT_BLOCKING = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/** Every byte up to the end of the file, however much it grew since fstat said `size`. */
function readToEnd(fd: number, size: number): Buffer {
  // One byte more than expected, so that the common case ends with a single read and a read of 0 bytes.
  let buffer = Buffer.allocUnsafe(size + 1);
  let length = 0;
  for (;;) {
    if (length === buffer.length) {
      const bigger = Buffer.allocUnsafe(buffer.length * 2);
      buffer.copy(bigger, 0, 0, length);
      buffer = bigger;
    }
    const read = readSync(fd, buffer, length, buffer.length - length, null);
    if (read === 0) return buffer.subarray(0, length);
    length += read;
  }
}

/**
 * A regular file's bytes, or why they were not read: `error` from the system (missing, permission
 * denied), or `refused` for a directory, anything that is not a regular file, or a file over
 * `limit` bytes. Every file docklint reads (files to lint, config, ignore and cache files, files a
 * lint reaches) is read here. Opened without blocking and checked on the open file: reading a
 * FIFO or a device would block the run forever, and a huge file is refused unread.
 */
export type FileBytes =
  | { ok: true; bytes: Buffer }
  | { ok: false; refused: "directory" | "not a regular file"; error?: undefined }
  | { ok: false; refused: "too large"; size: number; error?: undefined }
  | { ok: false; error: NodeJS.ErrnoException; refused?: undefined };

/**
 * See FileBytes. Synchronous, with one open, one fstat, the reads and one close: linting is
 * CPU-bound, so reads gain nothing from overlapping, and fs/promises' stat + readFile cost 72 µs
 * of CPU per corpus Dockerfile in promise and thread-pool round trips against 7 µs for these calls
 * (min of 5 passes). Never throws.
 */
export function readFileBytes(file: string, limit = Number.POSITIVE_INFINITY): FileBytes {
  let fd: number;
  try {
    fd = openSync(file, OPEN_WITHOUT_BLOCKING);
  } catch (error) {
    return { ok: false, error: error as NodeJS.ErrnoException };
  }
  try {
    const info = fstatSync(fd);
    if (info.isDirectory()) return { ok: false, refused: "directory" };
    if (!info.isFile()) return { ok: false, refused: "not a regular file" };
    if (info.size > limit) return { ok: false, refused: "too large", size: info.size };
    const bytes = readToEnd(fd, info.size);
    // A file that grew between the fstat and the read (a log being written) is held to the same limit.
    if (bytes.length > limit) return { ok: false, refused: "too large", size: bytes.length };
    return { ok: true, bytes };
  } catch (error) {
    return { ok: false, error: error as NodeJS.ErrnoException };
  } finally {
    closeSync(fd);
  }
}

/** A file's text as UTF-8 (a BOM kept), or its read's failure: readFileBytes for callers that word the failure themselves. */
export function readFileText(file: string, limit?: number): { ok: true; text: string } | Exclude<FileBytes, { ok: true }> {
  const read = readFileBytes(file, limit);
  return read.ok ? { ok: true, text: read.bytes.toString("utf8") } : read;
}

/** A failed read in a few words, for a message: "no such file", "it is a directory", "it is not a regular file", "permission denied", or the system's message. */
export function readFailure(read: Exclude<FileBytes, { ok: true }>): string {
  if (read.refused === "too large") return `it is too large (${read.size} bytes)`;
  if (read.refused) return `it is ${read.refused === "directory" ? "a directory" : "not a regular file"}`;
  const code = read.error.code;
  return code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a directory" : code === "EACCES" || code === "EPERM" ? "permission denied" : read.error.message;
}

/** Reads a file as UTF-8, or says in one sentence why it cannot be linted. Never throws. */
export function readTargetSync(file: string, limit: number = fileSizeLimit): ReadOutcome {
  const read = readFileBytes(file, limit);
  if (read.ok) return decodeText(read.bytes);
  if (read.error) return { ok: false, problem: describeReadError(read.error) };
  if (read.refused === "too large") return { ok: false, problem: tooLarge(read.size, limit) };
  if (read.refused === "directory") return { ok: false, problem: "Cannot read this file: it is a directory, not a file." };
  return { ok: false, problem: "Cannot read this file: it is not a regular file (a device, FIFO or socket)." };
}

/** `readTargetSync` for callers that await it. */
export async function readTarget(file: string, limit: number = fileSizeLimit): Promise<ReadOutcome> {
  return readTargetSync(file, limit);
}

/**
 * A path's status, or undefined when there is none to read (missing, not a directory on the way,
 * permission denied). Synchronous on purpose: config, ignore and .git lookups ask for a dozen
 * names per directory up to the root, nearly all missing; through fs/promises each is a round trip
 * to libuv's thread pool, and a one-file run spent ~6 of its ~13 ms (after start-up) idle waiting
 * for them. A cached metadata lookup takes microseconds.
 */
export function statIfAny(file: string, how: typeof statSync | typeof lstatSync = statSync): Stats | undefined {
  try {
    return how(file, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}

/** Reads a regular file of at most `limit` bytes; undefined for anything else (directory, FIFO, device, missing, unreadable). */
function readBytesIfAny(file: string, limit: number): Buffer | undefined {
  const read = readFileBytes(file, limit);
  return read.ok ? read.bytes : undefined;
}

/** Reads a regular file of at most `limit` bytes as text; undefined for anything else (directory, FIFO, device, missing, unreadable). */
export function readSmallFile(file: string, limit: number): string | undefined {
  const read = readFileText(file, limit);
  return read.ok ? read.text : undefined;
}
