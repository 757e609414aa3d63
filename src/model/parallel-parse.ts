/**
 * Parsing YAML on several threads (Node-only: worker_threads and fs; not part of the jsii surface).
 *
 * - `parseInParallel(units, workers, here, fromDocs, options?)`: the calling thread and `workers` worker threads take
 *   the units one at a time from a shared counter. A unit is a file, or a part of a large YAML text: a range of bytes
 *   of a `SharedArrayBuffer` that starts at a document (see `documentCuts`), so that the threads share one large file
 *   (`helm template` output, cdk8s's FILE_PER_APP, standard input) as they share many small ones. A worker reads a
 *   `.yaml`/`.yml` file or a part with js-yaml (the same package and options as `parseManifestText`) and sends the
 *   documents back as JSON text; the calling thread runs `fromDocs(unit, docs)` on them. The calling thread runs
 *   `here(unit)` on the units it takes itself, and on every unit a worker leaves to it: JSON files, unreadable or
 *   invalid files and parts (so that errors are the ones `here` gives), those with a key given twice in a mapping
 *   (which `here` finds and names), and documents that JSON cannot carry as they
 *   are (a node reached twice, that is a YAML alias, which JSON would copy, and exponentially so for nested aliases;
 *   non-finite numbers; -0). Results are in unit order, so the output does not depend on which thread took which unit.
 * - `documentCuts(bytes, size)`: where a YAML text may be cut into parts of about `size` bytes.
 * - Synchronous: the calling thread waits with `Atomics.wait` and reads the workers' messages with
 *   `receiveMessageOnPort`, so it works inside synchronous code such as the CLI's `run`. It waits only for units a
 *   running worker may hold: a worker that has not started when the counter runs out takes nothing (its start is not
 *   waited for), and one that fails or ends leaves its units to the calling thread. A worker that sends nothing for
 *   `STALL_MS` (killed mid-unit, e.g. out of memory) is given up on the same way.
 * - `here` and `fromDocs` must not throw: the caller turns errors into results, so that the first error in input order
 *   wins, as when the files are read one after another. Anything else that throws (no worker threads in this runtime)
 *   is the caller's cue to read on one thread.
 * - `options.workersFirst` (tests): the calling thread takes no unit from the counter, and reads only what the workers
 *   leave to it; `options.counts.fromWorkers` is set to the number of units the workers parsed.
 *
 * Why: a worker starts in about 50 ms, and YAML parsing is most of a large check (see bench/README.md); with two
 * threads a 20 MB input reads in about 65% of the time, in 500 files or in one.
 */
import { MessageChannel, MessagePort, receiveMessageOnPort, Worker } from 'worker_threads';
import { MERGE_WORK_BASE, MERGE_WORK_PER_CHAR } from './yaml-read';

/** `ParallelOptions.maxFileBytes` by default (load.ts passes its own limit). */
const DEFAULT_MAX_FILE_BYTES = 256 * 1024 * 1024;

/** How long the calling thread waits for a running worker that sends nothing before reading its units itself. */
const STALL_MS = 30_000;

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

/** What one thread parses at a time: a file (by path), or a part of a larger text. */
export type ParseUnit = { readonly file: string } | TextPart;

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

/** Options of `parseInParallel`. */
export interface ParallelOptions {
  /** Tests: the calling thread takes no unit itself and reads only what the workers leave to it. @default false */
  readonly workersFirst?: boolean;
  /** Set on return: how many units the workers parsed. */
  readonly counts?: { fromWorkers: number };
  /**
   * A worker reads only regular files of at most this many bytes (others, FIFOs and devices included, are left to the
   * calling thread, which reports them). @default 256 MiB
   */
  readonly maxFileBytes?: number;
}

/** `state` layout: the next file to take, a change counter the calling thread waits on, then one slot per worker. */
const NEXT = 0;
const CHANGED = 1;
const SLOTS = 2;
/** A worker's slot: not started, running, finished (normally or not). */
const STARTING = 0;
const RUNNING = 1;

/**
 * The worker's code (plain JavaScript, so that it runs the same from `lib/`, from `src/` through ts-node and under
 * jest). JSON carries js-yaml's output exactly (strings, finite numbers, booleans, null, arrays, own `__proto__` keys)
 * except what `plain` looks for.
 */
