/**
 * The memos that hold objects of the file being linted (RecentCache, and the per-instruction and
 * per-stage caches of dockerfile/instruction-cache.ts), emptied when its lint ends.
 *
 * Why: such a memo kept its last file's objects until another file's lint took its slots. After a
 * 100,000-line Dockerfile, 241 MB stayed reachable (heap after a full GC; 311 MB still after the
 * next, tiny lint, whose rules touch only some of the memos), and a relint of the same file ran
 * with the old model alive beside the new one, every major GC marking both. In an editor that
 * memory is held for as long as no other file is linted. Emptying a memo is always safe: every
 * lookup checks its key, and a value dropped is only computed again.
 */
export interface FileMemo {
  /** Drops every entry. */
  forget(): void;
}

const memos: FileMemo[] = [];

/** Registers a module-level memo (each is made once, when its module loads). */
export function forgottenAfterEachLint<Memo extends FileMemo>(memo: Memo): Memo {
  memos.push(memo);
  return memo;
}

/** Called by the linter when a lint ends. */
export function forgetLintedFile(): void {
  for (const memo of memos) memo.forget();
}

/** How many memos are registered (a test checks that linting never adds one: they are made once). */
export function fileMemoCount(): number {
  return memos.length;
}
