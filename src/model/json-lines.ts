/**
 * Where the documents of a JSON manifest file start (pure: no fs): `jsonDocumentLines(text)` gives the 1-based line of
 * each document as `parseManifestText` counts them: the top-level value when it is not an array, else each element
 * of the top-level array. Line breaks are counted as in YAML (LF, CR LF, a lone CR). Only called on text that
 * `JSON.parse` accepted; one pass over the text, no recursion, no copies.
 */

const LF = 10;
const CR = 13;
const QUOTE = 34;
const BACKSLASH = 92;

/** The 1-based first line of each document of valid JSON text (see the file comment). */
export function jsonDocumentLines(text: string): number[] {
  const lines: number[] = [];
  let line = 1;
  let depth = 0;
  let arrayTop = false;
  let expectValue = true; // at depth 1 of the top array: the next value starts an element
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === LF || (c === CR && text.charCodeAt(i + 1) !== LF)) {
      line++;
      continue;
    }
    if (c === 32 || c === 9 || c === CR || c === 0xfeff) continue;
    if (depth === 0) {
      if (c === 91 /* [ */) arrayTop = true;
      else lines.push(line);
      if (c !== 91 && c !== 123 /* { */) break; // a scalar at the top: one document
      depth = 1;
      continue;
    }
    if (depth === 1 && arrayTop && expectValue && c !== 93 /* ] */) {
      lines.push(line);
      expectValue = false;
    }
    if (c === QUOTE) {
      // strings hold no raw line breaks in valid JSON
      for (i++; i < text.length && text.charCodeAt(i) !== QUOTE; i++) if (text.charCodeAt(i) === BACKSLASH) i++;
    } else if (c === 91 || c === 123) {
      depth++;
    } else if (c === 93 || c === 125) {
      depth--;
      if (depth === 0) break;
    } else if (c === 44 /* , */ && depth === 1) {
      expectValue = true;
    }
  }
  return lines;
}