const WORKER = `'use strict';
const { workerData } = require('worker_threads');
const { units, port, state, slot } = workerData;
const signal = () => { Atomics.add(state, ${CHANGED}, 1); Atomics.notify(state, ${CHANGED}); };
function bad(x) {
  return typeof x === 'number' && (x !== x || x === Infinity || x === -Infinity || (x === 0 && 1 / x < 0));
}
// Whether JSON carries the documents as they are: no node reached twice (a YAML alias, which needs a "*" in the
// text, so nodes are only tracked when there is one), no NaN, Infinity or -0.
function plain(docs, star) {
  const seen = star ? new Set() : undefined;
  const stack = [docs];
  while (stack.length > 0) {
    const v = stack.pop();
    if (seen !== undefined) {
      if (seen.has(v)) return false;
      seen.add(v);
    }
    if (Array.isArray(v)) {
      for (let k = 0; k < v.length; k++) {
        const x = v[k];
        if (typeof x === 'object' && x !== null) stack.push(x); else if (bad(x)) return false;
      }
    } else {
      for (const k in v) {
        const x = v[k];
        if (typeof x === 'object' && x !== null) stack.push(x); else if (bad(x)) return false;
      }
    }
  }
  return true;
}
// A regular file's text, of at most maxFileBytes bytes (read to its size as fstat gives it), else undefined: never a
// FIFO or a device, whose reading could wait or never end.
function readRegular(file) {
  const fs = require('fs');
  if (!fs.statSync(file).isFile()) return undefined; // before open: opening a FIFO would wait for (or cut off) its writer
  const fd = fs.openSync(file, 'r');
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile() || st.size > workerData.maxFileBytes) return undefined;
    const buf = Buffer.allocUnsafe(st.size);
    let read = 0;
    for (let n = -1; read < st.size && n !== 0; read += n) n = fs.readSync(fd, buf, read, st.size - read, null);
    return buf.subarray(0, read).toString('utf8');
  } finally {
    fs.closeSync(fd);
  }
}
Atomics.store(state, slot, ${RUNNING});
try {
  const fs = require('fs');
  const yaml = require(workerData.jsYaml);
  // yaml-read.ts's yamlOptions: CORE_SCHEMA with merge keys, merge work limited by the size of the text (without the
  // marker added to a part); a key given twice throws (this thread then reads the unit)
  const schema = yaml.CORE_SCHEMA.extend({ implicit: [yaml.types.merge] });
  for (;;) {
    const i = Atomics.add(state, ${NEXT}, 1);
    if (i >= units.length) break;
    let json;
    try {
      const u = units[i];
      // a part as partYaml and partDocuments read it: followed by a document marker unless it is the last
      const part = u.file === undefined;
      const text = part ? Buffer.from(u.buffer, u.start, u.end - u.start).toString('utf8') + (u.last ? '' : ${JSON.stringify(PART_END)})
        : /\\.ya?ml$/i.test(u.file) ? readRegular(u.file) : undefined;
      if (text !== undefined) {
        const docs = [];
        const added = part && !u.last;
        const chars = text.length - (added ? ${JSON.stringify(PART_END.length)} : 0);
        const first = !part || u.start === 0;
        const maxTotalMergeKeys = ${MERGE_WORK_PER_CHAR} * chars + (first ? ${MERGE_WORK_BASE} : 0);
        yaml.loadAll(text, (d) => docs.push(d), { schema, maxTotalMergeKeys });
        if (!added || (docs.length > 0 && docs[docs.length - 1] === null)) {
          if (added) docs.pop();
          if (plain(docs, text.includes('*'))) json = JSON.stringify(docs);
        }
      }
    } catch {
      json = undefined;
    }
    port.postMessage({ i, json });
    signal();
  }
} finally {
  Atomics.store(state, slot, ${RUNNING + 1});
  signal();
}
`;

/** Parses `units` on this thread and `workers` worker threads; one result per unit, in order. */
export function parseInParallel<T>(
  units: readonly ParseUnit[],
  workers: number,
  here: (unit: ParseUnit) => T,
  fromDocs: (unit: ParseUnit, docs: unknown[]) => T,
  options: ParallelOptions = {},
): T[] {
  const out: (T | undefined)[] = new Array(units.length).fill(undefined);
  // Unless this thread takes none, it takes the first unit: more workers than the other units would idle.
  workers = Math.max(0, Math.min(workers, units.length - (options.workersFirst ? 0 : 1)));
  const state = new Int32Array(new SharedArrayBuffer(4 * (SLOTS + workers)));
  const threads: Worker[] = [];
  const ports: MessagePort[] = [];
  let answered = 0;
  let fromWorkers = 0;
  const drain = () => {
    for (const p of ports) {
      for (let m = receiveMessageOnPort(p); m; m = receiveMessageOnPort(p)) {
        const { i, json } = m.message as { i: number; json?: string };
        if (out[i] !== undefined) continue;
        answered++;
        if (json === undefined) {
          out[i] = here(units[i]);
        } else {
          out[i] = fromDocs(units[i], JSON.parse(json));
          fromWorkers++;
        }
      }
    }
  };
  /** Whether a worker may still send something: it is running, or (when this thread takes no file) starting. */
  const waitFor = (w: number) => {
    const s = Atomics.load(state, SLOTS + w);
    return s === RUNNING || (s === STARTING && options.workersFirst === true);
  };
  try {
    const jsYaml = require.resolve('js-yaml');
    for (let w = 0; w < workers; w++) {
      const { port1, port2 } = new MessageChannel();
      // execArgv []: not the parent's own flags such as `-r ts-node/register` (NODE_OPTIONS still applies)
      const workerData = { units, port: port2, state, slot: SLOTS + w, jsYaml, maxFileBytes: options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES };
      const thread = new Worker(WORKER, { eval: true, execArgv: [], workerData, transferList: [port2] });
      // A failing worker only leaves its units to this thread; its error event comes after we are done with it.
      thread.on('error', () => undefined);
      thread.unref();
      threads.push(thread);
      ports.push(port1);
    }
    if (!options.workersFirst) {
      for (let i = Atomics.add(state, NEXT, 1); i < units.length; i = Atomics.add(state, NEXT, 1)) {
        out[i] = here(units[i]);
        answered++;
        drain();
      }
    }
    let seen = Atomics.load(state, CHANGED);
    let since = Date.now();
    while (answered < units.length && threads.some((_, w) => waitFor(w)) && Date.now() - since <= STALL_MS) {
      Atomics.wait(state, CHANGED, seen, 50);
      const now = Atomics.load(state, CHANGED);
      if (now !== seen) {
        seen = now;
        since = Date.now();
      }
      drain();
    }
    drain();
  } finally {
    for (const t of threads) void t.terminate();
    for (const p of ports) p.close();
  }
  if (options.counts) options.counts.fromWorkers = fromWorkers;
  return out.map((r, i) => (r === undefined ? here(units[i]) : r));
}
