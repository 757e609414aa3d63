/**
 * The one string order of the library's outputs (findings, records, graphs): code units, as `Array.prototype.sort()`
 * orders strings without a comparator. Locale-independent, so every machine prints the same order. Pure.
 */
export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The index of the first string of `sorted` (in `cmp` order) that does not sort before `key`, `sorted.length` when
 * none: a binary search. The paths below one folder sort together, from the lower bound of the folder's prefix.
 */
export function lowerBound(sorted: readonly string[], key: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (sorted[mid] < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
