/**
 * How many leading items of a list of `length` satisfy `isBefore`, for a predicate that holds for
 * a prefix of the list and for none after it (a sorted list asked "below this value?"): a binary
 * search, in log₂(length) calls.
 */
export function partitionPoint(length: number, isBefore: (index: number) => boolean): number {
  let low = 0;
  let high = length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (isBefore(mid)) low = mid + 1;
    else high = mid;
  }
  return low;
}
