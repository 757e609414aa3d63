/**
 * How manifests' YAML is read, as kubectl reads it (sigs.k8s.io/yaml over go-yaml): js-yaml's CORE_SCHEMA with merge
 * keys (`<<: *common`), without timestamps (kubectl keeps `2024-01-01` a string), and with go-yaml's reading of tags
 * (`!Ref x`, `!!python/name:...`: the value as written; `!!binary`: its decoded base64). Pure: no fs.
 *
 * - `yamlOptions(chars, lines?)`: js-yaml's options for a text, the same on every thread (parse-worker.ts
 *   reads with them too); with `lines` (`DocumentLines`), the 1-based line where each document's content starts, and
 *   where each entry of a document's top-level `items` sequence starts (the objects of a `kind: List`), are recorded
 *   on it (`documentLines`).
 *   Not `json: true`: a key given twice in one mapping throws ("duplicated mapping key"), so that a text without
 *   duplicates is read in one pass at no extra cost and one with them is noticed.
 * - `readYaml(text, docs, lines?)`: pushes the text's documents onto `docs` (and their lines onto `lines`;
 *   the last value of a key given twice counts, as with kubectl versions that accept the file) and returns the keys given twice (`YamlDuplicateKey`: key, 1-based
 *   line and document), at most `MAX_DUPLICATES`, in text order. Throws js-yaml's error for invalid YAML.
 * - `documentAtLine(text, line)`: the 1-based document of a 0-based line.
 *
 * Finding every duplicate key (only when there is one): js-yaml stops at the first, with the position of the key. The
 * key is then renamed in a copy of the text (a prefix that keeps it a plain scalar of the same line) and the text read
 * again from the start of that document (anchors never cross documents), until no duplicate is left, the renamed text
 * fails otherwise, or `MAX_DUPLICATES` are found.
 */
import * as yaml from 'js-yaml';

/** js-yaml's own merge type (exported as `types.merge`, which @types/js-yaml does not declare). */
const MERGE_TYPE = (yaml as unknown as { readonly types: { readonly merge: yaml.Type } }).types.merge;

/**
 * Tags as go-yaml v2 reads them into kubectl's interface{} values (sigs.k8s.io/yaml; go-yaml resolve.go `resolve`,
 * decode.go `scalar`): a tag it does not resolve (`!Ref`, `!reference`, `!!python/name:...`, `!!set`, `!!timestamp`
 * into an interface{}) leaves the node as written, a scalar its text and a mapping or sequence its entries; `!!binary`
 * is its base64 decoded into a string, and base64 that Go's StdEncoding refuses fails the read ("!!binary value
 * contains invalid base64 data"). js-yaml's CORE_SCHEMA refuses them all ("unknown tag"), which stopped a check of a
 * folder holding a CloudFormation template, an mkdocs.yml or a .gitlab-ci.yml instead of skipping those files.
 */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** The text of a `!!binary` scalar as Go's StdEncoding reads it, which skips line breaks. */
function base64Text(data: unknown): string | undefined {
  const text = data === null ? '' : data;
  return typeof text === 'string' ? text.replace(/[\r\n]/g, '') : undefined;
}

const BINARY_TYPE = new yaml.Type('tag:yaml.org,2002:binary', {
  kind: 'scalar',
  resolve: (data) => {
    const text = base64Text(data);
    return text !== undefined && BASE64.test(text);
  },
  construct: (data) => Buffer.from(base64Text(data) ?? '', 'base64').toString('utf8'),
});

/** Any other tag: the node as written (js-yaml tries a multi type's tag as a prefix, and '' prefixes every tag). */
const AS_WRITTEN_TYPES = [
  new yaml.Type('', { kind: 'scalar', multi: true, construct: (data) => data ?? '' }),
  new yaml.Type('', { kind: 'sequence', multi: true, construct: (data) => data ?? [] }),
  new yaml.Type('', { kind: 'mapping', multi: true, construct: (data) => data ?? {} }),
];

const SCHEMA = yaml.CORE_SCHEMA.extend({ implicit: [MERGE_TYPE], explicit: [BINARY_TYPE, ...AS_WRITTEN_TYPES] });

/**
 * Merge work (keys copied by `<<`, and one per merged mapping) allowed per character of YAML, and per text. js-yaml's
 * own limit (10,000 per text, against merge bombs) would refuse a large file that merges a few labels into each of a
 * few thousand objects; a limit that grows with the text keeps the guard without that.
 */
