import { MAX_SUGGESTION_CANDIDATES } from "./suggest-name.js";

/**
 * Optimal-string-alignment distance (Levenshtein plus adjacent transpositions), compared
 * case-insensitively: `FORM` → `FROM` is one edit. Quadratic in the word lengths, which
 * are instruction keywords and stage names.
 */
export function editDistance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  let previous2: number[] = [];
  let previous: number[] = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const row: number[] = [i];
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let best = Math.min((previous[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) best = Math.min(best, (previous2[j - 2] ?? 0) + 1);
      row.push(best);
    }
    previous2 = previous;
    previous = row;
  }
  return previous[t.length] ?? 0;
}

/**
 * The candidate nearest to `word` when it is near enough to be a typo of it: one edit for
 * words of three or four letters, two for longer ones, none for one- or two-letter words. Ties go to the earlier candidate.
 */
export function nearest(word: string, candidates: readonly string[]): string | undefined {
  // As suggestName's: a file of n names and n misspellings must not cost n² comparisons.
  if (candidates.length > MAX_SUGGESTION_CANDIDATES) return undefined;
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(word, candidate);
    const shorter = Math.min(word.length, candidate.length);
    const limit = shorter <= 2 ? 0 : shorter <= 4 ? 1 : 2;
    if (distance <= limit && distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}
