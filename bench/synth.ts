/**
 * Benchmark 1, synth overhead: an app built with our constructs against the same Kubernetes objects built directly
 * with the raw L1 classes of cdk8s-plus-28 (`k8s.KubeService`, `k8s.KubeEndpoints`, `k8s.KubeEndpointSlice`,
 * `k8s.KubeStatefulSet`), all synthesized to YAML in memory (`app.synthYaml()`, what `cdk8s synth` writes, without
 * the disk), in the same process and in turn, so that machine noise hits them alike.
 *
 * Two raw L1 apps, both built from the objects our app produced (captured once before timing):
 * - **hand-written** (the goal's baseline): a generated cdk8s program that writes every object out as an L1
 *   constructor call whose props are object literals, the way a hand-written app spells them. Its props cost only
 *   their allocation, which every real app pays on every run (as cheap as props can be written: a loop-based app
 *   building the same ExternalName Services was within a few milliseconds of it).
 * - **prebuilt props** (a lower bound, reported beside it): each object becomes one L1 whose props were built once,
 *   before timing, and are shared by every run. It skips allocating and keeping its props (about 6 MB), which no real
 *   app can, so it is faster than any real app.
 * Numbers-or-strings are wrapped in `IntOrString` and quantities in `Quantity`, as the L1 props want. The benchmark
 * asserts that every app produces the same number of objects of each kind (else it throws), and reports how many
 * are byte-identical.
 */
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { App, Chart } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import {
  ExternalDependency, HeadlessStatefulSet, MigratingDatabase, MigrationPhase, Protocol, SelectorlessIpService,
} from '../src';
import { rotatedRuns, Stats } from './stats';

/** How many of each construct (the issue's full size: 5,000 / 1,000 x 20 addresses / 200 / 100). */
export interface SynthSize {
  readonly externalDependencies: number;
  readonly selectorlessServices: number;
  readonly addressesPerService: number;
  readonly statefulSets: number;
  readonly migratingDatabases: number;
  /** Charts (namespaces) the constructs are spread over. */
  readonly charts: number;
}

export const SYNTH_FULL: SynthSize = {
  externalDependencies: 5000, selectorlessServices: 1000, addressesPerService: 20, statefulSets: 200, migratingDatabases: 100, charts: 100,
};
export const SYNTH_SMALL: SynthSize = {
  externalDependencies: 500, selectorlessServices: 100, addressesPerService: 20, statefulSets: 20, migratingDatabases: 10, charts: 10,
};

const PHASES = [MigrationPhase.EXTERNAL, MigrationPhase.SYNC, MigrationPhase.INTERNAL];

/** The app of our constructs. */
export function buildOurs(size: SynthSize): App {
  const app = new App({ outdir: '.bench/cdk8s.out' });
  const per = (total: number, c: number) => Math.floor(total / size.charts) + (c < total % size.charts ? 1 : 0);
  for (let c = 0; c < size.charts; c++) {
    const ns = `team-${c}`;
    const chart = new Chart(app, ns, { namespace: ns });
    for (let i = 0; i < per(size.externalDependencies, c); i++) {
      new ExternalDependency(chart, `ext-${i}`, {
        externalName: `svc-${i}.${ns}.example.com`,
        ports: [{ name: 'https', port: 443, protocol: Protocol.TCP }],
      });
    }
    for (let i = 0; i < per(size.selectorlessServices, c); i++) {
      const addresses: string[] = [];
      for (let a = 0; a < size.addressesPerService; a++) addresses.push(`198.51.${(c * 7 + i) % 256}.${a + 1}`);
      new SelectorlessIpService(chart, `vm-${i}`, { addresses, ports: [{ name: 'https', port: 443, targetPort: 8443 }] });
    }
    for (let i = 0; i < per(size.statefulSets, c); i++) {
      new HeadlessStatefulSet(chart, `cache-${i}`, { image: 'redis:7', replicas: 3, ports: [{ name: 'redis', port: 6379 }] });
    }
    for (let i = 0; i < per(size.migratingDatabases, c); i++) {
      new MigratingDatabase(chart, `db-${i}`, {
        externalName: `db-${i}.${ns}.rds.example.com`,
        port: 5432,
        phase: PHASES[(c + i) % PHASES.length],
        inCluster: { image: 'postgres:16', ports: [{ name: 'postgres', port: 5432 }], storage: { size: '10Gi' } },
      });
    }
  }
  return app;
}

type Json = { [key: string]: any };

/** One L1 object to build: its class and props, per chart. */
interface RawObject {
  readonly kind: string;
  readonly id: string;
  readonly props: Json;
}

const L1: { [kind: string]: new (scope: Chart, id: string, props: any) => unknown } = {
  Service: k8s.KubeService,
  Endpoints: k8s.KubeEndpoints,
  EndpointSlice: k8s.KubeEndpointSlice,
  StatefulSet: k8s.KubeStatefulSet,
};

