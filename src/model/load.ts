/**
 * Loading manifests from files (Node-only: uses fs; not part of the jsii surface).
 *
 * - `loadManifests(paths, options?)`: files and folders (folders recursively: `*.yaml`, `*.yml`, `*.json`, sorted by
 *   path; cdk8s's `construct-metadata.json`, `node_modules` and dot-folders are skipped), `-` for standard input (`options.stdin` supplies the text;
 *   default: fd 0). Multi-document YAML; JSON files hold one object or an array; `kind: List` / `*List` documents
 *   are expanded into their items (one level: a List inside a List is an error). Null/empty documents are skipped. Returns `ManifestDocument`s in input order.
 * - `options.jobs`: threads that read the files (default 1: this one only). With more, and at least
 *   `options.parallelMinBytes` of YAML (default 8 MiB: below that, starting a worker costs more than it saves), YAML files
 *   are parsed on up to `jobs - 1` worker threads as well (`parseInParallel`). The result is the same, errors included.
 * - `parseManifestText(text, file)`: the same for text already in memory.
 * - Problems throw `ManifestError`, whose one-line message names the file and the document number: unreadable
 *   files, YAML/JSON syntax errors, documents that are not mappings, and objects of the kinds the resolver reads
 *   without `metadata.name`. Mappings without `apiVersion` or `kind` (e.g. a values.yaml) are skipped; objects of
 *   other kinds are kept untouched (the model ignores them).
 */
import * as fs from 'fs';
import * as path from 'path';
import * as yaml from 'js-yaml';
import { KubeObject, ManifestDocument, ManifestSource, arr, rec, safeString, str } from './manifest';
import { parseInParallel, ParallelOptions } from './parallel-parse';

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
  if (jobs > 1 && !paths.includes('-')) {
    const parallel = loadInParallel(paths, jobs, options.parallelMinBytes ?? PARALLEL_MIN_BYTES);
    if (parallel) return parallel;
  }
  const out: ManifestDocument[] = [];
  for (const p of paths) {
    if (p === '-') {
      let text: string;
      try {
        text = options.stdin ? options.stdin() : fs.readFileSync(0, 'utf8');
      } catch (e) {
        throw new ManifestError(`-: cannot read standard input (${errText(e)})`, '-');
      }
      out.push(...parseManifestText(text, '-'));
      continue;
    }
    for (const file of listFiles(p)) out.push(...parseManifestText(readManifestFile(file), file));
  }
  return out;
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
 * `loadManifests` of files and folders on `jobs` threads, or undefined when that does not pay (too few bytes or
 * files) or a path cannot be listed (the one-thread read then reports it, after the errors of the paths before it).
 */
function loadInParallel(paths: readonly string[], jobs: number, minBytes: number): ManifestDocument[] | undefined {
  let files: string[];
  let bytes = 0;
  try {
    files = paths.flatMap(listFiles);
    for (const f of files) if (/\.ya?ml$/i.test(f)) bytes += fs.statSync(f).size;
  } catch {
    return undefined;
  }
  if (bytes < minBytes) return undefined;
  const workers = Math.min(jobs - 1, files.length - 1, Math.max(1, Math.floor(bytes / BYTES_PER_WORKER)));
  if (workers < 1) return undefined;
  try {
    return readFilesInParallel(files, workers);
  } catch (e) {
    if (e instanceof ManifestError) throw e;
    return undefined; // no worker threads here (a setup error, never one of the files'): one thread reads
  }
}

/**
 * The documents of `files` (already listed) read on this thread and `workers` worker threads: `parseInParallel` with
 * the one-thread reader's functions, errors thrown in file order. Exported for tests (`options.workersFirst`).
 */
export function readFilesInParallel(files: readonly string[], workers: number, options: ParallelOptions = {}): ManifestDocument[] {
  const results = parseInParallel(files, workers,
    (file) => outcome(() => parseManifestText(readManifestFile(file), file)),
    (file, docs) => outcome(() => manifestDocuments(docs, file)),
    options);
  const out: ManifestDocument[] = [];
  for (const r of results) {
    if ('error' in r) throw r.error;
    for (const d of r.docs) out.push(d);
  }
  return out;
}

function listFiles(p: string): string[] {
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
      // CORE_SCHEMA: timestamps stay strings (as the API server reads them), and it is faster than the default.
      yaml.loadAll(text, (d) => docs.push(d), { json: true, schema: yaml.CORE_SCHEMA });
    } catch (e: any) {
      const line: number | undefined = e?.mark?.line;
      const doc = line === undefined ? docs.length + 1 : documentAtLine(text, line);
      const reason = String(e?.reason ?? errText(e)).split('\n')[0];
      const where = line === undefined ? '' : ` line ${line + 1}`;
      throw new ManifestError(`${file}: document ${doc}: invalid YAML at${where}: ${reason}`, file, doc);
    }
  }
  return manifestDocuments(docs, file);
}

/** The Kubernetes objects of parsed documents: Lists expanded, other mappings skipped, problems thrown. */
function manifestDocuments(docs: readonly unknown[], file: string): ManifestDocument[] {
  const out: ManifestDocument[] = [];
  docs.forEach((d, i) => {
    if (d === null || d === undefined) return;
    const source: ManifestSource = { file, document: i + 1 };
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

/** 1-based document number of a 0-based line, counting `---` separators before it. */
function documentAtLine(text: string, line: number): number {
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

function errText(e: unknown): string {
  const m = (e as any)?.message;
  return String(m ?? e).split('\n')[0];
}
