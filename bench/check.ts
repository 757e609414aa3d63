/**
 * Benchmark 2, check throughput: `cdk8s-dns check -f <dir> --json` run in-process (the CLI's own `run`, output
 * captured) on generated manifests, against the floor: reading the same files with js-yaml `loadAll` and nothing
 * else. Both read from disk (the page cache is warm after the warm-up round); they alternate in the same process.
 *
 * Timed on the wall clock, the time a user waits: the check reads large inputs on several threads (`--jobs`), so its
 * CPU time is more than its wall time. The CPU figures are reported next to it, and, when the input is large enough
 * for worker threads, the same check with `--jobs 1` (one thread, as the floor).
 */
import * as fs from 'fs';
import * as path from 'path';
import * as yaml from 'js-yaml';
import { writeManifests } from './generate';
import { Paired, pairedRuns, stats, Stats, time } from './stats';
import { check } from '../src/checks/engine';
import { formatJson } from '../src/checks/reporters/json';
import { defaultJobs } from '../src/cli/args';
import { run } from '../src/cli/main';
import { ClusterModel } from '../src/model/cluster-model';
import { loadManifests, PARALLEL_MIN_BYTES } from '../src/model/load';
import type { ManifestDocument } from '../src/model/manifest';

/** Reads every manifest of `dir` with js-yaml and nothing else; returns the number of documents. */
export function readFloor(dir: string): number {
  let n = 0;
  for (const f of fs.readdirSync(dir).sort()) {
    yaml.loadAll(fs.readFileSync(path.join(dir, f), 'utf8'), () => { n++; }, { json: true });
  }
  return n;
}

/** Runs the check in-process (with `--jobs` when given); returns the exit code and the parsed JSON report. */
export function checkDir(dir: string, jobs?: number): { code: number; findings: number; stderr: string } {
  let out = '';
  let err = '';
  const code = run(['check', '-f', dir, '--json', ...(jobs === undefined ? [] : ['--jobs', String(jobs)])], { stdout: (t) => { out += t; }, stderr: (t) => { err += t; } });
  let findings = -1;
  try {
    findings = (JSON.parse(out).findings as unknown[]).length;
  } catch {
    // reported by the caller through `findings: -1`
  }
  return { code, findings, stderr: err };
}

/** What the check benchmark measured at one size. */
export interface CheckResult {
  readonly objects: number;
  readonly files: number;
  readonly bytes: number;
  readonly findings: number;
  /** Threads the check reads with (`--jobs` default, and whether the input is large enough for worker threads). */
  readonly jobs: number;
  readonly parallel: boolean;
  /** Wall clock. */
  readonly check: Stats;
  readonly floor: Stats;
  readonly ratio: Stats;
  /** The same rounds, CPU time (all threads). */
  readonly cpu: Paired;
  /** `--jobs 1` against the floor, wall clock and CPU, when the default uses worker threads. */
  readonly oneThread?: { readonly wall: Paired; readonly cpu: Paired };
  /** Objects per second including the read (median wall time). */
  readonly objectsPerSecond: number;
  /** Where the check's time goes (CPU ms): loadManifests (read + YAML), the cluster model, the rules, the report. */
  readonly phases: { readonly load: Stats; readonly model: Stats; readonly rules: Stats; readonly report: Stats };
}

/** The check's phases, timed separately (CPU ms). */
function phases(dir: string, reps: number): CheckResult['phases'] {
  const load: number[] = [];
  const model: number[] = [];
  const rules: number[] = [];
  const report: number[] = [];
  for (let i = 0; i < reps; i++) {
    let docs: ManifestDocument[] = [];
    let m: ClusterModel | undefined;
    let result: ReturnType<typeof check> | undefined;
    load.push(time(() => { docs = loadManifests([dir]); }));
    model.push(time(() => { m = ClusterModel.fromDocuments(docs); }));
    rules.push(time(() => { result = check(m!); }));
    report.push(time(() => { formatJson(result!); }));
  }
  return { load: stats(load), model: stats(model), rules: stats(rules), report: stats(report) };
}

/** Generates `count` objects under `root` and runs benchmark 2 on them. Throws when the benchmark itself breaks. */
export function runCheck(root: string, count: number, reps: number, warmup: number): CheckResult {
  const dir = path.join(root, `manifests-${count}`);
  const gen = writeManifests(dir, count);
  const read = readFloor(dir);
  if (read !== gen.objects) throw new Error(`check benchmark: wrote ${gen.objects} objects but read ${read}`);
  const probe = checkDir(dir);
  if (probe.code === 2 || probe.findings < 0) {
    throw new Error(`check benchmark: cdk8s-dns check failed on ${dir} (exit ${probe.code}): ${probe.stderr.trim()}`);
  }
  const runs = pairedRuns(reps, warmup, () => { checkDir(dir); }, () => { readFloor(dir); }, 'wall');
  const jobs = defaultJobs();
  const parallel = jobs > 1 && gen.bytes >= PARALLEL_MIN_BYTES;
  let oneThread: CheckResult['oneThread'];
  if (parallel) {
    const one = pairedRuns(reps, 1, () => { checkDir(dir, 1); }, () => { readFloor(dir); }, 'wall');
    oneThread = { wall: one, cpu: one.other };
  }
  return {
    objects: gen.objects,
    files: gen.files,
    bytes: gen.bytes,
    findings: probe.findings,
    jobs,
    parallel,
    check: runs.candidate,
    floor: runs.baseline,
    ratio: runs.ratio,
    cpu: runs.other,
    oneThread,
    objectsPerSecond: gen.objects / (runs.candidate.median / 1000),
    phases: phases(dir, reps),
  };
}

/** What the check benchmark measured on the same objects in one file. */
export interface OneFileResult {
  readonly objects: number;
  readonly bytes: number;
  readonly check: Stats;
  readonly floor: Stats;
  readonly ratio: Stats;
  readonly cpu: Paired;
}

/**
 * The check on the manifests of `runCheck(root, count)` joined into one file (`---` between them), as `helm template`,
 * `kustomize build` or cdk8s's FILE_PER_APP write them: one thread reads it, whatever `--jobs` (the read in parts on
 * worker threads went in issue 19: it did not pay, bench/README.md). Not a goal of issue 6 (its inputs are a file per
 * chart); reported beside the same objects in files.
 */
export function runCheckOneFile(root: string, count: number, reps: number, warmup: number): OneFileResult {
  const from = path.join(root, `manifests-${count}`);
  const dir = path.join(root, `manifests-${count}-one`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const text = fs.readdirSync(from).sort().map((f) => fs.readFileSync(path.join(from, f), 'utf8')).join('---\n');
  fs.writeFileSync(path.join(dir, 'app.k8s.yaml'), text);
  const objects = readFloor(dir);
  if (objects !== readFloor(from)) throw new Error(`check benchmark: ${dir} holds ${objects} objects, ${from} ${readFloor(from)}`);
  const probe = checkDir(dir);
  if (probe.code === 2 || probe.findings < 0) throw new Error(`check benchmark: cdk8s-dns check failed on ${dir} (exit ${probe.code}): ${probe.stderr.trim()}`);
  const bytes = Buffer.byteLength(text);
  const runs = pairedRuns(reps, warmup, () => { checkDir(dir); }, () => { readFloor(dir); }, 'wall');
  return { objects, bytes, check: runs.candidate, floor: runs.baseline, ratio: runs.ratio, cpu: runs.other };
}
