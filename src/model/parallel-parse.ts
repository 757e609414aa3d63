/**
 * Parsing many YAML files on several threads (Node-only: worker_threads and fs; not part of the jsii surface).
 *
 * - `parseInParallel(files, workers, here, fromDocs)`: the calling thread and `workers` worker threads take the files
 *   one at a time from a shared counter. A worker reads a `.yaml`/`.yml` file with js-yaml (the same package and
 *   options as `parseManifestText`) and sends the documents back as JSON text; the calling thread runs
 *   `fromDocs(file, docs)` on them. The calling thread runs `here(file)` on the files it takes itself, and on every file
 *   a worker leaves to it: JSON files, unreadable or invalid files (so that errors are the ones `here` gives), and
 *   YAML that JSON cannot carry as it is (anchors and aliases, `.inf`/`.nan`). Results are in file order, so the output
 *   does not depend on which thread took which file.
 * - Synchronous: the calling thread waits with `Atomics.wait` and reads the workers' messages with
 *   `receiveMessageOnPort`, so it works inside synchronous code such as the CLI's `run`. A worker that makes no progress
 *   for `STALL_MS` (it failed to start, or died) is given up on: the calling thread parses its files.
 * - `here` and `fromDocs` must not throw: the caller turns errors into results, so that the first error in file order
 *   wins, as when the files are read one after another.
 *
 * Why: a worker starts in about 50 ms, and YAML parsing is most of a large check (see bench/README.md); with two
 * threads a 20 MB input reads in about 65% of the time.
 */
import { MessageChannel, MessagePort, receiveMessageOnPort, Worker } from 'worker_threads';

/** How long the calling thread waits for a worker that reports nothing before parsing the rest itself. */
const STALL_MS = 30_000;

/**
 * The worker's code (plain JavaScript, so that it runs the same from `lib/`, from `src/` through ts-node and under
 * jest). `state[0]` is the next file to take, `state[1]` the number of workers that have finished.
 * JSON carries js-yaml's output exactly (strings, finite numbers, booleans, null, arrays, own `__proto__` keys) except
 * non-finite numbers, -0 and shared (aliased) nodes: files that may hold them are left to the calling thread, as are
 * documents that do not stringify (cycles from recursive aliases).
 */
const WORKER = `'use strict';
const { workerData } = require('worker_threads');
const fs = require('fs');
const yaml = require(workerData.jsYaml);
const { files, port, state } = workerData;
const NOT_JSON = /(^|[\\s[{,])[&*]\\S|\\.(inf|nan)\\b|(^|[\\s:,[-])-0(\\.0*)?([\\s,\\]}]|$)/i;
try {
  for (;;) {
    const i = Atomics.add(state, 0, 1);
    if (i >= files.length) break;
    let json;
    try {
      if (/\\.ya?ml$/i.test(files[i])) {
        const text = fs.readFileSync(files[i], 'utf8');
        if (!NOT_JSON.test(text)) {
          const docs = [];
          yaml.loadAll(text, (d) => docs.push(d), { json: true, schema: yaml.CORE_SCHEMA });
          json = JSON.stringify(docs);
        }
      }
    } catch {
      json = undefined;
    }
    port.postMessage({ i, json });
  }
} finally {
  Atomics.add(state, 1, 1);
  Atomics.notify(state, 1);
}
`;

/** Parses `files` on this thread and `workers` worker threads; one result per file, in order. */
export function parseInParallel<T>(
  files: readonly string[],
  workers: number,
  here: (file: string) => T,
  fromDocs: (file: string, docs: unknown[]) => T,
): T[] {
  const out: (T | undefined)[] = new Array(files.length).fill(undefined);
  const state = new Int32Array(new SharedArrayBuffer(8));
  const threads: Worker[] = [];
  const ports: MessagePort[] = [];
  let received = 0;
  const drain = () => {
    for (const p of ports) {
      for (let m = receiveMessageOnPort(p); m; m = receiveMessageOnPort(p)) {
        const { i, json } = m.message as { i: number; json?: string };
        received++;
        if (json !== undefined && out[i] === undefined) out[i] = fromDocs(files[i], JSON.parse(json));
      }
    }
  };
  try {
    const jsYaml = require.resolve('js-yaml');
    for (let w = 0; w < workers; w++) {
      const { port1, port2 } = new MessageChannel();
      try {
        // execArgv []: not the parent's `-r ts-node/register` and the like, which would only slow the start
        threads.push(new Worker(WORKER, { eval: true, execArgv: [], workerData: { files, port: port2, state, jsYaml }, transferList: [port2] }));
        threads[threads.length - 1].unref();
        ports.push(port1);
      } catch {
        // no worker (thread limits): this thread reads more
        port1.close();
        port2.close();
      }
    }
    for (let i = Atomics.add(state, 0, 1); i < files.length; i = Atomics.add(state, 0, 1)) {
      out[i] = here(files[i]);
      drain();
    }
    let seen = received;
    let since = Date.now();
    for (let done = Atomics.load(state, 1); done < threads.length; done = Atomics.load(state, 1)) {
      Atomics.wait(state, 1, done, 20);
      drain();
      if (received !== seen) {
        seen = received;
        since = Date.now();
      } else if (Date.now() - since > STALL_MS) {
        break;
      }
    }
    drain();
  } finally {
    for (const t of threads) void t.terminate();
    for (const p of ports) p.close();
  }
  return out.map((r, i) => (r === undefined ? here(files[i]) : r));
}
