/**
 * Loading manifests from files (Node-only: uses fs; not part of the jsii surface).
 *
 * - `loadManifests(paths, options?)`: files and folders (folders recursively: `*.yaml`, `*.yml`, `*.json`, sorted by
 *   path; cdk8s's `construct-metadata.json`, `node_modules` and dot-folders are skipped), `-` for standard input (`options.stdin` supplies the text;
 *   default: fd 0). Multi-document YAML; JSON files hold one object or an array; `kind: List` / `*List` documents
 *   are expanded into their items (one level: a List inside a List is an error). Null/empty documents are skipped. Returns `ManifestDocument`s in input order.
 * - `options.jobs`: threads that read the input (default 1: this one only). With more, and at least
 *   `options.parallelMinBytes` of YAML (default 8 MiB: below that, starting a worker costs more than it saves), YAML is
 *   parsed on up to `jobs - 1` worker threads as well (`parseInParallel`): many files are shared out a file at a time,
 *   and a large YAML file or standard input (512 KiB or more) in parts of about 256 KiB that start at a `---` line
 *   (`documentCuts`). The result is the same, errors included.
 * - `parseManifestText(text, file)`: the same for text already in memory.
 * - YAML is read as kubectl reads it (yaml-read.ts): merge keys (`<<: *common`) resolve, timestamps stay strings, and a
 *   key given twice in one mapping keeps its last value and is named in `source.duplicateKeys` (line numbers).
 * - Problems throw `ManifestError`, whose one-line message names the file and the document number: unreadable
 *   files, YAML/JSON syntax errors, documents that are not mappings, and objects of the kinds the resolver reads
 *   without `metadata.name`. Mappings without `apiVersion` or `kind` (e.g. a values.yaml) are skipped; objects of
 *   other kinds are kept untouched (the model ignores them).
 */
import * as fs from 'fs';
import * as path from 'path';
import * as yaml from 'js-yaml';
import { KubeObject, ManifestDocument, ManifestSource, arr, rec, safeString, str } from './manifest';
import { bufferText, documentCuts, parseInParallel, ParallelOptions, ParseUnit, PART_END, partDocuments, partYaml, TextPart } from './parallel-parse';
import { documentAtLine, readYaml, YamlDuplicateKey, yamlOptions } from './yaml-read';

/** A problem with an input file; `message` is one line naming the file (and document). */
export class ManifestError extends Error {
  public constructor(message: string, public readonly file?: string, public readonly document?: number) {
    super(message);
    this.name = 'ManifestError';
  }
}

/** Options of `loadManifests`. */
export interface LoadOptions {
  /** Text of standard input for the path `-`. @default - read file descriptor 0 */
  readonly stdin?: () => string;
  /** Threads that read the files, this one included (an integer of at least 1). @default 1 */
  readonly jobs?: number;
  /** The least bytes of YAML files worth worker threads (with `jobs` above 1). @default 8 MiB */
  readonly parallelMinBytes?: number;
}

/** The default `parallelMinBytes`: about 20,000 objects of cdk8s output, 0.4 s of parsing. */
export const PARALLEL_MIN_BYTES = 8 * 1024 * 1024;

/** Below this many bytes per worker, another worker does not pay for its start. */
const BYTES_PER_WORKER = 4 * 1024 * 1024;

/**
 * A YAML text of at least twice this many bytes is read in parts of about this size (when worker threads read), so that
 * the threads share one large file: about 650 objects of cdk8s output, 15 ms of parsing (parts from 64 KiB to 4 MiB
 * measured alike).
 */
export const PART_BYTES = 256 * 1024;

/** Kinds the resolver reads: they must have a name. */
const NAMED_KINDS = new Set(['Service', 'EndpointSlice', 'Endpoints', 'Pod', 'StatefulSet', 'Deployment', 'ReplicaSet', 'DaemonSet', 'Namespace']);

const EXTENSIONS = /\.(ya?ml|json)$/i;
/** Files `cdk8s synth` writes next to the manifests that are not manifests (with `validations:` in cdk8s.yaml). */
const NOT_MANIFESTS = new Set(['construct-metadata.json']);
/** Folders a folder walk never enters (besides dot-folders such as `.git`). */
const SKIPPED_FOLDERS = new Set(['node_modules']);

