/**
 * Custom resources that evidently make pods: operators' resources carry the labels of the pods they create somewhere
 * in their spec (`spec.podMetadata.labels`, `spec.template.metadata.labels`, `spec.kafka.template.pod.metadata.labels`,
 * `spec.nodeSets[].podTemplate.metadata.labels`, Argo Rollouts' `canaryMetadata.labels`, ...). When a Service selects
 * no known pod template but such a resource of its namespace carries every selector pair, the pods most likely come
 * from that resource's operator, which the checker cannot run: service-selector-no-match says so as a warning.
 *
 * Counted: every map under a key named `labels` in the spec of an object of a non-built-in API group (a group with a dot
 * that is not `*.k8s.io`), and a Rollout's `spec.selector.matchLabels` (its pods carry them). Selectors
 * (`matchLabels` of a ServiceMonitor, a NetworkPolicy) are not counted: they select other objects. Resources that
 * only route or configure (a Traefik IngressRoute, a Middleware) carry no labels maps and change nothing. Not a rule.
 *
 * Also counted: a resource whose operator labels the pods it makes by itself (Rook's CephCluster: `app: rook-ceph-mgr`,
 * `rook_cluster: <namespace>`), from the short table of context/operator-pod-labels.ts.
 */
import { operatorKindOf, OperatorPods, operatorPodsSelected } from './operator-pod-labels';
import type { CheckBound, Unjudged } from './unjudged';
import type { ClusterModel } from '../../model/cluster-model';
import { asRecord, nonEmptyString } from '../../model/manifest';
import type { NamespacedObject } from '../../model/pods';

/** A custom resource and where its spec carries each label pair (`key=value` -> first path). */
interface LabelCarrier {
  readonly object: NamespacedObject;
  readonly pairs: Map<string, string>;
  /** The label keys of `pairs`. */
  readonly keys: Set<string>;
}

/** Nodes of a spec walked at most (a PrometheusRule or a Grafana dashboard can be large; pod labels sit near the top). */
const MAX_NODES = 5000;
/** Depth walked at most. */
const MAX_DEPTH = 12;

/** True for an API group of a custom resource (or an extension API): one with a dot that is not Kubernetes' own. */
function customGroup(apiVersion: unknown): boolean {
  const v = nonEmptyString(apiVersion);
  if (!v) return false;
  const i = v.lastIndexOf('/');
  const group = i <= 0 ? '' : v.slice(0, i);
  return group.includes('.') && !group.endsWith('.k8s.io') && group !== 'k8s.io';
}

/** A resource of an operator that labels the pods it makes by itself, and those pods (operator-pod-labels.ts). */
interface OperatorResource {
  readonly object: NamespacedObject;
  readonly operator: string;
  readonly pods: readonly OperatorPods[];
}

/**
 * The custom resources of each namespace that carry labels maps in their spec, and those whose operator labels its pods
 * by itself, in input order.
 */
function readCarriers(model: ClusterModel): { carriers: Map<string, LabelCarrier[]>; operated: Map<string, OperatorResource[]> } {
  const byNs = new Map<string, LabelCarrier[]>();
  const operated = new Map<string, OperatorResource[]>();
  const objects = model.objects;
  for (let i = 0; i < objects.length; i++) { // indexed: see src/model/scan.ts
    const o = objects[i];
    if (!customGroup(o.object?.apiVersion)) continue;
    const known = operatorKindOf(o.object);
    const name = known ? nonEmptyString(asRecord(o.object.metadata)?.name) : undefined;
    if (known && name) {
      const list = operated.get(o.namespace);
      const r = { object: o, operator: known.operator, pods: known.pods(o.namespace, name, o.object) };
      if (list) list.push(r);
      else operated.set(o.namespace, [r]);
    }
    const spec = asRecord(o.object.spec);
    if (!spec) continue;
    const carrier: LabelCarrier = { object: o, pairs: new Map(), keys: new Set() };
    const budget = { nodes: 0 };
    walk(spec, 'spec', 0, carrier, budget);
    if (o.object.kind === 'Rollout') addPairs(asRecord(asRecord(spec.selector)?.matchLabels), 'spec.selector.matchLabels', carrier);
    if (carrier.pairs.size === 0) continue;
    const list = byNs.get(o.namespace);
    if (list) list.push(carrier);
    else byNs.set(o.namespace, [carrier]);
  }
  return { carriers: byNs, operated };
}

