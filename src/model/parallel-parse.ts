/**
 * Parsing YAML on several threads (Node-only: worker_threads and fs; not part of the jsii surface).
 *
 * - `parseInParallel(units, workers, here, fromDocs, options?)`: the calling thread and `workers` worker threads take
 *   the units (files) one at a time from a shared counter. A worker (parse-worker.ts) reads a `.yaml`/`.yml` file with
 *   the functions and options this thread reads it with, and sends the documents back as JSON text, with the line where
 *   each starts; the calling thread runs `fromDocs(unit, docs, lines)` on them. The calling
 *   thread runs `here(unit)` on the units it takes itself, and on every unit a worker leaves to it: JSON files,
 *   unreadable or invalid files (so that errors are the ones `here` gives), those with a key given twice in
 *   a mapping (which `here` finds and names), and documents that JSON cannot carry as they are (a node reached twice,
 *   that is a YAML alias, which JSON would copy, and exponentially so for nested aliases; non-finite numbers; -0).
 *   Results are in unit order, so the output does not depend on which thread took which unit.
 * - The workers run the compiled parse-worker.js beside this file (lib/); when this file runs as TypeScript (jest,
 *   ts-node) they run parse-worker.ts with parse-worker-hook.js preloaded, which transpiles it. Only development needs
 *   TypeScript.
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
 * Why: YAML parsing is a large share of a large check. Measured by whole processes (bench/README.md), two threads
 * took 16-26% off the wall clock of a check of 80 MB in 2,000 files at about the same CPU, and gained nothing at 20 MB.
 */
import * as path from 'path';
import { MessageChannel, MessagePort, receiveMessageOnPort, Worker } from 'worker_threads';
import {
  ParseUnit, ParseWorkerInput, ParseWorkerMessage, STATE_CHANGED, STATE_NEXT, STATE_SLOTS, WORKER_RUNNING, WORKER_STARTING,
} from './parse-worker';
import type { DocumentLines } from './yaml-read';

export type { ParseUnit } from './parse-worker';

/** `ParallelOptions.maxFileBytes` by default (load.ts passes its own limit). */
const DEFAULT_MAX_FILE_BYTES = 256 * 1024 * 1024;

/** How long the calling thread waits for a running worker that sends nothing before reading its units itself. */
const STALL_MS = 30_000;

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

/** Parses `units` on this thread and `workers` worker threads; one result per unit, in order. */
export function parseInParallel<T>(
  units: readonly ParseUnit[],
  workers: number,
  here: (unit: ParseUnit) => T,
  fromDocs: (unit: ParseUnit, docs: unknown[], lines?: DocumentLines) => T,
  options: ParallelOptions = {},
): T[] {
  const out: (T | undefined)[] = new Array(units.length).fill(undefined);
  // Unless this thread takes none, it takes the first unit: more workers than the other units would idle.
  workers = Math.max(0, Math.min(workers, units.length - (options.workersFirst ? 0 : 1)));
  const state = new Int32Array(new SharedArrayBuffer(4 * (STATE_SLOTS + workers)));
  const threads: Worker[] = [];
  const ports: MessagePort[] = [];
  let answered = 0;
  let fromWorkers = 0;
  const drain = () => {
    for (const p of ports) {
      for (let m = receiveMessageOnPort(p); m; m = receiveMessageOnPort(p)) {
        const { i, json, lines } = m.message as ParseWorkerMessage;
        if (out[i] !== undefined) continue;
        answered++;
        if (json === undefined) {
          out[i] = here(units[i]);
        } else {
          out[i] = fromDocs(units[i], JSON.parse(json), lines);
          fromWorkers++;
        }
      }
    }
  };
  /** Whether a worker may still send something: it is running, or (when this thread takes no file) starting. */
  const waitFor = (w: number) => {
    const s = Atomics.load(state, STATE_SLOTS + w);
    return s === WORKER_RUNNING || (s === WORKER_STARTING && options.workersFirst === true);
  };
  try {
    const { file, execArgv } = workerStart();
    for (let w = 0; w < workers; w++) {
      const { port1, port2 } = new MessageChannel();
      const maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
      const workerData: ParseWorkerInput = { units, port: port2, state, slot: STATE_SLOTS + w, maxFileBytes };
      const thread = new Worker(file, { execArgv, workerData, transferList: [port2] });
      // A failing worker only leaves its units to this thread; its error event comes after we are done with it.
      thread.on('error', () => undefined);
      thread.unref();
      threads.push(thread);
      ports.push(port1);
    }
    if (!options.workersFirst) {
      for (let i = Atomics.add(state, STATE_NEXT, 1); i < units.length; i = Atomics.add(state, STATE_NEXT, 1)) {
        out[i] = here(units[i]);
        answered++;
        drain();
      }
    }
    let seen = Atomics.load(state, STATE_CHANGED);
    let since = Date.now();
    while (answered < units.length && threads.some((_, w) => waitFor(w)) && Date.now() - since <= STALL_MS) {
      Atomics.wait(state, STATE_CHANGED, seen, 50);
      const now = Atomics.load(state, STATE_CHANGED);
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

/**
 * How a parse worker starts, for this module's file `self`: the compiled parse-worker.js beside it (lib/: the package
 * and the CLI, which never need TypeScript); or, when it runs as TypeScript (jest, ts-node), parse-worker.ts with
 * parse-worker-hook.js preloaded to transpile it. `execArgv` is never the parent's own flags, such as
 * `-r ts-node/register`, which would load the compiler into every worker (NODE_OPTIONS still applies).
 */
export function workerStart(self = __filename): { readonly file: string; readonly execArgv: string[] } {
  const dir = path.dirname(self);
  if (path.extname(self) !== '.ts') return { file: path.join(dir, 'parse-worker.js'), execArgv: [] };
  return { file: path.join(dir, 'parse-worker.ts'), execArgv: ['--require', path.join(dir, 'parse-worker-hook.js')] };
}