/** Loads every manifest of the given files and folders. */
export function loadManifests(paths: readonly string[], options: LoadOptions = {}): ManifestDocument[] {
  const jobs = options.jobs ?? 1;
  if (!Number.isInteger(jobs) || jobs < 1) throw new Error(`jobs must be an integer of at least 1 (got ${safeString(jobs)})`);
  const stdin = stdinReader(options.stdin);
  if (jobs > 1) {
    const parallel = loadInParallel(paths, jobs, options.parallelMinBytes ?? PARALLEL_MIN_BYTES, stdin);
    if (parallel) return parallel;
  }
  const out: ManifestDocument[] = [];
  for (const p of paths) {
    if (p === '-') {
      out.push(...parseManifestText(stdin(), '-'));
      continue;
    }
    for (const file of listFiles(p)) out.push(...parseManifestText(readManifestFile(file), file));
  }
  return out;
}

/**
 * Standard input, read on the first call; later calls give the same text or error (the parallel read looks at it
 * first, and may then leave it to the one-thread read).
 */
function stdinReader(read?: () => string): () => string {
  let text: string | undefined;
  let error: ManifestError | undefined;
  return () => {
    if (text === undefined && error === undefined) {
      try {
        text = read ? read() : fs.readFileSync(0, 'utf8');
      } catch (e) {
        error = e instanceof ManifestError ? e : new ManifestError(`-: cannot read standard input (${errText(e)})`, '-');
      }
    }
    if (error) throw error;
    return text!;
  };
}

function readManifestFile(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new ManifestError(`${file}: cannot read file (${errText(e)})`, file);
  }
}

/** A file's documents, or the error reading it gave. */
type Outcome = { readonly docs: ManifestDocument[] } | { readonly error: unknown };

function outcome(read: () => ManifestDocument[]): Outcome {
  try {
    return { docs: read() };
  } catch (error) {
    return { error };
  }
}

/**
 * `loadManifests` on `jobs` threads, or undefined when that does not pay (too little YAML) or a path or standard input
 * cannot be read (the one-thread read then reports it, after the errors of the paths before it).
 */
function loadInParallel(paths: readonly string[], jobs: number, minBytes: number, stdin: () => string): ManifestDocument[] | undefined {
  let inputs: string[];
  let bytes = 0;
  try {
    inputs = paths.flatMap((p) => (p === '-' ? ['-'] : listFiles(p)));
    for (const f of inputs) {
      if (f === '-') bytes += isYamlText(stdin()) ? Buffer.byteLength(stdin()) : 0;
      else if (YAML_FILE.test(f)) bytes += fs.statSync(f).size;
    }
  } catch {
    return undefined;
  }
  if (bytes < minBytes) return undefined;
  const workers = Math.min(jobs - 1, Math.max(1, Math.floor(bytes / BYTES_PER_WORKER)));
  try {
    return readFilesInParallel(inputs, workers, { stdin });
  } catch (e) {
    if (e instanceof ManifestError) throw e;
    return undefined; // no worker threads here (a setup error, never one of the files'): one thread reads
  }
}

const YAML_FILE = /\.ya?ml$/i;

/** Whether standard input is read as YAML: not JSON (`parseManifestText`: text that starts with `{` or `[` may be). */
function isYamlText(text: string): boolean {
  const first = /\S/.exec(text)?.[0];
  return first !== '{' && first !== '[';
}

/** Options of `readFilesInParallel`. */
export interface ParallelReadOptions extends ParallelOptions {
  /** Standard input, for the input `-`. @default - read file descriptor 0 */
  readonly stdin?: () => string;
  /** A YAML text of at least twice this many bytes is read in parts of about this size. @default PART_BYTES */
  readonly partBytes?: number;
}

/** One input of a parallel read, and where its units are: one (a file) or the parts of a YAML text in `buffer`. */
interface Input {
  readonly name: string;
  readonly first: number;
  readonly count: number;
  readonly buffer?: SharedArrayBuffer;
}

/** What a thread made of a unit: a file's documents (or its error), or the parsed documents of a part. */
type UnitResult = Outcome | { readonly part: unknown[] } | { readonly partFailed: true };

/**
 * The documents of `inputs` (files, already listed, and `-` for standard input) read on this thread and `workers` worker
 * threads: `parseInParallel` with the one-thread reader's functions, errors thrown in input order. A YAML text of at
 * least twice `partBytes` (standard input, or a file) is read into a shared buffer and parsed in parts; when a part
 * fails, the whole text is read again on this thread, so that the error (its line and document) is the one-thread
 * read's. Exported for tests (`options.workersFirst`).
 */
