/**
 * Benchmark 4, memory: peak resident set size (the child's own VmHWM; see child.js) of a child process that runs
 * `cdk8s-dns check -f <dir> --json` on the largest generated manifests, against a child that only reads the same
 * files with js-yaml and keeps them (the floor: Node itself plus the parsed objects). See child.js. Also reports
 * each child's CPU time (process start included): the cold, one-shot check a CI step runs.
 */
import { spawnSync } from 'child_process';
import * as path from 'path';
import { stats, Stats } from './stats';

const CHILD = path.join(__dirname, 'child.js');

interface ChildReport {
  readonly mode: string;
  readonly ms: number;
  readonly cpuMs: number;
  readonly maxRssKb: number;
  readonly code: number;
  readonly cli: string;
}

function child(mode: 'read' | 'check', dir: string): ChildReport {
  const r = spawnSync(process.execPath, [CHILD, mode, dir], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const line = (r.stdout ?? '').trim().split('\n').pop() ?? '';
  let report: ChildReport | undefined;
  try {
    report = JSON.parse(line);
  } catch {
    report = undefined;
  }
  if (r.status !== 0 || !report || report.code === 2) {
    throw new Error(`memory benchmark: child ${mode} on ${dir} failed (exit ${r.status}): ${(r.stderr ?? '').trim().split('\n')[0]}`);
  }
  return report;
}

/** What the memory benchmark measured (MB = 2^20 bytes). */
export interface MemoryResult {
  readonly objects: number;
  readonly cli: string;
  readonly checkMb: Stats;
  readonly floorMb: Stats;
  readonly ratio: Stats;
  /** Wall time of the child check, process start included (ms). */
  readonly coldCheckMs: Stats;
  readonly coldFloorMs: Stats;
  /** CPU time of the child check (ms, user + system). */
  readonly coldCheckCpuMs: Stats;
  readonly coldFloorCpuMs: Stats;
}

/** Runs benchmark 4 on manifests already written to `dir` (by the check benchmark, or here). */
export function runMemory(dir: string, objects: number, reps: number): MemoryResult {
  const c: ChildReport[] = [];
  const b: ChildReport[] = [];
  for (let i = 0; i < reps; i++) {
    b.push(child('read', dir));
    c.push(child('check', dir));
  }
  const mb = (r: ChildReport) => r.maxRssKb / 1024;
  return {
    objects,
    cli: c[0].cli,
    checkMb: stats(c.map(mb)),
    floorMb: stats(b.map(mb)),
    ratio: stats(c.map((x, i) => mb(x) / mb(b[i]))),
    coldCheckMs: stats(c.map((x) => x.ms)),
    coldFloorMs: stats(b.map((x) => x.ms)),
    coldCheckCpuMs: stats(c.map((x) => x.cpuMs)),
    coldFloorCpuMs: stats(b.map((x) => x.cpuMs)),
  };
}
