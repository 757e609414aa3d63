/**
 * Which entry points reach a name: beside a DNS answer (never in it), the Ingresses and Gateway API routes whose
 * backends name the Service the question ends at, read from the model (model/entry-points.ts, as the checker reads
 * them). Pure.
 *
 * `entryPointsOf(model, outcome)`: the Services are those of the answered name (`question.name`, after the search
 * path: `<svc>.<ns>.svc.<zone>` or its `_port._proto` SRV name) and of the CNAME and PTR answers that name one (an
 * ExternalName alias of an in-cluster Service, the PTR of a ClusterIP), in that order, when the model has them; per-pod
 * and endpoint names are not a Service's. Each backend is listed once, sorted by Service (in that order), entry point
 * kind (Ingress, then HTTPRoute, GRPCRoute, TLSRoute, TCPRoute, UDPRoute), namespace and name, then its place in the
 * object.
 *
 * `EntryPointIndex` reads the model's entry points once (by Service, with the ReferenceGrants), for callers that ask
 * many questions of one model (`ClusterDns`); `entryPointsOf` builds one for one question (the CLI's `resolve`).
 */
import { parseQuery } from './parse';
import type { QueryOutcome } from './query';
import type { ClusterModel } from '../model/cluster-model';
import { cmp } from '../model/compare';
import { BackendRef, BackendRole, ENTRY_POINT_KINDS, entryBackendsOf, ReferenceGrants } from '../model/entry-points';
import { builtinKind } from '../model/manifest';

/** One backend of an entry point that names a Service the question reaches. */
export interface EntryPointUse {
  /** The entry point's kind: `Ingress`, `HTTPRoute`, `GRPCRoute`, `TLSRoute`, `TCPRoute` or `UDPRoute`. */
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  /** The Service its backend names. */
  readonly service: { readonly namespace: string; readonly name: string };
  /** Where in the entry point: `spec.rules[0].http.paths[1].backend`, `spec.rules[0].backendRefs[0]`. */
  readonly where: string;
  /** `rule`, `default` (an Ingress's default backend) or `mirror` (a route's requestMirror). */
  readonly role: BackendRole;
  /**
   * The Service port as written (BackendRef.port): a number, or text: a port name (an Ingress's, a Traefik service's),
   * or what a Gateway API route writes where its CRD wants a number (a `${PORT}` placeholder, a quoted number);
   * undefined when the backend sets none.
   */
  readonly port?: number | string;
  /** Ingress: the rule's host. */
  readonly host?: string;
  /** Ingress: the path. */
  readonly path?: string;
  /** Route: its hostnames. */
  readonly hostnames: readonly string[];
  /** False for a route's reference into another namespace that no ReferenceGrant of the input allows (not used). */
  readonly permitted: boolean;
}

/** The entry points of a model by the Service their backends name, read once. */
export class EntryPointIndex {
  private readonly byService = new Map<string, BackendRef[]>();
  private grants?: ReferenceGrants;

  public constructor(private readonly model: ClusterModel) {
    for (const r of entryBackendsOf(model.objects)) {
      const key = `${r.namespace}/${r.service}`;
      const list = this.byService.get(key);
      if (list) list.push(r);
      else this.byService.set(key, [r]);
    }
  }

  /** The entry points whose backends name the Services the question reaches (see the file's doc). */
  public uses(outcome: QueryOutcome): EntryPointUse[] {
    if (this.byService.size === 0) return [];
    const zone = this.model.options.clusterDomain;
    const services: string[] = [];
    const names = [outcome.question.name, ...outcome.response.answers.filter((a) => a.type === 'CNAME' || a.type === 'PTR').map((a) => a.data)];
    for (const n of names) {
      const q = parseQuery(n, zone);
      if (q.kind !== 'service' || q.endpoint !== undefined || !this.model.service(q.namespace, q.service)) continue;
      const key = `${q.namespace}/${q.service}`;
      if (!services.includes(key)) services.push(key);
    }
    const refs = services.flatMap((key) => this.byService.get(key) ?? []);
    if (refs.length === 0) return [];
    const grants = this.grants ??= new ReferenceGrants(this.model.objects.filter((o) => builtinKind(o.object) === 'ReferenceGrant'));
    const uses = refs.map((r): EntryPointUse => ({
      kind: r.fromKind,
      namespace: r.from.namespace,
      name: r.fromName,
      service: { namespace: r.namespace, name: r.service },
      where: r.where,
      role: r.role,
      port: r.port,
      host: r.host,
      path: r.path,
      hostnames: r.hostnames,
      permitted: !grants.denies(r),
    }));
    const rank = (u: EntryPointUse) => [services.indexOf(`${u.service.namespace}/${u.service.name}`), ENTRY_POINT_KINDS.indexOf(u.kind)];
    return uses.sort((a, b) => {
      const [sa, ka] = rank(a);
      const [sb, kb] = rank(b);
      return sa - sb || ka - kb || cmp(a.namespace, b.namespace) || cmp(a.name, b.name);
    });
  }
}

/** The entry points whose backends name the Services one question reaches (see the file's doc). */
export function entryPointsOf(model: ClusterModel, outcome: QueryOutcome): EntryPointUse[] {
  return new EntryPointIndex(model).uses(outcome);
}
