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

/**
 * Whether folder `dir` is one of `folders` or lies below one, where `folders` are the keys `folderKeys` made: a binary
 * search. Among keys that end in the separator, the greatest one not after `dir`'s own key is the only one that may
 * hold it, since every key between a folder's key and the keys below it starts with the folder's key and the keys
 * hold no folder below another.
 */
export function underFolder(folders: readonly string[], dir: string, sep: string): boolean {
  const key = `${dir}${sep}`;
  const i = lowerBound(folders, key);
  return folders[i] === key || (i > 0 && key.startsWith(folders[i - 1]));
}

/**
 * The outermost of `dirs` (none below another), each with the separator `sep` after it, in `cmp` order: the keys
 * `underFolder` searches. The keys below a folder's key follow it, so one pass keeps the outermost.
 */
export function folderKeys(dirs: readonly string[], sep: string): string[] {
  const out: string[] = [];
  for (const key of dirs.map((d) => `${d}${sep}`).sort(cmp)) if (out.length === 0 || !key.startsWith(out[out.length - 1])) out.push(key);
  return out;
}