/** Field names whose values are `IntOrString` in the L1 props. */
const INT_OR_STRING = new Set(['targetPort', 'maxUnavailable', 'maxSurge', 'partition']);
/** Maps whose values are `Quantity` in the L1 props. */
const QUANTITY_MAPS = new Set(['requests', 'limits']);

/** JSON field names the L1 props spell differently (cdk8s import camel-cases acronyms). */
const RENAMED: { [jsonKey: string]: string } = {
  clusterIP: 'clusterIp',
  hostIP: 'hostIp',
  hostIPC: 'hostIpc',
  hostPID: 'hostPid',
  loadBalancerIP: 'loadBalancerIp',
  setHostnameAsFQDN: 'setHostnameAsFqdn',
  podCIDR: 'podCidr',
  podCIDRs: 'podCidRs',
};
/** Maps with user-chosen keys: never renamed. */
const FREE_MAPS = new Set(['labels', 'annotations', 'selector', 'matchLabels', 'nodeSelector', 'data']);

/** JSON of a synthesized object -> L1 props (the JSON minus apiVersion/kind, special types wrapped). */
export function toProps(value: any, key = '', parent = ''): any {
  if (Array.isArray(value)) return value.map((v) => toProps(v, '', key));
  if (value === null || typeof value !== 'object') {
    if (INT_OR_STRING.has(key) || (key === 'port' && (parent === 'httpGet' || parent === 'tcpSocket'))) {
      return typeof value === 'number' ? k8s.IntOrString.fromNumber(value) : k8s.IntOrString.fromString(String(value));
    }
    if (QUANTITY_MAPS.has(parent) || key === 'sizeLimit') {
      return typeof value === 'number' ? k8s.Quantity.fromNumber(value) : k8s.Quantity.fromString(String(value));
    }
    return value;
  }
  const out: Json = {};
  for (const [k, v] of Object.entries(value)) {
    if (parent === '' && key === '' && (k === 'apiVersion' || k === 'kind')) continue;
    out[FREE_MAPS.has(key) ? k : RENAMED[k] ?? k] = toProps(v, k, key);
  }
  return out;
}

/** The objects of our app, per chart, as L1 props (captured once, outside the timed runs). */
export function captureRaw(app: App): { namespace: string; objects: RawObject[] }[] {
  return app.charts.map((chart) => ({
    namespace: chart.namespace!,
    objects: chart.toJson().map((o: Json) => {
      if (!L1[o.kind]) throw new Error(`synth benchmark: no L1 class mapped for kind ${o.kind}`);
      return { kind: o.kind, id: `${o.kind}-${o.metadata.name}`, props: toProps(o) };
    }),
  }));
}

/** The same objects with the raw L1 classes, from props built once (the prebuilt-props app: a lower bound). */
export function buildRaw(charts: readonly { namespace: string; objects: readonly RawObject[] }[]): App {
  const app = new App({ outdir: '.bench/cdk8s.out' });
  for (const c of charts) {
    const chart = new Chart(app, c.namespace, { namespace: c.namespace });
    for (const o of c.objects) new L1[o.kind](chart, o.id, o.props);
  }
  return app;
}

/** The L1 class of each kind, by its name in `k8s` (for the hand-written app's source). */
const L1_NAMES: { [kind: string]: string } = {
  Service: 'KubeService', Endpoints: 'KubeEndpoints', EndpointSlice: 'KubeEndpointSlice', StatefulSet: 'KubeStatefulSet',
};

