/**
 * Whether git ignores a file the linted Compose file names: a missing `env_file` that the
 * repository's `.gitignore` lists (redash's `.env`, which `make .env` writes) is one each checkout
 * makes, absent from every fresh clone and CI run by design, like one made from a committed
 * template. The `.gitignore` files are read through the host's reader, so that a cached result
 * depends on them as on every other file a lint reads.
 */
import ignore, { type Ignore } from "ignore";
import { relativeSegments } from "./paths.js";
import type { ReadFile } from "./project.js";

/** How many directories above the file's own the repository's top is looked for. */
const MAX_LEVELS_UP = 12;

/** One directory from the repository's top down to the file's: its `.gitignore` rules, if any. */
interface Level {
  /** The directory relative to the linted file's (`""` or ending in `/`). */
  dir: string;
  rules: Ignore | undefined;
}

/** A directory holding `.git` (a directory, or the file a worktree or submodule has instead). */
function isRepositoryTop(dir: string, read: ReadFile): boolean {
  return read(`${dir}.git/HEAD`) !== undefined || (read(`${dir}.git`)?.startsWith("gitdir:") ?? false);
}

/**
 * Whether git ignores `path` (relative to the linted file's directory; `filePath` is the linted
 * file's path as the host gave it, whose directories name the levels above), by the `.gitignore`
 * files from the repository's top down to the file's directory, as git decides: a deeper file's
 * matching pattern wins over a shallower one's, the last matching pattern of a file wins, and
 * nothing inside an ignored directory can be brought back. Patterns are matched case-sensitively,
 * as git does on Linux. Undefined when no repository holds the file (within MAX_LEVELS_UP
 * directories, or above what `filePath` names).
 */
export function isGitIgnored(path: string, filePath: string | undefined, read: ReadFile): boolean | undefined {
  const linted = (filePath ?? "").split(/[/\\]/).filter((segment) => segment !== "" && segment !== ".").slice(0, -1);
  if (linted.includes("..")) return undefined;
  const target = [...linted];
  for (const segment of path.split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment !== "..") target.push(segment);
    else if (target.length > 0) target.pop();
    else return undefined;
  }
  if (target.length === 0) return undefined;
  // The file's directory and those above it, up to the repository's top.
  const levels: Level[] = [];
  let top = -1;
  for (let depth = target.length - 1; depth >= 0 && target.length - 1 - depth <= MAX_LEVELS_UP; depth--) {
    const dir = relativeSegments(linted, target.slice(0, depth));
    const text = read(`${dir}.gitignore`);
    levels.unshift({ dir, rules: text === undefined ? undefined : ignore({ ignorecase: false }).add(text) });
    if (isRepositoryTop(dir, read)) {
      top = depth;
      break;
    }
  }
  if (top < 0) return undefined;
  const below = target.slice(top);
  // Each directory on the way down, then the file: the first one ignored ignores the file.
  for (let length = 1; length <= below.length; length++) {
    const isDirectory = length < below.length;
    let ignored = false;
    // The levels that hold this entry, deepest first (level i is the directory below[0..i)).
    for (let level = length - 1; level >= 0; level--) {
      const rules = levels[level]?.rules;
      if (!rules) continue;
      const relative = below.slice(level, length).join("/") + (isDirectory ? "/" : "");
      const result = rules.test(relative);
      if (result.ignored || result.unignored) {
        ignored = result.ignored;
        break;
      }
    }
    if (ignored) return true;
  }
  return false;
}
