/**
 * What the repository a Compose file lives in says about the files it names, read through the
 * host's reader (so that a cached result depends on them as on every other file a lint reads):
 *
 * - a missing `env_file` that the repository's `.gitignore` lists (redash's `.env`, which `make
 *   .env` writes) is one each checkout makes, absent from every fresh clone and CI run by design,
 *   like one made from a committed template;
 * - a build context or file inside a submodule that is not checked out (cal.com's `calcom/`, empty
 *   in a clone made without `--recurse-submodules`, actions/checkout's default) is not missing.
 */
import ignore, { type Ignore } from "ignore";
import { descend, directorySegments, relativeSegments } from "./paths.js";
import type { ReadFile } from "./project.js";

/** How many directories above the file's own the repository's top is looked for. */
const MAX_LEVELS_UP = 12;

/** A path in a repository, as segments from the root that the linted file's path starts from. */
interface InRepository {
  /** The linted file's directory. */
  linted: readonly string[];
  /** The path asked about. */
  target: readonly string[];
  /** How many segments of `target` the repository's top is. */
  top: number;
}

/** A directory holding `.git` (a directory, or the file a worktree or submodule has instead). */
function isRepositoryTop(dir: string, read: ReadFile): boolean {
  return read(`${dir}.git/HEAD`) !== undefined || (read(`${dir}.git`)?.startsWith("gitdir:") ?? false);
}

/**
 * `path` (relative to the linted file's directory; `filePath` is the linted file's path as the
 * host gave it, whose directories name the levels above) and the repository's top above it.
 * Undefined when no repository holds it within MAX_LEVELS_UP directories of it, or above what
 * `filePath` names.
 */
function inRepository(path: string, filePath: string | undefined, read: ReadFile): InRepository | undefined {
  const linted = directorySegments(filePath);
  const target = linted && descend(linted, path);
  if (!linted || !target || target.length === 0) return undefined;
  for (let depth = target.length - 1; depth >= 0 && target.length - 1 - depth <= MAX_LEVELS_UP; depth--) {
    if (isRepositoryTop(relativeSegments(linted, target.slice(0, depth)), read)) return { linted, target, top: depth };
  }
  return undefined;
}

/** The directory `segments` of `place`, relative to the linted file's directory. */
function dirAt(place: InRepository, segments: readonly string[]): string {
  return relativeSegments(place.linted, segments);
}

/**
 * Whether git ignores `path` (see `inRepository` for `path` and `filePath`), by the `.gitignore`
 * files from the repository's top down to the file's directory, as git decides: a deeper file's
 * matching pattern wins over a shallower one's, the last matching pattern of a file wins, and
 * nothing inside an ignored directory can be brought back. Patterns are matched case-sensitively,
 * as git does on Linux. Undefined outside a repository.
 */
export function isGitIgnored(path: string, filePath: string | undefined, read: ReadFile): boolean | undefined {
  const place = inRepository(path, filePath, read);
  if (!place) return undefined;
  const { target, top } = place;
  // Level i: the `.gitignore` of the directory `i` segments below the top.
  const levels: (Ignore | undefined)[] = [];
  for (let depth = top; depth < target.length; depth++) {
    const text = read(`${dirAt(place, target.slice(0, depth))}.gitignore`);
    levels.push(text === undefined ? undefined : ignore({ ignorecase: false }).add(text));
  }
  const below = target.slice(top);
  // Each directory on the way down, then the file: the first one ignored ignores the file.
  for (let length = 1; length <= below.length; length++) {
    const isDirectory = length < below.length;
    let ignored = false;
    for (let level = length - 1; level >= 0; level--) {
      const rules = levels[level];
      if (!rules) continue;
      const result = rules.test(below.slice(level, length).join("/") + (isDirectory ? "/" : ""));
      if (result.ignored || result.unignored) {
        ignored = result.ignored;
        break;
      }
    }
    if (ignored) return true;
  }
  return false;
}

/** The `path = …` values of a `.gitmodules` file, without a leading `./` or trailing slashes. */
function submodulePaths(text: string): string[] {
  const paths: string[] = [];
  for (const line of text.split("\n")) {
    const trimmed = line.trim();
    const equals = trimmed.indexOf("=");
    if (equals < 0 || trimmed.slice(0, equals).trim() !== "path") continue;
    let path = trimmed.slice(equals + 1).trim();
    if (path.startsWith("./")) path = path.slice(2);
    while (path.endsWith("/")) path = path.slice(0, -1);
    if (path !== "") paths.push(path);
  }
  return paths;
}

/**
 * Whether `path` (see `inRepository`) lies in a submodule that `.gitmodules` at the repository's
 * top declares and whose directory holds nothing here: a clone made without
 * `--recurse-submodules`, where `docker compose build` fails as the linter would say, but the
 * project's own clone with its submodules builds. False outside a repository, and without a lister.
 */
export function inAbsentSubmodule(path: string, filePath: string | undefined, read: ReadFile, list: ((relativeDir: string) => readonly string[] | undefined) | undefined): boolean {
  if (!list) return false;
  const place = inRepository(path, filePath, read);
  if (!place) return false;
  const topSegments = place.target.slice(0, place.top);
  const modules = read(`${dirAt(place, topSegments)}.gitmodules`);
  if (modules === undefined) return false;
  const below = place.target.slice(place.top).join("/");
  for (const submodule of submodulePaths(modules)) {
    if (below !== submodule && !below.startsWith(`${submodule}/`)) continue;
    const entries = list(dirAt(place, [...topSegments, ...submodule.split("/")]));
    return entries === undefined || entries.length === 0;
  }
  return false;
}
