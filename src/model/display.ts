/**
 * Text that is safe to print on a terminal: control characters and invisible format characters from the input
 * (a Service name holding ESC or BEL, a BOM, a bidi override) are written as `\uXXXX` escapes, so manifests cannot
 * move the cursor, retitle the window or hide text, and a message never shows an invisible character as is. The
 * `\uXXXX` form is also valid inside a JSON string, so a whole JSON text may go through `terminalSafe`.
 *
 * - `terminalSafe(text)`: escapes all of them except line feed and tab (for whole outputs, whose lines we write).
 * - `oneLine(text)`: escapes line feed, carriage return and tab too (for one value inside a line).
 * - `shortText(text, max?)`: a quoted name or value cut to 40 characters (or `max`); `shortValue(v, max?)`: any value,
 *   rendered JSON-like, cut to 80.
 * Pure.
 */

/** C0 controls except tab and line feed, DEL, C1 controls, zero-width and bidi format characters, separators, BOM. */
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;
const UNSAFE_IN_LINE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

function escape(c: string): string {
  return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** `text` with every unsafe character but line feed and tab written as `\uXXXX`. */
export function terminalSafe(text: string): string {
  UNSAFE.lastIndex = 0;
  return UNSAFE.test(text) ? text.replace(UNSAFE, escape) : text;
}

/** `text` with every unsafe character, line breaks and tabs included, written as `\uXXXX`. */
export function oneLine(text: string): string {
  UNSAFE_IN_LINE.lastIndex = 0;
  return UNSAFE_IN_LINE.test(text) ? text.replace(UNSAFE_IN_LINE, escape) : text;
}

/** `text` cut to its first `max` characters and `...` when it is longer: a name or value quoted from the input. */
export function shortText(text: string, max: number = 40): string {
  return text.length > max ? `${text.slice(0, max)}...` : text;
}

/**
 * A JSON-like rendering of any value, at most `max` characters (then `...`), for messages that quote input. It never
 * serializes more than it shows: a YAML alias bomb (a 600-byte document whose aliases expand to gigabytes), a huge
 * list or a cyclic object costs O(max) steps, not their size. Strings are quoted as JSON; objects show their keys
 * (never `[object Object]`); a getter that throws shows as `?`.
 */
export function shortValue(v: unknown, max: number = 80): string {
  const out: string[] = [];
  let room = max + 1; // one more than shown: tells whether to cut
  const put = (s: string): boolean => {
    if (room <= 0) return false;
    const piece = s.length > room ? s.slice(0, room) : s;
    out.push(piece);
    room -= piece.length;
    return room > 0;
  };
  const walk = (x: unknown): boolean => {
    if (typeof x === 'string') return put(JSON.stringify(x.length > room ? x.slice(0, room) : x));
    if (x === null || typeof x !== 'object') {
      if (typeof x === 'function') return put('function');
      if (typeof x === 'symbol') return put(x.description === undefined ? 'Symbol()' : `Symbol(${x.description})`);
      if (typeof x === 'bigint') return put(`${x}n`);
      return put(String(x)); // number (NaN, Infinity as such), boolean, undefined
    }
    if (Array.isArray(x)) {
      if (!put('[')) return false;
      for (let i = 0; i < x.length; i++) {
        if (i > 0 && !put(',')) return false;
        if (!walk(read(x, i))) return false;
      }
      return put(']');
    }
    if (!put('{')) return false;
    let first = true;
    for (const k in x) { // for...in, not Object.keys: stops early on an object with a million keys
      if (!Object.prototype.hasOwnProperty.call(x, k)) continue;
      if (!first && !put(',')) return false;
      first = false;
      if (!put(`${JSON.stringify(k.length > room ? k.slice(0, room) : k)}:`)) return false;
      if (!walk(read(x, k))) return false;
    }
    return put('}');
  };
  walk(v);
  const text = out.join('');
  return text.length > max ? `${text.slice(0, Math.max(0, max - 3))}...` : text;
}

function read(x: any, key: string | number): unknown {
  try {
    return x[key];
  } catch {
    return '?';
  }
}
