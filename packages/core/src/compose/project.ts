/**
 * Compose files that reach other files: `extends: {file: …}`, `include:`, override files
 * (`compose.yaml` + `compose.override.yaml`) and the `-f` list (`settings.composeFiles`).
 *
 * Core never reads files itself: every read goes through the host's `readFile`, by a path
 * relative to the linted file's directory. Every file is read and parsed at most once per lint
 * (`ProjectLoader` caches by normalized path), and every walk over `extends` or `include` keeps
 * the chain it followed, so a cycle is reported instead of looped on.
 */
import type { Node } from "yaml";
import type { ParseResult } from "../language.js";
import type { OffsetRange } from "../source.js";
import { pathBaseName } from "../util/posix-path.js";
import { knownTrimmed, knownValue } from "./interpolation.js";
import { envFileError, envFileReader, type EnvFileError, type EnvFileFormat } from "./dotenv.js";
import { isGitIgnored } from "./git.js";
import type { ComposeEnvFileProblem, ComposeExtends, ComposeFileProblem, ComposeLayered, ComposeLayerService, ComposeModel, ComposeProject, ComposeService, ComposeServiceLayers, Found } from "./model.js";
import { canonicalShapes, mergeFile, type CanonicalNotes } from "./go-merge.js";
import { isRecord, valueAt } from "../util/is-record.js";
import { includingEntry, type IncludingEntry } from "./includers.js";
import { DEFAULT_COMPOSE_FILES, OVERRIDE_COMPOSE_FILES, dirOf, resolveDir, resolvePath } from "./paths.js";

/** At most this many other files are read for one linted file (a safety net against huge fan-out). */
export const MAX_LOADED_FILES = 256;

/** A chain of `extends` longer than this is treated as unresolvable (no real file comes close). */
const MAX_EXTENDS_DEPTH = 256;

export type ReadFile = (relativePath: string) => string | undefined;

// ---------------------------------------------------------------------------------------------
// Files and services as the loader sees them

/** What `extends` resolution needs from a service (implemented by the parser's service class). */
export interface ProjectService extends ComposeService {
  readonly file: FileContext;
  /** `get` without what `extends` adds: what this file writes for the service. */
  getOwn(path: readonly string[]): Found | undefined;
  extendsTarget(): ExtendsTarget;
  extendsChain(): ExtendsChain;
  /** The service as compose-go's `applyServiceExtends` returns it (go-merge.ts): merged with its base, without `extends`. */
  composeGoExtended(): Record<string, unknown>;
}

export type TargetProblem =
  | { kind: "unreadable"; path: string }
  | { kind: "unparsable"; path: string; detail: string }
  | { kind: "missing-service"; path: string; target: string; candidates: readonly string[] };

export type ExtendsTarget =
  /** No `extends`, or it names an empty service (`base:` with no body). */
  | { kind: "none" }
  /** Cannot be known here: an unset variable, an absolute or remote path, or no file reader. */
  | { kind: "stop" }
  | { kind: "service"; service: ProjectService }
  | { kind: "problem"; problem: TargetProblem };

export interface ExtendsChain {
  /** The service this one extends, unless that is impossible (a problem, or this service is in a cycle). */
  base: ProjectService | undefined;
  /** The services followed, starting with this one. */
  visited: readonly ProjectService[];
  /** The loop, its first service repeated at the end, when the chain runs into one. */
  cycle?: readonly ProjectService[];
  /** The first problem met along the chain, and the service whose `extends` has it. */
  fault?: { at: ProjectService; problem: TargetProblem };
}

/** One parsed file: its key (path relative to the linted file's directory), directory and services by name. */
export class FileContext {
  /** Every key under `services:` (null: a service written with no body); filled by the parser. */
  readonly index = new Map<string, ProjectService | null>();
  model: ComposeModel | undefined;
  /** Copies of other files' nodes that this file's services inherit (parse.ts, `detached`), by node. */
  readonly detachedCopies = new Map<object, Node>();

  constructor(
    readonly loader: ProjectLoader,
    readonly key: string,
    readonly dir: string,
    /** The file being linted, not one its references reach. */
    readonly isLinted = false,
  ) {}

  /**
   * The file an `extends.file` this file writes names, as compose-go resolves it: the linted
   * file's from its project directory (the loader's working directory: the first `-f` file's, an
   * include entry's `project_directory`), a base file's from its own directory
   * (`getExtendsBaseFromFile` loads it with a loader of that directory).
   */
  extendsPath(written: string): string | undefined {
    return this.isLinted && this.model ? this.model.projectPath(written) : resolvePath(this.dir, written);
  }
}

export type LoadResult =
  | { status: "ok"; file: FileContext }
  | { status: "unreadable" }
  | { status: "unparsable"; detail: string }
  | { status: "no-reader" };

export type ParseFile = (text: string, file: FileContext) => ParseResult<ComposeModel>;

/** A name that marks a committed template (`.example`, `.sample`, `.dist`, `.template`, `.tmpl`), not a file Compose loads as it is. */
const TEMPLATE_COMPOSE_NAME = /(?:^|[.-])(?:example|sample|dist|template|tmpl)(?:[.-]|$)/i;

