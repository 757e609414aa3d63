/**
 * Benchmark 2b, the parallel reader by whole processes: the compiled CLI, `node bin/cdk8s-dns check -f <input> --json`
 * (output to /dev/null), with `--jobs 1` against the default `--jobs`, and a process that only reads the same input
 * with js-yaml `loadAll` (bench/child.js `read`: the floor). Each input is the generated manifests as one file per
 * namespace (100 objects a file) and the same objects joined into one file with `---`, as `helm template` writes them.
 *
 * The three contenders run in the same rounds, in an order that rotates every round, after one
 * untimed read of the input (the page cache). Each process is timed on the
 * wall clock (start included) and on its CPU time, user + system of the child and all its threads (GNU time `%U %S`;
 * without GNU time, the wall time stands in and the output says so). The machine is shared: before each round the
 * benchmark waits (up to `waitMs`: 60 s in the full size, 5 s in the small one) for the 1-minute load average to fall below `LOAD_LIMIT`, and records the
 * load each round started at.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { writeManifests } from './generate';
import { now, stats, Stats } from './stats';
import { PARALLEL_MIN_BYTES } from '../src/model/load';

const ROOT = path.join(__dirname, '..');
const CLI = path.join(ROOT, 'bin', 'cdk8s-dns');
const CHILD = path.join(__dirname, 'child.js');
const GNU_TIME = '/usr/bin/time';

/** The 1-minute load average a round waits for (2 CPUs here: below 1.5 leaves a core free for the benchmark). */
export const LOAD_LIMIT = 1.5;

/** One process: wall and CPU time (ms). */
interface Timed {
  readonly ms: number;
  readonly cpuMs: number;
}

/** The CPUs this process may use: the default `--jobs` is more than 1 exactly when this is (src/cli/args.ts `defaultJobs`). */
function cpus(): number {
  return typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Waits up to `waitMs` for the 1-minute load average to fall below LOAD_LIMIT (then the round runs anyway, and the load
 * is printed with its figures); returns the load the round starts at.
 */
export function waitForQuiet(waitMs: number): number {
  const t0 = Date.now();
  while (os.loadavg()[0] >= LOAD_LIMIT && Date.now() - t0 < waitMs) sleep(2000);
  return os.loadavg()[0];
}

/** Runs `node argv...` with stdout to /dev/null; wall time and the child's CPU time. Throws when it fails. */
function timedNode(argv: string[], okCodes: readonly number[]): Timed {
  const useTime = fs.existsSync(GNU_TIME);
  const t0 = now();
  const r = useTime
    ? spawnSync(GNU_TIME, ['-f', '@@cpu %U %S', process.execPath, ...argv], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] })
    : spawnSync(process.execPath, argv, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = now() - t0;
  const stderr = r.stderr ?? '';
  const m = /@@cpu ([\d.]+) ([\d.]+)\s*$/.exec(stderr);
  // GNU time reports a child's non-zero exit as "Command exited with non-zero status N" before the format line.
  const code = r.status ?? -1;
  if (!okCodes.includes(code)) throw new Error(`jobs benchmark: node ${argv.join(' ')} exited ${code}: ${stderr.trim().split('\n')[0]}`);
  return { ms, cpuMs: m ? (Number(m[1]) + Number(m[2])) * 1000 : ms };
}

/** A contender's figures over the rounds. */
export interface Measured {
  readonly wall: Stats;
  readonly cpu: Stats;
}

/** What was measured on one input. */
export interface JobsInput {
  readonly name: string;
  readonly objects: number;
  readonly files: number;
  readonly bytes: number;
  /** `--jobs 1`, the default `--jobs`, the js-yaml read (the floor). */
  readonly one: Measured;
  readonly dflt: Measured;
  readonly floor: Measured;
  /** Per round: default / `--jobs 1`, on each clock (below 1 the default is faster). */
  readonly dfltOverOne: Measured;
  /** Per round: `--jobs 1` / floor, and default / floor. */
  readonly oneOverFloor: Measured;
  readonly dfltOverFloor: Measured;
  /** The 1-minute load average each round started at. */
  readonly loads: Stats;
  /** Whether the default `--jobs` uses worker threads on this input (more than one CPU, files, at least 64 MiB). */
  readonly parallel: boolean;
}

/** Everything the jobs benchmark measured. */
export interface JobsResult {
  readonly timer: string;
  readonly inputs: readonly JobsInput[];
}

