/**
 * Timing helpers: median of several repetitions after warm-up, and the table printer.
 */

/** Summary of repeated samples (milliseconds or any unit). */
export interface Stats {
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly samples: readonly number[];
}

/** Median, min and max of samples. */
export function stats(samples: readonly number[]): Stats {
  const s = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  const median = s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
  return { median, min: s[0], max: s[s.length - 1], samples };
}

/** Milliseconds since an origin, high resolution. */
export function now(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

/**
 * CPU time of this process so far (user + system, ms). In-process benchmarks are timed with it rather than the wall
 * clock: on a shared machine the wall clock also counts the time the process waits for a core, which other
 * processes decide; CPU time counts only the work done (garbage collection threads included).
 */
export function cpu(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** Times `fn` (CPU ms, see `cpu`). */
export function time(fn: () => void): number {
  const t0 = cpu();
  fn();
  return cpu() - t0;
}

/** A candidate against its baseline: both timings and the per-round ratio candidate/baseline. */
export interface Paired {
  readonly candidate: Stats;
  readonly baseline: Stats;
  readonly ratio: Stats;
}

/**
 * Two contenders in the same rounds (`rotatedRuns` of the baseline and the candidate, so they alternate and swap
 * order every round): the result on `clock` (CPU by default, see `cpu`), and `other`, the same rounds on the other
 * clock.
 */
export function pairedRuns(reps: number, warmup: number, candidate: () => void, baseline: () => void, clock: Clock = 'cpu'): Paired & {
  readonly other: Paired;
} {
  const runs = rotatedRuns(reps, warmup, { baseline, candidate }, clock);
  const paired = (r: RotatedTimes): Paired => ({ candidate: r.times.candidate, baseline: r.times.baseline, ratio: r.ratio('candidate', 'baseline') });
  return { ...paired(runs), other: paired(runs.other) };
}

/** CPU time of this process (see `cpu`) or the wall clock. */
export type Clock = 'cpu' | 'wall';

/** Several contenders' timings on one clock, and per-round ratios between them. */
export interface RotatedTimes {
  readonly times: { readonly [name: string]: Stats };
  /** Stats of `a / b` over the rounds (both timed in the same round). */
  ratio(a: string, b: string): Stats;
}

/** Several contenders timed in the same rounds, on `clock` and (`other`) on the other clock. */
export interface Rotated extends RotatedTimes {
  readonly other: RotatedTimes;
}

/**
 * `warmup` untimed rounds, then `reps` rounds in which every contender runs once, in an order that rotates from round
 * to round (so that none always runs right after a GC-heavy one, or always first; with two, they alternate and swap
 * order every round, so that machine noise hits both alike). Every run is timed on both clocks; the result is on
 * `clock` (CPU by default, see `cpu`), and `other` is the same rounds on the other clock.
 */
export function rotatedRuns(reps: number, warmup: number, contenders: { readonly [name: string]: () => void }, clock: Clock = 'cpu'): Rotated {
  const names = Object.keys(contenders);
  for (let i = 0; i < warmup; i++) for (const n of names) contenders[n]();
  const samples: { [c in Clock]: { [name: string]: number[] } } = { cpu: {}, wall: {} };
  for (const n of names) {
    samples.cpu[n] = [];
    samples.wall[n] = [];
  }
  for (let i = 0; i < reps; i++) {
    for (let k = 0; k < names.length; k++) {
      const n = names[(i + k) % names.length];
      const c0 = cpu();
      const w0 = now();
      contenders[n]();
      samples.wall[n].push(now() - w0);
      samples.cpu[n].push(cpu() - c0);
    }
  }
  const on = (c: Clock): RotatedTimes => {
    const times: { [name: string]: Stats } = {};
    for (const n of names) times[n] = stats(samples[c][n]);
    return { times, ratio: (a, b) => stats(samples[c][a].map((x, i) => x / samples[c][b][i])) };
  };
  return { ...on(clock), other: on(clock === 'cpu' ? 'wall' : 'cpu') };
}

/** `1.23 (1.10-1.40)`: median and spread. */
export function fmt(s: Stats, digits = 2, unit = ''): string {
  const f = (x: number) => x.toFixed(digits);
  return `${f(s.median)}${unit} (${f(s.min)}-${f(s.max)})`;
}

/** A row of the final table. */
export interface Row {
  readonly benchmark: string;
  readonly measure: string;
  readonly value: string;
  readonly baseline: string;
  readonly ratio: string;
  readonly goal: string;
  readonly met: boolean | undefined;
}

/** Prints rows as an aligned text table. */
export function printTable(rows: readonly Row[]): string {
  const header = ['benchmark', 'measure', 'value: median (min-max)', 'baseline', 'ratio: median (min-max)', 'goal', 'met'];
  const cells = rows.map((r) => [r.benchmark, r.measure, r.value, r.baseline, r.ratio, r.goal, r.met === undefined ? '-' : r.met ? 'yes' : 'NO']);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]) => `| ${c.map((x, i) => x.padEnd(widths[i])).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...cells.map(line)].join('\n');
}
