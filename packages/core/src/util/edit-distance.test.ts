import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { editDistance } from "./edit-distance.js";

/** The whole optimal-string-alignment table, as the textbook writes it: the oracle. */
function fullTableDistance(a: string, b: string): number {
  const table = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const row = table[i] as number[];
      const above = table[i - 1] as number[];
      row[j] = Math.min((above[j] as number) + 1, (row[j - 1] as number) + 1, (above[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j] as number, ((table[i - 2] as number[])[j - 2] as number) + 1);
    }
  }
  return (table[a.length] as number[])[b.length] as number;
}

describe("editDistance", () => {
  it("counts insertions, deletions, substitutions and adjacent swaps, case-sensitively", () => {
    expect(editDistance("PAHT", "PATH")).toBe(1);
    expect(editDistance("FORM", "FROM")).toBe(1);
    expect(editDistance("form", "FROM")).toBe(4);
    expect(editDistance("", "abc")).toBe(3);
    expect(editDistance("kitten", "sitting")).toBe(3);
    expect(editDistance("ca", "abc")).toBe(3); // optimal string alignment: no edit of a swapped pair
  });

  it("answers some number above the limit once the distance is past it", () => {
    expect(editDistance("kitten", "sitting", 2)).toBe(3);
    expect(editDistance("a", "abcdef", 2)).toBe(3);
    expect(editDistance("abcdef", "ghijkl", 0)).toBe(1);
    expect(editDistance("same", "same", 0)).toBe(0);
  });

  // The band and the reused rows are the risk: compare with the whole table on small alphabets,
  // where swaps and repeats are common, across lengths that grow the kept rows between calls.
  it("equals the whole table within the limit, and exceeds the limit where the table does", () => {
    const word = fc.string({ unit: fc.constantFrom("a", "b", "c", "A"), maxLength: 40 });
    fc.assert(
      fc.property(word, word, fc.oneof(fc.integer({ min: 0, max: 6 }), fc.constant(Number.POSITIVE_INFINITY)), (a, b, limit) => {
        const expected = fullTableDistance(a, b);
        const actual = editDistance(a, b, limit);
        if (expected <= limit) expect(actual).toBe(expected);
        else expect(actual).toBeGreaterThan(limit);
      }),
      { seed: 20261501, numRuns: 3000 },
    );
  });

  it("is unaffected by a longer comparison before it (the rows are kept between calls)", () => {
    expect(editDistance("x".repeat(500), "y".repeat(500))).toBe(500);
    expect(editDistance("abc", "acb")).toBe(1);
    expect(editDistance("abc", "acb", 0)).toBe(1);
  });
});
