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
 * Runs `warmup` untimed rounds, then `reps` rounds in which the candidate and the baseline alternate (so that
 * machine noise hits both alike). Each round is timed on both clocks; the result is on `clock` (CPU by default, see
 * `cpu`), and `other` is the same rounds on the other clock (the wall clock by default).
 */
export function pairedRuns(reps: number, warmup: number, candidate: () => void, baseline: () => void, clock: 'cpu' | 'wall' = 'cpu'): Paired & {
  readonly other: Paired;
} {
  for (let i = 0; i < warmup; i++) {
    baseline();
    candidate();
  }
  const samples = { cpu: { c: [] as number[], b: [] as number[], r: [] as number[] }, wall: { c: [] as number[], b: [] as number[], r: [] as number[] } };
  const timed = (fn: () => void) => {
    const c0 = cpu();
    const w0 = now();
    fn();
    return { wall: now() - w0, cpu: cpu() - c0 };
  };
  for (let i = 0; i < reps; i++) {
    // alternate the order too, so neither side always runs right after a GC-heavy round of the other
    let tc: { wall: number; cpu: number };
    let tb: { wall: number; cpu: number };
    if (i % 2 === 0) {
      tb = timed(baseline);
      tc = timed(candidate);
    } else {
      tc = timed(candidate);
      tb = timed(baseline);
    }
    for (const k of ['cpu', 'wall'] as const) {
      samples[k].c.push(tc[k]);
      samples[k].b.push(tb[k]);
      samples[k].r.push(tc[k] / tb[k]);
    }
  }
  const paired = (k: 'cpu' | 'wall'): Paired => ({ candidate: stats(samples[k].c), baseline: stats(samples[k].b), ratio: stats(samples[k].r) });
  return { ...paired(clock), other: paired(clock === 'cpu' ? 'wall' : 'cpu') };
}

/** Several contenders timed in the same rounds: each one's CPU-time stats, and per-round ratios between them. */
export interface Rotated {
  readonly times: { readonly [name: string]: Stats };
  /** Stats of `a / b` over the rounds (both timed in the same round). */
  ratio(a: string, b: string): Stats;
}

/**
 * Like `pairedRuns` for more than two contenders, on CPU time (see `cpu`): `warmup` untimed rounds, then `reps`
 * rounds in which every contender runs once, in an order that rotates from round to round (so that none always runs
 * right after a GC-heavy one, or always first).
 */
export function rotatedRuns(reps: number, warmup: number, contenders: { readonly [name: string]: () => void }): Rotated {
  const names = Object.keys(contenders);
  for (let i = 0; i < warmup; i++) for (const n of names) contenders[n]();
  const samples: { [name: string]: number[] } = {};
  for (const n of names) samples[n] = [];
  for (let i = 0; i < reps; i++) {
    for (let k = 0; k < names.length; k++) {
      const n = names[(i + k) % names.length];
      samples[n].push(time(contenders[n]));
    }
  }
  const times: { [name: string]: Stats } = {};
  for (const n of names) times[n] = stats(samples[n]);
  return {
    times,
    ratio: (a, b) => stats(samples[a].map((x, i) => x / samples[b][i])),
  };
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
