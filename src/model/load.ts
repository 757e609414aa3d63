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
 *   `options.parallelMinBytes` of YAML (default 64 MiB: below that, the workers were measured to cost more CPU than
 *   they save wall-clock time, bench/README.md), YAML files are parsed on up to `jobs - 1` worker threads as well
 *   (`parseInParallel`), shared out a file at a time; standard input, JSON files and an input alone are read on this
 *   thread. The result is the same, errors included.
 * - Each object's `source.line` is the 1-based line where its document starts (yaml-read.ts `documentLines`, JSON:
 *   json-lines.ts), the same on every thread.
 * - `parseManifestText(text, file, options?)`: the same for text already in memory (`options.named`: the text was named
 *   as a path, so mappings that are no objects are errors; default: found in a folder, so they go to `options.skipped`).
 * - YAML is read as kubectl reads it (yaml-read.ts): merge keys (`<<: *common`) resolve, timestamps stay strings, and a
 *   key given twice in one mapping keeps its last value and is named in `source.duplicateKeys` (line numbers).
 * - Problems throw `ManifestError`, whose one-line message names the file and the document number: unreadable
 *   files, YAML/JSON syntax errors, documents that are not mappings, documents shaped like an object (`kind` or
 *   `metadata` at the top) without `apiVersion` or `kind` (kubectl refuses them: "apiVersion not set"), and objects of
 *   the kinds the resolver reads without `metadata.name`. Objects of other kinds are kept untouched (the model ignores
 *   them).
 * - Other mappings (a Helm values.yaml or Chart.yaml, a kustomization.yaml, a docker-compose file) are
 *   not objects: in a file found in a folder they are skipped and listed in `options.skipped` (with the FIFOs and
 *   devices the folder walk passed over); in a file named as a path, or standard input, they are an error, as kubectl
 *   makes them. Files found in a folder that the build of a kustomization of it never applies as they are (the
 *   patches and generator files it names, files it does not list, unless a Flux Kustomization or Argo CD Application of
 *   the folder applies their folder by itself: gitops-roots.ts) are skipped unread (kustomize-folders.ts), and so
 *   are the steps and assertions of end-to-end tests (kuttl, chainsaw, Kyverno CLI: e2e-tests.ts); the
 *   objects of the files it builds get the namespace, and the names, its build gives them, and those of a folder that a
 *   Flux Kustomization or Argo CD Application applies with a namespace that namespace, a copy per namespace and name
 *   prefix (kustomize-builds.ts, kustomize-names.ts;
 *   at most `MAX_KUSTOMIZE_COPIES` copies a load, made root by root (build-copies.ts: the roots left out whole are
 *   told), and
 *   `MAX_BUILD_STEPS` steps to read the builds of a folder).
 */
import * as fs from 'fs';
import { aliasProblem } from './aliases';
import { builtDocuments, copyPlan, ReadFile } from './build-copies';
import { DocumentOptions, ManifestError, manifestDocuments } from './documents';
import { withoutKuttlSteps } from './e2e-tests';
import { KeptTexts, listFiles, maxFileBytes, readInputFile, readStandardInput } from './input-files';
import { jsonDocumentLines } from './json-lines';
import type { KustomizeBuild } from './kustomize-builds';
import { FileReader, withoutKustomizeInputs } from './kustomize-folders';
import { withKustomizeNames } from './kustomize-names';
import { BoundReporter, boundsOnto, ManifestDocument, SkippedInput, safeString } from './manifest';
import { parseInParallel, ParallelOptions } from './parallel-parse';
import { DocumentLines, documentAtLine, newDocumentLines, readYaml, YamlDuplicateKey } from './yaml-read';

export { ManifestError } from './documents';
export { listFiles, MAX_FILE_BYTES, MAX_FILE_BYTES_ENV } from './input-files';
export type { SkippedInput } from './manifest';

/** Options of `loadManifests`. */
export interface LoadOptions {
  /** Text of standard input for the path `-`. @default - read file descriptor 0 */
  readonly stdin?: () => string;
  /** Threads that read the files, this one included (an integer of at least 1). @default 1 */
  readonly jobs?: number;
  /** The least bytes of YAML files worth worker threads (with `jobs` above 1). @default 64 MiB */
  readonly parallelMinBytes?: number;
  /** The most bytes read from one file or standard input. @default - `CDK8S_DNS_MAX_FILE_BYTES`, else MAX_FILE_BYTES */
  readonly maxFileBytes?: number;
  /** Set on return: what was skipped (files and documents found in folders that hold no objects), in input order. */
  readonly skipped?: SkippedInput[];
  /** The most copies of objects made into the namespaces and names of kustomize builds (tests). @default MAX_KUSTOMIZE_COPIES */
  readonly maxKustomizeCopies?: number;
}

