/**
 * The dependency graph of a cluster model: names and what they reach (pure: no fs, no cdk8s).
 *
 * `buildGraph(model, { findings })` returns plain, sorted data that `mermaid.ts` renders:
 * - a `service` node per Service (`<name>.<ns>.svc`, its type and ports; a MigratingDatabase's stable Service also
 *   shows its phase, read from the `service-discovery.cdk8s.io/*` annotations);
 * - `cname` edges from ExternalName Services to `external` host nodes, or to the in-cluster Service they alias;
 * - `cluster-ip` edges from Services with virtual IPs to the `workload` nodes whose pods back them;
 * - `headless` edges from headless Services to `pod` nodes named by their per-pod DNS names (StatefulSet pods), or to
 *   the workload when the pods have no names of their own;
 * - `endpoint` edges from selectorless Services to `address` nodes (the IPs of their EndpointSlices or Endpoints);
 * - `after-flip` / `rollback` dotted edges from a MigratingDatabase's stable Service to the target of the other phase;
 * - `uses` edges from workloads to the Services whose names their containers' env values and args use (resolved with
 *   the pod's search path, like the checker's workload-name-unresolved rule);
 * - an `entry` node per entry point (Ingress, HTTPRoute, GRPCRoute, TLSRoute, TCPRoute, UDPRoute) with a Service
 *   backend, and `backend` edges to the Services its backends name (model/entry-points.ts, as the checker reads them):
 *   `mirror` (dotted) for a route's requestMirror, `refused` (dotted) for a route's reference into another namespace
 *   that no ReferenceGrant of the input allows; a Service that is not in the input is an `external` node noted "no
 *   such Service in these manifests", as an ExternalName's missing in-cluster target is;
 * - checker findings (errors and warnings) attached to the node of their object, with the rule id (a finding on a
 *   workload of any kind the checker reads pod templates of, model/workload-kinds.ts, goes to its `workload` node);
 *   findings on objects that are not drawn otherwise get an `object` node; findings on no object are listed in
 *   `unplaced`; a finding that stands for kustomize copies of its object in other namespaces (`Finding.copies`) goes to
 *   each copy's node too.
 *
 * Determinism: node ids are derived from names only (`nodeId`), nodes and edges are sorted by id, labels are data
 * (escaping is the renderer's job).
 */
import { entryEdges } from './entry-edges';
import { CheckContext } from '../checks/context/check-context';
import { hostOf as hostInValue, inClusterShape } from '../checks/lib/workload-values';
import { resolveCheckOptions } from '../checks/options';
import type { Finding } from '../checks/rule';
import { parseQuery } from '../dns/parse';
import type { ClusterModel } from '../model/cluster-model';
import { cmp } from '../model/compare';
import { asRecord, nonEmptyString, stringMap } from '../model/manifest';
import type { PodRecord, ServiceRecord } from '../model/records';
import { stableHash } from '../model/services';
import { isListedWorkloadKind, workloadKind } from '../model/workload-kinds';

/** The annotations MigratingDatabase writes on its stable Service (src/migration-service.ts; a test keeps them equal). */
export const PHASE_ANNOTATION = 'service-discovery.cdk8s.io/phase';
export const EXTERNAL_TARGET_ANNOTATION = 'service-discovery.cdk8s.io/external-target';
export const INTERNAL_TARGET_ANNOTATION = 'service-discovery.cdk8s.io/internal-target';

export type GraphNodeKind = 'service' | 'external' | 'workload' | 'pod' | 'address' | 'entry' | 'object';
export type GraphEdgeKind = 'uses' | 'cname' | 'cluster-ip' | 'headless' | 'endpoint' | 'after-flip' | 'rollback'
| 'backend' | 'mirror' | 'refused';
export type ProblemLevel = 'error' | 'warning';

/** A checker finding shown on a node. */
export interface GraphProblem {
  readonly rule: string;
  readonly level: ProblemLevel;
  readonly message: string;
}

export interface GraphNode {
  /** Stable id: `<kind prefix>_<name as [a-z0-9_]>_<6 hex of the exact key>`. */
  readonly id: string;
  readonly kind: GraphNodeKind;
  /** The namespace it is drawn in; undefined = outside the cluster. */
  readonly namespace?: string;
  /** Label lines (plain text). */
  readonly lines: readonly string[];
  /** Findings on its object, sorted (errors first). */
  readonly problems: readonly GraphProblem[];
  /** The worst problem level, if any. */
  readonly level?: ProblemLevel;
}

