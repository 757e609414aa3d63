/** Shared by the ExternalName rules: following CNAME targets inside the cluster zone. Not a rule. */
import { parseQuery } from '../../dns/parse';
import type { ClusterModel } from '../../model/cluster-model';
import type { ServiceRecord } from '../../model/records';

/** CoreDNS follows at most this many in-zone CNAME links (dns-rules 35, maxCnameChainLength). */
export const MAX_CNAME_CHAIN = 10;

/** A chain of Services following ExternalName targets (see `chain`). */
export interface Chain {
  readonly path: readonly ServiceRecord[];
  readonly loop: boolean;
}

/**
 * What the ExternalName rules share about one model, computed on first use and kept per model (a model never
 * changes): four rules walk the ExternalName Services and three follow the same chains.
 */
interface Known {
  services?: readonly ServiceRecord[];
  readonly chains: Map<ServiceRecord, Chain>;
}

const KNOWN = new WeakMap<ClusterModel, Known>();

function known(model: ClusterModel): Known {
  let k = KNOWN.get(model);
  if (!k) KNOWN.set(model, k = { chains: new Map() });
  return k;
}

/** The ExternalName Services, sorted. */
export function externalNameServices(model: ClusterModel): readonly ServiceRecord[] {
  const k = known(model);
  return k.services ??= model.services().filter((s) => s.type === 'ExternalName' && typeof s.externalName === 'string' && s.externalName !== '');
}

/** The in-zone Service an ExternalName points at (any type), if its target is `<svc>.<ns>.svc.<zone>`. */
export function targetService(model: ClusterModel, svc: ServiceRecord): ServiceRecord | undefined {
  const q = parseQuery(svc.externalName ?? '', model.options.clusterDomain);
  if (q.kind !== 'service' || q.endpoint !== undefined || q.port !== undefined) return undefined;
  return model.service(q.namespace, q.service);
}

/** The chain of Services starting at `svc` following ExternalName targets; `loop` when a Service repeats. */
export function chain(model: ClusterModel, svc: ServiceRecord): Chain {
  const chains = known(model).chains;
  let c = chains.get(svc);
  if (!c) chains.set(svc, c = followChain(model, svc));
  return c;
}

function followChain(model: ClusterModel, svc: ServiceRecord): Chain {
  const path: ServiceRecord[] = [svc];
  let cur = svc;
  while (path.length <= MAX_CNAME_CHAIN + 1) {
    if (cur.type !== 'ExternalName') break;
    const next = targetService(model, cur);
    if (!next) break;
    if (path.includes(next)) return { path: [...path, next], loop: true };
    path.push(next);
    cur = next;
  }
  return { path, loop: false };
}

/** `default/a -> default/b` for messages. */
export function chainText(path: readonly ServiceRecord[]): string {
  return path.map((s) => `${s.namespace}/${s.name}`).join(' -> ');
}