function walk(v: unknown, path: string, depth: number, carrier: LabelCarrier, budget: { nodes: number }): void {
  if (depth > MAX_DEPTH || ++budget.nodes > MAX_NODES) return;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) walk(v[i], `${path}[${i}]`, depth + 1, carrier, budget);
    return;
  }
  const r = asRecord(v);
  if (!r) return;
  for (const k of Object.keys(r)) {
    if (k === 'labels') addPairs(asRecord(r[k]), `${path}.labels`, carrier);
    else if (typeof r[k] === 'object' && r[k] !== null) walk(r[k], `${path}.${k}`, depth + 1, carrier, budget);
  }
}

function addPairs(labels: { [key: string]: any } | undefined, path: string, carrier: LabelCarrier): void {
  if (!labels) return;
  for (const k of Object.keys(labels)) {
    const val = labels[k];
    if (typeof val !== 'string' && typeof val !== 'number' && typeof val !== 'boolean') continue;
    const pair = `${k}=${String(val)}`;
    if (!carrier.pairs.has(pair)) carrier.pairs.set(pair, path);
    carrier.keys.add(k);
  }
}

/**
 * A custom resource whose spec carries every pair of the selector, and the paths where it does (sorted, distinct); or,
 * with `madeBy`, whose operator puts them on the pods it makes (`paths` empty).
 */
export interface PodMaker {
  readonly object: NamespacedObject;
  readonly paths: readonly string[];
  /** The operator (`Rook`) and the pods (`mgr pods`) that carry the selector's pairs. */
  readonly madeBy?: { readonly operator: string; readonly pods: string };
}

/**
 * At most this many candidates are looked at in a run to answer `PodMakers.find` (a candidate: a custom resource of the
 * namespace that carries one pair of the selector, or whose operator's pods carry one, each look weighed by the
 * selector's pairs). Each Service had looked at every resource of its namespace, and each resource found at every one
 * found before: 4,000 Services of one selector beside 4,000 RayClusters that carry it took 52 s (the cube of the
 * input), 10,000 Services beside 10,000 MongoDBCommunity resources did not end in 120 s. Past the bound, a selector not
 * answered before is not judged, and the objects that asked are reported (`POD_MAKER_SCAN_BOUND`).
 */
export const MAX_POD_MAKER_SCAN = 1_000_000;

/** What `MAX_POD_MAKER_SCAN` leaves unjudged, for the run's report (context/unjudged.ts). */
export const POD_MAKER_SCAN_BOUND: CheckBound = {
  bound: `${MAX_POD_MAKER_SCAN.toLocaleString('en-US')} looks at custom resources for the operators that may make the pods of a selector (MAX_POD_MAKER_SCAN)`,
  unjudged: 'whether an operator\'s custom resource makes the pods its selector names was not judged, nor the selector',
  fix: 'check each namespace\'s manifests on their own (-f each folder)',
};

/** The label carriers of one model, read once per check run (`ctx.podMakers`), indexed by the pairs they carry. */
export class PodMakers {
  /** Per namespace, `key=value` -> the carriers of that pair, in input order. */
  private readonly carriers = new Map<string, Map<string, LabelCarrier[]>>();
  /** Per namespace, the label keys that a carrier carries. */
  private readonly carriedKeys = new Map<string, Set<string>>();
  /** Per namespace, `key=value` -> the resources whose operator's pods all carry that pair, in input order. */
  private readonly operated = new Map<string, Map<string, OperatorResource[]>>();
  /** The input order of each resource. */
  private readonly order = new Map<OperatorResource, number>();
  /** The answers given, by namespace and selector (`answerKey`). */
  private readonly answers = new Map<string, PodMaker[]>();
  /** Candidate looks that `find` may still make in this run (`MAX_POD_MAKER_SCAN`). */
  private scanLeft = MAX_POD_MAKER_SCAN;

