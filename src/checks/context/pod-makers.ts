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
 * `rook_cluster: <namespace>`), from the short table of context/operator-pod-labels.ts; a selector may mix those labels
 * with the ones the resource's spec gives those very pods (a CloudNativePG Cluster's `spec.inheritedMetadata.labels`,
 * one Elasticsearch node set's pod template labels), which that table reads per kind of pods: a labels map elsewhere in
 * the spec (a Service's template, another node set's) is not theirs.
 */
import { operatorKindOf, OperatorPods, operatorPodsSelected } from './operator-pod-labels';
import type { CheckBound, Unjudged } from './unjudged';
import type { ClusterModel } from '../../model/cluster-model';
import { apiGroup } from '../../model/indexes';
import { asRecord, nonEmptyString } from '../../model/manifest';
import type { NamespacedObject } from '../../model/pods';

/**
 * A custom resource that may make pods: where its spec carries each label pair, and the pods that its operator labels by
 * itself (operator-pod-labels.ts), if the table has its kind.
 */
interface LabelCarrier {
  readonly object: NamespacedObject;
  /** Its place in the input, for answers in input order. */
  readonly order: number;
  /** `key=value` -> the first path of the spec where a labels map carries it. */
  readonly pairs: Map<string, string>;
  /** The label keys of `pairs`. */
  readonly keys: Set<string>;
  /** `Rook`: the operator that labels the pods it makes from the resource by itself; undefined when none does. */
  readonly operator?: string;
  /** The pods that operator makes from the resource, one entry per kind (none without `operator`). */
  readonly pods: readonly OperatorPods[];
}

/** Nodes of a spec walked at most (a PrometheusRule or a Grafana dashboard can be large; pod labels sit near the top). */
const MAX_NODES = 5000;
/** Depth walked at most. */
const MAX_DEPTH = 12;

/** True for an API group of a custom resource (or an extension API): one with a dot that is not Kubernetes' own. */
function customGroup(apiVersion: unknown): boolean {
  const v = nonEmptyString(apiVersion);
  if (!v) return false;
  const group = apiGroup(v);
  return group.includes('.') && !group.endsWith('.k8s.io') && group !== 'k8s.io';
}

/**
 * The custom resources of each namespace that carry labels maps in their spec or whose operator labels its pods by
 * itself, in input order.
 */
