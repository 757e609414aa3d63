/**
 * The one string order of the library's outputs (findings, records, graphs): code units, as `Array.prototype.sort()`
 * orders strings without a comparator. Locale-independent, so every machine prints the same order. Pure.
 */
export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