/**
 * Writes `count` objects under `root` twice: a file per namespace (`manifests-<count>`), and the same files joined with
 * `---` into one (`manifests-<count>-one/app.k8s.yaml`). Returns both folders.
 */
export function writeInputs(root: string, count: number): { name: string; dir: string; files: number; objects: number; bytes: number }[] {
  const many = path.join(root, `manifests-${count}`);
  const gen = writeManifests(many, count);
  const one = path.join(root, `manifests-${count}-one`);
  fs.rmSync(one, { recursive: true, force: true });
  fs.mkdirSync(one, { recursive: true });
  const fd = fs.openSync(path.join(one, 'app.k8s.yaml'), 'w');
  fs.readdirSync(many).sort().forEach((f, i) => {
    if (i > 0) fs.writeSync(fd, '---\n');
    fs.writeSync(fd, fs.readFileSync(path.join(many, f)));
  });
  fs.closeSync(fd);
  return [
    { name: `${gen.objects} objects, ${gen.files} files`, dir: many, files: gen.files, objects: gen.objects, bytes: gen.bytes },
    { name: `${gen.objects} objects, one file`, dir: one, files: 1, objects: gen.objects, bytes: fs.statSync(path.join(one, 'app.k8s.yaml')).size },
  ];
}

/** Measures one input: `reps` rounds of the three contenders, rotating. */
function measure(input: ReturnType<typeof writeInputs>[number], reps: number, waitMs: number, log: (line: string) => void): JobsInput {
  const check = (jobs: string[]) => [CLI, 'check', '-f', input.dir, '--json', ...jobs];
  const contenders: { [name: string]: () => Timed } = {
    one: () => timedNode(check(['--jobs', '1']), [0, 1]),
    dflt: () => timedNode(check([]), [0, 1]),
    floor: () => timedNode([CHILD, 'read', input.dir], [0]),
  };
  const names = Object.keys(contenders);
  contenders.floor(); // warms the page cache
  const t: { [name: string]: Timed[] } = { one: [], dflt: [], floor: [] };
  const loads: number[] = [];
  for (let i = 0; i < reps; i++) {
    const load = waitForQuiet(waitMs);
    loads.push(load);
    for (let k = 0; k < names.length; k++) {
      const n = names[(i + k) % names.length];
      t[n].push(contenders[n]());
    }
    const f = (n: string) => `${n} ${t[n][i].ms.toFixed(0)}/${t[n][i].cpuMs.toFixed(0)}`;
    log(`     round ${i + 1}/${reps} (load ${load.toFixed(2)}): wall/CPU ms ${names.map(f).join(', ')}`);
  }
  const of = (n: string): Measured => ({ wall: stats(t[n].map((x) => x.ms)), cpu: stats(t[n].map((x) => x.cpuMs)) });
  const ratio = (a: string, b: string): Measured => ({
    wall: stats(t[a].map((x, i) => x.ms / t[b][i].ms)),
    cpu: stats(t[a].map((x, i) => x.cpuMs / t[b][i].cpuMs)),
  });
  return {
    name: input.name,
    objects: input.objects,
    files: input.files,
    bytes: input.bytes,
    one: of('one'),
    dflt: of('dflt'),
    floor: of('floor'),
    dfltOverOne: ratio('dflt', 'one'),
    oneOverFloor: ratio('one', 'floor'),
    dfltOverFloor: ratio('dflt', 'floor'),
    loads: stats(loads),
    parallel: cpus() > 1 && input.files > 1 && input.bytes >= PARALLEL_MIN_BYTES,
  };
}

/** Runs the jobs benchmark at each of `counts` objects. Throws when the compiled CLI is missing or a process fails. */
export function runJobs(
  root: string, counts: readonly number[], reps: (count: number) => number, waitMs: number, log: (line: string) => void,
): JobsResult {
  if (!fs.existsSync(path.join(ROOT, 'lib', 'cli', 'main.js'))) throw new Error('jobs benchmark: lib/ is missing: run `npx projen compile` first');
  const out: JobsInput[] = [];
  for (const count of counts) {
    for (const input of writeInputs(root, count)) {
      log(`   ${input.name} (${(input.bytes / 1e6).toFixed(1)} MB), ${reps(count)} rounds:`);
      out.push(measure(input, reps(count), waitMs, log));
    }
  }
  return { timer: fs.existsSync(GNU_TIME) ? 'GNU time %U + %S' : 'wall time (GNU time missing: CPU = wall)', inputs: out };
}
