/**
 * The parse worker: what each worker thread of `parseInParallel` (parallel-parse.ts) runs, and the protocol between
 * the threads. Node-only (worker_threads, fs); not part of the jsii surface.
 *
 * - Started as this module's file: lib/model/parse-worker.js, compiled beside parallel-parse.js (the package, the
 *   CLI); or parse-worker.ts with parse-worker-hook.js preloaded when the code runs from src/ (jest, ts-node). Either
 *   way it runs `runParseWorker(workerData)`.
 * - `runParseWorker(input)`: takes units from the shared counter until none is left, and posts one `ParseWorkerMessage`
 *   per unit it takes, then marks its slot finished.
 * - `unitJson(unit, maxFileBytes, lines?)`: a unit's documents as JSON text (and on `lines`, where each document and
 *   List item starts, 1-based in the file: yaml-read.ts's `documentLines`), read with the calling thread's own functions
 *   (readInputFile of input-files.ts, yamlOptions of yaml-read.ts); or undefined, which leaves the unit to the calling
 *   thread: a file that is not `.yaml`/`.yml`, not a regular file (a FIFO or a device is never opened here: that could
 *   wait for ever), larger than `maxFileBytes` or unreadable; invalid YAML or a key given twice (the calling thread
 *   reads these again and reports them, or names the keys); documents that JSON cannot carry as they are
 *   (`jsonKeepsAsIs`).
 */
import * as fs from 'fs';
import { isMainThread, MessagePort, workerData } from 'worker_threads';
import * as yaml from 'js-yaml';
import { readInputFile } from './input-files';
import { DocumentLines, newDocumentLines, yamlOptions } from './yaml-read';

/** What one thread parses at a time: a file, by path. */
export interface ParseUnit {
  readonly file: string;
}

/**
 * `ParseWorkerInput.state`, an `Int32Array` over a `SharedArrayBuffer`: the next unit to take, a change counter the
 * calling thread waits on, then one slot per worker, which holds `WORKER_STARTING`, `WORKER_RUNNING` or
 * `WORKER_FINISHED`.
 */
export const STATE_NEXT = 0;
export const STATE_CHANGED = 1;
export const STATE_SLOTS = 2;
export const WORKER_STARTING = 0;
export const WORKER_RUNNING = 1;
export const WORKER_FINISHED = 2;

/** The `workerData` of a parse worker. */
export interface ParseWorkerInput {
  /** Every unit of the read; a worker takes the one `state[STATE_NEXT]` gives it. */
  readonly units: readonly ParseUnit[];
  /** Where the worker posts its `ParseWorkerMessage`s. */
  readonly port: MessagePort;
  /** The shared state (see `STATE_NEXT`). */
  readonly state: Int32Array;
  /** The worker's slot in `state`. */
  readonly slot: number;
  /** The most bytes of a file a worker reads (larger ones are left to the calling thread, which reports them). */
  readonly maxFileBytes: number;
}

/**
 * A worker's answer for unit `i`: its documents as JSON text and the line where each starts, or none (the calling
 * thread reads the unit).
 */
export interface ParseWorkerMessage {
  readonly i: number;
  readonly json?: string;
  readonly lines?: DocumentLines;
}

/** The loop of a worker thread (see the file comment). */
export function runParseWorker(input: ParseWorkerInput): void {
  const { units, port, state, slot } = input;
  Atomics.store(state, slot, WORKER_RUNNING);
  try {
    for (let i = Atomics.add(state, STATE_NEXT, 1); i < units.length; i = Atomics.add(state, STATE_NEXT, 1)) {
      const lines = newDocumentLines();
      const json = unitJson(units[i], input.maxFileBytes, lines);
      const message: ParseWorkerMessage = json === undefined ? { i } : { i, json, lines };
      port.postMessage(message);
      signal(state);
    }
  } finally {
    Atomics.store(state, slot, WORKER_FINISHED);
    signal(state);
  }
}

/** Wakes the calling thread, which waits on `state[STATE_CHANGED]`. */
function signal(state: Int32Array): void {
  Atomics.add(state, STATE_CHANGED, 1);
  Atomics.notify(state, STATE_CHANGED);
}

const YAML_FILE = /\.ya?ml$/i;

/** A unit's documents as JSON text, or undefined to leave it to the calling thread (see the file comment). */
export function unitJson(unit: ParseUnit, maxFileBytes: number, lines?: DocumentLines): string | undefined {
  try {
    // statSync before readInputFile opens it: opening a FIFO would wait for (or cut off) its writer
    if (!YAML_FILE.test(unit.file) || !fs.statSync(unit.file).isFile()) return undefined;
    const text = readInputFile(unit.file, maxFileBytes);
    const docs: unknown[] = [];
    yaml.loadAll(text, (d) => docs.push(d), yamlOptions(text.length, lines));
    // a node reached twice needs an alias, and so a `*` in the text: only then are nodes tracked
    return jsonKeepsAsIs(docs, text.includes('*')) ? JSON.stringify(docs) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether JSON carries js-yaml's output as it is: it does strings, finite numbers, booleans, null, arrays, and own
 * `__proto__` keys; not a node reached twice (a YAML alias: JSON would copy it, and exponentially so for nested
 * aliases), which is looked for when `mayShare`, nor NaN, Infinity or -0. Iterative: no recursion however deep.
 */
export function jsonKeepsAsIs(docs: readonly unknown[], mayShare: boolean): boolean {
  const seen = mayShare ? new Set<unknown>() : undefined;
  const stack: unknown[] = [docs];
  /** Whether JSON keeps a scalar as it is; a node is pushed to be walked. */
  const visit = (value: unknown): boolean => {
    if (typeof value === 'object' && value !== null) stack.push(value);
    else if (typeof value === 'number') return Number.isFinite(value) && !Object.is(value, -0);
    return true;
  };
  while (stack.length > 0) {
    const node = stack.pop() as { [key: string]: unknown } | unknown[];
    if (seen !== undefined) {
      if (seen.has(node)) return false;
      seen.add(node);
    }
    if (Array.isArray(node)) {
      for (const value of node) if (!visit(value)) return false;
    } else {
      for (const key in node) if (!visit(node[key])) return false; // js-yaml's mappings: own keys only, `__proto__` too
    }
  }
  return true;
}

// The worker thread's entry: this file started as a worker (not imported, not the main thread).
if (require.main === module && !isMainThread) runParseWorker(workerData as ParseWorkerInput);
