/**
 * The graph's edges from entry points (Ingresses, Gateway API routes, OpenShift Routes) to the Services their backends
 * name, read by model/entry-points.ts as the checker reads them; `graph.ts` turns them into nodes and edges. Pure.
 */
import type { GraphEdgeKind } from './graph';
import type { ClusterModel } from '../model/cluster-model';
import { BackendRef, entryBackendsOf, isGatewayRoute, OPENSHIFT_ROUTE, ReferenceGrants } from '../model/entry-points';
import { builtinKind } from '../model/manifest';

/** One backend of one entry point, as the graph draws it. */
export interface EntryEdge {
  /** The entry point: `Kind/namespace/name` (its node key, and the resource id of the checker's findings on it). */
  readonly resource: string;
  /** The entry point's namespace. */
  readonly fromNamespace: string;
  /** The entry point's label lines: `Ingress web`, then its hosts (Ingress rules) or hostnames (route), if any. */
  readonly lines: string[];
  /** The Service the backend names. */
  readonly namespace: string;
  readonly service: string;
  readonly kind: GraphEdgeKind;
  /** `shop.example.com/api :80`, `default backend :80`, `backendRef :8080`, `mirror :8080`, `backendRef :8080 (no ReferenceGrant)`,
   * an OpenShift Route's `shop.example.com, targetPort 8080`. */
  readonly label: string;
}

/** The edges of every entry point backend, in the order the model reads them (the graph sorts). */
export function entryEdges(model: ClusterModel): EntryEdge[] {
  const refs = entryBackendsOf(model.objects);
  if (refs.length === 0) return [];
  const grants = new ReferenceGrants(model.objects.filter((o) => builtinKind(o.object) === 'ReferenceGrant'));
  const hosts = new Map<BackendRef['from'], Set<string>>();
  for (const r of refs) {
    const set = hosts.get(r.from) ?? new Set<string>();
    hosts.set(r.from, set);
    for (const h of r.host !== undefined ? [r.host] : r.hostnames) set.add(h);
  }
  // one label per entry point, shared by its edges: joined per edge, 100,000 hosts of one Ingress made 10^10 characters
  const lines = new Map<BackendRef['from'], string[]>();
  for (const r of refs) {
    if (lines.has(r.from)) continue;
    const hostLine = [...hosts.get(r.from)!].join(', ');
    lines.set(r.from, hostLine ? [`${r.fromKind} ${r.fromName}`, hostLine] : [`${r.fromKind} ${r.fromName}`]);
  }
  return refs.map((r) => {
    // a reference into another namespace is refused only where the input has the Service (and so its namespace's grants)
    const refused = model.service(r.namespace, r.service) !== undefined && grants.denies(r);
    return {
      resource: `${r.fromKind}/${r.from.namespace}/${r.fromName}`,
      fromNamespace: r.from.namespace,
      lines: lines.get(r.from)!,
      namespace: r.namespace,
      service: r.service,
      kind: refused ? 'refused' : r.role === 'mirror' ? 'mirror' : 'backend',
      label: `${edgeLabel(r)}${refused ? ' (no ReferenceGrant)' : ''}`,
    };
  });
}

function edgeLabel(r: BackendRef): string {
  const port = r.port === undefined ? '' : ` :${r.port}`;
  if (r.role === 'default') return `default backend${port}`;
  if (r.role === 'mirror') return `mirror${port}`;
  // an OpenShift Route's host and path, and its targetPort (an endpoints port, not a Service port: `, targetPort 8080`)
  if (r.fromKind === OPENSHIFT_ROUTE) return `${`${r.host ?? ''}${r.path ?? ''}` || 'any host'}${r.targetPort === undefined ? '' : `, targetPort ${r.targetPort}`}`;
  if (isGatewayRoute(r.fromKind)) return `backendRef${port}`;
  const match = `${r.host ?? ''}${r.path ?? ''}`;
  return `${match || 'any host'}${port}`;
}
