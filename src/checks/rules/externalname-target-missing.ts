/**
 * externalname-target-missing (error): an ExternalName pointing at an in-cluster name that does not exist, or at a
 * shortened in-cluster name. CNAME targets are absolute and never searched, so `db.prod.svc` goes upstream and fails;
 * an in-zone target that is missing gives NODATA without the CNAME (dns-rules 31-32).
 */
import { parseQuery } from '../../dns/parse';
import { ClusterLookup } from '../dns';
import { coveredNamespaces, serviceId } from '../helpers';
import { finding, Finding, Rule } from '../rule';
import { externalNameServices } from './externalname-helpers';

export const externalNameTargetMissing: Rule = {
  id: 'externalname-target-missing',
  level: 'error',
  description: 'ExternalName points at an in-cluster name that does not resolve',
  explanation: 'For an in-zone target CoreDNS resolves the target itself and answers NODATA when it is missing; a shortened in-cluster name (<svc>.<ns>.svc, <svc>.<ns>) is not expanded with the search path because CNAME targets are absolute, so it resolves nowhere (dns-rules 31-32, 44).',
  fix: 'Use the full name <service>.<namespace>.svc.<cluster domain> of an existing Service.',
  check(model) {
    const out: Finding[] = [];
    const zone = model.options.clusterDomain;
    const dns = new ClusterLookup(model);
    let covered: Set<string> | undefined; // asked only for names that do not exist
    for (const svc of externalNameServices(model)) {
      const en = svc.externalName!;
      const bare = en.replace(/\.$/, '').toLowerCase();
      const res = dns.exists(bare);
      if (res === 'exists') continue;
      if (res === 'nxdomain') {
        const q = parseQuery(bare, zone);
        const targetNs = q.kind === 'service' || q.kind === 'namespace' || q.kind === 'pod' ? q.namespace : undefined;
        covered ??= coveredNamespaces(model);
        if (targetNs !== undefined && !covered.has(targetNs)) continue; // another app's namespace
        out.push(finding(this, serviceId(svc.namespace, svc.name),
          `Service "${svc.name}" is an ExternalName for "${en}", inside the cluster domain, but no such name exists in these manifests (no matching Service, namespace or endpoint), so lookups return no address. Fix: create the target Service, or correct externalName.`));
        continue;
      }
      // outside the cluster zone: a shortened in-cluster name?
      const labels = bare.split('.');
      const svcIdx = labels.lastIndexOf('svc');
      const shortened = (svcIdx >= 2 && labels.slice(svcIdx + 1).join('.') !== zone && zone.startsWith(labels.slice(svcIdx + 1).join('.')))
        || (labels.length === 2 && model.namespaceExists(labels[1]) && model.service(labels[1], labels[0]) !== undefined);
      if (!shortened) continue;
      const full = svcIdx >= 2 ? `${labels.slice(0, svcIdx).join('.')}.svc.${zone}` : `${labels[0]}.${labels[1]}.svc.${zone}`;
      out.push(finding(this, serviceId(svc.namespace, svc.name),
        `Service "${svc.name}" is an ExternalName for "${en}", a shortened in-cluster name; CNAME targets are absolute and never expanded with the search path, so it does not resolve. Fix: set externalName to "${full}".`));
    }
    return out;
  },
};
