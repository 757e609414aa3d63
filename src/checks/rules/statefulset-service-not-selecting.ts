/**
 * statefulset-service-not-selecting (warning; error when the pods' names are used): the governing Service does not
 * select the StatefulSet's pods, so they never become its endpoints and `<pod>.<service>` does not resolve (dns-rules
 * 11, 30: hostname needs the endpoint). The pods run, and a Service that selects other pods still serves those: only
 * the per-pod names are missing, which fails when a workload or an ExternalName of the input uses one.
 */
import { resourceId, selectorText } from '../helpers';
import { Finding, Rule } from '../rule';

export const statefulSetServiceNotSelecting: Rule = {
  id: 'statefulset-service-not-selecting',
  level: 'warning',
  description: 'StatefulSet governing Service does not select its pods (an **error** when the input uses the pod DNS names)',
  explanation: 'A pod gets <hostname>.<subdomain> only as an endpoint of the Service named by its subdomain, so that Service must select the pods (dns-rules 11, 30; kube-score statefulset-has-servicename). The pods run without their names: a warning; an **error** when the input uses them (as for `statefulset-service-missing`).',
  fix: 'Make the Service selector a subset of the StatefulSet template labels.',
  check(ctx) {
    const out: Finding[] = [];
    for (const g of ctx.statefulSets.governed) {
      const svc = g.service;
      if (!svc || svc.type === 'ExternalName' || ctx.statefulSets.selectsPods(g)) continue;
      const why = svc.selector
        ? `selects ${selectorText(svc.selector)} but the pod template has ${selectorText(g.templateLabels) || 'no labels'}`
        : 'has no selector';
      const use = ctx.statefulSets.podNameUse(g);
      const effect = use ? `; "${use.name}", used by ${use.where}, does not resolve` : ' (nothing in the input uses them)';
      out.push({
        rule: this.id,
        level: use ? 'error' : this.level,
        resource: resourceId(g.sts),
        message: `StatefulSet "${g.name}" is governed by Service "${svc.name}", which ${why}, so the pods are not its endpoints and their DNS names do not resolve${effect}. Fix: give Service "${svc.name}" a selector that the pod template labels satisfy.`,
      });
    }
    return out;
  },
};
