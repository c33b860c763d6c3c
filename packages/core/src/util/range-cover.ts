import { partitionPoint } from "./partition-point.js";

/**
 * Which offsets a set of ranges holds, by binary search: the ranges sorted by start, with the
 * farthest end that each prefix of them reaches. For the per-offset questions of rules (is this
 * `#` inside a shell token, is this comment inside an instruction) that would otherwise scan every
 * range for every offset and make a long file quadratic. Ranges may overlap and come in any order.
 */
export class RangeCover {
  readonly #starts: Float64Array;
  readonly #farthestEnds: Float64Array;

  constructor(ranges: readonly (readonly [number, number])[]) {
    const sorted = ranges.every((range, i) => i === 0 || range[0] >= (ranges[i - 1] as readonly [number, number])[0]) ? ranges : [...ranges].sort((a, b) => a[0] - b[0]);
    this.#starts = new Float64Array(sorted.length);
    this.#farthestEnds = new Float64Array(sorted.length);
    let farthest = Number.NEGATIVE_INFINITY;
    for (const [i, [start, end]] of sorted.entries()) {
      farthest = Math.max(farthest, end);
      this.#starts[i] = start;
      this.#farthestEnds[i] = farthest;
    }
  }

  /** Whether some range holds the offset (start inclusive, end exclusive). */
  covers(offset: number): boolean {
    const starts = this.#starts;
    const started = partitionPoint(starts.length, (i) => (starts[i] as number) <= offset);
    return started > 0 && (this.#farthestEnds[started - 1] as number) > offset;
  }
}
