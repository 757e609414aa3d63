/**
 * Loading manifests from files (Node-only: uses fs; not part of the jsii surface).
 *
 * - `loadManifests(paths, options?)`: files and folders (folders recursively: `*.yaml`, `*.yml`, `*.json`, sorted by
 *   path; cdk8s's `construct-metadata.json`, `node_modules` and dot-folders are skipped), `-` for standard input (`options.stdin` supplies the text;
 *   default: fd 0). Multi-document YAML; JSON files hold one object or an array; `kind: List` / `*List` documents
 *   are expanded into their items (one level: a List inside a List is an error). Null/empty documents are skipped. Returns `ManifestDocument`s in input order.
 * - Bounded work for any input (input-files.ts, aliases.ts): only regular files, FIFOs named as a path and standard
 *   input are read, each up to `options.maxFileBytes` (`MAX_FILE_BYTES`, 256 MiB); a device is refused, and a FIFO,
 *   socket or device found in a folder is skipped. A YAML document whose aliases expand too far (go-yaml's "excessive
 *   aliasing") or contain themselves is an error. Loops only: no recursion or argument spread over the input's size.
 * - `options.jobs`: threads that read the input (default 1: this one only). With more, and at least
 *   `options.parallelMinBytes` of YAML (default 8 MiB: below that, starting a worker costs more than it saves), YAML is
 *   parsed on up to `jobs - 1` worker threads as well (`parseInParallel`): many files are shared out a file at a time,
 *   and a large YAML file or standard input (512 KiB or more) in parts of about 256 KiB that start at a `---` line
 *   (`documentCuts`). The result is the same, errors included.
 * - Each object's `source.line` is the 1-based line where its document starts (yaml-read.ts `documentLines`, JSON:
 *   json-lines.ts), the same on every thread and in every part.
 * - `parseManifestText(text, file, options?)`: the same for text already in memory (`options.named`: the text was named
 *   as a path, so mappings that are no objects are errors; default: found in a folder, so they go to `options.skipped`).
 * - YAML is read as kubectl reads it (yaml-read.ts): merge keys (`<<: *common`) resolve, timestamps stay strings, and a
 *   key given twice in one mapping keeps its last value and is named in `source.duplicateKeys` (line numbers).
 * - Problems throw `ManifestError`, whose one-line message names the file and the document number: unreadable
 *   files, YAML/JSON syntax errors, documents that are not mappings, documents shaped like an object (`kind` or
 *   `metadata` at the top) without `apiVersion` or `kind` (kubectl refuses them: "apiVersion not set"), and objects of
 *   the kinds the resolver reads without `metadata.name`. Objects of other kinds are kept untouched (the model ignores
 *   them).
 * - Other mappings (a Helm values.yaml or Chart.yaml, a kustomization.yaml without `kind`, a docker-compose file) are
 *   not objects: in a file found in a folder they are skipped and listed in `options.skipped` (with the FIFOs and
 *   devices the folder walk passed over); in a file named as a path, or standard input, they are an error, as kubectl
 *   makes them.
 */
import * as fs from 'fs';
import { aliasProblem } from './aliases';
import { DocumentOptions, ManifestError, manifestDocuments } from './documents';
import { listFiles, maxFileBytes, readInputFile, readStandardInput } from './input-files';
import { jsonDocumentLines } from './json-lines';
import { ManifestDocument, SkippedInput, safeString } from './manifest';
import { parseInParallel, ParallelOptions, ParseUnit } from './parallel-parse';
import { bufferText, documentCuts, lineBreaks, partYaml, readPart, TextPart } from './yaml-parts';
import { documentAtLine, readYaml, YamlDuplicateKey } from './yaml-read';

export { ManifestError } from './documents';
export { listFiles, MAX_FILE_BYTES, MAX_FILE_BYTES_ENV } from './input-files';
export type { SkippedInput } from './manifest';

