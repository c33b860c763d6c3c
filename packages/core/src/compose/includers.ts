/**
 * The Compose files that may include the linted one: a default Compose file of its directory or
 * of one up to two above it (`docker-compose.yml` includes `adminer/compose.yml`), or another
 * `compose*.yml` there that names it. Read by plain value, without the model: most files looked
 * at do not name the linted file and are never parsed.
 */
import { knownTrimmed, knownValue } from "./interpolation.js";
import { DEFAULT_COMPOSE_FILES, descend, directorySegments, dirOf, relativeSegments, resolveDir, resolvePath } from "./paths.js";
import type { ReadFile } from "./project.js";
import { parse, YAML_OPTIONS } from "./yaml-lazy.js";
import type { LintServices } from "../rule.js";
import { BoundedCache } from "../util/bounded-cache.js";
import { asRecord } from "../util/is-record.js";
import { pathBaseName } from "../util/posix-path.js";

/** How many directories up a file that includes the linted one is looked for (laradock: one). */
const MAX_LEVELS_UP = 2;

/**
 * The plain values of the files read, by text: each linted file of a project reads the files of
 * the project that includes it again (laradock: a hundred), and parsing them anew for each made
 * 300 included files linted together take 8 s, 96 % of it in the YAML parser. The CLI reads each
 * file once per run, so the same text comes back as the same string.
 */
const plainByText = new BoundedCache<string, Record<string, unknown> | undefined>(512);

export function plainOf(text: string): Record<string, unknown> | undefined {
  return plainByText.lookup(text, (source) => {
    try {
      return asRecord(parse(source, { ...YAML_OPTIONS, maxAliasCount: 10_000 }));
    } catch {
      return undefined;
    }
  });
}

/** The paths of one `include:` entry (short `- path`, long `- path: a | [a, b]`) as written, undefined for a path not known here. */
function entryPaths(item: unknown): (string | undefined)[] {
  const long = asRecord(item);
  const raw = long ? long["path"] : item;
  return (Array.isArray(raw) ? raw : [raw]).map((path) => knownTrimmed(path));
}

/** A file's `include:` entries with their paths resolved (see `includesOf`). */
export interface ResolvedIncludes {
  /** Per entry, its paths relative to the linted file's directory; undefined for a path not known here. */
  entries: readonly (readonly (string | undefined)[])[];
  /** Each known path, and the first entry that names it. */
  entryOf: ReadonlyMap<string, number>;
}

const includesByFile = new WeakMap<Record<string, unknown>, Map<string, ResolvedIncludes>>();

/**
 * The `include:` entries of a file read by `plainOf`, their paths resolved from `dir` (the file's
 * directory relative to the linted file's), once per file and directory: every file a project
 * includes looks itself up in the including file's list, and resolving the whole list again for
 * each made 2,000 included files linted together quadratic (14.3 s, half of it in resolvePath).
 */
export function includesOf(plain: Record<string, unknown>, dir: string): ResolvedIncludes {
  let byDir = includesByFile.get(plain);
  if (!byDir) includesByFile.set(plain, (byDir = new Map()));
  let resolved = byDir.get(dir);
  if (!resolved) {
    const include = plain["include"];
    const entries = (Array.isArray(include) ? include : []).map((item) => entryPaths(item).map((path) => (path === undefined ? undefined : resolvePath(dir, path))));
    const entryOf = new Map<string, number>();
    entries.forEach((paths, at) => {
      for (const path of paths) if (path !== undefined && !entryOf.has(path)) entryOf.set(path, at);
    });
    byDir.set(dir, (resolved = { entries, entryOf }));
  }
  return resolved;
}

/** A Compose file of the linted file's directory or of one above it, and the linted file's path from there. */
export interface Above {
  /** The file, relative to the linted file's directory. */
  path: string;
  plain: Record<string, unknown>;
  /** The linted file as a path from that file's directory: `compose.yml`, `haproxy/compose.yml`, … */
  fromThere: string;
  /** One of the names `docker compose` loads by default, not a file named with `-f`. */
  isDefault: boolean;
}

