/**
 * The size of an object as JSON, as kubectl and other Go clients send it (compact `encoding/json`), without
 * serializing it.
 *
 * - `jsonSizeBound(value, cap)`: a cheap upper bound that stops as soon as it passes `cap` (it then returns a number
 *   above `cap`): every string counts 6 bytes per UTF-16 unit (the longest escape, `\u003c`), every number 24. An
 *   object whose bound is at most `cap` is certainly no larger; the walk visits each node at most once and stops after
 *   about `cap / 2` nodes, however many times YAML aliases repeat a subtree.
 * - `jsonSize(value)`: the exact byte count. Strings are counted as UTF-8, with Go's escapes: `"` `\` and `\n` `\r`
 *   `\t` `\b` `\f` take two bytes, other control characters and `<` `>` `&` U+2028 U+2029 (escaped for HTML) and lone
 *   surrogates (invalid UTF-8, written as `\ufffd`) six. Numbers as JavaScript writes them. Subtrees that YAML aliases
 *   share are counted once per use, as JSON repeats them, but measured once.
 *
 * Values that JSON leaves out (`undefined`, functions, symbols) count as nothing in objects and as `null` in arrays.
 */

/** Bytes of JSON for a value of `typeof` other than object and string, or undefined when JSON leaves it out. */
function scalarSize(v: unknown): number | undefined {
  switch (typeof v) {
    case 'number': return Number.isFinite(v) ? String(v).length : 4;
    case 'boolean': return v ? 4 : 5;
    case 'bigint': return String(v).length;
    default: return undefined;
  }
}

/** An upper bound of `jsonSize(value)`, exact enough to pass small objects; above `cap` once it is certainly above. */
export function jsonSizeBound(value: unknown, cap: number): number {
  let total = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === 'string') {total += 6 * v.length + 2;} else if (v === null) {total += 4;} else if (typeof v === 'object') {
      total += 2;
      if (Array.isArray(v)) {
        total += v.length;
        if (total > cap) return total;
        for (let i = 0; i < v.length; i++) stack.push(v[i]);
      } else {
        // Inherited keys (none in parsed YAML) only raise the bound.
        for (const k in v) {
          total += 6 * k.length + 4;
          if (total > cap) return total;
          stack.push((v as any)[k]);
        }
      }
    } else {total += 24;}
    if (total > cap) return total;
  }
  return total;
}

/**
 * The exact size of `value` as compact JSON written by Go's encoding/json, in bytes. Walks with a list, not recursion:
 * the nesting of a parsed document is the input's to choose (a 3,000-deep document overflowed the call stack).
 */
export function jsonSize(value: unknown): number {
  if (typeof value !== 'object' || value === null) return leafSize(value, false);
  const memo = new Map<object, number>();
  /** Entered and not yet measured: the ancestors of what is being entered (a cycle cannot come from YAML or JSON). */
  const active = new Set<object>();
  const stack: { readonly v: object; readonly exit: boolean }[] = [{ v: value, exit: false }];
  while (stack.length > 0) {
    const { v, exit } = stack.pop()!;
    if (exit) {
      memo.set(v, measured(v, memo));
      active.delete(v);
      continue;
    }
    if (memo.has(v) || active.has(v)) continue;
    active.add(v);
    stack.push({ v, exit: true });
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) if (typeof v[i] === 'object' && v[i] !== null) stack.push({ v: v[i], exit: false });
    } else {
      for (const k in v) {
        const item = (v as any)[k];
        if (Object.prototype.hasOwnProperty.call(v, k) && typeof item === 'object' && item !== null) stack.push({ v: item, exit: false });
      }
    }
  }
  return memo.get(value)!;
}

/** Bytes of JSON for a string or scalar (`inArray`: JSON writes what it leaves out of objects as `null` in arrays). */
function leafSize(v: unknown, inArray: boolean): number {
  if (typeof v === 'string') return stringSize(v);
  if (v === null) return 4;
  return scalarSize(v) ?? (inArray ? 4 : 0);
}

/**
 * The size of object or array `v` whose object members are measured in `memo` (one that is not is an ancestor: a
 * cycle, which JSON.stringify would refuse, counts 0).
 */
function measured(v: object, memo: ReadonlyMap<object, number>): number {
  const sizeOf = (item: unknown, inArray: boolean) => (typeof item === 'object' && item !== null ? memo.get(item) ?? 0 : leafSize(item, inArray));
  let total = 2;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) total += sizeOf(v[i], true) + (i > 0 ? 1 : 0);
    return total;
  }
  let first = true;
  for (const k in v) {
    if (!Object.prototype.hasOwnProperty.call(v, k)) continue;
    const item = (v as any)[k];
    if (item === undefined || typeof item === 'function' || typeof item === 'symbol') continue;
    total += stringSize(k) + 1 + sizeOf(item, false) + (first ? 0 : 1);
    first = false;
  }
  return total;
}

/** Bytes of a JSON string, quotes included, as Go's encoding/json escapes it. */
function stringSize(s: string): number {
  let n = 2;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) {n += asciiSize(c);} else if (c < 0x800) {n += 2;} else if (c >= 0xd800 && c <= 0xdbff && isLowSurrogate(s.charCodeAt(i + 1))) {
      n += 4;
      i++;
    } else if ((c >= 0xd800 && c <= 0xdfff) || c === 0x2028 || c === 0x2029) {n += 6;} else {n += 3;}
  }
  return n;
}

/** Bytes of an ASCII character in a JSON string written by Go. */
function asciiSize(c: number): number {
  if (c < 0x20) return c === 0x0a || c === 0x0d || c === 0x09 || c === 0x08 || c === 0x0c ? 2 : 6;
  if (c === 0x22 || c === 0x5c) return 2;
  if (c === 0x3c || c === 0x3e || c === 0x26) return 6;
  return 1;
}

/** Whether `c` (NaN past the end of a string) is the second half of a surrogate pair. */
export function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}