export interface GraphEdge {
  readonly from: string;
  readonly to: string;
  readonly kind: GraphEdgeKind;
  readonly label: string;
}

export interface DependencyGraph {
  readonly clusterDomain: string;
  /** Sorted by id. */
  readonly nodes: readonly GraphNode[];
  /** Sorted by from, to, kind, label. */
  readonly edges: readonly GraphEdge[];
  /** Findings that belong to no drawable object (`resource` kept), sorted. */
  readonly unplaced: readonly (GraphProblem & { readonly resource: string })[];
}

export interface GraphOptions {
  /** Checker findings to highlight (`info` findings are ignored). @default - none */
  readonly findings?: readonly Finding[];
}

const PREFIX: Record<GraphNodeKind, string> = {
  service: 'svc', external: 'ext', workload: 'wl', pod: 'pod', address: 'ip', entry: 'entry', object: 'obj',
};

/** The stable node id of a node kind and key (`ns/name`, a host, an IP, `Kind/ns/name`). */
export function nodeId(kind: GraphNodeKind, key: string): string {
  const readable = key.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
  const hash = stableHash(key).toString(16).padStart(8, '0').slice(0, 6);
  return `${PREFIX[kind]}_${readable}_${hash}`;
}

interface MutableNode {
  id: string;
  kind: GraphNodeKind;
  namespace?: string;
  lines: string[];
  problems: GraphProblem[];
}