/** JavaScript source of L1 props as a hand-written app spells them: object literals, factories for special types. */
function literal(value: unknown): string {
  if (value instanceof k8s.IntOrString || value instanceof k8s.Quantity) {
    const type = value instanceof k8s.IntOrString ? 'IntOrString' : 'Quantity';
    return typeof value.value === 'number' ? `k8s.${type}.fromNumber(${value.value})` : `k8s.${type}.fromString(${JSON.stringify(value.value)})`;
  }
  if (Array.isArray(value)) return `[${value.map(literal).join(', ')}]`;
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  return `{ ${Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}: ${literal(v)}`).join(', ')} }`;
}

/**
 * The hand-written raw app as a CommonJS module: `module.exports = (App, Chart, k8s) => app`, one function per chart,
 * one L1 constructor call per object with its props as literals.
 */
export function handwrittenSource(charts: readonly { namespace: string; objects: readonly RawObject[] }[]): string {
  const lines = [
    '\'use strict\';',
    '// Generated by bench/synth.ts (handwrittenSource): the synth benchmark\'s objects as a hand-written cdk8s app',
    '// with the raw L1 classes of cdk8s-plus-28. Not edited by hand; rewritten on every benchmark run.',
    'module.exports = function build(App, Chart, k8s) {',
    '  const app = new App({ outdir: \'.bench/cdk8s.out\' });',
    ...charts.map((_, i) => `  chart${i}(app, Chart, k8s);`),
    '  return app;',
    '};',
  ];
  charts.forEach((c, i) => {
    lines.push('', `function chart${i}(app, Chart, k8s) {`);
    lines.push(`  const chart = new Chart(app, ${JSON.stringify(c.namespace)}, { namespace: ${JSON.stringify(c.namespace)} });`);
    for (const o of c.objects) {
      const cls = L1_NAMES[o.kind];
      if (!cls) throw new Error(`synth benchmark: no L1 class mapped for kind ${o.kind}`);
      lines.push(`  new k8s.${cls}(chart, ${JSON.stringify(o.id)}, ${literal(o.props)});`);
    }
    lines.push('}');
  });
  return `${lines.join('\n')}\n`;
}

/**
 * Writes the hand-written app to `dir` (so that it can be read and profiled; earlier runs' files there are removed)
 * and loads it: a function that builds the app. The file name carries a hash of the source, so a stale module is
 * never reused.
 */
export function loadHandwritten(charts: readonly { namespace: string; objects: readonly RawObject[] }[], dir: string): () => App {
  const source = handwrittenSource(charts);
  const file = path.resolve(dir, `synth-handwritten-${crypto.createHash('sha256').update(source).digest('hex').slice(0, 12)}.js`);
  fs.mkdirSync(dir, { recursive: true });
  // earlier runs' apps (other sizes, older code) are stale: each run writes its own
  for (const f of fs.readdirSync(dir)) if (/^synth-handwritten-[0-9a-f]{12}\.js$/.test(f)) fs.rmSync(path.join(dir, f));
  fs.writeFileSync(file, source);
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a file written above, loaded at run time
  const build: (app: typeof App, chart: typeof Chart, l1: typeof k8s) => App = require(file);
  return () => build(App, Chart, k8s);
}

function objectsOf(app: App): Json[] {
  return app.charts.flatMap((c) => c.toJson());
}

function countByKind(objects: readonly Json[]): { [kind: string]: number } {
  const out: { [kind: string]: number } = {};
  for (const o of objects) out[o.kind] = (out[o.kind] ?? 0) + 1;
  return out;
}

/** What the synth benchmark measured. */
export interface SynthResult {
  readonly objects: number;
  readonly byKind: { [kind: string]: number };
  /** Objects byte-identical to ours, in each raw app. */
  readonly identical: { readonly handwritten: number; readonly prebuilt: number };
  readonly ours: Stats;
  /** The hand-written raw L1 app (the goal's baseline). */
  readonly handwritten: Stats;
  /** The raw L1 app with props built once before timing (a lower bound: faster than any real app). */
  readonly prebuilt: Stats;
  /** ours / hand-written, per round. */
  readonly ratio: Stats;
  /** ours / prebuilt, per round. */
  readonly ratioPrebuilt: Stats;
  readonly yamlBytes: number;
}

/** How many of `objects` are byte-identical to `reference` (same position); throws when the counts per kind differ. */
function compareObjects(name: string, reference: readonly Json[], objects: readonly Json[]): number {
  const ours = countByKind(reference);
  const theirs = countByKind(objects);
  if (reference.length !== objects.length || JSON.stringify(ours) !== JSON.stringify(theirs)) {
    throw new Error(`synth benchmark: object counts differ: ours ${JSON.stringify(ours)}, ${name} ${JSON.stringify(theirs)}`);
  }
  let identical = 0;
  for (let i = 0; i < reference.length; i++) if (JSON.stringify(reference[i]) === JSON.stringify(objects[i])) identical++;
  return identical;
}

/**
 * Runs benchmark 1; the hand-written app's source goes to `dir`. Throws when an app does not produce the same
 * objects count per kind as ours.
 */
export function runSynth(size: SynthSize, reps: number, warmup: number, dir: string): SynthResult {
  const reference = buildOurs(size);
  const ourObjects = objectsOf(reference);
  const captured = captureRaw(reference);
  const buildHandwritten = loadHandwritten(captured, dir);
  const identical = {
    handwritten: compareObjects('hand-written', ourObjects, objectsOf(buildHandwritten())),
    prebuilt: compareObjects('prebuilt', ourObjects, objectsOf(buildRaw(captured))),
  };

  let yamlBytes = 0;
  const runs = rotatedRuns(reps, warmup, {
    ours: () => { yamlBytes = buildOurs(size).synthYaml().length; },
    handwritten: () => { buildHandwritten().synthYaml(); },
    prebuilt: () => { buildRaw(captured).synthYaml(); },
  });
  return {
    objects: ourObjects.length,
    byKind: countByKind(ourObjects),
    identical,
    ours: runs.times.ours,
    handwritten: runs.times.handwritten,
    prebuilt: runs.times.prebuilt,
    ratio: runs.ratio('ours', 'handwritten'),
    ratioPrebuilt: runs.ratio('ours', 'prebuilt'),
    yamlBytes,
  };
}