const MERGE_WORK_PER_CHAR = 2;
const MERGE_WORK_BASE = 10_000;

/**
 * Where a text's documents start, 1-based lines of the file: `starts[d]` where document d's content starts; `items[d]`
 * where each entry of document d's top-level `items` sequence starts (the objects of a `kind: List`), when it has one.
 */
export interface DocumentLines {
  readonly starts: number[];
  readonly items: (number[] | undefined)[];
}

/** An empty `DocumentLines`, to be filled by a read. */
export function newDocumentLines(): DocumentLines {
  return { starts: [], items: [] };
}

/** js-yaml's options for a text of `chars` characters: CORE_SCHEMA and merge keys; duplicate keys throw. */
export function yamlOptions(chars: number, lines?: DocumentLines): yaml.LoadOptions {
  const maxTotalMergeKeys = MERGE_WORK_PER_CHAR * chars + MERGE_WORK_BASE;
  const options = { schema: SCHEMA, maxTotalMergeKeys } as yaml.LoadOptions; // (maxTotalMergeKeys: js-yaml 4.3, not in @types)
  return lines === undefined ? options : { ...options, listener: documentLines(lines) };
}

const OPEN_BRACE = 0x7b;

/** What the listener reads of js-yaml's state (lib/loader.js `State`). */
interface ListenerState {
  readonly input: string;
  readonly position: number;
  readonly documents: readonly unknown[];
  readonly line: number;
  readonly depth: number;
  readonly kind: string | null;
  readonly result: unknown;
}

/**
 * A js-yaml listener that records on `lines` the 1-based line of each document's root node: where its content starts,
 * after the `---` line, comments and blank lines (the `---` line itself for `--- {a: 1}`), counted by js-yaml itself
 * (a lone CR is a line break too). One number per document, null documents included. The root opens while js-yaml
 * holds the documents before it (`state.documents`), so only the first node of each document is recorded.
 *
 * And the line of each entry of the root's `items` sequence: js-yaml composes the root at depth 1 and its keys and
 * values at depth 2, each key before its value (a flow mapping at the root, `{apiVersion: v1, items: [...]}`, one
 * level deeper: js-yaml reads it at depth 2 as a would-be key, its keys at depth 3, which the first node at depth 2
 * tells by its `{`); the node that opens at the keys' depth after a key `items` closes is the value, and the nodes
 * that open one level deeper inside it are its entries. Another key `items` (given twice) starts the list again: the
 * last value counts, as in the read. Where the recorded entries are not the List's items (an alias, a value `items`
 * before a key, an empty entry `-` that js-yaml fills with null without a node), the counts differ and the List's own
 * line is used (documents.ts).
 */
export function documentLines(lines: DocumentLines): (event: 'open' | 'close', state: unknown) => void {
  let keyDepth = 0; // the depth of the root mapping's keys and values: 2, or 3 for a flow mapping; 0 until known
  let itemsNext = false;
  let entries: number[] | undefined;
  return (event, state) => {
    const s = state as ListenerState;
    const depth = s.depth;
    if (event === 'open') {
      if (depth === 1) {
        if (s.documents.length === lines.starts.length) lines.starts.push(s.line + 1);
        keyDepth = 0;
        itemsNext = false;
        return;
      }
      if (keyDepth === 0) keyDepth = s.input.charCodeAt(s.position) === OPEN_BRACE ? 3 : 2;
      if (depth === keyDepth) {
        entries = itemsNext ? (lines.items[lines.starts.length - 1] = []) : undefined;
        itemsNext = false;
      } else if (depth === keyDepth + 1 && entries !== undefined) {
        entries.push(s.line + 1);
      }
    } else if (depth === keyDepth) {
      itemsNext = entries === undefined && s.kind === 'scalar' && s.result === 'items';
      entries = undefined;
    }
  };
}

/** The most duplicate keys reported per text (each costs a read of its document and the rest of the text). */
export const MAX_DUPLICATES = 20;

/** A key given twice in one mapping. */
export interface YamlDuplicateKey {
  /** The key as written (up to 60 characters). */
  readonly key: string;
  /** 1-based line of its second (or later) occurrence. */
  readonly line: number;
  /** 1-based document number. */
  readonly document: number;
}

