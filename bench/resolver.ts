/**
 * Benchmark 3, resolver: two kinds of in-process lookups, each against its own baseline in the same rounds, and cold
 * starts.
 * - cached lookups: `Resolver.resolve(name, type)` over a model of N Services (generated namespaces, see
 *   generate.ts), the same mixed questions asked again and again (ClusterIP A, headless A, per-pod A, SRV,
 *   ExternalName CNAME, selectorless A, PTR, NXDOMAIN, AAAA NODATA, TXT): after the first time, each is an answer
 *   taken from the resolver's response cache. Baseline: the same answers taken from Maps (type, then name) filled
 *   beforehand (a perfect answer cache, the least any lookup can cost).
 * - cold lookups: first answers, computed from the model: a new resolver per round (nothing cached), each question
 *   of every namespace asked once. Baseline: the same questions answered from a zone built beforehand (Maps of every
 *   answer's records by type and lower-case name, as an authoritative server with a precomputed zone holds them),
 *   building a new response with the records named as asked, per question.
 * - cold: `cdk8s-dns resolve <one name> -f <dir>` over 1,000 objects as a new process, process start included,
 *   against starting `node` that does nothing.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { namespaceObjects, writeManifests } from './generate';
import { cpu, now, pairedRuns, Paired, stats, Stats } from './stats';
import { Resolver } from '../src/dns/resolver';
import { DnsResponse, ResourceRecord } from '../src/dns/types';
import { ClusterModel } from '../src/model/cluster-model';
import { reverseName } from '../src/model/ip';

const ROOT = path.join(__dirname, '..');

/** Generated objects holding at least `services` Services (whole namespaces). */
export function objectsWithServices(services: number): { objects: object[]; namespaces: number } {
  const objects: object[] = [];
  let count = 0;
  let n = 0;
  while (count < services) {
    const ns = namespaceObjects(n++);
    count += ns.filter((o) => o.kind === 'Service').length;
    objects.push(...ns);
  }
  return { objects, namespaces: n };
}

/** The mixed questions, 10 per namespace of the first `namespaces`. */
export function questions(model: ClusterModel, namespaces: number): [string, string][] {
  const zone = model.options.clusterDomain;
  const out: [string, string][] = [];
  for (let n = 0; n < namespaces; n++) {
    const ns = `team-${n}`;
    const clusterIp = model.service(ns, `api-${n % 12}`)?.clusterIPs[0];
    out.push(
      [`api-${(n + 3) % 12}.${ns}.svc.${zone}.`, 'A'],
      [`cache-headless.${ns}.svc.${zone}.`, 'A'],
      [`cache-${n % 3}.cache-headless.${ns}.svc.${zone}.`, 'A'],
      [`_http._tcp.api-${(n + 5) % 12}.${ns}.svc.${zone}.`, 'SRV'],
      [`ext-${n % 10}.${ns}.svc.${zone}.`, 'CNAME'],
      [`vm-${n % 8}.${ns}.svc.${zone}.`, 'A'],
      [clusterIp ? `${reverseName(clusterIp)}.` : `missing-ptr.${ns}.svc.${zone}.`, 'PTR'],
      [`missing-${n}.${ns}.svc.${zone}.`, 'A'],
      [`api-${(n + 1) % 12}.${ns}.svc.${zone}.`, 'AAAA'],
      [n % 2 === 0 ? `dns-version.${zone}.` : `agent.${ns}.svc.${zone}.`, n % 2 === 0 ? 'TXT' : 'A'],
    );
  }
  return out;
}

/** What the in-process resolver benchmark measured. */
export interface LookupResult {
  readonly services: number;
  readonly objects: number;
  readonly distinctQuestions: number;
  readonly lookupsPerRep: number;
  /** Lookups per second, per repetition. */
  readonly perSecond: Stats;
  readonly floorPerSecond: Stats;
  /** Time ratio resolver / floor, per repetition. */
  readonly ratio: Stats;
  /** Cold lookups: first answers (new resolver, each question once) against a precomputed zone, CPU ms per round. */
  readonly cold: Paired & { readonly questions: number; readonly perSecond: Stats; readonly baselinePerSecond: Stats };
  readonly buildMs: number;
}

