import { forgottenAfterEachLint, type FileMemo } from "../util/file-memos.js";
import type { Instruction, Stage } from "./model.js";

/**
 * Slots of a file of some 30,000 instructions. Arrays grown past this for a huge file are let go
 * once a file that used fewer slots is done, not sooner: the same huge file linted again (an
 * editor's relint, the scaling bench) then reuses them.
 */
const LARGE_FILE_SLOTS = 65_536;

/**
 * A value computed once per instruction (or stage) of the file being linted, kept at its index.
 * Rules lint one file at a time, so the first key of another file to take a slot drops the
 * previous file's entries; the key itself is checked, so a value is never given for another
 * key. Used instead of WeakMaps keyed by instruction or stage, whose entries kept each file alive
 * through young-generation collections (see util/recent-cache.ts): with them and the other caches
 * moved off WeakMaps, a recommended lint of the Dockerfile corpus went from ~2 MB promoted and
 * ~6 ms per scavenge to ~0.1 MB and ~2 ms.
 */
class IndexedCache<Key extends object, T> implements FileMemo {
  private readonly keys: (Key | undefined)[] = [];
  private readonly values: (T | undefined)[] = [];
  /** The slots the current file used: those are emptied when another file's key comes, or its lint ends. */
  private used = 0;

  /** `lintScoped`: a module-level memo, emptied when each lint ends; false for one a model owns, which goes with it. */
  constructor(
    private readonly slotOf: (key: Key) => number,
    lintScoped: boolean,
  ) {
    if (lintScoped) forgottenAfterEachLint(this);
  }

  forget(): void {
    this.empty();
  }

  get(key: Key): T | undefined {
    const slot = this.slotOf(key);
    return this.keys[slot] === key ? this.values[slot] : undefined;
  }

  /** The value kept for `key`, else `compute(key)`, kept (as RecentCache's and BoundedCache's lookup). */
  lookup(key: Key, compute: (key: Key) => T): T {
    const slot = this.slotOf(key);
    if (this.keys[slot] === key) return this.values[slot] as T;
    // Computed before anything is stored: a compute may fill other slots of this cache first.
    const value = compute(key);
    this.set(key, value);
    return value;
  }

  /** Empties the slots the file used; arrays grown for a larger file are let go (see set). */
  private empty(): void {
    // Nothing to empty in a memo the lint never used (most of them, for most files); a huge file's arrays still go.
    if (this.used === 0 && this.keys.length <= LARGE_FILE_SLOTS) return;
    if (this.keys.length > LARGE_FILE_SLOTS && this.used <= LARGE_FILE_SLOTS) {
      this.keys.length = 0;
      this.values.length = 0;
    } else {
      this.keys.fill(undefined, 0, this.used);
      this.values.fill(undefined, 0, this.used);
    }
    this.used = 0;
  }

  set(key: Key, value: T): void {
    const slot = this.slotOf(key);
    const held = this.keys[slot];
    if (held !== undefined && held !== key) {
      // Emptied in place rather than replaced: arrays made anew for every file were grown a slot
      // at a time again, ~3.5 % of a recommended lint (CPU profile of a 1k-line file), and ~10 ms
      // per cache and lint of a 100k-line file (~90k instructions), whose arrays live in V8's
      // large-object space: letting them go after every huge file cost its lint ~15 % (recommended,
      // three alternations: 1.53–1.67 s, against 1.40–1.44 s keeping them). A huge file's arrays
      // are let go after the next smaller file, so that it does not keep their memory for the rest
      // of a long run.
      this.empty();
    }
    // Filled up to the slot rather than written past the end: arrays with holes are slower to read.
    while (this.keys.length < slot) {
      this.keys.push(undefined);
      this.values.push(undefined);
    }
    this.keys[slot] = key;
    this.values[slot] = value;
    if (slot >= this.used) this.used = slot + 1;
  }
}

/** Per instruction; an ONBUILD trigger shares its ONBUILD's index, so triggers take the odd slots. */
export class InstructionCache<T> extends IndexedCache<Instruction, T> {
  constructor(lintScoped = true) {
    super((instruction) => (instruction.onbuild ? 2 * instruction.index + 1 : 2 * instruction.index), lintScoped);
  }
}

/** Per stage, by the stage's index. */
export class StageCache<T> extends IndexedCache<Stage, T> {
  constructor() {
    super((stage) => stage.index, true);
  }
}