/**
 * The default `parallelMinBytes`: about 160,000 objects of cdk8s output. Measured by whole processes (bench/jobs.ts), two
 * threads took 16-26% off the wall clock at about the same CPU at 80 MB, and gained nothing for 5-27% more CPU at 20 MB.
 */
export const PARALLEL_MIN_BYTES = 64 * 1024 * 1024;

/** Below this many bytes per worker, another worker does not pay for its start. */
const BYTES_PER_WORKER = 4 * 1024 * 1024;

/** Loads every manifest of the given files and folders. */
export function loadManifests(paths: readonly string[], options: LoadOptions = {}): ManifestDocument[] {
  const jobs = options.jobs ?? 1;
  if (!Number.isInteger(jobs) || jobs < 1) throw new Error(`jobs must be an integer of at least 1 (got ${safeString(jobs)})`);
  const maxBytes = options.maxFileBytes ?? maxFileBytes();
  const stdin = stdinReader(options.stdin, maxBytes);
  const skipped: SkippedInput[] = [];
  // each path is listed once, by the first read that needs it (its kustomize builds and GitOps objects cost the same
  // again when listed twice); the texts read to list the paths are kept for the one-thread read
  const kept = new KeptTexts(maxBytes);
  const listings: Listing[] = [];
  const listed = (i: number): Listing => (listings[i] ??= listing(paths[i], kept));
  if (jobs > 1) {
    const parallel = loadInParallel(paths.length, listed, kept, jobs, options.parallelMinBytes ?? PARALLEL_MIN_BYTES, stdin, maxBytes,
      options.maxKustomizeCopies);
    if (parallel) {
      for (const s of parallel.skipped) options.skipped?.push(s);
      return parallel.docs;
    }
  }
  const read: ReadFile[] = [];
  for (let i = 0; i < paths.length; i++) {
    const { inputs, error, skipped: listingSkipped } = listed(i);
    for (const s of listingSkipped) skipped.push(s);
    if (inputs === undefined) throw error;
    for (const input of inputs) {
      const text = input.file === '-' ? stdin() : kept.take(input.file);
      read.push({ docs: parseManifestText(text, input.file, { named: input.named, skipped }), builds: input.builds });
    }
  }
  const bounds = boundsOnto(skipped);
  const named = withKustomizeNames(builtFiles(read, bounds, options.maxKustomizeCopies), { bounds });
  for (const s of skipped) options.skipped?.push(s);
  return named;
}

/**
 * A file to read, whether it was named as a path (or is standard input) rather than found in a folder, and the kustomize
 * builds that hold it (kustomize-builds.ts).
 */
interface Input {
  readonly file: string;
  readonly named: boolean;
  readonly builds?: readonly KustomizeBuild[];
}

/**
 * The files a path stands for (`-`: standard input); FIFOs and devices found in folders go to `skipped`, and so do the
 * files of end-to-end tests (e2e-tests.ts) and the files that the build of a kustomization of the folder never applies
 * as they are (kustomize-folders.ts). `readFile` reads the files those look into.
 */
function inputsOf(p: string, skipped: SkippedInput[], readFile: FileReader = readInputFile): Input[] {
  if (p === '-') return [{ file: '-', named: true }];
  const files = listFiles(p, skipped);
  if (files.length === 1 && files[0] === p) return [{ file: p, named: true }];
  const builds = new Map<string, KustomizeBuild[]>();
  const read = withoutKuttlSteps(files, p, readFile, skipped);
  return withoutKustomizeInputs(read, readFile, skipped, builds, p).map((file) => ({ file, named: false, builds: builds.get(file) }));
}

/** The inputs of a path (or the error listing it gave), and what its listing skipped. */
interface Listing {
  readonly inputs?: Input[];
  readonly error?: unknown;
  readonly skipped: SkippedInput[];
}

/** `inputsOf(p)`, reading through `kept`, as a value. */
function listing(p: string, kept: KeptTexts): Listing {
  const skipped: SkippedInput[] = [];
  try {
    return { inputs: inputsOf(p, skipped, kept.read), skipped };
  } catch (error) {
    return { error, skipped };
  }
}

/**
 * Standard input, read on the first call; later calls give the same text or error (a parallel read that fails to start
 * its workers leaves the input to the one-thread read).
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
 * `loadManifests` on `jobs` threads for the `count` paths that `listed` lists, or undefined when that does not pay (one
 * input, or too little YAML in files) or a path cannot be listed (the one-thread read then reports it, after the errors
 * of the paths before it). Its worker threads read the files themselves: the texts `kept` holds are let go.
 */
