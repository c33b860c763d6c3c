/**
 * Rows of the distance table, kept between calls: a suggestion compares a name with up to a
 * thousand candidates, and fresh arrays for each row of each comparison were a third of the time
 * (with the collector) in a lint of 1,000 Compose services that name 1,000 undefined networks.
 */
let rows: [Int32Array, Int32Array, Int32Array] = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];

/**
 * Optimal string alignment distance (Levenshtein plus adjacent transpositions, so `PAHT` → `PATH`
 * is one edit), case-sensitive: callers lower-case both words where case should not count.
 *
 * Past `limit` the exact distance does not matter: the result is then some number above `limit`,
 * and only the cells within `limit` of the diagonal are computed (no cell off it can be within
 * `limit`), so a comparison costs the word's length times the limit, not the product of the lengths.
 */
export function editDistance(a: string, b: string, limit = Number.POSITIVE_INFINITY): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const width = b.length;
  // No distance exceeds the longer length, so an unbounded limit computes the whole table.
  const band = Math.min(limit, Math.max(a.length, width));
  const beyond = band + 1;
  if (rows[0].length <= width) rows = [new Int32Array(2 * width + 2), new Int32Array(2 * width + 2), new Int32Array(2 * width + 2)];
  let [previous2, previous, current] = rows;
  for (let j = 0; j <= width; j++) previous[j] = j <= band ? j : beyond;
  for (let i = 1; i <= a.length; i++) {
    const from = Math.max(1, i - band);
    const to = Math.min(width, i + band);
    current[0] = i <= band ? i : beyond;
    if (from > 1) current[from - 1] = beyond;
    let rowMin = from === 1 ? (current[0] as number) : beyond;
    const letter = a.charCodeAt(i - 1);
    for (let j = from; j <= to; j++) {
      const other = b.charCodeAt(j - 1);
      let value = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, (previous[j - 1] as number) + (letter === other ? 0 : 1));
      if (i > 1 && j > 1 && letter === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === other) value = Math.min(value, (previous2[j - 2] as number) + 1);
      if (value > beyond) value = beyond;
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    // The next row reads the cell past this row's band as a neighbour.
    if (to < width) current[to + 1] = beyond;
    if (rowMin > limit) return limit + 1;
    [previous2, previous, current] = [previous, current, previous2];
  }
  const distance = previous[width] as number;
  return distance > limit ? limit + 1 : distance;
}
