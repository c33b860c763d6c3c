/**
 * Memos for what is computed once per linted file (a document's node lists, a model's line
 * ending, a service's references), without a WeakMap keyed by the file's objects.
 *
 * Why not a WeakMap: Node 20's young-generation GC (the scavenger) treats a WeakMap's entries as
 * live until the next full GC, so every file's memo values, and the yaml nodes they reference, were
 * copied by one scavenge and promoted to the old generation by the next, to die there. Measured
 * with `--trace-gc-nvp` over the Compose corpus, recommended rules, nothing else keeping files
 * alive: with these memos in WeakMaps 780 KB promoted per scavenge and 4.0 ms pauses, without them
 * 14 KB and 1.0 ms. (A WeakMap of 300,000 short-lived keys alone: scavenges from ~0 to 8.8 ms.)
 *
 * - `documentMemo`: a property of the yaml Document itself, under a private symbol, so it lives
 *   and dies with the document, whichever file is asked about in whatever order (a Compose project
 *   reads its files' documents in turn).
 * - `LastKeyMemo`: the answer for the last key asked about, for keys the rules ask about one file
 *   at a time (the model being linted); another key only costs a recomputation.
 */
import type { Document } from "yaml";

/** A value stored on a yaml Document under `key`, computed on first use. */
export function documentMemo<Value>(document: Document, key: symbol, compute: () => Value): Value {
  const holder = document as unknown as Record<symbol, Value | undefined>;
  const known = holder[key];
  if (known !== undefined) return known;
  const value = compute();
  holder[key] = value;
  return value;
}

/** Remembers the answer for the last key only (see the module comment). */
export class LastKeyMemo<Key extends object, Value> {
  private key: Key | undefined;
  private value: Value | undefined;

  get(key: Key, compute: (key: Key) => Value): Value {
    if (this.key !== key) {
      // Computed before the key is stored, so a compute that asks again for another key stays correct.
      const value = compute(key);
      this.key = key;
      this.value = value;
      return value;
    }
    return this.value as Value;
  }
}
