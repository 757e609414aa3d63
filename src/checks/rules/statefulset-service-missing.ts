/**
 * statefulset-service-missing (warning; error when the pods' names are used): a StatefulSet whose `serviceName` names
 * no Service in its namespace (possibly one in another namespace). Pods get `subdomain: <serviceName>`, but their names
 * `<pod>.<serviceName>.<ns>.svc.<zone>` exist only with that Service (dns-rules 13, 30; kube-score
 * statefulset-has-servicename, whose namespace handling this rule fixes: kube-score#583).
 *
 * The pods themselves run: the API server does not require the Service, and nothing but the per-pod names depends on
 * it (Argo CD ships its application controller so). When a workload's env or args, a ConfigMap or an ExternalName in
 * the input use one of those names (`<sts>-<n>.<serviceName>...`), they fail to resolve: that finding is an error.
 */
import { resourceId } from '../helpers';
import { isUnfilled } from '../lib/placeholders';
import { Finding, Rule } from '../rule';

export const statefulSetServiceMissing: Rule = {
  id: 'statefulset-service-missing',
  level: 'warning',
  description: 'StatefulSet serviceName names no Service in its namespace (an **error** when the input uses the pod DNS names)',
  explanation: 'Per-pod DNS names (<pod>.<serviceName>.<namespace>.svc.<zone>) exist only when a headless Service of that name in the StatefulSet\'s own namespace selects the pods (dns-rules 13, 30; Kubernetes StatefulSet docs, Stable Network ID). The pods run without it (Argo CD ships its application controller so): a warning. An **error** when a workload\'s env, command or args, a one-line ConfigMap value or an ExternalName of the input uses one of those names (`<sts>-<n>.<serviceName>`, optionally `.<ns>[.svc[.<zone>]]`), which then does not resolve; the message names the first place and counts the others, and `workload-name-unresolved` does not report those names again.',
  fix: 'Create the headless Service named by serviceName in the StatefulSet\'s namespace, or correct serviceName.',
  check(ctx) {
    const out: Finding[] = [];
    for (const g of ctx.statefulSets.governed) {
      // a `${APP}-headless` that Flux substitutes names no Service yet (lib/placeholders.ts)
      if (!g.serviceName || g.service || isUnfilled(g.serviceName)) continue;
      const elsewhere = ctx.servicesNamed(g.serviceName).map((s) => s.namespace);
      const where = elsewhere.length > 0
        ? `; a Service "${g.serviceName}" exists only in namespace ${elsewhere.map((n) => `"${n}"`).join(', ')}, and serviceName always refers to the StatefulSet's own namespace`
        : '';
      const use = ctx.statefulSets.podNameUse(g);
      const effect = use
        ? `so its pods get no DNS names and "${use.name}", used by ${use.where}, does not resolve`
        : `so its pods get no DNS names of their own (${g.name}-0.${g.serviceName}, ...); the pods run, and nothing in the input uses those names`;
      out.push({
        rule: this.id,
        level: use ? 'error' : this.level,
        resource: resourceId(g.sts),
        message: `StatefulSet "${g.name}" has serviceName "${g.serviceName}", but there is no Service "${g.serviceName}" in namespace "${g.sts.namespace}"${where}, ${effect}. Fix: create a headless Service "${g.serviceName}" (clusterIP: None) selecting the pods in namespace "${g.sts.namespace}", or set serviceName to the existing one.`,
      });
    }
    return out;
  },
};
