/** Shared by the ExternalName rules: following CNAME targets inside the cluster zone. Not a rule. */
import { parseQuery } from '../../dns/parse';
import type { ClusterModel } from '../../model/cluster-model';
import type { ServiceRecord } from '../../model/records';

/** CoreDNS follows at most this many in-zone CNAME links (dns-rules 35, maxCnameChainLength). */
export const MAX_CNAME_CHAIN = 10;

/** The ExternalName Services, sorted. */
export function externalNameServices(model: ClusterModel): ServiceRecord[] {
  return model.services().filter((s) => s.type === 'ExternalName' && typeof s.externalName === 'string' && s.externalName !== '');
}

/** The in-zone Service an ExternalName points at (any type), if its target is `<svc>.<ns>.svc.<zone>`. */
export function targetService(model: ClusterModel, svc: ServiceRecord): ServiceRecord | undefined {
  const q = parseQuery(svc.externalName ?? '', model.options.clusterDomain);
  if (q.kind !== 'service' || q.endpoint !== undefined || q.port !== undefined) return undefined;
  return model.service(q.namespace, q.service);
}

/** The chain of Services starting at `svc` following ExternalName targets; `loop` when a Service repeats. */
export function chain(model: ClusterModel, svc: ServiceRecord): { path: ServiceRecord[]; loop: boolean } {
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