/** Builds the graph of a model. */
export function buildGraph(model: ClusterModel, options: GraphOptions = {}): DependencyGraph {
  const zone = model.options.clusterDomain;
  const nodes = new Map<string, MutableNode>();
  const edges = new Map<string, GraphEdge>();
  const node = (kind: GraphNodeKind, key: string, namespace: string | undefined, lines: () => string[]): string => {
    const id = nodeId(kind, key);
    if (!nodes.has(id)) nodes.set(id, { id, kind, namespace, lines: lines(), problems: [] });
    return id;
  };
  const edge = (from: string, to: string, kind: GraphEdgeKind, label: string) => {
    edges.set(`${from}\u0000${to}\u0000${kind}\u0000${label}`, { from, to, kind, label });
  };
  const podsByKey = new Map<string, PodRecord>();
  for (const p of model.pods()) podsByKey.set(`${p.namespace}/${p.name}`, p);

  const serviceNode = (s: ServiceRecord) => node('service', `${s.namespace}/${s.name}`, s.namespace, () => serviceLines(s));
  const workloadNode = (kind: string, namespace: string, name: string) =>
    node('workload', `${kind}/${namespace}/${name}`, namespace, () => [`${kind} ${name}`]);
  const podNode = (p: PodRecord, dnsName?: string) => node('pod', `${p.namespace}/${p.name}`, p.namespace, () => [
    dnsName ?? `pod ${p.name}`,
    ...(p.owner ? [`pod of ${p.origin} ${p.owner}`] : []),
  ]);
  const externalNode = (host: string, note?: string, namespace?: string) =>
    node('external', host, namespace, () => (note ? [host, note] : [host]));

  for (const s of model.services()) {
    const from = serviceNode(s);
    if (s.type === 'ExternalName') {
      if (s.externalName === undefined) continue;
      const target = s.externalName.toLowerCase().replace(/\.$/, '');
      const q = parseQuery(target, zone);
      const aliased = q.kind === 'service' && q.endpoint === undefined && q.port === undefined ? model.service(q.namespace, q.service) : undefined;
      if (aliased) edge(from, serviceNode(aliased), 'cname', 'CNAME');
      else if (q.kind === 'outside') edge(from, externalNode(target), 'cname', 'CNAME');
      else edge(from, externalNode(target, 'no such Service in these manifests', 'namespace' in q ? q.namespace : undefined), 'cname', 'CNAME');
    } else {
      addBackends(s, from);
    }
    addPhaseEdges(s, from);
  }

  function addBackends(s: ServiceRecord, from: string): void {
    const ports = portsText(s.ports.map((p) => p.port));
    for (const slice of model.endpointSlices(s.namespace, s.name)) {
      const slicePorts = portsText(slice.ports.map((p) => p.port));
      for (const e of slice.endpoints) {
        const notReady = e.ready ? '' : ' (not ready)';
        const pod = e.targetRefName ? podsByKey.get(`${s.namespace}/${e.targetRefName}`) : undefined;
        if (pod) {
          if (s.headless && e.hostname) {
            edge(from, podNode(pod, `${e.hostname}.${s.name}.${s.namespace}.svc`), 'headless', `A${notReady}`);
          } else if (pod.owner) {
            const label = s.headless ? `A (pod IPs)${notReady}` : `ClusterIP${ports}`;
            edge(from, workloadNode(pod.origin, pod.namespace, pod.owner), s.headless ? 'headless' : 'cluster-ip', label);
          } else {
            edge(from, podNode(pod), s.headless ? 'headless' : 'cluster-ip', s.headless ? `A${notReady}` : `ClusterIP${ports}`);
          }
          continue;
        }
        const to = node('address', e.ip, undefined, () => [e.ip]);
        const label = s.headless
          ? (e.hostname ? `A ${e.hostname}.${s.name}.${s.namespace}.svc` : 'A')
          : `endpoint${slicePorts}`;
        edge(from, to, 'endpoint', `${label}${notReady}`);
      }
    }
  }

  function addPhaseEdges(s: ServiceRecord, from: string): void {
    const annotations = stringMap(asRecord(s.object.metadata)?.annotations);
    if (annotations[PHASE_ANNOTATION] === undefined) return;
    const external = annotations[EXTERNAL_TARGET_ANNOTATION];
    const internal = annotations[INTERNAL_TARGET_ANNOTATION];
    if (s.type !== 'ExternalName' && external) {
      edge(from, externalNode(hostOf(external)), 'rollback', 'rollback target');
    }
    if (s.type === 'ExternalName' && internal) {
      const q = parseQuery(hostOf(internal), zone);
      if (q.kind !== 'service') return;
      const pod = q.endpoint ? podsByKey.get(`${q.namespace}/${q.endpoint}`) : undefined;
      const target = pod
        ? podNode(pod, `${q.endpoint}.${q.service}.${q.namespace}.svc`)
        : model.service(q.namespace, q.service) ? serviceNode(model.service(q.namespace, q.service)!) : undefined;
      if (target) edge(from, target, 'after-flip', 'after the flip to internal');
    }
  }

  addUses();

  const missing = (namespace: string, service: string) =>
    externalNode(`${service}.${namespace}.svc.${zone}`, 'no such Service in these manifests', namespace);
  for (const e of entryEdges(model)) {
    const s = model.service(e.namespace, e.service);
    edge(node('entry', e.resource, e.fromNamespace, () => e.lines), s ? serviceNode(s) : missing(e.namespace, e.service), e.kind, e.label);
  }

  function addUses(): void {
    // the checker's pod templates and DNS answers (a context of its own: a check run's context ends with the run)
    const ctx = new CheckContext(model, resolveCheckOptions(model));
    const uses = new Map<string, { from: string; to: string; names: Set<string> }>();
    for (const t of ctx.podTemplates) {
      for (const c of t.containers) {
        const values = [...c.env.map((e) => ({ where: e.name, value: e.value })), ...c.args.map((a) => ({
          where: `${c.name} args`, value: a.startsWith('-') && a.includes('=') ? a.slice(a.indexOf('=') + 1) : a,
        }))];
        for (const { where, value } of values) {
          const host = hostInValue(value);
          if (!host || !inClusterShape(model, host)) continue;
          const found = ctx.resolver.resolveFromPod(host, t.namespace);
          const q = found ? parseQuery(found, zone) : undefined;
          const target = q?.kind === 'service' ? model.service(q.namespace, q.service) : undefined;
          if (!target) continue;
          const pod = t.kind === 'Pod' ? podsByKey.get(`${t.namespace}/${t.name}`) : undefined;
          const from = pod ? podNode(pod) : workloadNode(t.kind, t.namespace, t.name);
          const to = serviceNode(target);
          const key = `${from}\u0000${to}`;
          if (!uses.has(key)) uses.set(key, { from, to, names: new Set() });
          uses.get(key)!.names.add(where);
        }
      }
    }
    for (const u of uses.values()) edge(u.from, u.to, 'uses', `uses ${[...u.names].sort(cmp).join(', ')}`);
  }

  let templated: Set<string> | undefined;
  /**
   * Whether `Kind/ns/name` names a workload, as the checker reads pod templates (model/workload-kinds.ts): a kind of
   * the list (Deployment, ..., Rollout, DeploymentConfig, Prometheus), or an object of the input with a pod-shaped
   * `spec.template` (an OpenKruise CloneSet).
   */
  function isWorkload(kind: string, resource: string): boolean {
    if (isListedWorkloadKind(kind)) return true;
    if (!templated) {
      templated = new Set();
      for (const o of model.objects) {
        const name = nonEmptyString(asRecord(o.object?.metadata)?.name);
        if (name && workloadKind(o.object) !== undefined) templated.add(`${nonEmptyString(o.object.kind)}/${o.namespace}/${name}`);
      }
    }
    return templated.has(resource);
  }

  let sliceServices: Map<string, string> | undefined;
  /** `ns/slice` -> its `kubernetes.io/service-name` label, indexed once. */
  function sliceService(): Map<string, string> {
    if (!sliceServices) {
      sliceServices = new Map();
      for (const o of model.objects) {
        if (o.object.kind !== 'EndpointSlice') continue;
        const name = nonEmptyString(asRecord(o.object.metadata)?.name);
        const svcName = stringMap(asRecord(o.object.metadata)?.labels)['kubernetes.io/service-name'];
        if (name && svcName && !sliceServices.has(`${o.namespace}/${name}`)) sliceServices.set(`${o.namespace}/${name}`, svcName);
      }
    }
    return sliceServices;
  }

  const unplaced: (GraphProblem & { resource: string })[] = [];
  for (const f of options.findings ?? []) {
    if (f.level !== 'error' && f.level !== 'warning') continue;
    const problem: GraphProblem = { rule: f.rule, level: f.level, message: f.message };
    for (const resource of [f.resource, ...f.copies ?? []]) { // a finding on kustomize copies: on each copy's node
      const id = findingNode(resource);
      if (id) nodes.get(id)!.problems.push(problem);
      else unplaced.push({ ...problem, resource });
    }
  }

  function findingNode(resource: string): string | undefined {
    const [kind, namespace, ...rest] = resource.split('/');
    const name = rest.join('/');
    if (!kind || !name || kind === 'Checker') return undefined;
    if (kind === 'Service') {
      const s = model.service(namespace, name);
      if (s) return serviceNode(s);
    }
    if (kind === 'Endpoints' || kind === 'EndpointSlice') {
      const svcName = kind === 'Endpoints' ? name : sliceService().get(`${namespace}/${name}`);
      const s = svcName ? model.service(namespace, svcName) : undefined;
      if (s) return serviceNode(s);
    }
    if (isWorkload(kind, resource)) return workloadNode(kind, namespace, name);
    if (nodes.has(nodeId('entry', resource))) return nodeId('entry', resource);
    if (kind === 'Pod') {
      const p = podsByKey.get(`${namespace}/${name}`);
      if (p) return podNode(p);
    }
    return node('object', resource, namespace || undefined, () => [`${kind} ${name}`]);
  }

  const order: Record<ProblemLevel, number> = { error: 0, warning: 1 };
  const finalNodes: GraphNode[] = [...nodes.values()].sort((a, b) => cmp(a.id, b.id)).map((n) => {
    const problems = dedupe(n.problems).sort((a, b) => order[a.level] - order[b.level] || cmp(a.rule, b.rule) || cmp(a.message, b.message));
    return { ...n, problems, level: problems[0]?.level };
  });
  const finalEdges = [...edges.values()].sort((a, b) => cmp(a.from, b.from) || cmp(a.to, b.to) || cmp(a.kind, b.kind) || cmp(a.label, b.label));
  return {
    clusterDomain: zone,
    nodes: finalNodes,
    edges: finalEdges,
    unplaced: unplaced.sort((a, b) => cmp(a.resource, b.resource) || cmp(a.rule, b.rule) || cmp(a.message, b.message)),
  };
}

function dedupe(problems: GraphProblem[]): GraphProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const k = `${p.rule}\u0000${p.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function serviceLines(s: ServiceRecord): string[] {
  const type = s.type === 'ExternalName' ? 'ExternalName' : s.headless ? 'headless' : s.selector ? s.type : `${s.type}, no selector`;
  const lines = [`${s.name}.${s.namespace}.svc`, `${type}${portsText(s.ports.map((p) => p.port))}`];
  const phase = stringMap(asRecord(s.object.metadata)?.annotations)[PHASE_ANNOTATION];
  if (phase !== undefined) lines.push(`MigratingDatabase phase: ${phase}`);
  return lines;
}

/** ` :80 :443` (sorted, unique), or '' when there are none. */
function portsText(ports: readonly (number | undefined)[]): string {
  const nums = [...new Set(ports.filter((p): p is number => p !== undefined))].sort((a, b) => a - b);
  return nums.map((p) => ` :${p}`).join('');
}

/** `host` of `host:port`. */
function hostOf(target: string): string {
  return target.replace(/:\d+$/, '').toLowerCase().replace(/\.$/, '');
}
