/**
 * statefulset-service-not-headless (warning; error for an ExternalName Service whose pods' names are used): the
 * governing Service exists but is not headless. The Kubernetes docs require a headless Service for the pods' stable
 * names; CoreDNS also serves them under a ClusterIP Service (dns-rules 24, an extension), so they work there with
 * CoreDNS but not by contract, and one replica behind a ClusterIP Service works like any Deployment. An ExternalName
 * Service gives the pods no names at all: when the input uses them (`<sts>-<n>.<serviceName>...` in a workload's env
 * or args or an ExternalName), they fail, and that finding is an error.
 */
import { resourceId } from '../helpers';
import { Finding, Rule } from '../rule';

export const statefulSetServiceNotHeadless: Rule = {
  id: 'statefulset-service-not-headless',
  level: 'warning',
  description: 'StatefulSet governing Service is not headless (an **error** when it is an ExternalName Service and the input uses the pod DNS names)',
  explanation: 'A StatefulSet\'s serviceName must name a headless Service (clusterIP: None) for the documented per-pod names and for peer discovery through the Service name, which then returns pod IPs instead of one virtual IP (Kubernetes StatefulSet docs; dns-rules 26, 30). CoreDNS serves the pod names under a ClusterIP Service too (dns-rules 24), and one replica behind a ClusterIP Service works: a warning. An ExternalName Service gives the pods no names at all: an **error** when the input uses them (as for `statefulset-service-missing`).',
  fix: 'Set clusterIP: None on the governing Service (recreate it: clusterIP is immutable), or add a separate headless Service and point serviceName at it.',
  check(ctx) {
    const out: Finding[] = [];
    for (const g of ctx.statefulSets.governed) {
      const svc = g.service;
      if (!svc || svc.headless) continue;
      const use = ctx.statefulSets.podNameUse(g);
      let what: string;
      let effect: string;
      if (svc.type === 'ExternalName') {
        what = 'an ExternalName Service';
        effect = use ? `so its pods get no DNS names and "${use.name}", used by ${use.where}, does not resolve` : 'so its pods get no DNS names of their own (nothing in the input uses them)';
      } else {
        what = `a ${svc.type} Service with a cluster IP`;
        effect = `so its pods' stable DNS names are not guaranteed (CoreDNS serves them, other cluster DNS servers may not) and the Service name returns one virtual IP instead of the pods${use ? `; ${use.where} uses "${use.name}"` : ''}`;
      }
      out.push({
        rule: this.id,
        level: use && svc.type === 'ExternalName' ? 'error' : this.level,
        resource: resourceId(g.sts),
        message: `StatefulSet "${g.name}" is governed by Service "${svc.name}", which is ${what}, not headless, ${effect}. Fix: use a headless Service (clusterIP: None) as serviceName; clusterIP cannot be changed in place, so create a new Service.`,
      });
    }
    return out;
  },
};