export function readFilesInParallel(inputs: readonly string[], workers: number, options: ParallelReadOptions = {}): ManifestDocument[] {
  const stdin = stdinReader(options.stdin);
  const partBytes = options.partBytes ?? PART_BYTES;
  const units: ParseUnit[] = [];
  const planned: Input[] = inputs.map((name) => {
    const first = units.length;
    const buffer = sharedText(name, stdin, partBytes);
    if (buffer) {
      const bounds = [0, ...documentCuts(new Uint8Array(buffer), partBytes), buffer.byteLength];
      for (let k = 1; k < bounds.length; k++) units.push({ buffer, start: bounds[k - 1], end: bounds[k], last: k === bounds.length - 1 });
    } else {
      units.push({ file: name });
    }
    return { name, first, count: units.length - first, buffer };
  });
  const results = parseInParallel<UnitResult>(units, workers,
    (unit) => ('file' in unit ? outcome(() => parseManifestText(unit.file === '-' ? stdin() : readManifestFile(unit.file), unit.file)) : parsePart(unit)),
    (unit, docs) => ('file' in unit ? outcome(() => manifestDocuments(docs, unit.file)) : { part: docs }),
    options);
  const out: ManifestDocument[] = [];
  for (const input of planned) {
    const r = input.buffer ? joinParts(input, results.slice(input.first, input.first + input.count)) : results[input.first];
    if ('error' in r) throw r.error;
    if (!('docs' in r)) throw new Error(`internal: no documents for ${input.name}`);
    for (const d of r.docs) out.push(d);
  }
  return out;
}

/**
 * The text of `name` in a shared buffer, when it is YAML of at least twice `partBytes` (worth reading in parts); else
 * undefined (a file that cannot be read is left to its one unit, which reports it in order). Standard input is shared
 * only when it is well-formed text, whose UTF-8 bytes decode to the same characters.
 */
function sharedText(name: string, stdin: () => string, partBytes: number): SharedArrayBuffer | undefined {
  try {
    if (name === '-') {
      const text = stdin();
      if (!isYamlText(text) || (text as { isWellFormed?: () => boolean }).isWellFormed?.() !== true) return undefined;
      const length = Buffer.byteLength(text, 'utf8');
      if (length < 2 * partBytes) return undefined;
      const buffer = new SharedArrayBuffer(length);
      Buffer.from(buffer).write(text, 'utf8');
      return buffer;
    }
    // not a FIFO or a device: only a regular file can be read twice (here, and by its unit if it is not shared)
    const st = YAML_FILE.test(name) ? fs.statSync(name) : undefined;
    return st?.isFile() && st.size >= 2 * partBytes ? readShared(name, 2 * partBytes) : undefined;
  } catch {
    return undefined;
  }
}

/** A file's bytes, read straight into a shared buffer, when it has at least `minBytes` (else undefined). */
function readShared(file: string, minBytes: number): SharedArrayBuffer | undefined {
  const fd = fs.openSync(file, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    if (size < minBytes) return undefined;
    const buffer = new SharedArrayBuffer(size);
    const view = new Uint8Array(buffer);
    let read = 0;
    for (let n = -1; read < size && n !== 0; read += n) n = fs.readSync(fd, view, read, size - read, null);
    // a file that changed size while it was read is left to the one-unit read
    return read === size && fs.readSync(fd, new Uint8Array(1), 0, 1, null) === 0 ? buffer : undefined;
  } finally {
    fs.closeSync(fd);
  }
}

/** The documents of a part, or that it failed (the caller then reads the whole text for the error). */
function parsePart(part: TextPart): UnitResult {
  const docs: unknown[] = [];
  try {
    const text = partYaml(part);
    yaml.loadAll(text, (d) => docs.push(d), yamlOptions(part.last ? text.length : text.length - PART_END.length, part.start === 0));
  } catch {
    return { partFailed: true };
  }
  const own = partDocuments(part, docs);
  return own ? { part: own } : { partFailed: true };
}

/** A text's documents from its parts, numbered as in the whole text; or, when a part failed, the whole text's error. */
function joinParts(input: Input, parts: readonly UnitResult[]): Outcome {
  const docs: unknown[] = [];
  for (const p of parts) {
    if (!('part' in p)) return outcome(() => parseManifestText(bufferText(input.buffer!, 0, input.buffer!.byteLength), input.name));
    for (const d of p.part) docs.push(d);
  }
  return outcome(() => manifestDocuments(docs, input.name));
}

/**
 * The manifest files a path stands for: the path itself when it is not a folder, else every `*.yaml`, `*.yml` and
 * `*.json` below it (hidden and dependency folders skipped), sorted. Throws `ManifestError` when it cannot be read.
 */
