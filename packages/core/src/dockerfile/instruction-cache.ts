import type { Instruction, Stage } from "./model.js";

/**
 * A value computed once per instruction (or stage) of the file being linted, kept at its index.
 * Rules lint one file at a time, so the first key of another file to take a slot drops the
 * previous file's entries; the key itself is checked, so a value is never given for another
 * key. Used instead of WeakMaps keyed by instruction or stage, whose entries kept each file alive
 * through young-generation collections (see util/recent-cache.ts): with them and the other caches
 * moved off WeakMaps, a recommended lint of the Dockerfile corpus went from ~2 MB promoted and
 * ~6 ms per scavenge to ~0.1 MB and ~2 ms.
 */
class IndexedCache<Key extends object, T> {
  private keys: (Key | undefined)[] = [];
  private values: (T | undefined)[] = [];

  constructor(private readonly slotOf: (key: Key) => number) {}

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

  set(key: Key, value: T): void {
    const slot = this.slotOf(key);
    const held = this.keys[slot];
    if (held !== undefined && held !== key) {
      this.keys = [];
      this.values = [];
    }
    // Filled up to the slot rather than written past the end: arrays with holes are slower to read.
    while (this.keys.length < slot) {
      this.keys.push(undefined);
      this.values.push(undefined);
    }
    this.keys[slot] = key;
    this.values[slot] = value;
  }
}

/** Per instruction; an ONBUILD trigger shares its ONBUILD's index, so triggers take the odd slots. */
export class InstructionCache<T> extends IndexedCache<Instruction, T> {
  constructor() {
    super((instruction) => (instruction.onbuild ? 2 * instruction.index + 1 : 2 * instruction.index));
  }
}

/** Per stage, by the stage's index. */
export class StageCache<T> extends IndexedCache<Stage, T> {
  constructor() {
    super((stage) => stage.index);
  }
}