/** Runs the in-process half of benchmark 3. Throws if the questions get no answers at all (the benchmark broke). */
export function runLookups(services: number, lookups: number, reps: number): LookupResult {
  const { objects, namespaces } = objectsWithServices(services);
  const t0 = now();
  const model = ClusterModel.fromObjects(objects);
  const resolver = new Resolver(model);
  const buildMs = now() - t0;
  const qs = questions(model, Math.min(namespaces, 100));

  const floor = new Map<string, Map<string, DnsResponse>>();
  let answered = 0;
  let nxdomain = 0;
  for (const [name, type] of qs) {
    const r = resolver.resolve(name, type);
    if (!floor.has(type)) floor.set(type, new Map());
    floor.get(type)!.set(name, r);
    if (r.answers.length > 0) answered++;
    if (r.rcode === 'NXDOMAIN') nxdomain++;
  }
  if (answered < qs.length / 2 || nxdomain === 0) {
    throw new Error(`resolver benchmark: only ${answered} of ${qs.length} questions answered, ${nxdomain} NXDOMAIN: the generated model or the questions are broken`);
  }

  let sink = 0;
  const ours = () => {
    for (let i = 0; i < lookups; i++) {
      const q = qs[i % qs.length];
      sink += resolver.resolve(q[0], q[1]).answers.length;
    }
  };
  const base = () => {
    for (let i = 0; i < lookups; i++) {
      const q = qs[i % qs.length];
      sink += floor.get(q[1])!.get(q[0])!.answers.length;
    }
  };
  ours();
  base();
  const per: number[] = [];
  const floorPer: number[] = [];
  const ratio: number[] = [];
  for (let r = 0; r < reps; r++) {
    let a = cpu();
    ours();
    const to = cpu() - a;
    a = cpu();
    base();
    const tb = cpu() - a;
    per.push(lookups / (to / 1000));
    floorPer.push(lookups / (tb / 1000));
    ratio.push(to / tb);
  }
  const cold = coldLookups(model, questions(model, namespaces), reps);
  if (sink < 0) console.log(sink);
  return {
    services: model.services().length,
    objects: objects.length,
    distinctQuestions: qs.length,
    lookupsPerRep: lookups,
    perSecond: stats(per),
    floorPerSecond: stats(floorPer),
    ratio: stats(ratio),
    cold,
    buildMs,
  };
}

/**
 * First answers: a new resolver per round asks every question once, against the same questions answered from a zone
 * built beforehand (records by type and lower-case name; a new response with the records named as asked).
 */
function coldLookups(model: ClusterModel, qs: [string, string][], reps: number): LookupResult['cold'] {
  const zone = new Map<string, Map<string, DnsResponse>>();
  const first = new Resolver(model, { cacheSize: 0 });
  for (const [name, type] of qs) {
    if (!zone.has(type)) zone.set(type, new Map());
    zone.get(type)!.set(name.toLowerCase(), first.resolve(name, type));
  }
  let sink = 0;
  const rename = (rr: ResourceRecord, name: string, owner: string): ResourceRecord => (rr.name.toLowerCase() === owner ? { ...rr, name } : rr);
  const paired = pairedRuns(reps, 1, () => {
    const fresh = new Resolver(model);
    for (const [name, type] of qs) sink += fresh.resolve(name, type).answers.length;
  }, () => {
    for (const [name, type] of qs) {
      const owner = name.toLowerCase();
      const r = zone.get(type)!.get(owner)!;
      const response: DnsResponse = { ...r, answers: r.answers.map((rr) => rename(rr, name, owner)) };
      sink += response.answers.length;
    }
  });
  if (sink < 0) console.log(sink);
  const perSecond = (ms: Stats) => stats(ms.samples.map((t) => qs.length / (t / 1000)));
  return { ...paired, questions: qs.length, perSecond: perSecond(paired.candidate), baselinePerSecond: perSecond(paired.baseline) };
}

