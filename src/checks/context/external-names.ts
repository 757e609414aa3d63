/**
 * What the ExternalName rules share about one run: the ExternalName Services, the chains of CNAME targets they form
 * inside the cluster zone, and the targets worth a message. Four rules walk the ExternalName Services and three
 * follow the same chains, so each is computed once per run (`ctx.externalNames`).
 */
import type { CheckContext } from './check-context';
import { parseQuery } from '../../dns/parse';
import type { ServiceRecord } from '../../model/records';
import { nearestName } from '../lib/nearest-name';
import { isUnfilled } from '../lib/placeholders';

/** CoreDNS follows at most this many in-zone CNAME links (dns-rules 35, maxCnameChainLength). */
export const MAX_CNAME_CHAIN = 10;

/** A chain of Services following ExternalName targets (see `chain`). */
export interface Chain {
  readonly path: readonly ServiceRecord[];
  readonly loop: boolean;
}

/** What an ExternalName's target is, when it is worth a message. */
export type Target =
  | { readonly kind: 'missing' }
  /** In the cluster zone, missing, and in `namespace`, which the input does not describe. */
  | { readonly kind: 'not-in-input'; readonly namespace: string; readonly similar?: string }
  /** A shortened in-cluster name; `full` is the name to use. */
  | { readonly kind: 'shortened'; readonly full: string };

/** The ExternalName Services of one run and where their targets lead. */
export class ExternalNames {
  /** The ExternalName Services (with a target), sorted. */
  public readonly services: readonly ServiceRecord[];
  private readonly chains = new Map<ServiceRecord, Chain>();
  private targetList?: readonly { readonly svc: ServiceRecord; readonly target: Target }[];

  public constructor(private readonly ctx: CheckContext) {
    this.services = ctx.model.services().filter((s) => s.type === 'ExternalName' && typeof s.externalName === 'string' && s.externalName !== '');
  }

  /** The in-zone Service an ExternalName points at (any type), if its target is `<svc>.<ns>.svc.<zone>`. */
  public targetService(svc: ServiceRecord): ServiceRecord | undefined {
    const model = this.ctx.model;
    const q = parseQuery(svc.externalName ?? '', model.options.clusterDomain);
    if (q.kind !== 'service' || q.endpoint !== undefined || q.port !== undefined) return undefined;
    return model.service(q.namespace, q.service);
  }

  /** The chain of Services starting at `svc` following ExternalName targets; `loop` when a Service repeats. */
  public chain(svc: ServiceRecord): Chain {
    let c = this.chains.get(svc);
    if (!c) this.chains.set(svc, c = this.followChain(svc));
    return c;
  }

  private followChain(svc: ServiceRecord): Chain {
    const path: ServiceRecord[] = [svc];
    let cur = svc;
    while (path.length <= MAX_CNAME_CHAIN + 1) {
      if (cur.type !== 'ExternalName') break;
      const next = this.targetService(cur);
      if (!next) break;
      if (path.includes(next)) return { path: [...path, next], loop: true };
      path.push(next);
      cur = next;
    }
    return { path, loop: false };
  }

  /**
   * The ExternalName Services whose targets are worth a message, in `services` order: in-zone targets that do not
   * exist, and shortened in-cluster names (externalname-target-missing, namespace-not-in-input).
   */
  public get targets(): readonly { readonly svc: ServiceRecord; readonly target: Target }[] {
    return this.targetList ??= this.readTargets();
  }

  private readTargets(): { svc: ServiceRecord; target: Target }[] {
    const out: { svc: ServiceRecord; target: Target }[] = [];
    const model = this.ctx.model;
    const zone = model.options.clusterDomain;
    const resolver = this.ctx.resolver;
    let covered: ReadonlySet<string> | undefined; // asked only for names that do not exist
    for (const svc of this.services) {
      // a target with a variable placeholder has no value yet: service-invalid names it (lib/placeholders.ts)
      if (isUnfilled(svc.externalName)) continue;
      const bare = svc.externalName!.replace(/\.$/, '').toLowerCase();
      const res = resolver.exists(bare);
      if (res === 'exists') continue;
      if (res === 'nxdomain') {
        const q = parseQuery(bare, zone);
        const targetNs = q.kind === 'service' || q.kind === 'namespace' || q.kind === 'pod' ? q.namespace : undefined;
        // a Service an operator makes from a resource of the input (context/operator-services.ts): the cluster has it
        if (q.kind === 'service' && this.ctx.serviceMadeInCluster(q.namespace, q.service)) continue;
        covered ??= this.ctx.coveredNamespaces;
        if (targetNs !== undefined && !covered.has(targetNs)) {
          out.push({ svc, target: { kind: 'not-in-input', namespace: targetNs, similar: nearestName(targetNs, covered) } });
        } else {
          out.push({ svc, target: { kind: 'missing' } });
        }
        continue;
      }
      // outside the cluster zone: a shortened in-cluster name?
      const labels = bare.split('.');
      const svcIdx = labels.lastIndexOf('svc');
      const shortened = (svcIdx >= 2 && labels.slice(svcIdx + 1).join('.') !== zone && zone.startsWith(labels.slice(svcIdx + 1).join('.')))
        || (labels.length === 2 && model.namespaceExists(labels[1]) && model.service(labels[1], labels[0]) !== undefined);
      if (!shortened) continue;
      const full = svcIdx >= 2 ? `${labels.slice(0, svcIdx).join('.')}.svc.${zone}` : `${labels[0]}.${labels[1]}.svc.${zone}`;
      out.push({ svc, target: { kind: 'shortened', full } });
    }
    return out;
  }
}

/** `default/a -> default/b` for messages. */
export function chainText(path: readonly ServiceRecord[]): string {
  return path.map((s) => `${s.namespace}/${s.name}`).join(' -> ');
}
