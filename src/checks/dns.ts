/**
 * The checker's view of cluster DNS, on top of the resolver (src/dns): does a name exist in the cluster zone, and does
 * a name a pod looks up resolve through its ClusterFirst search path (dns-rules 43-46). "exists" = an A query is
 * NOERROR (with answers, or NODATA); "nxdomain"; "outside" = not in the cluster zone, decided by upstream DNS, which
 * cannot be known offline.
 */
import { parseQuery, ParsedQuery } from '../dns/parse';
import { Resolver } from '../dns/resolver';
import { searchCandidates } from '../dns/search';
import type { ClusterModel } from '../model/cluster-model';

export type Existence = 'exists' | 'nxdomain' | 'outside';

/** One resolver per model, shared by the rules of a check run (a model never changes; bench/: built once). */
const RESOLVERS = new WeakMap<ClusterModel, Resolver>();

function resolverFor(model: ClusterModel): Resolver {
  let resolver = RESOLVERS.get(model);
  if (!resolver) {
    resolver = new Resolver(model);
    RESOLVERS.set(model, resolver);
  }
  return resolver;
}

/**
 * Names that every cluster has although no manifest declares them: the API server's ClusterIP Service `kubernetes` in
 * namespace `default` (port 443 "https"/TCP), so `kubernetes.default.svc.<zone>`, its SRV name and `default.svc.<zone>`.
 */
function builtIn(q: ParsedQuery): boolean {
  if (q.kind === 'namespace') return q.podOrSvc === 'svc' && q.namespace === 'default';
  if (q.kind !== 'service' || q.namespace !== 'default' || q.service !== 'kubernetes' || q.endpoint !== undefined) return false;
  return q.port === undefined || (q.port.toLowerCase() === 'https' && q.protocol?.toLowerCase() === 'tcp');
}

/** A resolver over one model, for one rule run. Answers are memoized per instance (workloads repeat names). */
export class ClusterLookup {
  private readonly resolver: Resolver;
  private readonly zone: string;
  private readonly existence = new Map<string, Existence>();

  public constructor(private readonly model: ClusterModel) {
    this.resolver = resolverFor(model);
    this.zone = model.options.clusterDomain;
  }

  /** Whether `name` exists in the cluster zone (dns-rules 15-18, 26, 34). */
  public exists(name: string): Existence {
    let e = this.existence.get(name);
    if (e === undefined) {
      const q = parseQuery(name, this.zone);
      e = q.kind === 'outside' || q.kind === 'reverse' ? 'outside' : this.resolver.resolve(name, 'A').rcode === 'NOERROR' || builtIn(q) ? 'exists' : 'nxdomain';
      this.existence.set(name, e);
    }
    return e;
  }

  /** The names a ClusterFirst pod in `namespace` tries for `name` (absolute, trailing dot). */
  public candidates(name: string, namespace: string): string[] {
    return searchCandidates(name, namespace, this.zone);
  }

  /** The first candidate that exists, if any (dns-rules 45: NXDOMAIN goes on, NOERROR stops). */
  public resolveFromPod(name: string, namespace: string): string | undefined {
    for (const c of this.candidates(name, namespace)) {
      if (this.exists(c) === 'exists') return c;
    }
    return undefined;
  }

  /** The model the lookups run against. */
  public get clusterModel(): ClusterModel {
    return this.model;
  }
}