/** Files besides the default ones that may include or extend others: `docker-compose.multi-php.yml`, `compose-dev.yaml`. */
const COMPOSE_NAME = /compose[^/]*\.ya?ml$/i;

/**
 * The Compose files of the linted file's directory and of the `MAX_LEVELS_UP` above it: first
 * the default names (a read each), then, when the host lists directories, the other files with
 * `compose` in their name.
 */
export function* filesAbove(filePath: string, readFile: ReadFile, listFiles: LintServices["listFiles"]): Generator<Above> {
  const self = pathBaseName(filePath, true);
  const segments = filePath.split(/[/\\]/).filter((segment) => segment !== "" && segment !== ".");
  const levels: { dir: string; fromThere: string }[] = [];
  for (let up = 0; up <= MAX_LEVELS_UP && up < segments.length; up++) {
    const fromThere = segments.slice(-(up + 1));
    if (fromThere.includes("..")) break;
    levels.push({ dir: "../".repeat(up), fromThere: fromThere.join("/") });
  }
  const read = function* (dir: string, name: string, fromThere: string, isDefault: boolean): Generator<Above> {
    if (dir === "" && name === self) return;
    const text = readFile(`${dir}${name}`);
    // A file that includes or extends the linted one names it: one without its name in its text
    // is not parsed (most Compose files beside another, and each of them parsed cost the CLI
    // 0.2 s over the corpus's directories of many files).
    if (text === undefined || !text.includes(self)) return;
    const plain = plainOf(text);
    if (plain) yield { path: `${dir}${name}`, plain, fromThere, isDefault };
  };
  for (const { dir, fromThere } of levels) {
    for (const candidate of DEFAULT_COMPOSE_FILES) yield* read(dir, candidate, fromThere, true);
  }
  if (listFiles === undefined) return;
  for (const { dir, fromThere } of levels) {
    for (const entry of listFiles(dir) ?? []) {
      // The listing is recursive: only the directory's own files.
      if (entry.includes("/") || !COMPOSE_NAME.test(entry) || (DEFAULT_COMPOSE_FILES as readonly string[]).includes(entry)) continue;
      yield* read(dir, entry, fromThere, false);
    }
  }
}

/**
 * The files of `settings.composeFiles` (the `-f` list, relative to the linted file's directory)
 * that name the linted file, as `filesAbove` gives the default ones: `docker compose -f
 * compose.yaml -f compose.prod.yaml` loads what `compose.prod.yaml` includes from where it says.
 * A listed file above what `filePath` names is left out (its path to the linted file is unknown).
 */
function* listedFilesNaming(filePath: string, readFile: ReadFile, listed: readonly string[]): Generator<Above> {
  const self = pathBaseName(filePath, true);
  const lintedDir = directorySegments(filePath);
  if (!lintedDir) return;
  for (const path of listed) {
    const dir = descend(lintedDir, dirOf(path));
    const text = dir ? readFile(path) : undefined;
    if (text === undefined || !text.includes(self)) continue;
    const plain = plainOf(text);
    if (plain && dir) yield { path, plain, fromThere: `${relativeSegments(dir, lintedDir)}${self}`, isDefault: false };
  }
}

/** `to` (a directory relative to some directory, `""` or ending in `/`) as seen from `from` (one relative to the same). */
function relativeDir(from: string, to: string): string {
  return relativeSegments(from.split("/").filter(Boolean), to.split("/").filter(Boolean));
}

