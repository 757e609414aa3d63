/**
 * statefulset-service-missing (error): a StatefulSet whose `serviceName` names no Service in its namespace
 * (possibly one in another namespace). Pods get `subdomain: <serviceName>`, but their names
 * `<pod>.<serviceName>.<ns>.svc.<zone>` exist only with that Service (dns-rules 13, 30; kube-score
 * statefulset-has-servicename, whose namespace handling this rule fixes: kube-score#583).
 */
import { resourceId, servicesNamed } from '../helpers';
import { finding, Finding, Rule } from '../rule';
import { governed } from './statefulset-helpers';

export const statefulSetServiceMissing: Rule = {
  id: 'statefulset-service-missing',
  level: 'error',
  description: 'StatefulSet serviceName names no Service in its namespace',
  explanation: 'Per-pod DNS names (<pod>.<serviceName>.<namespace>.svc.<zone>) exist only when a headless Service of that name in the StatefulSet\'s own namespace selects the pods (dns-rules 13, 30; Kubernetes StatefulSet docs, Stable Network ID).',
  fix: 'Create the headless Service named by serviceName in the StatefulSet\'s namespace, or correct serviceName.',
  check(model) {
    const out: Finding[] = [];
    for (const g of governed(model)) {
      if (!g.serviceName || g.service) continue;
      const elsewhere = servicesNamed(model, g.serviceName).map((s) => s.namespace);
      const where = elsewhere.length > 0
        ? `; a Service "${g.serviceName}" exists only in namespace ${elsewhere.map((n) => `"${n}"`).join(', ')}, and serviceName always refers to the StatefulSet's own namespace`
        : '';
      out.push(finding(this, resourceId(g.sts),
        `StatefulSet "${g.name}" has serviceName "${g.serviceName}", but there is no Service "${g.serviceName}" in namespace "${g.sts.namespace}"${where}, so its pods get no DNS names. Fix: create a headless Service "${g.serviceName}" (clusterIP: None) selecting the pods in namespace "${g.sts.namespace}", or set serviceName to the existing one.`));
    }
    return out;
  },
};