/** Reads the documents of `text` onto `docs`; returns the keys given twice (none for most texts). */
export function readYaml(text: string, docs: unknown[], lines?: DocumentLines): YamlDuplicateKey[] {
  const options = yamlOptions(text.length, lines);
  try {
    yaml.loadAll(text, (d) => docs.push(d), options);
    return [];
  } catch (e) {
    if (!isDuplicateKey(e)) throw e;
  }
  docs.length = 0;
  if (lines) {
    lines.starts.length = 0;
    lines.items.length = 0;
  }
  yaml.loadAll(text, (d) => docs.push(d), { ...options, json: true }); // the last value of a key counts
  return duplicateKeys(text, yamlOptions(text.length)); // (no listener: its reads are of renamed copies)
}

function isDuplicateKey(e: unknown): e is yaml.YAMLException {
  return e instanceof yaml.YAMLException && e.reason === 'duplicated mapping key' && typeof e.mark?.position === 'number';
}

/** Every duplicate key of a text that has at least one (see the file comment). */
function duplicateKeys(text: string, options: yaml.LoadOptions): YamlDuplicateKey[] {
  const out: YamlDuplicateKey[] = [];
  const directives = text.startsWith('%') || text.includes('\n%');
  let renamed = text;
  let from = 0;
  while (out.length < MAX_DUPLICATES) {
    let pos: number;
    try {
      yaml.loadAll(renamed.slice(from), () => undefined, options);
      break;
    } catch (e) {
      if (!isDuplicateKey(e)) break;
      // js-yaml drops a byte order mark at the start of its input
      pos = from + e.mark.position + (from === 0 && renamed.charCodeAt(0) === 0xfeff ? 1 : 0);
    }
    // an explicit key (`? key`) is marked at the space after the `?`
    while (pos < renamed.length && /\s/.test(renamed[pos])) pos++;
    // a key renamed already: the rename did not take it out (each pass renames one more key, so this ends anyway).
    // An earlier position is fine: js-yaml names a key given twice only after reading its value, so a duplicate inside
    // that value comes first (`k: 1` then `k: {a: 1, a: 2}`).
    if (DUP_PREFIX.test(renamed.slice(pos, pos + 12))) break;
    const line = lineAt(renamed, pos);
    out.push({ key: keyText(renamed, pos), line: line + 1, document: documentAtLine(text, line) });
    renamed = `${renamed.slice(0, pos)}~dup${out.length}~${renamed.slice(pos)}`;
    from = directives ? 0 : documentStart(renamed, pos);
  }
  return out.sort((a, b) => a.line - b.line); // (stable: one line's keys in the order found)
}

/** The prefix `duplicateKeys` renames a key with. */
const DUP_PREFIX = /^~dup\d+~/;

/** 0-based line of an offset (line feeds before it). */
function lineAt(text: string, pos: number): number {
  let line = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < pos; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** The offset of the `---` line that starts the document holding `pos`, or 0. */
function documentStart(text: string, pos: number): number {
  for (let p = text.lastIndexOf('\n---', pos - 1); p !== -1; p = p === 0 ? -1 : text.lastIndexOf('\n---', p - 1)) {
    const c = text.charAt(p + 4);
    if (c === '' || c === '\n' || c === '\r' || c === ' ' || c === '\t') return p + 1;
  }
  return 0;
}

/** The key that starts at `pos`, as written: a quoted key to its closing quote, else up to `: ` or the end of line. */
function keyText(text: string, pos: number): string {
  const end = text.indexOf('\n', pos);
  const rest = text.slice(pos, end === -1 ? undefined : end).replace(/\r$/, '');
  const quote = rest[0] === '"' || rest[0] === "'" ? rest.indexOf(rest[0], 1) : -1;
  const key = quote > 0 ? rest.slice(0, quote + 1) : rest.split(/:(?:\s|$)|,|}/)[0].trim();
  return key.length > 60 ? `${key.slice(0, 57)}...` : key;
}

/** 1-based document number of a 0-based line, counting `---` separators before it. */
export function documentAtLine(text: string, line: number): number {
  const lines = text.split('\n').slice(0, line + 1);
  let doc = 1;
  let content = false;
  for (const l of lines) {
    if (/^---(\s|$)/.test(l)) {
      if (content) doc++;
      content = true; // a leading --- starts document 1
      continue;
    }
    if (l.trim() && !l.trim().startsWith('#')) content = true;
  }
  return doc;
}