/** How a file that includes the linted one loads it. */
export interface IncludingEntry {
  /** The including file, relative to the linted file's directory. */
  file: string;
  /**
   * The directory compose-go resolves the linted file's relative paths from (the entry's
   * `project_directory`, else the directory of the entry's first file), relative to the linted
   * file's directory (`""` or ending in `/`); undefined when it depends on an unset variable.
   */
  projectDirectory: string | undefined;
  /** The entry names `env_file`s, which compose-go reads instead of the project directory's `.env`. */
  hasEnvFile: boolean;
  /**
   * The entry's paths after the linted file's (`path: [db/compose.yaml, db/override.yaml]`),
   * relative to the linted file's directory: compose-go merges them over it, in order, before
   * the included services are imported. Paths not known here are left out.
   */
  layeredWith: readonly string[];
  /**
   * The entry's paths before the linted file's, relative to its directory: the linted file is
   * merged over them (its `!reset` and `!override` tags apply to what they give).
   */
  layeredOn: readonly string[];
  /**
   * The files of the including file's other `include:` entries, relative to the linted file's
   * directory, each with the directory its own paths resolve from (its entry's, as
   * `projectDirectory`): compose-go imports each into the including file's model, merging the
   * services they define by the same name (an earlier entry's values win; merge tags do not cross
   * entries).
   */
  importedWith: readonly { path: string; projectDirectory: string | undefined }[];
}

/**
 * The directory an include entry's files resolve their own paths from, relative to the including
 * file's: its `project_directory`, else the directory of its first path (compose-go's
 * `ApplyInclude`); undefined when a variable without a default decides it.
 */
function entryDirectory(item: unknown, paths: readonly (string | undefined)[]): string | undefined {
  const written = asRecord(item)?.["project_directory"];
  if (written !== undefined && written !== null) {
    const text = knownValue(written);
    return text === undefined ? undefined : resolveDir("", text);
  }
  const first = paths[0];
  return first === undefined ? undefined : dirOf(first);
}

/**
 * The `include:` entry of a default Compose file above (see `filesAbove`) that names the linted
 * file, as compose-go's `ApplyInclude` reads it: with `project_directory: .`, laradock's
 * `adminer/compose.yml` builds `./adminer` from the repository's root. Undefined when no file
 * includes it, or without a reader. The files of `listed` (`settings.composeFiles`, when it does
 * not name the linted file) are asked first. Any other file named with `-f` that includes it is
 * not looked for: finding one takes every `compose*.yml` of three directories, for each linted
 * file that builds or names an env file, which made the CLI over the Compose corpus (976 files in
 * one directory) 14 % slower (1.38–1.55 s → 1.59–1.68 s).
 */
export function includingEntry(filePath: string | undefined, readFile: ReadFile | undefined, listed: readonly string[] = []): IncludingEntry | undefined {
  if (filePath === undefined || readFile === undefined) return undefined;
  const candidates = function* (): Generator<Above> {
    yield* listedFilesNaming(filePath, readFile, listed);
    yield* filesAbove(filePath, readFile, undefined);
  };
  for (const above of candidates()) {
    const include = above.plain["include"];
    if (!Array.isArray(include)) continue;
    const { entries, entryOf } = includesOf(above.plain, "");
    const at = entryOf.get(above.fromThere);
    if (at !== undefined) {
      const item: unknown = include[at];
      const paths = entries[at] ?? [];
      const fromLintedDir = (dir: string | undefined): string | undefined => (dir === undefined ? undefined : relativeDir(dirOf(above.fromThere), dir));
      const envFile = asRecord(item)?.["env_file"];
      const own = paths.indexOf(above.fromThere);
      const later = paths.slice(own + 1);
      const fromLinted = (path: string | undefined): string[] => {
        const resolved = path === undefined ? undefined : resolvePath(dirOf(above.path), path);
        return resolved === undefined ? [] : [resolved];
      };
      const imported = entries.flatMap((entryPaths, index) => {
        if (index === at) return [];
        const projectDirectory = fromLintedDir(entryDirectory(include[index], entryPaths));
        return entryPaths.flatMap(fromLinted).map((path) => ({ path, projectDirectory }));
      });
      return {
        file: above.path,
        projectDirectory: fromLintedDir(entryDirectory(item, paths)),
        hasEnvFile: envFile !== undefined && envFile !== null,
        layeredWith: later.flatMap(fromLinted),
        layeredOn: paths.slice(0, own).flatMap(fromLinted),
        importedWith: imported,
      };
    }
  }
  return undefined;
}