function readCarriers(model: ClusterModel): Map<string, LabelCarrier[]> {
  const byNs = new Map<string, LabelCarrier[]>();
  const objects = model.objects;
  for (let i = 0; i < objects.length; i++) { // indexed: see src/model/scan.ts
    const o = objects[i];
    if (!customGroup(o.object?.apiVersion)) continue;
    const known = operatorKindOf(o.object);
    const name = known ? nonEmptyString(asRecord(o.object.metadata)?.name) : undefined;
    const pods = known && name ? known.pods(o.namespace, name, o.object) : [];
    const operator = pods.length > 0 ? known?.operator : undefined;
    const carrier: LabelCarrier = { object: o, order: i, pairs: new Map(), keys: new Set(), operator, pods };
    const spec = asRecord(o.object.spec);
    if (spec) {
      walk(spec, 'spec', 0, carrier, { nodes: 0 });
      if (o.object.kind === 'Rollout') addPairs(asRecord(asRecord(spec.selector)?.matchLabels), 'spec.selector.matchLabels', carrier);
    }
    if (carrier.pairs.size === 0 && pods.length === 0) continue;
    const list = byNs.get(o.namespace);
    if (list) list.push(carrier);
    else byNs.set(o.namespace, [carrier]);
  }
  return byNs;
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
 * with `madeBy`, whose operator puts them on the pods it makes, some maybe from the labels its spec gives those pods
 * (`paths` empty).
 */
export interface PodMaker {
  readonly object: NamespacedObject;
  readonly paths: readonly string[];
  /** The operator (`Rook`) and the pods (`mgr pods`) that carry the selector's pairs. */
  readonly madeBy?: { readonly operator: string; readonly pods: string };
}

/**
 * At most this many candidates are looked at in a run to answer `PodMakers.find` (a candidate: a custom resource of the
 * namespace that may carry the selector's pair of its rarest key, in its spec or on its operator's pods, each look
 * weighed by the selector's pairs and the kinds of pods). Each Service had looked at every resource of its namespace,
 * and each resource found at every one found before: 4,000 Services of one selector beside 4,000 RayClusters that
 * carry it took 52 s (the cube of the input), 10,000 Services beside 10,000 MongoDBCommunity resources did not end in
 * 120 s. Past the bound, a selector not answered before is not judged, and the objects that asked are reported
 * (`POD_MAKER_SCAN_BOUND`).
 */
export const MAX_POD_MAKER_SCAN = 1_000_000;

/** What `MAX_POD_MAKER_SCAN` leaves unjudged, for the run's report (context/unjudged.ts). */
export const POD_MAKER_SCAN_BOUND: CheckBound = {
  bound: `${MAX_POD_MAKER_SCAN.toLocaleString('en-US')} looks at custom resources for the operators that may make the pods of a selector (MAX_POD_MAKER_SCAN)`,
  unjudged: 'whether an operator\'s custom resource makes the pods its selector names was not judged, nor the selector',
  fix: 'check each namespace\'s manifests on their own (-f each folder)',
};

/** Resources in input order, without repeats, and what a look at each of them weighs in all (`weight`). */
interface Listed {
  readonly carriers: LabelCarrier[];
  weight: number;
}

/** No resource. */
const NONE: Listed = Object.freeze({ carriers: [], weight: 0 });

/** The custom resources of one namespace that may make pods, indexed by the label keys and pairs their pods may carry. */
interface NamespaceIndex {
  /** `key=value` -> the resources whose spec carries that pair, or whose operator's pods of one kind all carry it. */
  readonly byPair: Map<string, Listed>;
  /** `key` -> the resources whose operator's pods of one kind carry that key with a value of their own or one of a few. */
  readonly byLooseKey: Map<string, Listed>;
  /** The label keys that a resource's spec carries. */
  readonly carriedKeys: Set<string>;
}

/** The label carriers of one model, read once per check run (`ctx.podMakers`), indexed by the pairs they carry. */
export class PodMakers {
  /** By namespace (lists in input order). */
  private readonly namespaces = new Map<string, NamespaceIndex>();
  /** The answers given, by namespace and selector (`answerKey`). */
  private readonly answers = new Map<string, PodMaker[]>();
  /** Candidate looks that `find` may still make in this run (`MAX_POD_MAKER_SCAN`). */
  private scanLeft = MAX_POD_MAKER_SCAN;

  public constructor(model: ClusterModel, private readonly unjudged: Unjudged) {
    for (const [namespace, list] of readCarriers(model)) {
      const index: NamespaceIndex = { byPair: new Map(), byLooseKey: new Map(), carriedKeys: new Set() };
      for (const c of list) {
        for (const pair of c.pairs.keys()) append(index.byPair, pair, c);
        for (const k of c.keys) index.carriedKeys.add(k);
        for (const p of c.pods) {
          for (const [k, v] of Object.entries(p.pairs)) append(index.byPair, `${k}=${v}`, c);
          for (const [k, v] of Object.entries(p.given ?? {})) append(index.byPair, `${k}=${v}`, c);
          for (const k of [...p.anyValue, ...Object.keys(p.oneOf)]) append(index.byLooseKey, k, c);
        }
      }
      this.namespaces.set(namespace, index);
    }
  }

  /**
   * Whether a custom resource of the namespace carries, in a labels map of its spec, one of the label keys `keys` (with
   * any value): it may describe the pods of a selector of those keys. A key the selector does not use (a
   * PrometheusRule's `severity`, a Certificate's secret labels) says nothing about those pods.
   */
  public anyWithKeys(namespace: string, keys: readonly string[]): boolean {
    const carried = this.namespaces.get(namespace)?.carriedKeys;
    return carried !== undefined && keys.some((k) => carried.has(k));
  }

  /**
   * The custom resources of the namespace that carry every pair of the selector in their spec, in input order, then
   * those whose operator puts every pair on pods it makes (with the labels the resource's spec gives them); undefined
   * once the run's `MAX_POD_MAKER_SCAN` would be spent (not judged: `asker`, the object whose selector it is, is
   * recorded as left unjudged). The resources looked at are those that may carry the pair of the selector's rarest key:
   * it in their spec or as a fixed pair of their operator's pods, or the key as one of those pods' keys of varying value
   * (every match is among them). An answer is made once per namespace and selector.
   */
  public find(namespace: string, selector: { readonly [key: string]: string }, asker: string): PodMaker[] | undefined {
    const keys = Object.keys(selector);
    if (keys.length === 0) return [];
    const pairs = keys.map((k) => `${k}=${selector[k]}`);
    const answerKey = `${namespace}\u0000${pairs.slice().sort().join('\u0000')}`;
    const known = this.answers.get(answerKey);
    if (known !== undefined) return known;
    const [fixed, loose] = this.fewest(namespace, keys, pairs);
    // a look at a candidate weighs what it compares: the selector's pairs, per kind of its operator's pods (one in both
    // lists is counted twice); weighed before the lists are merged, so that a refusal costs nothing
    const cost = pairs.length * (fixed.weight + loose.weight);
    if (cost > this.scanLeft) {
      this.unjudged.record(POD_MAKER_SCAN_BOUND, asker);
      return undefined;
    }
    this.scanLeft -= cost;
    const among = mergeInOrder(fixed.carriers, loose.carriers);
    const carrying: PodMaker[] = [];
    const made: PodMaker[] = [];
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
      if (all) {
        carrying.push({ object: c.object, paths: [...paths].sort() });
        continue;
      }
      const pods = c.pods.find((p) => operatorPodsSelected(p, selector));
      if (pods) made.push({ object: c.object, paths: [], madeBy: { operator: c.operator!, pods: pods.pods } });
    }
    const out = [...carrying, ...made];
    this.answers.set(answerKey, out);
    return out;
  }

  /**
   * The resources of the namespace that may carry the selector's pair of the key whose look-up weighs least: those whose
   * spec or operator's pods carry that pair, and those whose operator's pods carry the key with a value that varies. A
   * resource whose pods carry every pair is among those of each key.
   */
  private fewest(namespace: string, keys: readonly string[], pairs: readonly string[]): [Listed, Listed] {
    let out: [Listed, Listed] = [NONE, NONE];
    const index = this.namespaces.get(namespace);
    if (index === undefined) return out;
    let weight = Infinity;
    for (let i = 0; i < keys.length && weight > 0; i++) {
      const fixed = index.byPair.get(pairs[i]) ?? NONE;
      const loose = index.byLooseKey.get(keys[i]) ?? NONE;
      if (fixed.weight + loose.weight < weight) {
        out = [fixed, loose];
        weight = fixed.weight + loose.weight;
      }
    }
    return out;
  }
}

/** Two lists in input order, merged in input order without repeats. */
function mergeInOrder(a: readonly LabelCarrier[], b: readonly LabelCarrier[]): LabelCarrier[] {
  const out: LabelCarrier[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const next = j >= b.length || (i < a.length && a[i].order <= b[j].order) ? a[i++] : b[j++];
    if (out[out.length - 1] !== next) out.push(next);
  }
  return out;
}

/**
 * Appends `c` to the list of `key`, unless it is that list's last already, and adds what a look at it weighs: one, or
 * one per kind of its operator's pods.
 */
function append(map: Map<string, Listed>, key: string, c: LabelCarrier): void {
  let listed = map.get(key);
  if (listed === undefined) map.set(key, listed = { carriers: [], weight: 0 });
  if (listed.carriers[listed.carriers.length - 1] === c) return;
  listed.carriers.push(c);
  listed.weight += Math.max(1, c.pods.length);
}
