/**
 * A memo for answers that repeat within a run (the same base image, command name, path or message
 * template in file after file). It starts over once it holds `limit` entries: the keys come from
 * the files linted, and an editor or another long-lived process sees no end of them.
 */
export class BoundedCache<Key, Value> {
  private readonly entries = new Map<Key, Value>();
  private weight = 0;

  /**
   * `limit` entries at most; with `budget`, also at most `budget.max` of what `budget.weigh` counts
   * (a text's length, say), an entry weighing more than that being not kept at all.
   */
  constructor(
    private readonly limit: number,
    private readonly budget?: { readonly max: number; readonly weigh: (key: Key) => number },
  ) {}

  has(key: Key): boolean {
    return this.entries.has(key);
  }

  get(key: Key): Value | undefined {
    return this.entries.get(key);
  }

  /** The value remembered for `key` (`undefined` included), else `compute(key)`, remembered. */
  lookup(key: Key, compute: (key: Key) => Value): Value {
    // One hash lookup for a value found; `has` only tells a remembered `undefined` from a miss.
    const value = this.entries.get(key);
    if (value !== undefined || this.entries.has(key)) return value as Value;
    return this.remember(key, compute(key));
  }

  /** Remembers `value` for `key` (emptying the cache first when it is full) and returns it. */
  remember(key: Key, value: Value): Value {
    const weight = this.budget ? this.budget.weigh(key) : 0;
    if (this.budget && weight > this.budget.max) return value;
    if (this.entries.size >= this.limit || (this.budget && this.weight + weight > this.budget.max)) {
      this.entries.clear();
      this.weight = 0;
    }
    this.entries.set(key, value);
    this.weight += weight;
    return value;
  }
}
