import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RangeCover } from "./range-cover.js";

describe("RangeCover", () => {
  it("holds an offset from a range's start up to, not including, its end", () => {
    const cover = new RangeCover([
      [10, 20],
      [30, 31],
    ]);
    expect([9, 10, 19, 20, 29, 30, 31].map((offset) => cover.covers(offset))).toEqual([false, true, true, false, false, true, false]);
    expect(new RangeCover([]).covers(0)).toBe(false);
    expect(new RangeCover([[5, 5]]).covers(5)).toBe(false);
  });

  it("answers as a scan of every range does, for ranges in any order, nested or overlapping", () => {
    const range = fc.tuple(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 40 })).map(([start, length]) => [start, start + length] as const);
    fc.assert(
      fc.property(fc.array(range, { maxLength: 30 }), fc.integer({ min: -5, max: 260 }), (ranges, offset) => {
        const scanned = ranges.some(([start, end]) => offset >= start && offset < end);
        expect(new RangeCover(ranges).covers(offset)).toBe(scanned);
      }),
      { seed: 20261502, numRuns: 3000 },
    );
  });
});
