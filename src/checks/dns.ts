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

/** What a model's lookups share: one resolver and the answers so far (a model never changes; bench/: built once). */
interface Shared {
  readonly resolver: Resolver;
  /** Existence by name as asked. */
  readonly existence: Map<string, Existence>;
  /** `resolveFromPod` by namespace, then name (`null` = nothing resolves). */
  readonly fromPod: Map<string, Map<string, string | null>>;
}

const SHARED = new WeakMap<ClusterModel, Shared>();

function sharedFor(model: ClusterModel): Shared {
  let shared = SHARED.get(model);
  if (!shared) {
    shared = { resolver: new Resolver(model), existence: new Map(), fromPod: new Map() };
    SHARED.set(model, shared);
  }
  return shared;
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

/**
 * A resolver over one model, for one rule run. Answers are memoized per model (workloads repeat names), and existence
 * is asked of the resolver's `exists`, which agrees with `resolve(name, 'A').rcode` without building responses.
 */
export class ClusterLookup {
  private readonly shared: Shared;
  private readonly zone: string;

  public constructor(private readonly model: ClusterModel) {
    this.shared = sharedFor(model);
    this.zone = model.options.clusterDomain;
  }

  /** Whether `name` exists in the cluster zone (dns-rules 15-18, 26, 34). */
  public exists(name: string): Existence {
    const existence = this.shared.existence;
    let e = existence.get(name);
    if (e === undefined) {
      const q = parseQuery(name, this.zone);
      e = q.kind === 'outside' || q.kind === 'reverse' ? 'outside' : this.shared.resolver.exists(q) || builtIn(q) ? 'exists' : 'nxdomain';
      existence.set(name, e);
    }
    return e;
  }

  /** The names a ClusterFirst pod in `namespace` tries for `name` (absolute, trailing dot). */
  public candidates(name: string, namespace: string): string[] {
    return searchCandidates(name, namespace, this.zone);
  }

  /** The first candidate that exists, if any (dns-rules 45: NXDOMAIN goes on, NOERROR stops). */
  public resolveFromPod(name: string, namespace: string): string | undefined {
    let byName = this.shared.fromPod.get(namespace);
    if (!byName) this.shared.fromPod.set(namespace, byName = new Map());
    let found = byName.get(name);
    if (found === undefined) {
      found = null;
      for (const c of this.candidates(name, namespace)) {
        if (this.exists(c) === 'exists') {
          found = c;
          break;
        }
      }
      byName.set(name, found);
    }
    return found ?? undefined;
  }

  /** The model the lookups run against. */
  public get clusterModel(): ClusterModel {
    return this.model;
  }
}
