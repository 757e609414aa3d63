/**
 * Parsing many YAML files on several threads (Node-only: worker_threads and fs; not part of the jsii surface).
 *
 * - `parseInParallel(files, workers, here, fromDocs, options?)`: the calling thread and `workers` worker threads take
 *   the files one at a time from a shared counter. A worker reads a `.yaml`/`.yml` file with js-yaml (the same package
 *   and options as `parseManifestText`) and sends the documents back as JSON text; the calling thread runs
 *   `fromDocs(file, docs)` on them. The calling thread runs `here(file)` on the files it takes itself, and on every file
 *   a worker leaves to it: JSON files, unreadable or invalid files (so that errors are the ones `here` gives), and
 *   documents that JSON cannot carry as they are (a node reached twice, that is a YAML alias, which JSON would copy,
 *   and exponentially so for nested aliases; non-finite numbers; -0). Results are in file order, so the output does
 *   not depend on which thread took which file.
 * - Synchronous: the calling thread waits with `Atomics.wait` and reads the workers' messages with
 *   `receiveMessageOnPort`, so it works inside synchronous code such as the CLI's `run`. It waits only for files a
 *   running worker may hold: a worker that has not started when the counter runs out takes nothing (its start is not
 *   waited for), and one that fails or ends leaves its files to the calling thread. A worker that sends nothing for
 *   `STALL_MS` (killed mid-file, e.g. out of memory) is given up on the same way.
 * - `here` and `fromDocs` must not throw: the caller turns errors into results, so that the first error in file order
 *   wins, as when the files are read one after another. Anything else that throws (no worker threads in this runtime)
 *   is the caller's cue to read on one thread.
 * - `options.workersFirst` (tests): the calling thread takes no file from the counter, and reads only what the workers
 *   leave to it; `options.counts.fromWorkers` is set to the number of files the workers parsed.
 *
 * Why: a worker starts in about 50 ms, and YAML parsing is most of a large check (see bench/README.md); with two
 * threads a 20 MB input in 500 files reads in about 65% of the time. A single file is parsed by one thread.
 */
import { MessageChannel, MessagePort, receiveMessageOnPort, Worker } from 'worker_threads';

/** How long the calling thread waits for a running worker that sends nothing before reading its files itself. */
const STALL_MS = 30_000;

/** Options of `parseInParallel`. */
export interface ParallelOptions {
  /** Tests: the calling thread takes no file itself and reads only what the workers leave to it. @default false */
  readonly workersFirst?: boolean;
  /** Set on return: how many files the workers parsed. */
  readonly counts?: { fromWorkers: number };
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
const { files, port, state, slot } = workerData;
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
Atomics.store(state, slot, ${RUNNING});
try {
  const fs = require('fs');
  const yaml = require(workerData.jsYaml);
  for (;;) {
    const i = Atomics.add(state, ${NEXT}, 1);
    if (i >= files.length) break;
    let json;
    try {
      if (/\\.ya?ml$/i.test(files[i])) {
        const text = fs.readFileSync(files[i], 'utf8');
        const docs = [];
        yaml.loadAll(text, (d) => docs.push(d), { json: true, schema: yaml.CORE_SCHEMA });
        if (plain(docs, text.includes('*'))) json = JSON.stringify(docs);
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

/** Parses `files` on this thread and `workers` worker threads; one result per file, in order. */
export function parseInParallel<T>(
  files: readonly string[],
  workers: number,
  here: (file: string) => T,
  fromDocs: (file: string, docs: unknown[]) => T,
  options: ParallelOptions = {},
): T[] {
  const out: (T | undefined)[] = new Array(files.length).fill(undefined);
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
          out[i] = here(files[i]);
        } else {
          out[i] = fromDocs(files[i], JSON.parse(json));
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
      const workerData = { files, port: port2, state, slot: SLOTS + w, jsYaml };
      const thread = new Worker(WORKER, { eval: true, execArgv: [], workerData, transferList: [port2] });
      // A failing worker only leaves its files to this thread; its error event comes after we are done with it.
      thread.on('error', () => undefined);
      thread.unref();
      threads.push(thread);
      ports.push(port1);
    }
    if (!options.workersFirst) {
      for (let i = Atomics.add(state, NEXT, 1); i < files.length; i = Atomics.add(state, NEXT, 1)) {
        out[i] = here(files[i]);
        answered++;
        drain();
      }
    }
    let seen = Atomics.load(state, CHANGED);
    let since = Date.now();
    while (answered < files.length && threads.some((_, w) => waitFor(w)) && Date.now() - since <= STALL_MS) {
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
  return out.map((r, i) => (r === undefined ? here(files[i]) : r));
}
