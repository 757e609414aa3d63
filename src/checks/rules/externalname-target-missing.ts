/**
 * externalname-target-missing (error): an ExternalName pointing at an in-cluster name that does not exist, or at a
 * shortened in-cluster name. CNAME targets are absolute and never searched, so `db.prod.svc` goes upstream and fails;
 * an in-zone target that is missing gives NODATA without the CNAME (dns-rules 31-32). A target in a namespace the
 * input does not describe is left to namespace-not-in-input, unless the run is `complete`.
 */
import { parseQuery } from '../../dns/parse';
import type { ClusterModel } from '../../model/cluster-model';
import type { ServiceRecord } from '../../model/records';
import { ClusterLookup } from '../dns';
import { coveredNamespaces, serviceId } from '../helpers';
import { finding, Finding, Rule } from '../rule';
import { externalNameServices } from './externalname-helpers';
import { nearestName } from './workload-name-helpers';

/** What an ExternalName's target is, when it is worth a message. */
type Target =
  | { readonly kind: 'missing' }
  /** In the cluster zone, missing, and in `namespace`, which the input does not describe. */
  | { readonly kind: 'not-in-input'; readonly namespace: string; readonly similar?: string }
  /** A shortened in-cluster name; `full` is the name to use. */
  | { readonly kind: 'shortened'; readonly full: string };

/** The ExternalName Services whose targets are worth a message, in `externalNameServices` order. */
export function externalNameTargets(model: ClusterModel): { svc: ServiceRecord; target: Target }[] {
  const out: { svc: ServiceRecord; target: Target }[] = [];
  const zone = model.options.clusterDomain;
  const dns = new ClusterLookup(model);
  let covered: Set<string> | undefined; // asked only for names that do not exist
  for (const svc of externalNameServices(model)) {
    const bare = svc.externalName!.replace(/\.$/, '').toLowerCase();
    const res = dns.exists(bare);
    if (res === 'exists') continue;
    if (res === 'nxdomain') {
      const q = parseQuery(bare, zone);
      const targetNs = q.kind === 'service' || q.kind === 'namespace' || q.kind === 'pod' ? q.namespace : undefined;
      covered ??= coveredNamespaces(model);
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

export const externalNameTargetMissing: Rule = {
  id: 'externalname-target-missing',
  level: 'error',
  description: 'ExternalName points at an in-cluster name that does not resolve',
  explanation: 'For an in-zone target CoreDNS resolves the target itself and answers NODATA when it is missing; a shortened in-cluster name (<svc>.<ns>.svc, <svc>.<ns>) is not expanded with the search path because CNAME targets are absolute, so it resolves nowhere (dns-rules 31-32, 44). Targets in namespaces the input does not describe are judged only with `--complete`.',
  fix: 'Use the full name <service>.<namespace>.svc.<cluster domain> of an existing Service.',
  check(model, options) {
    const out: Finding[] = [];
    for (const { svc, target } of externalNameTargets(model)) {
      const en = svc.externalName!;
      if (target.kind === 'missing') {
        out.push(finding(this, serviceId(svc.namespace, svc.name),
          `Service "${svc.name}" is an ExternalName for "${en}", inside the cluster domain, but no such name exists in these manifests (no matching Service, namespace or endpoint), so lookups return no address. Fix: create the target Service, or correct externalName.`));
      } else if (target.kind === 'not-in-input' && options.complete) {
        const similar = target.similar ? ` Did you mean namespace "${target.similar}"?` : '';
        out.push(finding(this, serviceId(svc.namespace, svc.name),
          `Service "${svc.name}" is an ExternalName for "${en}", inside the cluster domain, but the input, which --complete declares to be the whole cluster, has nothing in namespace "${target.namespace}", so lookups return no address.${similar} Fix: correct externalName, or add the target Service to the input.`));
      } else if (target.kind === 'shortened') {
        out.push(finding(this, serviceId(svc.namespace, svc.name),
          `Service "${svc.name}" is an ExternalName for "${en}", a shortened in-cluster name; CNAME targets are absolute and never expanded with the search path, so it does not resolve. Fix: set externalName to "${target.full}".`));
      }
    }
    return out;
  },
};
