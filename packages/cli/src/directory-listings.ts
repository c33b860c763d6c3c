import { readdirSync } from "node:fs";

/**
 * The names in directories, each listed once per run: whether a directory may hold a file is
 * answered from its listing instead of a failed `stat` or `open`, since most names asked for are
 * absent (every Dockerfile's own `<name>.dockerignore`, the ten config file names, the ignore
 * files). A directory search records what it lists; the files linted files refer to (FileCache)
 * list their directory on the first question. Over 20,000 directories with a Dockerfile each, the
 * config lookup's failed `stat`s were 11 % of a run and listing each directory again for its
 * `.dockerignore` 8 % (CPU profiles).
 */
export class DirectoryListings {
  /** The names as listed, folded on the first question about the directory; undefined: not readable. */
  private readonly byDirectory = new Map<string, readonly string[] | ReadonlySet<string> | undefined>();

  /** The names `readdir` gave for `directory`. */
  record(directory: string, names: readonly string[]): void {
    this.byDirectory.set(directory, names);
  }

  /**
   * False only when `directory`'s listing has no entry named `name`. Names are compared folded, so
   * that a case-insensitive or normalization-insensitive file system never hides a file: a looser
   * match only costs a `stat`. A directory no search listed may hold anything, unless
   * `listIfUnknown` lists it now (a directory that cannot be read, but may be searchable, still
   * answers a `stat`).
   */
  mayHold(directory: string, name: string, listIfUnknown = false): boolean {
    let names = this.byDirectory.get(directory);
    if (names === undefined) {
      if (!listIfUnknown || this.byDirectory.has(directory)) return true;
      names = namesIn(directory);
      this.byDirectory.set(directory, names);
      if (names === undefined) return true;
    }
    if (!(names instanceof Set)) {
      names = new Set((names as readonly string[]).map(foldName));
      this.byDirectory.set(directory, names);
    }
    return names.has(foldName(name));
  }
}

function namesIn(directory: string): readonly string[] | undefined {
  try {
    return readdirSync(directory);
  } catch {
    return undefined;
  }
}

/** A file name folded coarser than any file system compares names (case, Unicode normalization). */
function foldName(name: string): string {
  return name.normalize("NFC").toUpperCase().toLowerCase();
}
