/**
 * Benchmark 1, synth overhead: an app built with our constructs against the same Kubernetes objects built directly
 * with the raw L1 classes of cdk8s-plus-28 (`k8s.KubeService`, `k8s.KubeEndpoints`, `k8s.KubeEndpointSlice`,
 * `k8s.KubeStatefulSet`), both synthesized to YAML in memory (`app.synthYaml()`, what `cdk8s synth` writes, without
 * the disk), in the same process and alternating, so that machine noise hits both alike.
 *
 * The raw app is built from the objects our app produced (captured once before timing): each object becomes one L1
 * of its kind with its fields as props (numbers-or-strings wrapped in `IntOrString`, quantities in `Quantity`).
 * That is the fastest a hand-written app could be: its props cost nothing to compute. The benchmark asserts the two
 * apps produce the same number of objects of each kind (else it throws) and reports how many are byte-identical.
 */
import { App, Chart } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import {
  ExternalDependency, HeadlessStatefulSet, MigratingDatabase, MigrationPhase, Protocol, SelectorlessIpService,
} from '../src';
import { pairedRuns, Stats } from './stats';

/** How many of each construct (the full size: 5,000 / 1,000 x 20 addresses / 200 / 100). */
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
  clusterIP: 'clusterIp', hostIP: 'hostIp', hostIPC: 'hostIpc', hostPID: 'hostPid', loadBalancerIP: 'loadBalancerIp',
  setHostnameAsFQDN: 'setHostnameAsFqdn', podCIDR: 'podCidr', podCIDRs: 'podCidRs',
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

/** The same objects with the raw L1 classes. */
export function buildRaw(charts: readonly { namespace: string; objects: readonly RawObject[] }[]): App {
  const app = new App({ outdir: '.bench/cdk8s.out' });
  for (const c of charts) {
    const chart = new Chart(app, c.namespace, { namespace: c.namespace });
    for (const o of c.objects) new L1[o.kind](chart, o.id, o.props);
  }
  return app;
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
  readonly identical: number;
  readonly ours: Stats;
  readonly raw: Stats;
  readonly ratio: Stats;
  readonly yamlBytes: number;
}

/** Runs benchmark 1. Throws when the two apps do not produce the same objects count per kind. */
export function runSynth(size: SynthSize, reps: number, warmup: number): SynthResult {
  const reference = buildOurs(size);
  const ourObjects = objectsOf(reference);
  const captured = captureRaw(reference);
  const rawObjects = objectsOf(buildRaw(captured));

  const ourKinds = countByKind(ourObjects);
  const rawKinds = countByKind(rawObjects);
  if (ourObjects.length !== rawObjects.length || JSON.stringify(ourKinds) !== JSON.stringify(rawKinds)) {
    throw new Error(`synth benchmark: object counts differ: ours ${JSON.stringify(ourKinds)}, raw ${JSON.stringify(rawKinds)}`);
  }
  let identical = 0;
  for (let i = 0; i < ourObjects.length; i++) if (JSON.stringify(ourObjects[i]) === JSON.stringify(rawObjects[i])) identical++;

  let yamlBytes = 0;
  const runs = pairedRuns(reps, warmup,
    () => { yamlBytes = buildOurs(size).synthYaml().length; },
    () => { buildRaw(captured).synthYaml(); });
  return { objects: ourObjects.length, byKind: ourKinds, identical, ours: runs.candidate, raw: runs.baseline, ratio: runs.ratio, yamlBytes };
}