function loadInParallel(count: number, listed: (i: number) => Listing, kept: KeptTexts, jobs: number, minBytes: number,
  stdin: () => string, maxBytes: number, maxKustomizeCopies?: number): { docs: ManifestDocument[]; skipped: SkippedInput[] } | undefined {
  const skipped: SkippedInput[] = [];
  const inputs: Input[] = [];
  for (let i = 0; i < count; i++) {
    const l = listed(i);
    if (l.inputs === undefined) return undefined;
    for (const s of l.skipped) skipped.push(s);
    for (const input of l.inputs) inputs.push(input);
  }
  if (inputs.length < 2) return undefined;
  let bytes = 0;
  try {
    for (const { file } of inputs) if (file !== '-' && YAML_FILE.test(file)) bytes += fs.statSync(file).size;
  } catch {
    return undefined;
  }
  if (bytes < minBytes) return undefined;
  kept.clear();
  const workers = Math.min(jobs - 1, Math.max(1, Math.floor(bytes / BYTES_PER_WORKER)));
  const folderFiles = new Set(inputs.filter((i) => !i.named).map((i) => i.file));
  try {
    const named = (f: string) => !folderFiles.has(f);
    const builds = inputs.map((i) => i.builds);
    const readOptions = { stdin, maxFileBytes: maxBytes, skipped, named, builds, maxKustomizeCopies };
    const docs = readFilesInParallel(inputs.map((i) => i.file), workers, readOptions);
    return { docs, skipped };
  } catch (e) {
    if (e instanceof ManifestError) throw e;
    return undefined; // no worker threads here (a setup error, never one of the files'): one thread reads
  }
}

const YAML_FILE = /\.ya?ml$/i;

/** Options of `readFilesInParallel`. */
export interface ParallelReadOptions extends ParallelOptions {
  /** Standard input, for the input `-`. @default - read file descriptor 0 */
  readonly stdin?: () => string;
  /** Whether an input was named as a path (else it was found in a folder). @default - standard input only */
  readonly named?: (input: string) => boolean;
  /** Set on return: what the inputs' documents skipped, in input order (see `LoadOptions.skipped`). */
  readonly skipped?: SkippedInput[];
  /** The kustomize builds that hold each input, by its index (kustomize-builds.ts). @default - none */
  readonly builds?: readonly (readonly KustomizeBuild[] | undefined)[];
  /** As `LoadOptions.maxKustomizeCopies`. @default MAX_KUSTOMIZE_COPIES */
  readonly maxKustomizeCopies?: number;
}

/**
 * The documents of `inputs` (files, already listed, and `-` for standard input) read on this thread and `workers` worker
 * threads, a file at a time: `parseInParallel` with the one-thread reader's functions, errors thrown in input order.
 * Exported for tests (`options.workersFirst`).
 */
export function readFilesInParallel(inputs: readonly string[], workers: number, options: ParallelReadOptions = {}): ManifestDocument[] {
  const maxBytes = options.maxFileBytes ?? maxFileBytes();
  const stdin = stdinReader(options.stdin, maxBytes);
  const named = (input: string) => options.named?.(input) ?? input === '-';
  const read = (file: string) => (file === '-' ? stdin() : readInputFile(file, maxBytes));
  const results = parseInParallel<Outcome>(inputs.map((file) => ({ file })), workers,
    ({ file }) => outcome((skipped) => parseManifestText(read(file), file, { named: named(file), skipped })),
    ({ file }, docs, lines) => outcome((skipped) => manifestDocuments(docs, file, { named: named(file), skipped, lines })),
    { ...options, maxFileBytes: maxBytes });
  const files: ReadFile[] = results.map((r, i) => {
    if ('error' in r) throw r.error;
    for (const s of r.skipped) options.skipped?.push(s);
    return { docs: r.docs, builds: options.builds?.[i] };
  });
  const bounds = boundsOnto(options.skipped);
  return withKustomizeNames(builtFiles(files, bounds, options.maxKustomizeCopies), { bounds });
}

/**
 * The documents of `files` (in order) as their kustomize builds hold them, within `maxCopies` copies (build-copies.ts:
 * the roots left out are told to `bounds`).
 */
function builtFiles(files: readonly ReadFile[], bounds: BoundReporter, maxCopies?: number): ManifestDocument[] {
  const plan = copyPlan(files, bounds, maxCopies);
  const out: ManifestDocument[] = [];
  for (const { docs, builds } of files) {
    for (const d of builtDocuments(docs, builds, plan)) out.push(d); // no spread: 100,000s of objects
  }
  return out;
}

/** Options of `parseManifestText`: whether the text was named as a path, and where skipped documents go (documents.ts). */
export type ParseOptions = Omit<DocumentOptions, 'duplicates' | 'lines'>;

/** Parses multi-document YAML or JSON text. */
export function parseManifestText(text: string, file: string, options: ParseOptions = {}): ManifestDocument[] {
  let docs: unknown[];
  let duplicates: YamlDuplicateKey[] = [];
  let lines: DocumentLines = newDocumentLines();
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
