/**
 * The checker's view of cluster DNS, on top of the resolver (src/dns): does a name exist in the cluster zone, and does
 * a name a pod looks up resolve through its ClusterFirst search path (dns-rules 43-46). "exists" = an A query is
 * NOERROR (with answers, or NODATA); "nxdomain"; "outside" = not in the cluster zone, decided by upstream DNS, which
 * cannot be known offline.
 */
import { parseQuery, ParsedQuery, parseZoneLabels } from '../../dns/parse';
import { Resolver } from '../../dns/resolver';
import { DEFAULT_NDOTS, searchCandidates } from '../../dns/search';
import type { ClusterModel } from '../../model/cluster-model';

export type Existence = 'exists' | 'nxdomain' | 'outside';

/**
 * Names that every cluster has although no manifest declares them: the API server's ClusterIP Service `kubernetes` in
 * namespace `default` (port 443 "https"/TCP), so `kubernetes.default.svc.<zone>`, its SRV name and `default.svc.<zone>`;
 * and the cluster DNS Service `kube-dns` in `kube-system` (ports "dns"/UDP, "dns-tcp"/TCP and "metrics"/TCP 53, 53,
 * 9153; kubeadm, GKE, EKS, AKS and k3s all name it so), which nginx `resolver` lines and DNS clients name.
 */
function builtIn(q: ParsedQuery): boolean {
  if (q.kind === 'namespace') return q.podOrSvc === 'svc' && (q.namespace === 'default' || q.namespace === 'kube-system');
  if (q.kind !== 'service' || q.endpoint !== undefined) return false;
  const ports = BUILT_IN_PORTS.get(`${q.namespace}/${q.service}`);
  if (!ports) return false;
  return q.port === undefined || ports.includes(`${q.port.toLowerCase()}/${q.protocol?.toLowerCase()}`);
}

/** The built-in Services (`namespace/name`) and their SRV port names (`name/protocol`). */
const BUILT_IN_PORTS: ReadonlyMap<string, readonly string[]> = new Map([
  ['default/kubernetes', ['https/tcp']],
  ['kube-system/kube-dns', ['dns/udp', 'dns-tcp/tcp', 'metrics/tcp']],
]);

/**
 * The `Resolver` of one model with its answers kept for one check run (workloads repeat names; bench/: built once per
 * run). Existence is asked of the resolver's `exists`, which agrees with `resolve(name, 'A').rcode` without building
 * responses. The `CheckContext` holds one (`ctx.resolver`).
 */
export class ResolverMemo {
  private readonly resolver: Resolver;
  private readonly zone: string;
  /** Existence by name as asked. */
  private readonly existence = new Map<string, Existence>();
  /** `resolveFromPod` by namespace, then name (`null` = nothing resolves). */
  private readonly fromPod = new Map<string, Map<string, string | null>>();
  /** By name: the first candidate after `<name>.<ns>.svc.<zone>.` that exists (`null`: none), the same from every namespace. */
  private readonly tail = new Map<string, string | null>();
  /** The lower-case labels of names and namespaces (see `labelsOf`). */
  private readonly labels = new Map<string, readonly string[]>();

  public constructor(model: ClusterModel) {
    this.resolver = new Resolver(model);
    this.zone = model.options.clusterDomain;
  }

  /** Whether `name` exists in the cluster zone (dns-rules 15-18, 26, 34). */
  public exists(name: string): Existence {
    let e = this.existence.get(name);
    if (e === undefined) {
      const q = parseQuery(name, this.zone);
      e = q.kind === 'outside' || q.kind === 'reverse' ? 'outside' : this.resolver.exists(q) || builtIn(q) ? 'exists' : 'nxdomain';
      this.existence.set(name, e);
    }
    return e;
  }

  /** The names a ClusterFirst pod in `namespace` tries for `name` (absolute, trailing dot). */
  public candidates(name: string, namespace: string): string[] {
    return searchCandidates(name, namespace, this.zone);
  }

  /**
   * The first candidate that exists, if any (dns-rules 45: NXDOMAIN goes on, NOERROR stops). Memoized per namespace
   * and name. The search candidates are parsed from the labels of `name` (no names built and parsed again; see
   * `searchFromLabels`), and those that do not name the namespace are asked once per name.
   */
  public resolveFromPod(name: string, namespace: string): string | undefined {
    let byName = this.fromPod.get(namespace);
    if (!byName) this.fromPod.set(namespace, byName = new Map());
    let found = byName.get(name);
    if (found === undefined) {
      found = this.searchFromLabels(name, namespace);
      if (found === undefined) {
        found = null;
        for (const c of this.candidates(name, namespace)) {
          if (this.exists(c) === 'exists') {
            found = c;
            break;
          }
        }
      }
      byName.set(name, found);
    }
    return found ?? undefined;
  }

  /**
   * `resolveFromPod` without building the candidate names: `<name>.<ns>.svc.<zone>`, `<name>.svc.<zone>` and
   * `<name>.<zone>` are `parseZoneLabels` of the labels of `name` followed by `<ns>, svc` / `svc` / nothing, which is
   * what `parseQuery` reads from them (dns-rules 44). Undefined when that does not hold or is not worth it: a name tried
   * as is only, a cluster domain under `.arpa` (parseQuery takes such names for reverse names), or a capital sigma
   * (the one letter whose lower case depends on the letters after it).
   */
  private searchFromLabels(name: string, namespace: string): string | null | undefined {
    if (name.endsWith('.') || this.zone === 'arpa' || this.zone.endsWith('.arpa')) return undefined;
    if (name.includes('\u03a3') || namespace.includes('\u03a3')) return undefined;
    const labels = this.labelsOf(name);
    if (labels.length - 1 >= DEFAULT_NDOTS) return undefined; // as is only (dns-rules 44)
    if (this.existsBelowZone([...labels, ...this.labelsOf(namespace), 'svc'])) return `${name}.${namespace}.svc.${this.zone}.`;
    let rest = this.tail.get(name);
    if (rest === undefined) {
      if (this.existsBelowZone([...labels, 'svc'])) rest = `${name}.svc.${this.zone}.`;
      else if (this.existsBelowZone(labels)) rest = `${name}.${this.zone}.`;
      else rest = this.exists(`${name}.`) === 'exists' ? `${name}.` : null;
      this.tail.set(name, rest);
    }
    return rest;
  }

  /** `name.toLowerCase().split('.')`, kept for the run: a few names are asked from every namespace, and namespaces repeat. */
  private labelsOf(name: string): readonly string[] {
    let labels = this.labels.get(name);
    if (!labels) this.labels.set(name, labels = name.toLowerCase().split('.'));
    return labels;
  }

  /** Whether the name with these labels below the cluster zone exists (`exists` of the name, without the name). */
  private existsBelowZone(labels: readonly string[]): boolean {
    const q = parseZoneLabels(labels, this.zone);
    return this.resolver.exists(q) || builtIn(q);
  }
}

