/**
 * A memo for answers that repeat within a run (the same base image, command name, path or message
 * template in file after file). It starts over once it holds `limit` entries: the keys come from
 * the files linted, and an editor or another long-lived process sees no end of them.
 */
export class BoundedCache<Key, Value> {
  private readonly entries = new Map<Key, Value>();

  constructor(private readonly limit: number) {}

  has(key: Key): boolean {
    return this.entries.has(key);
  }

  get(key: Key): Value | undefined {
    return this.entries.get(key);
  }

  /** The value remembered for `key` (`undefined` included), else `compute(key)`, remembered. */
  lookup(key: Key, compute: (key: Key) => Value): Value {
    return this.entries.has(key) ? (this.entries.get(key) as Value) : this.remember(key, compute(key));
  }

  /** Remembers `value` for `key` (emptying the cache first when it is full) and returns it. */
  remember(key: Key, value: Value): Value {
    if (this.entries.size >= this.limit) this.entries.clear();
    this.entries.set(key, value);
    return value;
  }
}