  public constructor(model: ClusterModel, private readonly unjudged: Unjudged) {
    const { carriers, operated } = readCarriers(model);
    for (const [namespace, list] of carriers) {
      const byPair = new Map<string, LabelCarrier[]>();
      const keys = new Set<string>();
      for (const c of list) {
        for (const pair of c.pairs.keys()) {
          append(byPair, pair, c);
        }
        for (const k of c.keys) keys.add(k);
      }
      this.carriers.set(namespace, byPair);
      this.carriedKeys.set(namespace, keys);
    }
    for (const [namespace, list] of operated) {
      const byPair = new Map<string, OperatorResource[]>();
      for (const r of list) {
        this.order.set(r, this.order.size);
        for (const p of r.pods) for (const [k, v] of Object.entries(p.pairs)) append(byPair, `${k}=${v}`, r);
      }
      this.operated.set(namespace, byPair);
    }
  }

  /**
   * Whether a custom resource of the namespace carries, in a labels map of its spec, one of the label keys `keys` (with
   * any value): it may describe the pods of a selector of those keys. A key the selector does not use (a
   * PrometheusRule's `severity`, a Certificate's secret labels) says nothing about those pods.
   */
  public anyWithKeys(namespace: string, keys: readonly string[]): boolean {
    const carried = this.carriedKeys.get(namespace);
    return carried !== undefined && keys.some((k) => carried.has(k));
  }

  /**
   * The custom resources of the namespace that carry every pair of the selector in their spec, in input order, then
   * those whose operator puts every pair on pods it makes; undefined once the run's `MAX_POD_MAKER_SCAN` is spent (not
   * judged: `asker`, the object whose selector it is, is recorded as left unjudged). The carriers looked at are those
   * of the selector's rarest pair, the operators' resources those whose pods carry one of its pairs (look-ups); an
   * answer is made once per namespace and selector.
   */
  public find(namespace: string, selector: { readonly [key: string]: string }, asker: string): PodMaker[] | undefined {
    const keys = Object.keys(selector);
    if (keys.length === 0) return [];
    const pairs = keys.map((k) => `${k}=${selector[k]}`);
    const answerKey = `${namespace}\u0000${pairs.slice().sort().join('\u0000')}`;
    const known = this.answers.get(answerKey);
    if (known !== undefined) return known;
    const byPair = this.carriers.get(namespace);
    let among: readonly LabelCarrier[] = [];
    for (const pair of pairs) {
      const list = byPair?.get(pair) ?? [];
      if (pair === pairs[0] || list.length < among.length) among = list;
    }
    const operatedByPair = this.operated.get(namespace);
    const lists = operatedByPair === undefined ? [] : pairs.map((pair) => operatedByPair.get(pair) ?? []);
    // a look at a candidate weighs what it compares: the selector's pairs (for an operator's resource, per kind of its pods)
    const cost = among.length * pairs.length + lists.reduce((n, list) => n + list.reduce((m, r) => m + r.pods.length * pairs.length, 0), 0);
    if (cost > 0 && (this.scanLeft -= cost) < 0) {
      this.unjudged.record(POD_MAKER_SCAN_BOUND, asker);
      return undefined;
    }
    const out: PodMaker[] = [];
    for (const c of among) {
      const paths = new Set<string>();
      let all = true;
      for (const pair of pairs) {
        const path = c.pairs.get(pair);
        if (path === undefined) {
          all = false;
          break;
        }
        paths.add(path);
      }
      if (all) out.push({ object: c.object, paths: [...paths].sort() });
    }
    const carrying = new Set(out.map((m) => m.object));
    const candidates = [...new Set(lists.flat())].sort((a, b) => this.order.get(a)! - this.order.get(b)!);
    for (const r of candidates) {
      if (carrying.has(r.object)) continue;
      const pods = r.pods.find((p) => operatorPodsSelected(p, selector));
      if (pods) out.push({ object: r.object, paths: [], madeBy: { operator: r.operator, pods: pods.pods } });
    }
    this.answers.set(answerKey, out);
    return out;
  }
}

/** Appends `value` to the list of `key`, unless it is that list's last already. */
function append<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else if (list[list.length - 1] !== value) list.push(value);
}
