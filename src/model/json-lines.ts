/**
 * Where the documents of a JSON manifest file start (pure: no fs): `jsonDocumentLines(text)` gives the 1-based line of
 * each document as `parseManifestText` counts them: the top-level value when it is not an array, else each element
 * of the top-level array; and of each element of a document's `items` array (the objects of a `kind: List`, as
 * `kubectl get -o json` writes them). Line breaks are counted as in YAML (LF, CR LF, a lone CR). Only called on text
 * that `JSON.parse` accepted; one pass over the text, no recursion, no copies.
 */
import type { DocumentLines } from './yaml-read';

const LF = 10;
const CR = 13;
const QUOTE = 34;
const BACKSLASH = 92;
const COMMA = 44;
const COLON = 58;
const OPEN_ARRAY = 91;
const CLOSE_ARRAY = 93;
const OPEN_OBJECT = 123;
const CLOSE_OBJECT = 125;

/** The key whose array holds a List's objects, as it is written between its quotes. */
const ITEMS_KEY = 'items';

/** The 1-based first line of each document, and of each List item, of valid JSON text (see the file comment). */
export function jsonDocumentLines(text: string): DocumentLines {
  const lines: DocumentLines = { starts: [], items: [] };
  let line = 1;
  let depth = 0;
  let arrayTop = false;
  let expectValue = true; // at depth 1 of the top array: the next value starts an element
  let rootDepth = 1; // the depth inside a document's root object: 2 in a top-level array
  let expectKey = false; // at rootDepth: the next string is a key
  let itemsKey = false; // the last key at rootDepth was "items": its value is next
  let entries: number[] | undefined; // the items array being read (at rootDepth + 1)
  let expectEntry = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === LF || (c === CR && text.charCodeAt(i + 1) !== LF)) {
      line++;
      continue;
    }
    if (c === 32 || c === 9 || c === CR || c === 0xfeff) continue;
    if (depth === 0) {
      if (c === OPEN_ARRAY) arrayTop = true;
      else lines.starts.push(line);
      if (c !== OPEN_ARRAY && c !== OPEN_OBJECT) break; // a scalar at the top: one document
      rootDepth = arrayTop ? 2 : 1;
      expectKey = !arrayTop;
      depth = 1;
      continue;
    }
    if (depth === 1 && arrayTop && expectValue && c !== CLOSE_ARRAY) {
      lines.starts.push(line);
      expectValue = false;
    }
    if (entries !== undefined && depth === rootDepth + 1 && expectEntry && c !== CLOSE_ARRAY) {
      entries.push(line);
      expectEntry = false;
    }
    if (depth === rootDepth && c !== COLON && c !== COMMA && c !== CLOSE_OBJECT && !expectKey) {
      // a value of the root object starts here
      if (itemsKey && c === OPEN_ARRAY) {
        entries = lines.items[lines.starts.length - 1] = []; // a key given twice: the last value counts, as in JSON.parse
        expectEntry = true;
      }
      itemsKey = false;
    }
    if (c === QUOTE) {
      // strings hold no raw line breaks in valid JSON
      const start = i + 1;
      for (i++; i < text.length && text.charCodeAt(i) !== QUOTE; i++) if (text.charCodeAt(i) === BACKSLASH) i++;
      if (depth === rootDepth && expectKey) {
        itemsKey = i - start === ITEMS_KEY.length && text.startsWith(ITEMS_KEY, start);
        expectKey = false;
      }
    } else if (c === OPEN_ARRAY || c === OPEN_OBJECT) {
      depth++;
      if (depth === rootDepth && c === OPEN_OBJECT) expectKey = true; // a document's root object (in a top-level array)
    } else if (c === CLOSE_ARRAY || c === CLOSE_OBJECT) {
      depth--;
      if (depth === rootDepth) entries = undefined; // (only the items array closes back to the root's depth with entries set)
      if (depth === 0) break;
    } else if (c === COMMA) {
      if (depth === 1 && arrayTop) expectValue = true;
      if (depth === rootDepth) expectKey = true;
      if (entries !== undefined && depth === rootDepth + 1) expectEntry = true;
    }
  }
  return lines;
}
