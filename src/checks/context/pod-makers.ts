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
import type { ClusterModel } from '../../model/cluster-model';
import { asRecord, nonEmptyString } from '../../model/manifest';
import type { NamespacedObject } from '../../model/pods';

/** A custom resource and where its spec carries each label pair (`key=value` -> first path). */
interface LabelCarrier {
  readonly object: NamespacedObject;
  readonly pairs: Map<string, string>;
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
    const pairs = new Map<string, string>();
    const budget = { nodes: 0 };
    walk(spec, 'spec', 0, pairs, budget);
    if (o.object.kind === 'Rollout') addPairs(asRecord(asRecord(spec.selector)?.matchLabels), 'spec.selector.matchLabels', pairs);
    if (pairs.size === 0) continue;
    const list = byNs.get(o.namespace);
    if (list) list.push({ object: o, pairs });
    else byNs.set(o.namespace, [{ object: o, pairs }]);
  }
  return { carriers: byNs, operated };
}

function walk(v: unknown, path: string, depth: number, pairs: Map<string, string>, budget: { nodes: number }): void {
  if (depth > MAX_DEPTH || ++budget.nodes > MAX_NODES) return;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) walk(v[i], `${path}[${i}]`, depth + 1, pairs, budget);
    return;
  }
  const r = asRecord(v);
  if (!r) return;
  for (const k of Object.keys(r)) {
    if (k === 'labels') addPairs(asRecord(r[k]), `${path}.labels`, pairs);
    else if (typeof r[k] === 'object' && r[k] !== null) walk(r[k], `${path}.${k}`, depth + 1, pairs, budget);
  }
}

function addPairs(labels: { [key: string]: any } | undefined, path: string, pairs: Map<string, string>): void {
  if (!labels) return;
  for (const k of Object.keys(labels)) {
    const val = labels[k];
    if (typeof val !== 'string' && typeof val !== 'number' && typeof val !== 'boolean') continue;
    const pair = `${k}=${String(val)}`;
    if (!pairs.has(pair)) pairs.set(pair, path);
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

/** The label carriers of one model, read once per check run (`ctx.podMakers`). */
export class PodMakers {
  private readonly carriers: Map<string, LabelCarrier[]>;
  private readonly operated: Map<string, OperatorResource[]>;

  public constructor(model: ClusterModel) {
    ({ carriers: this.carriers, operated: this.operated } = readCarriers(model));
  }

  /**
   * Whether a custom resource of the namespace carries, in a labels map of its spec, one of the label keys `keys` (with
   * any value): it may describe the pods of a selector of those keys. A key the selector does not use (a
   * PrometheusRule's `severity`, a Certificate's secret labels) says nothing about those pods.
   */
  public anyWithKeys(namespace: string, keys: readonly string[]): boolean {
    for (const c of this.carriers.get(namespace) ?? []) {
      for (const pair of c.pairs.keys()) {
        for (const k of keys) if (pair.length > k.length && pair.charCodeAt(k.length) === 61 /* = */ && pair.startsWith(k)) return true;
      }
    }
    return false;
  }

  /**
   * The custom resources of the namespace that carry every pair of the selector in their spec, in input order, then
   * those whose operator puts every pair on pods it makes.
   */
  public find(namespace: string, selector: { readonly [key: string]: string }): PodMaker[] {
    const out: PodMaker[] = [];
    const keys = Object.keys(selector);
    if (keys.length === 0) return out;
    for (const c of this.carriers.get(namespace) ?? []) {
      const paths = new Set<string>();
      let all = true;
      for (const k of keys) {
        const path = c.pairs.get(`${k}=${selector[k]}`);
        if (path === undefined) {
          all = false;
          break;
        }
        paths.add(path);
      }
      if (all) out.push({ object: c.object, paths: [...paths].sort() });
    }
    for (const r of this.operated.get(namespace) ?? []) {
      if (out.some((m) => m.object === r.object)) continue;
      const pods = r.pods.find((p) => operatorPodsSelected(p, selector));
      if (pods) out.push({ object: r.object, paths: [], madeBy: { operator: r.operator, pods: pods.pods } });
    }
    return out;
  }
}
