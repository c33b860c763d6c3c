import type { OffsetRange } from "../source.js";
import { partitionPoint } from "./partition-point.js";

/** Whether a range (an empty one counts as its first character) overlaps one of the spans, which are sorted and disjoint. */
export function overlapsAny(range: OffsetRange, spans: readonly OffsetRange[]): boolean {
  const first = partitionPoint(spans.length, (index) => (spans[index]?.[1] ?? 0) <= range[0]);
  const span = spans[first];
  return span !== undefined && span[0] < Math.max(range[1], range[0] + 1);
}
