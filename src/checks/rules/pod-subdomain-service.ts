/**
 * pod-subdomain-service (warning): a pod template that sets `spec.hostname`/`spec.subdomain` for its own DNS name,
 * when that name cannot exist: `<hostname>.<subdomain>.<ns>.svc.<zone>` needs a Service named `<subdomain>` in the
 * pod's namespace that selects the pod (dns-rules 11, 30; kubernetes#111536, #74950), and `hostname` alone gives no
 * DNS name at all. StatefulSets set both for their pods and are covered by the statefulset-service-* rules, and so
 * are the Pods a StatefulSet made (a live export that leaves the StatefulSet out): the controller wrote their
 * hostname and subdomain from its `serviceName`. KubeVirt gives every virt-launcher Pod (owned by its
 * VirtualMachineInstance) the VMI's hostname, so that alone is no finding on such a Pod (kubevirt
 * pkg/virt-controller/services/template.go); its subdomain, the VMI's, is judged.
 */
import { nonEmptyString } from '../../model/manifest';
import { ownerRefs } from '../../model/owners';
import { templateSelects } from '../context/template-index';
import { renamedFinding, renamedService } from '../lib/kustomize-renames';
import { finding, Finding, Rule } from '../rule';

export const podSubdomainService: Rule = {
  id: 'pod-subdomain-service',
  level: 'warning',
  description: 'Pod hostname/subdomain that gives the pod no DNS name',
  explanation: 'A pod is published as <hostname>.<subdomain>.<namespace>.svc.<zone> only when a Service named <subdomain> in its namespace selects it (the EndpointSlice controller copies hostname only then); spec.hostname without subdomain publishes nothing (dns-rules 11, 30; kubernetes/kubernetes#111536). StatefulSets and the Pods they made (in a live export) are left to the statefulset-service-* rules: the controller sets both fields from serviceName. KubeVirt sets the hostname of every virt-launcher Pod, so a hostname alone is not reported there.',
  fix: 'Create a headless Service named like spec.subdomain that selects the pod, or set spec.subdomain to such a Service.',
  check(ctx) {
    const out: Finding[] = [];
    for (const t of ctx.podTemplates) {
      if (t.kind === 'StatefulSet' || (t.kind === 'Pod' && ownerRefs(t.owner.object).some((r) => r.kind === 'StatefulSet'))) continue;
      const hostname = nonEmptyString(t.spec.hostname);
      const subdomain = nonEmptyString(t.spec.subdomain);
      if (!hostname && !subdomain) continue;
      if (hostname && !subdomain) {
        if (t.kind === 'Pod' && ownerRefs(t.owner.object).some((r) => r.kind === 'VirtualMachineInstance')) continue;
        out.push(finding(this, t.ownerId, `${t.kind} "${t.name}" sets spec.hostname "${hostname}" without spec.subdomain, so its pods get no DNS name from it. Fix: set spec.subdomain to a headless Service that selects the pods.`));
        continue;
      }
      const svc = ctx.model.service(t.namespace, subdomain!);
      const name = hostname ? `"${hostname}.${subdomain}"` : `a name under "${subdomain}"`;
      if (!svc) {
        out.push(renamedFinding(this, t.ownerId, `${t.kind} "${t.name}" sets spec.subdomain "${subdomain}", but there is no Service "${subdomain}" in namespace "${t.namespace}", so ${name} does not resolve.`,
          `create a headless Service "${subdomain}" selecting the pods`, renamedService(ctx, t.owner.source, t.namespace, subdomain!)));
      } else if (!svc.selector || !templateSelects(t, svc.selector)) {
        out.push(finding(this, t.ownerId, `${t.kind} "${t.name}" sets spec.subdomain "${subdomain}", but Service "${subdomain}" does not select its pods, so ${name} does not resolve. Fix: make the Service's selector match the pod labels.`));
      }
    }
    return out;
  },
};
