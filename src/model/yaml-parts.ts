/**
 * A large YAML text read in parts (pure: no fs), the same way on the calling thread and in the parse worker
 * (parse-worker.ts): one copy of each step, so that the threads cannot read a part differently.
 *
 * - `documentCuts(bytes, size)`: where a UTF-8 YAML text may be cut into parts of about `size` bytes.
 * - `TextPart`: the bytes `[start, end)` of a `SharedArrayBuffer` holding the whole text, from one cut to the next.
 * - `readPart(part)`: a part's documents, read as the whole text's: `partYaml` (its text, and a `---` line after it
 *   unless it is the last), js-yaml with `yamlOptions` (yaml-read.ts), then `partDocuments` (the null document of the
 *   added marker removed). Throws js-yaml's error, a key given twice included.
 * - `bufferText(buffer, start, end)`: bytes of a shared buffer decoded as UTF-8.
 * - `lineBreaks(buffer, start, end)`: the line breaks of `[start, end)`, counted as js-yaml counts them: a part's
 *   document lines (`readPart(part, text, lines)`) plus the line breaks before it are the whole text's.
 */
import * as yaml from 'js-yaml';
import { yamlOptions } from './yaml-read';

/**
 * A part of a larger YAML text: the bytes `[start, end)` of a shared buffer, UTF-8 text that starts at a document (see
 * `documentCuts`); `last` when it ends the text.
 */
export interface TextPart {
  readonly buffer: SharedArrayBuffer;
  readonly start: number;
  readonly end: number;
  readonly last: boolean;
}

/** The text of `[start, end)` of a shared buffer: its bytes decoded as UTF-8, as `fs.readFileSync(file, 'utf8')` does. */
export function bufferText(buffer: SharedArrayBuffer, start: number, end: number): string {
  return Buffer.from(buffer, start, end - start).toString('utf8');
}

/**
 * The YAML to parse for a part: its text, followed by `---` unless it is the last. A part must end as it does inside
 * the whole text, where a document marker follows it: at the very end of the input js-yaml reads some things
 * differently (comments or blank lines alone are one null document; `--- !!str` with no content is "" instead of
 * null). The marker adds one null document at the end, which `partDocuments` removes.
 */
export function partYaml(part: TextPart): string {
  const text = bufferText(part.buffer, part.start, part.end);
  return part.last ? text : `${text}${PART_END}`;
}

/** The document marker `partYaml` adds after a part that is not the last. */
export const PART_END = '---\n';

/**
 * The documents of a part from js-yaml's output for `partYaml(part)` (which it changes), or undefined when the
 * documents are not what the part holds (no null document from the added marker: the caller then reads the whole text).
 */
export function partDocuments(part: TextPart, docs: unknown[]): unknown[] | undefined {
  if (part.last) return docs;
  if (docs.length === 0 || docs[docs.length - 1] !== null) return undefined;
  docs.pop();
  return docs;
}

/**
 * The documents of a part, read as in the whole text, or undefined (see `partDocuments`). `text` is `partYaml(part)`,
 * for a caller that looks at it too. Merge work is limited by the part's own characters (not the added marker), with
 * the base allowance for the first part only (`yamlOptions`). Throws js-yaml's error.
 */
export function readPart(part: TextPart, text = partYaml(part), lines?: number[]): unknown[] | undefined {
  const docs: unknown[] = [];
  const chars = part.last ? text.length : text.length - PART_END.length;
  yaml.loadAll(text, (d) => docs.push(d), yamlOptions(chars, part.start === 0, lines));
  const out = partDocuments(part, docs);
  if (lines && out) lines.length = out.length; // the added marker's document has a line too
  return out;
}

/**
 * The line breaks in the bytes `[start, end)` of UTF-8 text: line feeds, and carriage returns not followed by one (a
 * CR alone ends a line for js-yaml too). Cuts are after a line feed, so no CR LF is split.
 */
export function lineBreaks(buffer: SharedArrayBuffer, start: number, end: number): number {
  const bytes = Buffer.from(buffer, start, end - start);
  let n = 0;
  for (let p = bytes.indexOf(NEWLINE); p !== -1; p = bytes.indexOf(NEWLINE, p + 1)) n++;
  for (let p = bytes.indexOf(CR); p !== -1; p = bytes.indexOf(CR, p + 1)) if (bytes[p + 1] !== NEWLINE) n++;
  return n;
}

const NEWLINE = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;

/**
 * Offsets in UTF-8 YAML `bytes` where the text may be cut into parts of at least `size` bytes (except the last) that,
 * each read as `partYaml` gives it, parse to the same documents, in order, as the whole: the starts of `---` lines (a
 * document marker at column 0, followed by a space, a line break or the end). Every such line starts a new document
 * (YAML 1.2 forbids it inside scalars and collections, and js-yaml reports one there as an error, which the caller
 * then reads from the whole text), and anchors belong to their document. None when a line starts with `%`: a
 * directive belongs to the document after it. A cut is right after a line feed, so decoding the parts as UTF-8 gives
 * the whole text's characters.
 */
export function documentCuts(bytes: Uint8Array, size: number): number[] {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  if (buf[0] === 0x25 || buf.indexOf('\n%') !== -1) return [];
  const cuts: number[] = [];
  let from = size - 1;
  for (;;) {
    let p = from < buf.length ? buf.indexOf('\n---', from) : -1;
    while (p !== -1) {
      const after = p + 4;
      const c = buf[after];
      if (after >= buf.length || c === NEWLINE || c === CR || c === SPACE) break;
      p = buf.indexOf('\n---', p + 1);
    }
    if (p === -1) return cuts;
    cuts.push(p + 1);
    from = p + size;
  }
}