/** Reads and parses the other files of one lint, each once. */
export class ProjectLoader {
  private readonly files = new Map<string, LoadResult>();
  /** Texts of files read but not parsed as Compose (env files, and the probes of `exists`), by path. */
  private readonly texts = new Map<string, string | undefined>();
  private reads = 0;

  /** `filePath`: the linted file's path as the host gave it (its directories name those above it). */
  constructor(
    private readonly reader: ReadFile | undefined,
    private readonly parse: ParseFile,
    private readonly filePath?: string,
  ) {}

  get canRead(): boolean {
    return this.reader !== undefined;
  }

  /** Makes `file` the answer for its key (the linted file, whose text is already parsed). */
  register(file: FileContext): void {
    this.files.set(file.key, { status: "ok", file });
  }

  private read(path: string): string | undefined {
    if (!this.reader || this.reads >= MAX_LOADED_FILES) return undefined;
    this.reads++;
    try {
      return this.reader(path);
    } catch {
      return undefined;
    }
  }

  load(path: string): LoadResult {
    const cached = this.files.get(path);
    if (cached) return cached;
    if (!this.reader) return { status: "no-reader" };
    const text = this.read(path);
    let result: LoadResult;
    if (text === undefined) result = { status: "unreadable" };
    else {
      const file = new FileContext(this, path, dirOf(path));
      const parsed = this.parse(text, file);
      if (parsed.ok) {
        file.model = parsed.model;
        result = { status: "ok", file };
      } else {
        result = { status: "unparsable", detail: `${parsed.error.message} (line ${parsed.error.line}, column ${parsed.error.column})` };
      }
    }
    this.files.set(path, result);
    return result;
  }

  /** Whether a file (an `env_file`) can be read; undefined without a reader. */
  exists(path: string): boolean | undefined {
    if (!this.reader) return undefined;
    const loaded = this.files.get(path);
    if (loaded) return loaded.status !== "unreadable";
    return this.text(path) !== undefined;
  }

  /**
   * The text of a file that is not read as Compose (an env file), read once per lint: whether it
   * exists and what it holds are both answered by that one read. Undefined when it cannot be
   * read, or without a reader.
   */
  text(path: string): string | undefined {
    if (!this.reader) return undefined;
    if (this.texts.has(path)) return this.texts.get(path);
    const text = this.read(path);
    this.texts.set(path, text);
    return text;
  }

  /**
   * The linted file is a template to copy, by its name (`docker-compose.override.example.yml`,
   * `compose.sample.yaml`, `docker-compose.yml.dist`): what it names may be for its copier to make.
   */
  get lintsTemplate(): boolean {
    return this.filePath !== undefined && TEMPLATE_COMPOSE_NAME.test(pathBaseName(this.filePath, true));
  }

  /** Whether the repository's `.gitignore` files ignore `path` (see `isGitIgnored`); undefined without a reader or a repository. */
  isGitIgnored(path: string): boolean | undefined {
    if (!this.reader) return undefined;
    return isGitIgnored(path, this.filePath, (file) => this.text(file));
  }
}

// ---------------------------------------------------------------------------------------------
// extends

/**
 * Follows `extends` from `start` until it ends, fails or loops. Only the targets are resolved
 * (files read, services looked up); nothing is merged, so a cycle cannot recurse.
 */
export function walkExtends(start: ProjectService): ExtendsChain {
  const first = start.extendsTarget();
  const direct = first.kind === "service" ? first.service : undefined;
  const visited: ProjectService[] = [start];
  let current = start;
  let target = first;
  for (;;) {
    if (target.kind === "problem") return { base: direct, visited, fault: { at: current, problem: target.problem } };
    if (target.kind !== "service") return { base: direct, visited };
    const next = target.service;
    const seen = visited.indexOf(next);
    if (seen >= 0) {
      const cycle = [...visited.slice(seen), next];
      // A service in the loop inherits nothing (Compose refuses the file); one leading into it keeps its base.
      return { base: seen === 0 ? undefined : direct, visited, cycle };
    }
    if (visited.length >= MAX_EXTENDS_DEPTH) return { base: undefined, visited };
    visited.push(next);
    current = next;
    target = next.extendsTarget();
  }
}

/** `web`, or `base (common.yml)` for a service of another file. */
function serviceLabel(service: ProjectService, root: FileContext): string {
  return service.file === root ? service.name : `${service.name} (${service.file.key})`;
}