export function listFiles(p: string): string[] {
  let st: fs.Stats;
  try {
    st = fs.statSync(p);
  } catch (e: any) {
    const reason = e?.code === 'ENOENT' ? 'no such file or directory' : errText(e);
    throw new ManifestError(`${p}: cannot read (${reason})`, p);
  }
  if (!st.isDirectory()) return [p];
  const files: string[] = [];
  const walk = (dir: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      throw new ManifestError(`${dir}: cannot read directory (${errText(e)})`, dir);
    }
    for (const ent of entries) {
      const full = path.join(dir, ent.name);
      if (ent.isDirectory()) {
        if (!SKIPPED_FOLDERS.has(ent.name) && !ent.name.startsWith('.')) walk(full);
      } else if (EXTENSIONS.test(ent.name) && !NOT_MANIFESTS.has(ent.name)) {files.push(full);}
    }
  };
  walk(p);
  return files.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Parses multi-document YAML or JSON text. */
export function parseManifestText(text: string, file: string): ManifestDocument[] {
  let docs: unknown[];
  let duplicates: YamlDuplicateKey[] = [];
  const trimmed = text.trimStart();
  if (/\.json$/i.test(file) || ((trimmed.startsWith('{') || trimmed.startsWith('[')) && file === '-' && isJson(trimmed))) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (e) {
      throw new ManifestError(`${file}: invalid JSON (${errText(e)})`, file, 1);
    }
    docs = Array.isArray(parsed) ? parsed : [parsed];
  } else {
    docs = [];
    try {
      duplicates = readYaml(text, docs);
    } catch (e: any) {
      const line: number | undefined = e?.mark?.line;
      const doc = line === undefined ? docs.length + 1 : documentAtLine(text, line);
      const reason = String(e?.reason ?? errText(e)).split('\n')[0];
      const where = line === undefined ? '' : ` line ${line + 1}`;
      throw new ManifestError(`${file}: document ${doc}: invalid YAML at${where}: ${reason}`, file, doc);
    }
  }
  return manifestDocuments(docs, file, duplicates);
}

/**
 * The Kubernetes objects of parsed documents: Lists expanded, other mappings skipped, problems thrown; the keys given
 * twice go to their document's source.
 */
function manifestDocuments(docs: readonly unknown[], file: string, duplicates: readonly YamlDuplicateKey[] = []): ManifestDocument[] {
  const out: ManifestDocument[] = [];
  docs.forEach((d, i) => {
    if (d === null || d === undefined) return;
    const keys = duplicates.length === 0 ? [] : duplicates.filter((k) => k.document === i + 1).map((k) => ({ key: k.key, line: k.line }));
    const source: ManifestSource = keys.length === 0 ? { file, document: i + 1 } : { file, document: i + 1, duplicateKeys: keys };
    if (!checkObject(d, source)) return;
    const obj = d as KubeObject;
    if (isList(obj)) {
      arr(obj.items).forEach((item, j) => {
        const s: ManifestSource = { ...source, item: j };
        if (item === null || item === undefined) return;
        if (!checkObject(item, s)) return;
        if (isList(item as KubeObject)) {
          // kubectl never nests Lists; expanding them would let a few bytes of YAML aliases become millions of objects.
          throw new ManifestError(`${file}: document ${i + 1} item ${j + 1}: a ${(item as KubeObject).kind} inside a ${obj.kind} is not supported (Lists are expanded one level)`, file, i + 1);
        }
        out.push({ object: item as KubeObject, source: s });
      });
    } else {
      out.push({ object: obj, source });
    }
  });
  return out;
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function isList(o: KubeObject): boolean {
  return typeof o.kind === 'string' && o.kind.endsWith('List') && Array.isArray(o.items);
}

/**
 * Whether a document is a Kubernetes object to keep. A mapping without `kind` or `apiVersion` (a Helm values.yaml
 * or other config next to the manifests) is not one and is skipped; anything but a mapping is an error.
 */
function checkObject(d: unknown, source: ManifestSource): boolean {
  const where = `${source.file}: document ${source.document}${source.item !== undefined ? ` item ${source.item + 1}` : ''}`;
  const o = rec(d);
  if (!o) {
    throw new ManifestError(`${where}: not a Kubernetes object (expected a mapping with apiVersion and kind, got ${describe(d)})`, source.file, source.document);
  }
  if (!str(o.kind)) return false;
  if (isList(o as KubeObject)) return true;
  if (!str(o.apiVersion)) return false;
  if (NAMED_KINDS.has(o.kind) && !str(rec(o.metadata)?.name)) {
    throw new ManifestError(`${where}: ${o.kind} has no metadata.name`, source.file, source.document);
  }
  return true;
}

function describe(v: unknown): string {
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'string') return `the string "${v.length > 40 ? v.slice(0, 40) + '...' : v}"`;
  return `${typeof v} ${safeString(v)}`;
}

function errText(e: unknown): string {
  const m = (e as any)?.message;
  return String(m ?? e).split('\n')[0];
}
