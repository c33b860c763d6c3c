/**
 * "Did you mean …?" for names: flags, mount options, variables. BuildKit's own suggestions
 * (util/suggest) take the first candidate at Levenshtein distance < 3; docklint uses the optimal
 * string alignment distance, so a swapped pair of letters (`PAHT` → `PATH`) costs 1, and lets the
 * caller tighten the threshold where a false "typo" claim would be noise.
 */

import { editDistance } from "./edit-distance.js";

export interface SuggestOptions {
  /** Largest distance still suggested; default 2 (BuildKit's threshold). */
  maxDistance?: number;
  /** Compare case-insensitively (a candidate that differs only in case always wins). */
  caseSensitive?: boolean;
  /** Names shorter than this get no suggestion (`$a` → `$b` is a guess, not a typo). Default 1. */
  minLength?: number;
}

/**
 * Lists of names longer than this get no suggestion. Each suggestion compares the name with every
 * candidate, so a file that declares n names and misspells n others cost n² comparisons: 20,000
 * global ARGs, each using an unset variable, took seconds in no-undefined-variable alone. Real
 * files declare tens of names; the flags and keys the rules suggest from are fixed lists.
 */
export const MAX_SUGGESTION_CANDIDATES = 1000;

/**
 * The candidate closest to `value`, or undefined when none is close enough, `value` is itself a
 * candidate or there are more than MAX_SUGGESTION_CANDIDATES candidates. A candidate equal but for
 * case wins over any other; ties keep the earlier candidate.
 */
export function suggestName(value: string, candidates: Iterable<string>, options: SuggestOptions = {}): string | undefined {
  const maxDistance = options.maxDistance ?? 2;
  if (value.length < (options.minLength ?? 1)) return undefined;
  const count = (candidates as { size?: unknown }).size ?? (candidates as { length?: unknown }).length;
  if (typeof count === "number" && count > MAX_SUGGESTION_CANDIDATES) return undefined;
  const lower = value.toLowerCase();
  let best: string | undefined;
  let bestDistance = maxDistance + 1;
  let compared = 0;
  for (const candidate of candidates) {
    if (candidate === value || ++compared > MAX_SUGGESTION_CANDIDATES) return undefined;
    // Only a candidate of the same length can equal the name but for case (no lower-casing needed otherwise).
    if (candidate.length === value.length && candidate.toLowerCase() === lower) {
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

/**
 * The candidate nearest to `word` when it is near enough to be a typo of it, compared
 * case-insensitively (`FORM` → `FROM`): one edit for words of three or four letters, two for
 * longer ones, none for one- or two-letter words. Ties go to the earlier candidate. For instruction
 * keywords and stage names, whose lengths vary too much for suggestName's one threshold.
 */
export function nearest(word: string, candidates: readonly string[]): string | undefined {
  if (candidates.length > MAX_SUGGESTION_CANDIDATES) return undefined;
  const lower = word.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const shorter = Math.min(word.length, candidate.length);
    const limit = shorter <= 2 ? 0 : shorter <= 4 ? 1 : 2;
    const distance = editDistance(lower, candidate.toLowerCase(), limit);
    if (distance <= limit && distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}
