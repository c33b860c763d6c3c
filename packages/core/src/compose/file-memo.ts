/**
 * A memo for what is computed once per yaml Document (its node lists, alias targets, plain
 * value), without a WeakMap keyed by the file's objects.
 *
 * Why not a WeakMap: Node 20's young-generation GC (the scavenger) treats a WeakMap's entries as
 * live until the next full GC, so every file's memo values, and the yaml nodes they reference, were
 * copied by one scavenge and promoted to the old generation by the next, to die there. Measured
 * with `--trace-gc-nvp` over the Compose corpus, recommended rules, nothing else keeping files
 * alive: with these memos in WeakMaps 780 KB promoted per scavenge and 4.0 ms pauses, without them
 * 14 KB and 1.0 ms. (A WeakMap of 300,000 short-lived keys alone: scavenges from ~0 to 8.8 ms.)
 *
 * `documentMemo`: a property of the yaml Document itself, under a private symbol, so it lives
 *   and dies with the document, whichever file is asked about in whatever order (a Compose project
 *   reads its files' documents in turn).
 *
 * For keys the rules ask about one file at a time (the model being linted), util/recent-cache.ts's
 * RecentCache of size 1 holds the answer for the last key; another key only costs a recomputation.
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