/** How the CLI is launched: the compiled one when lib/ has it, else src/ through ts-node (said in the report). */
export function cliCommand(): { argv: string[]; what: string; stale: boolean } {
  const compiled = path.join(ROOT, 'lib', 'cli', 'main.js');
  if (process.env.BENCH_CLI !== 'src' && fs.existsSync(compiled)) {
    return { argv: [path.join(ROOT, 'bin', 'cdk8s-dns')], what: 'bin/cdk8s-dns (compiled lib/)', stale: libIsStale(compiled) };
  }
  return {
    argv: ['-r', 'ts-node/register/transpile-only', path.join(ROOT, 'src', 'cli', 'main.ts')],
    what: 'node -r ts-node/register/transpile-only src/cli/main.ts (lib/ missing: includes TypeScript transpiling)',
    stale: false,
  };
}

/** True when a source file is newer than the compiled CLI (figures would be of older code). */
function libIsStale(compiled: string): boolean {
  const built = fs.statSync(compiled).mtimeMs;
  const walk = (dir: string): boolean => fs.readdirSync(dir, { withFileTypes: true }).some((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? walk(p) : e.name.endsWith('.ts') && fs.statSync(p).mtimeMs > built;
  });
  return walk(path.join(ROOT, 'src'));
}

/** What the cold resolve measured. */
export interface ColdResult {
  readonly objects: number;
  readonly cli: string;
  readonly stale: boolean;
  /** Wall time (ms). */
  readonly resolve: Stats;
  readonly nodeStart: Stats;
  readonly ratio: Stats;
  /** CPU time (ms), see timedSpawn. */
  readonly resolveCpu: Stats;
  readonly nodeStartCpu: Stats;
  readonly cpuRatio: Stats;
  readonly answer: string;
}

const GNU_TIME = '/usr/bin/time';

/**
 * Runs `node argv...`: wall time, and CPU time (user + system of the child, from GNU time when installed, else
 * the wall time). On a busy machine the wall clock includes waiting for a core; CPU time is the work done.
 */
function timedSpawn(argv: string[]): { ms: number; cpuMs: number; code: number | null; stdout: string; stderr: string } {
  const useTime = fs.existsSync(GNU_TIME);
  const t0 = now();
  const r = useTime
    ? spawnSync(GNU_TIME, ['-f', '@@cpu %U %S', process.execPath, ...argv], { cwd: ROOT, encoding: 'utf8' })
    : spawnSync(process.execPath, argv, { cwd: ROOT, encoding: 'utf8' });
  const ms = now() - t0;
  let stderr = r.stderr ?? '';
  let cpuMs = ms;
  const m = /@@cpu ([\d.]+) ([\d.]+)\s*$/.exec(stderr);
  if (m) {
    cpuMs = (Number(m[1]) + Number(m[2])) * 1000;
    stderr = stderr.slice(0, m.index);
  }
  return { ms, cpuMs, code: r.status, stdout: r.stdout, stderr };
}

/** Runs the cold half of benchmark 3. Throws when the CLI does not answer. */
export function runCold(root: string, objects: number, reps: number): ColdResult {
  const dir = path.join(root, `manifests-${objects}`);
  const gen = writeManifests(dir, objects);
  const cli = cliCommand();
  const name = 'api-3.team-1.svc.cluster.local';
  const args = [...cli.argv, 'resolve', name, '-f', dir];
  const probe = timedSpawn(args);
  if (probe.code !== 0) throw new Error(`resolver benchmark: cdk8s-dns resolve ${name} exited ${probe.code}: ${probe.stderr.trim().split('\n')[0]}`);
  const answer = probe.stdout.split('\n').find((l) => / IN A /.test(l)) ?? '';
  timedSpawn(['-e', '0']);
  const c: number[] = [];
  const b: number[] = [];
  const r: number[] = [];
  const cc: number[] = [];
  const bc: number[] = [];
  const rc: number[] = [];
  for (let i = 0; i < reps; i++) {
    const tc = timedSpawn(args);
    const tb = timedSpawn(['-e', '0']);
    c.push(tc.ms);
    b.push(tb.ms);
    r.push(tc.ms / tb.ms);
    cc.push(tc.cpuMs);
    bc.push(tb.cpuMs);
    rc.push(tc.cpuMs / tb.cpuMs);
  }
  return {
    objects: gen.objects,
    cli: cli.what,
    stale: cli.stale,
    answer,
    resolve: stats(c),
    nodeStart: stats(b),
    ratio: stats(r),
    resolveCpu: stats(cc),
    nodeStartCpu: stats(bc),
    cpuRatio: stats(rc),
  };
}
