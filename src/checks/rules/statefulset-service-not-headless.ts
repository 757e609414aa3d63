/**
 * statefulset-service-not-headless (warning): the governing Service exists but is not headless. The Kubernetes
 * docs require a headless Service for the pods' stable names; CoreDNS also serves them under a ClusterIP Service
 * (dns-rules 24, an extension), so other DNS servers and the documented contract may fail.
 */
import { resourceId } from '../helpers';
import { finding, Finding, Rule } from '../rule';
import { governed } from './statefulset-helpers';

export const statefulSetServiceNotHeadless: Rule = {
  id: 'statefulset-service-not-headless',
  level: 'warning',
  description: 'StatefulSet governing Service is not headless',
  explanation: 'A StatefulSet\'s serviceName must name a headless Service (clusterIP: None) for the documented per-pod names and for peer discovery through the Service name, which then returns pod IPs instead of one virtual IP (Kubernetes StatefulSet docs; dns-rules 26, 30). An ExternalName Service gives the pods no names at all.',
  fix: 'Set clusterIP: None on the governing Service (recreate it: clusterIP is immutable), or add a separate headless Service and point serviceName at it.',
  check(model) {
    const out: Finding[] = [];
    for (const g of governed(model)) {
      const svc = g.service;
      if (!svc || svc.headless) continue;
      const what = svc.type === 'ExternalName' ? 'an ExternalName Service' : `a ${svc.type} Service with a cluster IP`;
      out.push(finding(this, resourceId(g.sts),
        `StatefulSet "${g.name}" is governed by Service "${svc.name}", which is ${what}, not headless, so its pods' stable DNS names are not guaranteed. Fix: use a headless Service (clusterIP: None) as serviceName; clusterIP cannot be changed in place, so create a new Service.`));
    }
    return out;
  },
};
