import { forgottenAfterEachLint, type FileMemo } from "./file-memos.js";

/**
 * A memo for the last few objects of the file being linted (its instruction lists, shell
 * commands, scripts), found by identity. Used instead of a WeakMap keyed by such objects: in V8
 * a WeakMap entry whose key is still in the young generation keeps the key, and with it the
 * whole file, alive through young-generation collections, so every file linted while a
 * collection ran was copied and promoted (linting the Dockerfile corpus with one rule using
 * such a WeakMap: ~3 MB promoted and ~10 ms per scavenge, against none and 0.5 ms without).
 * Each is emptied when a lint ends (util/file-memos.ts), so it is meant for module-level memos,
 * made once.
 */
export class RecentCache<Key extends object, Value> implements FileMemo {
  private readonly keys: (Key | undefined)[];
  private readonly values: (Value | undefined)[];
  private next = 0;
  /** Whether anything was remembered since the last forget: most lints leave most memos untouched. */
  private holding = false;

  constructor(private readonly size: number) {
    this.keys = new Array<Key | undefined>(size).fill(undefined);
    this.values = new Array<Value | undefined>(size).fill(undefined);
    forgottenAfterEachLint(this);
  }

  forget(): void {
    // Asked of every memo after every lint: two fills each for memos a lint never used were ~4 % of
    // linting a three-line Dockerfile (CPU profile, recommended).
    if (!this.holding) return;
    this.holding = false;
    this.keys.fill(undefined);
    this.values.fill(undefined);
    this.next = 0;
  }

  get(key: Key): Value | undefined {
    for (let i = 0; i < this.size; i++) if (this.keys[i] === key) return this.values[i];
    return undefined;
  }

  /** The value remembered for `key` (`undefined` included), else `compute(key)`, remembered. */
  lookup(key: Key, compute: (key: Key) => Value): Value {
    for (let i = 0; i < this.size; i++) if (this.keys[i] === key) return this.values[i] as Value;
    // Computed before anything is stored, so a compute that looks up another key stays correct.
    return this.remember(key, compute(key));
  }

  /** Remembers `value` for `key` in place of the oldest entry, and returns it. */
  remember(key: Key, value: Value): Value {
    this.holding = true;
    this.keys[this.next] = key;
    this.values[this.next] = value;
    this.next = (this.next + 1) % this.size;
    return value;
  }
}