function extendsProblems(root: FileContext, services: readonly ProjectService[]): ComposeFileProblem[] {
  const problems: ComposeFileProblem[] = [];
  for (const service of services) {
    const ext: ComposeExtends | undefined = service.extends;
    if (!ext) continue;
    const written = ext.file ?? ext.service ?? "";
    const chain = service.extendsChain();
    // A fault reached through another service of this file is reported at that service.
    const viaOwn = (until: number): boolean => chain.visited.slice(1, until).some((s) => s.file === root);
    if (chain.cycle) {
      const inCycle = chain.cycle[0] === service;
      // A loop through this file's services is reported at each of them, not at those leading in.
      if (!inCycle && (chain.cycle.some((s) => s.file === root) || viaOwn(chain.visited.length))) continue;
      problems.push({
        kind: "cycle",
        via: "extends",
        path: service.file.key,
        written,
        service: service.name,
        chain: chain.cycle.map((s) => serviceLabel(s, root)),
        nested: !inCycle,
        range: ext.range,
      });
      continue;
    }
    const fault = chain.fault;
    if (!fault) continue;
    const direct = fault.at === service;
    const at = chain.visited.indexOf(fault.at);
    // A fault in another service of this file, or reached through one, is reported there.
    if (!direct && (fault.at.file === root || viaOwn(at))) continue;
    // `extends: name` within the file is a reference like `depends_on` (rule no-undefined-reference).
    if (direct && fault.problem.kind === "missing-service" && ext.file === undefined) continue;
    const steps = chain.visited.slice(0, at + 1).map((s) => serviceLabel(s, root));
    const problem: ComposeFileProblem = {
      kind: fault.problem.kind,
      via: "extends",
      path: fault.problem.path,
      written,
      service: service.name,
      chain: steps,
      nested: !direct,
      range: direct ? (fault.problem.kind === "missing-service" ? ext.serviceRange : (ext.fileRange ?? ext.range)) : ext.range,
    };
    if (fault.problem.kind === "missing-service") {
      problem.target = fault.problem.target;
      problem.candidates = fault.problem.candidates;
    }
    if (fault.problem.kind === "unparsable") problem.detail = fault.problem.detail;
    problems.push(problem);
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------
// include, override files, settings.composeFiles

interface Names {
  services: Set<string>;
  networks: Set<string>;
  volumes: Set<string>;
  secrets: Set<string>;
  configs: Set<string>;
  models: Set<string>;
}

function emptyNames(): Names {
  return { services: new Set(), networks: new Set(), volumes: new Set(), secrets: new Set(), configs: new Set(), models: new Set() };
}

function addNames(names: Names, file: FileContext): void {
  const model = file.model;
  if (!model) return;
  for (const name of file.index.keys()) names.services.add(name);
  for (const name of model.networks.keys()) names.networks.add(name);
  for (const name of model.volumes.keys()) names.volumes.add(name);
  for (const name of model.secrets.keys()) names.secrets.add(name);
  for (const name of model.configs.keys()) names.configs.add(name);
  for (const name of model.models.keys()) names.models.add(name);
}

interface IncludePath {
  written: string;
  /** Undefined: cannot be followed here (unset variable, absolute or remote). */
  path: string | undefined;
  range: OffsetRange;
}

interface IncludeEntry {
  paths: IncludePath[];
  /** Directory the included files' own relative paths start from (`project_directory`, else the first file's directory). */
  projectDirectory: string | undefined;
  envFiles: IncludePath[];
  range: OffsetRange;
}

function locateRange(model: ComposeModel, path: readonly string[]): OffsetRange {
  return model.locate(path)?.range ?? [0, 0];
}

function stringList(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  return value === undefined || value === null ? [] : [value];
}

/** The `include:` entries of a file: short (`- path`) and long (`- path: …`, `project_directory`, `env_file`). */
function includeEntries(model: ComposeModel, dir: string): IncludeEntry[] {
  // The key decides first: the whole file as plain values is built only when something reads it.
  if (!model.topLevelKeys.some((key) => key.name === "include")) return [];
  const plain = model.toPlain();
  if (typeof plain !== "object" || plain === null) return [];
  const include = (plain as Record<string, unknown>)["include"];
  if (!Array.isArray(include)) return [];
  const entries: IncludeEntry[] = [];
  include.forEach((item, i) => {
    const at = ["include", String(i)];
    const range = locateRange(model, at);
    const toPaths = (value: unknown, key: string): IncludePath[] => {
      const list = stringList(value);
      return list.flatMap((raw, j): IncludePath[] => {
        if (typeof raw !== "string" && typeof raw !== "number") return [];
        const place = Array.isArray(value) ? [...at, key, String(j)] : [...at, key];
        const text = knownValue(raw);
        return [{ written: String(raw), path: text === undefined ? undefined : resolvePath(dir, text), range: locateRange(model, place) }];
      });
    };
    if (typeof item === "string" || typeof item === "number") {
      const text = knownValue(item);
      const path = text === undefined ? undefined : resolvePath(dir, text);
      entries.push({ paths: [{ written: String(item), path, range }], projectDirectory: undefined, envFiles: [], range });
      return;
    }
    if (typeof item !== "object" || item === null || Array.isArray(item)) return;
    const long = item as Record<string, unknown>;
    const projectDirectoryText = knownValue(long["project_directory"]);
    entries.push({
      paths: toPaths(long["path"], "path"),
      projectDirectory: projectDirectoryText === undefined ? undefined : resolveDir(dir, projectDirectoryText),
      envFiles: toPaths(long["env_file"], "env_file"),
      range,
    });
  });
  return entries;
}

interface ProjectAnalysis {
  project: ComposeProject | undefined;
  problems: ComposeFileProblem[];
  /** The files this one includes, directly or through others, relative to its directory, in load order. */
  included: readonly string[];
}

/** Options the parser passes for the linted file. */
export interface RootOptions {
  file: FileContext;
  /** The linted file's path as the host gave it. */
  filePath: string | undefined;
  /** `settings.composeFiles`, as configured (validated here). */
  composeFiles: unknown;
}

function composeFileList(setting: unknown): string[] | undefined {
  if (!Array.isArray(setting) || setting.length === 0) return undefined;
  if (!setting.every((entry): entry is string => typeof entry === "string")) return undefined;
  return setting;
}

/** `settings.composeFiles` resolved, and where the linted file stands in it (-1: not listed); undefined without a list. */
function listedFiles(root: FileContext, options: RootOptions): { files: (string | undefined)[]; at: number } | undefined {
  const list = composeFileList(options.composeFiles);
  if (!list) return undefined;
  const files = list.map((entry) => resolvePath("", entry));
  return { files, at: files.indexOf(root.key) };
}

/** The files this one is layered on: earlier `settings.composeFiles` entries, or an override file's base. */
function baseFiles(root: FileContext, options: RootOptions): { bases: string[]; isLayer: boolean; last: boolean; listed: boolean; projectDir: string } {
  const listed = listedFiles(root, options);
  if (listed && listed.at >= 0) {
    const { files, at } = listed;
    const bases = files.slice(0, at).filter((entry): entry is string => entry !== undefined);
    const first = files[0];
    return { bases, isLayer: at > 0, last: at === files.length - 1, listed: true, projectDir: first === undefined ? "" : dirOf(first) };
  }
  const name = options.filePath === undefined ? undefined : pathBaseName(options.filePath, true);
  if (name !== undefined && (OVERRIDE_COMPOSE_FILES as readonly string[]).includes(name)) {
    const base = firstComposeFile(root, DEFAULT_COMPOSE_FILES);
    return { bases: base ? [base] : [], isLayer: true, last: true, listed: false, projectDir: "" };
  }
  return { bases: [], isLayer: false, last: true, listed: false, projectDir: "" };
}

const includedAsMemo = new WeakMap<RootOptions, { entry: IncludingEntry | undefined }>();

/** The files of `settings.composeFiles` when it does not name the linted file: one of them may include it. */
function unlistedIncluders(options: RootOptions): string[] {
  const listed = listedFiles(options.file, options);
  return listed && listed.at < 0 ? listed.files.filter((file): file is string => file !== undefined) : [];
}

/**
 * The `settings.composeFiles` around the file that includes the linted one, when that file is
 * one of them: those before it are merged before the imported services, those after it over them.
 */
function includerPlace(options: RootOptions, entry: IncludingEntry): { before: string[]; after: string[] } | undefined {
  const listed = unlistedIncluders(options);
  const at = listed.indexOf(entry.file);
  return at < 0 ? undefined : { before: listed.slice(0, at), after: listed.slice(at + 1) };
}

/** The `include:` entry of a file above that loads the linted one (see `includingEntry`), looked for once per lint. */
function includedAs(options: RootOptions): IncludingEntry | undefined {
  let memo = includedAsMemo.get(options);
  if (!memo) {
    const loader = options.file.loader;
    memo = { entry: loader.canRead ? includingEntry(options.filePath, (path) => loader.text(path), unlistedIncluders(options)) : undefined };
    includedAsMemo.set(options, memo);
  }
  return memo.entry;
}

/** Whether `docker compose` merges the linted file over another: an override file, or a file after the first of `settings.composeFiles`. */
export function isLaterLayer(options: RootOptions): boolean {
  return baseFiles(options.file, options).isLayer;
}

/**
 * The override file `docker compose` loads with the default Compose file `file` (a path relative
 * to the linted file's directory) when run in its directory without `-f`: compose-go's
 * `WithDefaultConfigPath` takes the first override name that exists. Undefined when there is none, and for a file that is not the one loaded there (not a
 * default name, or another default name before it exists beside it).
 */
function defaultOverrideOf(root: FileContext, file: string): string | undefined {
  const dir = dirOf(file);
  const at = (DEFAULT_COMPOSE_FILES as readonly string[]).indexOf(file.slice(dir.length));
  if (at < 0 || firstExisting(root, DEFAULT_COMPOSE_FILES.slice(0, at).map((name) => dir + name)) !== undefined) return undefined;
  return firstComposeFile(root, OVERRIDE_COMPOSE_FILES.map((name) => dir + name));
}

/** The first of `candidates` that `docker compose` would take: one that exists, parsed or not (a broken one is not skipped). */
function firstComposeFile(root: FileContext, candidates: readonly string[]): string | undefined {
  return candidates.find((candidate) => {
    const status = root.loader.load(candidate).status;
    return status === "ok" || status === "unparsable";
  });
}

/** The first of `candidates` that exists. */
function firstExisting(root: FileContext, candidates: readonly string[]): string | undefined {
  return candidates.find((candidate) => root.loader.exists(candidate) === true);
}

/**
 * The files `docker compose` merges over the linted one: the later entries of
 * `settings.composeFiles`; for the default Compose file of its directory run without `-f`, the
 * override file loaded with it; for a file that a default Compose file above includes, the other
 * files that file includes (merged with it on import), the later paths of its include entry, the
 * including file, then the override file loaded with the including file (compose-go imports the
 * included services into the including file's model before it merges the next file over it).
 * Empty without a reader.
 */
function laterFiles(options: RootOptions): string[] {
  const root = options.file;
  if (!root.loader.canRead || options.filePath === undefined) return [];
  const listed = listedFiles(root, options);
  if (listed && listed.at >= 0) return listed.files.slice(listed.at + 1).filter((file): file is string => file !== undefined);
  const own = defaultOverrideOf(root, pathBaseName(options.filePath, true));
  if (own !== undefined) return [own];
  const entry = includedAs(options);
  if (!entry) return [];
  // compose-go (since v2.10) merges the same-named services of the other files the including file
  // imports with this file's, and the including file's own over them. The other entries' files
  // count as later ones: their values stay whatever this file tags (tags do not cross entries).
  const later = [...entry.importedWith.flatMap((imported) => withOwnIncludes(root, imported.path, imported.projectDirectory)), ...entry.layeredWith, entry.file];
  // Run with `-f`, the files after the including one are merged over it, and no default override is loaded.
  const place = includerPlace(options, entry);
  if (place) return [...later, ...place.after];
  const theirs = defaultOverrideOf(root, entry.file);
  return theirs === undefined ? later : [...later, theirs];
}

/**
 * A file and the files it includes, transitively (what compose-go imports with it), resolved
 * from `projectDirectory`; the file alone when that is not known here or it cannot be read.
 */
function withOwnIncludes(root: FileContext, file: string, projectDirectory: string | undefined): string[] {
  const loaded = root.loader.load(file);
  if (projectDirectory === undefined || loaded.status !== "ok") return [file];
  const walker = new IncludeWalker(root);
  walker.visit(loaded.file, projectDirectory, [root.key, file], undefined);
  return [...walker.files.filter((included) => included !== root.key), file];
}

/**
 * The files merged before the linted one, apart from those it includes: the files it is layered
 * on (see `baseFiles`), and for a file that a default Compose file above includes, the paths of
 * its include entry before it (`path: [db/compose.yaml, db/dev.yaml]`: compose-go merges the
 * linted `db/dev.yaml` over `db/compose.yaml`, tags included). Decided as `laterFiles` decides.
 */
function earlierFiles(options: RootOptions): readonly string[] {
  const { bases, listed, isLayer } = baseFiles(options.file, options);
  if (listed || isLayer || options.filePath === undefined) return bases;
  if (defaultOverrideOf(options.file, pathBaseName(options.filePath, true)) !== undefined) return bases;
  const entry = includedAs(options);
  if (!entry) return [];
  const place = includerPlace(options, entry);
  return place ? [...place.before, ...entry.layeredOn] : entry.layeredOn;
}

/**
 * The services of the other files `docker compose` merges with the linted one, by name, in merge
 * order, split at the linted file: before it, the files it is layered on (see `earlierFiles`) and the
 * files it includes (`included`: since v2.10, compose-go merges a service the including file
 * defines again over the imported one, where it used to refuse the project); after it, those
 * merged over it (see `laterFiles`). A file that cannot be read or parsed gives none.
 */
export function otherLayerServices(options: RootOptions, included: readonly string[]): Map<string, ComposeServiceLayers> {
  const byName = new Map<string, { before: ComposeLayerService[]; after: ComposeLayerService[] }>();
  const add = (files: readonly string[], part: "before" | "after"): void => {
    for (const file of files) {
      const loaded = options.file.loader.load(file);
      const model = loaded.status === "ok" ? loaded.file.model : undefined;
      if (!model || model.isLegacyV1) continue;
      for (const service of model.services) {
        let layers = byName.get(service.name);
        if (!layers) byName.set(service.name, (layers = { before: [], after: [] }));
        layers[part].push({ service, file });
      }
    }
  };
  add([...earlierFiles(options), ...included], "before");
  add(laterFiles(options), "after");
  return byName;
}

/** The default Compose file above that includes the linted one (relative to its directory), if any. */
export function includingFile(options: RootOptions): string | undefined {
  return includedAs(options)?.file;
}

/**
 * The directory `docker compose` resolves the linted file's relative paths from (`build.context`,
 * `env_file`, `label_file`), relative to the linted file's directory: `""` for its own, else
 * ending in `/`; undefined when it depends on an unset variable. The first file of
 * `settings.composeFiles` sets it for every file of the list; a file that another one includes
 * takes the include entry's `project_directory`, else the directory of the entry's first file, as
 * compose-go's `ApplyInclude` loads it (laradock's `adminer/compose.yml`, included with
 * `project_directory: .`, builds `./adminer` from the repository's root).
 */
export function projectDirectory(options: RootOptions): string | undefined {
  const { listed, isLayer, projectDir } = baseFiles(options.file, options);
  if (listed || isLayer) return projectDir;
  const entry = includedAs(options);
  return entry ? entry.projectDirectory : "";
}

class IncludeWalker {
  readonly names = emptyNames();
  readonly files: string[] = [];
  complete = true;
  readonly problems: ComposeFileProblem[] = [];

  constructor(private readonly root: FileContext) {}

  /** Adds a file's names and, recursively, those of the files it includes. */
  visit(file: FileContext, dir: string, stack: readonly string[], origin: { written: string; range: OffsetRange } | undefined): void {
    addNames(this.names, file);
    if (!file.model) return;
    for (const entry of includeEntries(file.model, dir)) {
      let projectDirectory = entry.projectDirectory;
      for (const included of entry.paths) {
        const top = origin ?? { written: included.written, range: included.range };
        if (included.path === undefined) {
          this.complete = false;
          continue;
        }
        const chain = [...stack, included.path];
        if (stack.includes(included.path)) {
          this.problems.push({ kind: "cycle", via: "include", path: included.path, written: top.written, chain, nested: origin !== undefined, range: top.range });
          continue;
        }
        const loaded = file.loader.load(included.path);
        if (loaded.status !== "ok") {
          this.complete = false;
          if (loaded.status === "no-reader") continue;
          const problem: ComposeFileProblem = {
            kind: loaded.status,
            via: "include",
            path: included.path,
            written: top.written,
            chain,
            nested: origin !== undefined,
            range: top.range,
          };
          if (loaded.status === "unparsable") problem.detail = loaded.detail;
          this.problems.push(problem);
          continue;
        }
        if (!this.files.includes(included.path)) this.files.push(included.path);
        projectDirectory ??= dirOf(included.path);
        this.visit(loaded.file, projectDirectory, chain, top);
      }
      // `env_file` of a top-level include is read by Compose relative to this file's directory.
      if (origin === undefined && file === this.root) {
        for (const envFile of entry.envFiles) {
          if (envFile.path === undefined) continue;
          if (isMissingEnvFile(file.loader, envFile.path)) {
            this.problems.push({ kind: "unreadable", via: "env_file", path: envFile.path, written: envFile.written, chain: [envFile.path], nested: false, range: envFile.range });
          }
        }
      }
    }
  }
}

/**
 * Whether compose-go reads the `.env` of the linted file's own directory for its project: not for
 * a file another one includes with an `env_file` (read instead) or from another project directory.
 */
function readsOwnEnv(options: RootOptions): boolean {
  const entry = includedAs(options);
  return entry === undefined || (entry.projectDirectory === "" && !entry.hasEnvFile);
}

/** Suffixes of the committed template a missing file is made from (`cp .env.example .env`, `cp compose.override.yaml.example compose.override.yaml`). */
const TEMPLATE_SUFFIXES = [".example", ".sample", ".dist", ".template", ".tmpl", ".defaults", ".default"];

/**
 * The committed template of the override file that `docker compose` would load with the linted
 * one, when that override is missing: docker-zulip's `compose.yaml` uses secrets that only the
 * `compose.override.yaml` made from `compose.override.yaml.example` declares, netbox-docker keeps
 * `docker-compose.override.yml.example`. Undefined for a file that is not a default Compose file,
 * one run with `-f` (`settings.composeFiles`), or when an override exists.
 */
function overrideTemplate(options: RootOptions): string | undefined {
  const root = options.file;
  if (!root.loader.canRead || options.filePath === undefined) return undefined;
  if (!(DEFAULT_COMPOSE_FILES as readonly string[]).includes(pathBaseName(options.filePath, true))) return undefined;
  if ((listedFiles(root, options)?.at ?? -1) >= 0) return undefined;
  if (firstExisting(root, OVERRIDE_COMPOSE_FILES) !== undefined) return undefined;
  for (const name of OVERRIDE_COMPOSE_FILES) {
    for (const suffix of TEMPLATE_SUFFIXES) if (root.loader.exists(name + suffix) === true) return name + suffix;
  }
  return undefined;
}

/**
 * A missing env file with a template beside it, or one the repository's `.gitignore` lists, is
 * the usual set-up of a repository that keeps `.env` out of git (`cp .env.example .env`, redash's
 * `make .env`): every fresh clone (and CI) lacks it by design, so it is not reported. Nor is one
 * that a Compose template names (wger's `docker-compose.override.example.yml` names the
 * `config/wger-local.env` its copier writes).
 */
function isMissingEnvFile(loader: ProjectLoader, path: string): boolean {
  if (loader.exists(path) !== false || loader.lintsTemplate) return false;
  if (TEMPLATE_SUFFIXES.some((suffix) => loader.exists(path + suffix) === true)) return false;
  return loader.isGitIgnored(path) !== true;
}

/** One `env_file` or `label_file` entry a service of this file writes. */
interface ServiceFileEntry {
  service: string;
  key: "env_file" | "label_file";
  /** Relative to the linted file's directory. */
  path: string;
  /** The path as written, interpolated. */
  written: string;
  required: boolean;
  /** The long syntax's `format`, interpolated: `""` when not given, undefined when unknown here. */
  format: string | undefined;
  range: OffsetRange;
}

/**
 * The `env_file` and `label_file` entries written in this file's services, with the paths Compose
 * reads (relative to the project directory). Only what this file writes: an inherited entry is
 * checked in the file that writes it. Entries whose path depends on an unset variable, or is
 * absolute or remote, are left out.
 */
function serviceFileEntries(model: ComposeModel, services: readonly ProjectService[]): ServiceFileEntry[] {
  const entries: ServiceFileEntry[] = [];
  // The keys are written in this file's text (an anchor's too) or nowhere: most files have neither.
  const text = model.source.text;
  if (!text.includes("env_file") && !text.includes("label_file")) return entries;
  for (const service of services) {
    for (const key of ["env_file", "label_file"] as const) {
      const found = service.getOwn([key]);
      if (!found) continue;
      const list = Array.isArray(found.value) ? found.value : [found.value];
      list.forEach((item, i) => {
        let raw: unknown = item;
        let required = true;
        let format: string | undefined = "";
        let place = Array.isArray(found.value) ? [String(i)] : [];
        if (typeof item === "object" && item !== null && !Array.isArray(item)) {
          const long = item as Record<string, unknown>;
          raw = long["path"];
          const flag = long["required"];
          if (flag === false || (typeof flag === "string" && knownTrimmed(flag)?.toLowerCase() === "false")) required = false;
          const written = long["format"];
          format = written === undefined || written === null ? "" : knownValue(written);
          place = [...place, "path"];
        }
        const text = knownValue(raw);
        if (text === undefined) return;
        const path = model.projectPath(text);
        if (path === undefined) return;
        const range = found.viaMerge ? found.range : locateRange(model, ["services", service.name, key, ...place]);
        entries.push({ service: service.name, key, path, written: text, required, format, range });
      });
    }
  }
  return entries;
}

/** `env_file` and `label_file` entries written in this file's services that cannot be read. */
function serviceFileProblems(model: ComposeModel, services: readonly ProjectService[], loader: ProjectLoader): ComposeFileProblem[] {
  if (!loader.canRead) return [];
  const problems: ComposeFileProblem[] = [];
  for (const entry of serviceFileEntries(model, services)) {
    if (!entry.required || !isMissingEnvFile(loader, entry.path)) continue;
    problems.push({ kind: "unreadable", via: entry.key, path: entry.path, written: entry.written, service: entry.service, chain: [entry.path], nested: false, range: entry.range });
  }
  return problems;
}


/**
 * Lines that `docker compose` cannot read in the env files this file names: its services'
 * `env_file` (in their `format`) and `label_file`, and its `include` entries' `env_file`. Each file
 * is read once (the loader keeps its text for `exists`) and read as env once per format; a file
 * that cannot be read is valid-file-references' matter. Empty without a reader.
 */
export function envFileProblems(model: ComposeModel, services: readonly ProjectService[], options: RootOptions): ComposeEnvFileProblem[] {
  const root = options.file;
  const loader = root.loader;
  if (!loader.canRead) return [];
  const text = model.source.text;
  const { projectDir, isLayer, listed } = baseFiles(root, options);
  const problems: ComposeEnvFileProblem[] = [];
  const errors = new Map<string, EnvFileError | undefined>();
  const check = (path: string, format: EnvFileFormat): EnvFileError | undefined => {
    const key = `${format}\u0000${path}`;
    if (errors.has(key)) return errors.get(key);
    const text = loader.text(path);
    const error = text === undefined ? undefined : envFileError(text, format);
    errors.set(key, error);
    return error;
  };
  // The project's `.env`, which docker compose reads for interpolation before anything else
  // (compose-go's GetEnvFromFile; an included project's too): checked from the file that starts
  // the project, not from each layer over it, which would repeat the finding.
  const projectEnv = isLayer ? undefined : resolvePath(projectDir, ".env");
  const projectEnvError = projectEnv === undefined ? undefined : check(projectEnv, "dotenv");
  if (projectEnv !== undefined && projectEnvError && (listed || readsOwnEnv(options))) {
    problems.push({ via: "project", path: projectEnv, written: ".env", format: "dotenv", error: projectEnvError, range: [0, model.source.lineEnd(1)] });
  }
  if (!text.includes("env_file") && !text.includes("label_file")) return problems;
  for (const entry of includeEntries(model, root.dir)) {
    for (const envFile of entry.envFiles) {
      if (envFile.path === undefined) continue;
      const error = check(envFile.path, "dotenv");
      if (error) problems.push({ via: "include", path: envFile.path, written: envFile.written, format: "dotenv", error, range: envFile.range });
    }
  }
  for (const entry of serviceFileEntries(model, services)) {
    const format = entry.format === undefined ? undefined : envFileReader(entry.format);
    if (format === undefined) continue;
    const error = check(entry.path, format);
    if (error) problems.push({ via: entry.key, service: entry.service, path: entry.path, written: entry.written, format, error, range: entry.range });
  }
  // An entry that reads the project's `.env` as a `.env` file reports its broken line where the
  // file is named: the finding at the first line would repeat it.
  if (problems[0]?.via === "project" && problems.some((p) => p.via !== "project" && p.path === projectEnv && p.format === "dotenv")) problems.shift();
  problems.sort((a, b) => a.range[0] - b.range[0]);
  return problems;
}

/**
 * The linted file merged over the files it is layered on, as compose-go's `loadYamlFile` merges
 * them (each file over the ones before it, which `transform.Canonical` has rewritten by then),
 * and where compose-go refuses. Undefined when a file before it cannot be read, or is itself
 * refused: that file's own lint, as a layer, reports it.
 */
export function layerFiles(model: ComposeModel, options: RootOptions): ComposeLayered | undefined {
  const root = options.file;
  if (!root.loader.canRead || !model.goView) return undefined;
  const { bases, isLayer, last } = baseFiles(root, options);
  if (!isLayer || bases.length === 0) return undefined;
  const notes: CanonicalNotes = new Map();
  const views: { file: string; value: Record<string, unknown> }[] = [];
  let merged: Record<string, unknown> = {};
  // The merge leaves out what `include`d files bring and what an `extends` not followed here adds.
  let complete = !includes(model);
  const unresolved = new Set<string>();
  addUnresolved(model, unresolved);
  for (const base of bases) {
    const loaded = root.loader.load(base);
    const baseModel = loaded.status === "ok" ? loaded.file.model : undefined;
    const view = baseModel && !baseModel.isLegacyV1 ? baseModel.goView?.() : undefined;
    if (!baseModel || !view) return undefined;
    const next = mergeFile(merged, view, notes);
    if (next.conflicts.length > 0) return undefined;
    merged = canonicalShapes(next.value, notes);
    views.push({ file: base, value: view.value });
    complete &&= !includes(baseModel);
    addUnresolved(baseModel, unresolved);
  }
  const result = mergeFile(merged, model.goView(), notes);
  const services = result.value["services"];
  const fileOf = (path: readonly string[]): string => views.findLast((view) => (valueAt(view.value, path) ?? null) !== null)?.file ?? bases[bases.length - 1] ?? "";
  return {
    conflicts: result.conflicts.map((conflict) => ({ ...conflict, baseFile: fileOf(conflict.path) })),
    repeats: result.repeats.map((repeat) => ({ ...repeat, baseFile: fileOf(repeat.path) })),
    services: isRecord(services) ? services : {},
    bases,
    last,
    complete,
    unresolved,
  };
}

function includes(model: ComposeModel): boolean {
  return model.topLevelKeys.some((key) => key.name === "include");
}

/** The services of a file whose `extends` was not followed: their merged value lacks what the base gives. */
function addUnresolved(model: ComposeModel, unresolved: Set<string>): void {
  for (const service of model.services) if (service.extends && service.extends.base === undefined) unresolved.add(service.name);
}

/**
 * The file `docker compose` loads instead of the linted one when run in its directory without
 * `-f`: compose-go's `WithDefaultConfigPath` takes the first of its default names that exists,
 * and the first of the override names, and warns about the others ("Found multiple config files
 * with supported names"). Undefined when this file is the one loaded, has no default name, is
 * named by `settings.composeFiles` (run with `-f`), or without a file reader.
 */
export function shadowingFile(options: RootOptions): { file: string; names: readonly string[] } | undefined {
  const root = options.file;
  if (!root.loader.canRead || options.filePath === undefined) return undefined;
  const name = pathBaseName(options.filePath, true);
  if ((listedFiles(root, options)?.at ?? -1) >= 0) return undefined;
  for (const names of [DEFAULT_COMPOSE_FILES, OVERRIDE_COMPOSE_FILES] as readonly (readonly string[])[]) {
    const at = names.indexOf(name);
    if (at <= 0) continue;
    const file = firstExisting(root, names.slice(0, at));
    return file === undefined ? undefined : { file, names };
  }
  return undefined;
}

/** The project names and file problems of the linted file (computed once, on first access). */
export function analyzeProject(model: ComposeModel, services: readonly ProjectService[], options: RootOptions): ProjectAnalysis {
  const root = options.file;
  const walker = new IncludeWalker(root);
  walker.visit(root, root.dir, [root.key], undefined);
  const hasInclude = walker.files.length > 0 || !walker.complete || walker.problems.some((p) => p.via === "include");

  const { bases, isLayer } = baseFiles(root, options);
  if (isLayer && bases.length === 0) walker.complete = false;
  const baseWalker = new IncludeWalker(root);
  const baseServices = new Map<string, string>();
  for (const base of bases) {
    const loaded = root.loader.load(base);
    if (loaded.status !== "ok") {
      baseWalker.complete = false;
      continue;
    }
    baseWalker.files.push(base);
    const known = new Set(baseWalker.names.services);
    baseWalker.visit(loaded.file, loaded.file.dir, [base], undefined);
    for (const name of baseWalker.names.services) if (!known.has(name)) baseServices.set(name, base);
  }

  // The override a fresh clone lacks by design: the names its template defines will be defined.
  const template = isLayer ? undefined : overrideTemplate(options);
  if (template !== undefined) {
    const loaded = root.loader.load(template);
    if (loaded.status === "ok") {
      baseWalker.files.push(template);
      baseWalker.visit(loaded.file, loaded.file.dir, [template], undefined);
    }
  }

  let project: ComposeProject | undefined;
  if (hasInclude || isLayer || template !== undefined) {
    const names = walker.names;
    // What this file and its includes define is theirs; the rest of the bases' services is not
    // within reach of an `extends` without `file:`.
    for (const name of names.services) baseServices.delete(name);
    for (const key of ["services", "networks", "volumes", "secrets", "configs", "models"] as const) {
      for (const name of baseWalker.names[key]) names[key].add(name);
    }
    const files = [...baseWalker.files, ...walker.files.filter((f) => !baseWalker.files.includes(f))];
    project = { ...names, baseServices, complete: walker.complete && baseWalker.complete, files };
  }

  const problems = [
    ...extendsProblems(root, services),
    ...walker.problems,
    ...serviceFileProblems(model, services, root.loader),
  ];
  // Files that cannot be read are the reader's business; without one, only in-file problems remain.
  const reported = root.loader.canRead ? problems : problems.filter((p) => p.kind === "missing-service" || p.kind === "cycle");
  reported.sort((a, b) => a.range[0] - b.range[0]);
  return { project, problems: reported, included: walker.files };
}
