/**
 * Text that is safe to print on a terminal: control characters and invisible format characters from the input
 * (a Service name holding ESC or BEL, a BOM, a bidi override) are written as `\uXXXX` escapes, so manifests cannot
 * move the cursor, retitle the window or hide text, and a message never shows an invisible character as is. The
 * `\uXXXX` form is also valid inside a JSON string, so a whole JSON text may go through `terminalSafe`.
 *
 * - `terminalSafe(text)`: escapes all of them except line feed and tab (for whole outputs, whose lines we write).
 * - `oneLine(text)`: escapes line feed, carriage return and tab too (for one value inside a line).
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
