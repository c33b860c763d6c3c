/**
 * "Did you mean …?" for names: flags, mount options, variables. BuildKit's own suggestions
 * (util/suggest) take the first candidate at Levenshtein distance < 3; docklint uses the optimal
 * string alignment distance, so a swapped pair of letters (`PAHT` → `PATH`) costs 1, and lets the
 * caller tighten the threshold where a false "typo" claim would be noise.
 */

/** Optimal string alignment distance (Levenshtein plus adjacent transpositions), with an early exit above `limit`. */
export function editDistance(a: string, b: string, limit = Number.POSITIVE_INFINITY): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const rows = a.length + 1;
  const cols = b.length + 1;
  let previous2: number[] = [];
  let previous: number[] = Array.from({ length: cols }, (_, j) => j);
  for (let i = 1; i < rows; i++) {
    const current: number[] = [i];
    let rowMin = i;
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, (previous2[j - 2] ?? 0) + 1);
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > limit) return limit + 1;
    previous2 = previous;
    previous = current;
  }
  return previous[cols - 1] ?? limit + 1;
}

export interface SuggestOptions {
  /** Largest distance still suggested; default 2 (BuildKit's threshold). */
  maxDistance?: number;
  /** Compare case-insensitively (a candidate that differs only in case always wins). */
  caseSensitive?: boolean;
  /** Names shorter than this get no suggestion (`$a` → `$b` is a guess, not a typo). Default 1. */
  minLength?: number;
}

/**
 * The candidate closest to `value`, or undefined when none is close enough or `value` is itself a
 * candidate. A candidate equal but for case wins over any other; ties keep the earlier candidate.
 */
export function suggestName(value: string, candidates: Iterable<string>, options: SuggestOptions = {}): string | undefined {
  const maxDistance = options.maxDistance ?? 2;
  if (value.length < (options.minLength ?? 1)) return undefined;
  const lower = value.toLowerCase();
  let best: string | undefined;
  let bestDistance = maxDistance + 1;
  for (const candidate of candidates) {
    if (candidate === value) return undefined;
    if (candidate.toLowerCase() === lower) {
      if (bestDistance > 0) {
        best = candidate;
        bestDistance = 0;
      }
      continue;
    }
    const distance = options.caseSensitive === false ? editDistance(lower, candidate.toLowerCase(), bestDistance) : editDistance(value, candidate, bestDistance);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return bestDistance <= maxDistance ? best : undefined;
}
