/**
 * What a directory search saw in each directory, kept for the few names docklint looks for in
 * every directory of a tree (config files, ignore files): a lookup there need not ask the file
 * system for a name the listing does not hold. Over 20,000 directories with a Dockerfile each, the
 * config lookup's failed `stat`s were 11 % of a run (CPU profile): ten names per directory.
 */
export class DirectoryListings {
  private readonly watched: ReadonlySet<string>;
  private readonly byDirectory = new Map<string, ReadonlySet<string>>();

  /** `watched`: the names lookups will ask about (lower case compared, see `mayHold`). */
  constructor(watched: Iterable<string>) {
    this.watched = new Set([...watched].map((name) => name.toLowerCase()));
  }

  /** The names `readdir` gave for `directory`. */
  record(directory: string, names: readonly string[]): void {
    let present: Set<string> | undefined;
    for (const name of names) {
      const folded = name.toLowerCase();
      if (this.watched.has(folded)) (present ??= new Set()).add(folded);
    }
    this.byDirectory.set(directory, present ?? NONE);
  }

  /**
   * False only when `directory` was listed and holds no entry named `name`, in any case: on a file
   * system that folds case, `docklint.config.json` opens `Docklint.Config.json`. True for a
   * directory not listed, or a name not watched: the file system must be asked.
   */
  mayHold(directory: string, name: string): boolean {
    const listing = this.byDirectory.get(directory);
    if (listing === undefined) return true;
    const folded = name.toLowerCase();
    return !this.watched.has(folded) || listing.has(folded);
  }
}

const NONE: ReadonlySet<string> = new Set();