/** Options of `loadManifests`. */
export interface LoadOptions {
  /** Text of standard input for the path `-`. @default - read file descriptor 0 */
  readonly stdin?: () => string;
  /** Threads that read the files, this one included (an integer of at least 1). @default 1 */
  readonly jobs?: number;
  /** The least bytes of YAML files worth worker threads (with `jobs` above 1). @default 8 MiB */
  readonly parallelMinBytes?: number;
  /** The most bytes read from one file or standard input. @default - `CDK8S_DNS_MAX_FILE_BYTES`, else MAX_FILE_BYTES */
  readonly maxFileBytes?: number;
  /** Set on return: what was skipped (files and documents found in folders that hold no objects), in input order. */
  readonly skipped?: SkippedInput[];
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


/** Loads every manifest of the given files and folders. */
export function loadManifests(paths: readonly string[], options: LoadOptions = {}): ManifestDocument[] {
  const jobs = options.jobs ?? 1;
  if (!Number.isInteger(jobs) || jobs < 1) throw new Error(`jobs must be an integer of at least 1 (got ${safeString(jobs)})`);
  const maxBytes = options.maxFileBytes ?? maxFileBytes();
  const stdin = stdinReader(options.stdin, maxBytes);
  const skipped: SkippedInput[] = [];
  if (jobs > 1) {
    const parallel = loadInParallel(paths, jobs, options.parallelMinBytes ?? PARALLEL_MIN_BYTES, stdin, maxBytes);
    if (parallel) {
      for (const s of parallel.skipped) options.skipped?.push(s);
      return parallel.docs;
    }
  }
  const out: ManifestDocument[] = [];
  for (const p of paths) {
    for (const input of inputsOf(p, skipped)) {
      const text = input.file === '-' ? stdin() : readInputFile(input.file, maxBytes);
      for (const d of parseManifestText(text, input.file, { named: input.named, skipped })) out.push(d); // no spread: 100,000s of objects
    }
  }
  for (const s of skipped) options.skipped?.push(s);
  return out;
}

/** A file to read, and whether it was named as a path (or is standard input) rather than found in a folder. */
interface Input {
  readonly file: string;
  readonly named: boolean;
}

/** The files a path stands for (`-`: standard input); FIFOs and devices found in folders go to `skipped`. */
function inputsOf(p: string, skipped: SkippedInput[]): Input[] {
  if (p === '-') return [{ file: '-', named: true }];
  const files = listFiles(p, skipped);
  return files.length === 1 && files[0] === p ? [{ file: p, named: true }] : files.map((file) => ({ file, named: false }));
}

/**
 * Standard input, read on the first call; later calls give the same text or error (the parallel read looks at it
 * first, and may then leave it to the one-thread read).
 */
function stdinReader(read: (() => string) | undefined, maxBytes: number): () => string {
  let text: string | undefined;
  let error: ManifestError | undefined;
  return () => {
    if (text === undefined && error === undefined) {
      try {
        text = read ? read() : readStandardInput(maxBytes);
        if (read && text.length > maxBytes / 3 && Buffer.byteLength(text) > maxBytes) {
          throw new ManifestError(`-: standard input is larger than ${maxBytes} bytes, the most one input may hold`, '-');
        }
      } catch (e) {
        error = e instanceof ManifestError ? e : new ManifestError(`-: cannot read standard input (${errText(e)})`, '-');
      }
    }
    if (error) throw error;
    return text!;
  };
}

/** A file's documents and what it skipped, or the error reading it gave. */
type Outcome = { readonly docs: ManifestDocument[]; readonly skipped: SkippedInput[] } | { readonly error: unknown };

function outcome(read: (skipped: SkippedInput[]) => ManifestDocument[]): Outcome {
  const skipped: SkippedInput[] = [];
  try {
    return { docs: read(skipped), skipped };
  } catch (error) {
    return { error };
  }
}

/**
 * `loadManifests` on `jobs` threads, or undefined when that does not pay (too little YAML) or a path or standard input
 * cannot be read (the one-thread read then reports it, after the errors of the paths before it).
 */
function loadInParallel(paths: readonly string[], jobs: number, minBytes: number, stdin: () => string, maxBytes: number):
{ docs: ManifestDocument[]; skipped: SkippedInput[] } | undefined {
  const skipped: SkippedInput[] = [];
  let inputs: Input[];
  let bytes = 0;
  try {
    inputs = paths.flatMap((p) => inputsOf(p, skipped));
    for (const { file } of inputs) {
      if (file === '-') bytes += isYamlText(stdin()) ? Buffer.byteLength(stdin()) : 0;
      else if (YAML_FILE.test(file)) bytes += fs.statSync(file).size;
    }
  } catch {
    return undefined;
  }
  if (bytes < minBytes) return undefined;
  const workers = Math.min(jobs - 1, Math.max(1, Math.floor(bytes / BYTES_PER_WORKER)));
  const folderFiles = new Set(inputs.filter((i) => !i.named).map((i) => i.file));
  try {
    const named = (f: string) => !folderFiles.has(f);
    const docs = readFilesInParallel(inputs.map((i) => i.file), workers, { stdin, maxFileBytes: maxBytes, skipped, named });
    return { docs, skipped };
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
  /** Whether an input was named as a path (else it was found in a folder). @default - standard input only */
  readonly named?: (input: string) => boolean;
  /** Set on return: what the inputs' documents skipped, in input order (see `LoadOptions.skipped`). */
  readonly skipped?: SkippedInput[];
  /** A YAML text of at least twice this many bytes is read in parts of about this size. @default PART_BYTES */
  readonly partBytes?: number;
}

/** One input of a parallel read, and where its units are: one (a file) or the parts of a YAML text in `buffer`. */
interface PlannedInput {
  readonly name: string;
  readonly first: number;
  readonly count: number;
  readonly buffer?: SharedArrayBuffer;
}

/**
 * What a thread made of a unit: a file's documents (or its error), or the parsed documents of a part and the line
 * where each starts in the part.
 */
type UnitResult = Outcome | { readonly part: unknown[]; readonly lines?: readonly number[] } | { readonly partFailed: true };

/**
 * The documents of `inputs` (files, already listed, and `-` for standard input) read on this thread and `workers` worker
 * threads: `parseInParallel` with the one-thread reader's functions, errors thrown in input order. A YAML text of at
 * least twice `partBytes` (standard input, or a file) is read into a shared buffer and parsed in parts; when a part
 * fails, the whole text is read again on this thread, so that the error (its line and document) is the one-thread
 * read's. Exported for tests (`options.workersFirst`).
 */
export function readFilesInParallel(inputs: readonly string[], workers: number, options: ParallelReadOptions = {}): ManifestDocument[] {
  const maxBytes = options.maxFileBytes ?? maxFileBytes();
  const stdin = stdinReader(options.stdin, maxBytes);
  const named = (input: string) => options.named?.(input) ?? input === '-';
  const partBytes = options.partBytes ?? PART_BYTES;
  const units: ParseUnit[] = [];
  const planned: PlannedInput[] = inputs.map((name) => {
    const first = units.length;
    const buffer = sharedText(name, stdin, partBytes, maxBytes);
    if (buffer) {
      const bounds = [0, ...documentCuts(new Uint8Array(buffer), partBytes), buffer.byteLength];
      for (let k = 1; k < bounds.length; k++) units.push({ buffer, start: bounds[k - 1], end: bounds[k], last: k === bounds.length - 1 });
    } else {
      units.push({ file: name });
    }
    return { name, first, count: units.length - first, buffer };
  });
  const read = (file: string) => (file === '-' ? stdin() : readInputFile(file, maxBytes));
  const results = parseInParallel<UnitResult>(units, workers,
    (unit) => ('file' in unit ? outcome((skipped) => parseManifestText(read(unit.file), unit.file, { named: named(unit.file), skipped })) : parsePart(unit)),
    (unit, docs, lines) => ('file' in unit ? outcome((skipped) => manifestDocuments(docs, unit.file, { named: named(unit.file), skipped, lines })) : { part: docs, lines }),
    { ...options, maxFileBytes: maxBytes });
  const out: ManifestDocument[] = [];
  for (const input of planned) {
    const end = input.first + input.count;
    const r = input.buffer
      ? joinParts(input, units.slice(input.first, end) as TextPart[], results.slice(input.first, end), named(input.name))
      : results[input.first];
    if ('error' in r) throw r.error;
    if (!('docs' in r)) throw new Error(`internal: no documents for ${input.name}`);
    for (const d of r.docs) out.push(d);
    for (const s of r.skipped) options.skipped?.push(s);
  }
  return out;
}

/**
 * The text of `name` in a shared buffer, when it is YAML of at least twice `partBytes` (worth reading in parts); else
 * undefined (a file that cannot be read is left to its one unit, which reports it in order). Standard input is shared
 * only when it is well-formed text, whose UTF-8 bytes decode to the same characters.
 */
function sharedText(name: string, stdin: () => string, partBytes: number, maxBytes: number): SharedArrayBuffer | undefined {
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
    return st?.isFile() && st.size >= 2 * partBytes && st.size <= maxBytes ? readShared(name, 2 * partBytes, maxBytes) : undefined;
  } catch {
    return undefined;
  }
}

/** A regular file's bytes, read straight into a shared buffer, when it has from `minBytes` to `maxBytes` (else undefined). */
function readShared(file: string, minBytes: number, maxBytes: number): SharedArrayBuffer | undefined {
  const fd = fs.openSync(file, 'r');
  try {
    const st = fs.fstatSync(fd);
    const size = st.size;
    if (!st.isFile() || size < minBytes || size > maxBytes) return undefined;
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
  try {
    const text = partYaml(part);
    const lines: number[] = [];
    const docs = readPart(part, text, lines);
    // a document its aliases expand too far: the whole text is read again for the error
    if (docs === undefined || (text.includes('*') && docs.some((d) => aliasProblem(d) !== undefined))) return { partFailed: true };
    return { part: docs, lines };
  } catch {
    return { partFailed: true };
  }
}

/**
 * A text's documents from its parts (`units`, in order), numbered as in the whole text, with their lines in it (a
 * part's own lines after the line breaks before it); or, when a part failed, the whole text's error.
 */
function joinParts(input: PlannedInput, units: readonly TextPart[], parts: readonly UnitResult[], named: boolean): Outcome {
  const docs: unknown[] = [];
  let lines: number[] | undefined = [];
  let before = 0;
  for (const [k, p] of parts.entries()) {
    if (!('part' in p)) return outcome((skipped) => parseManifestText(bufferText(input.buffer!, 0, input.buffer!.byteLength), input.name, { named, skipped }));
    for (const d of p.part) docs.push(d);
    if (p.lines === undefined || p.lines.length !== p.part.length) lines = undefined;
    for (const line of p.lines ?? []) lines?.push(before + line);
    before += lineBreaks(input.buffer!, units[k].start, units[k].end);
  }
  return outcome((skipped) => manifestDocuments(docs, input.name, { named, skipped, lines }));
}

/** Options of `parseManifestText`: whether the text was named as a path, and where skipped documents go (documents.ts). */
export type ParseOptions = Omit<DocumentOptions, 'duplicates' | 'lines'>;

/** Parses multi-document YAML or JSON text. */
export function parseManifestText(text: string, file: string, options: ParseOptions = {}): ManifestDocument[] {
  let docs: unknown[];
  let duplicates: YamlDuplicateKey[] = [];
  let lines: number[] = [];
  const trimmed = text.trimStart();
  if (/\.json$/i.test(file) || ((trimmed.startsWith('{') || trimmed.startsWith('[')) && file === '-' && isJson(trimmed))) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (e) {
      throw new ManifestError(`${file}: invalid JSON (${errText(e)})`, file, 1);
    }
    docs = Array.isArray(parsed) ? parsed : [parsed];
    lines = jsonDocumentLines(text);
  } else {
    docs = [];
    try {
      duplicates = readYaml(text, docs, lines);
    } catch (e: any) {
      const line: number | undefined = e?.mark?.line;
      const doc = line === undefined ? docs.length + 1 : documentAtLine(text, line);
      const reason = String(e?.reason ?? errText(e)).split('\n')[0];
      const where = line === undefined ? '' : ` line ${line + 1}`;
      throw new ManifestError(`${file}: document ${doc}: invalid YAML at${where}: ${reason}`, file, doc);
    }
    // an alias needs a `*` in the text; js-yaml shares the anchor's object, so only a walk of the whole tree would
    // expand it (aliases.ts)
    if (text.includes('*')) {
      docs.forEach((d, i) => {
        const problem = aliasProblem(d);
        if (problem !== undefined) throw new ManifestError(`${file}: document ${i + 1}: ${problem}`, file, i + 1);
      });
    }
  }
  return manifestDocuments(docs, file, { ...options, duplicates, lines });
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function errText(e: unknown): string {
  const m = (e as any)?.message;
  return String(m ?? e).split('\n')[0];
}
