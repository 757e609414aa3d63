/**
 * endpointslice-missing-service-name (error): an EndpointSlice without the `kubernetes.io/service-name` label.
 * A slice belongs to a Service only through that label, never through its name; kube-proxy logs
 * "no kubernetes.io/service-name label set on endpoint slice" and ignores it, and CoreDNS too (dns-rules 7,
 * k8s-validation rule 57).
 */
import { labelOf, nameOf, resourceId, SERVICE_NAME_LABEL } from '../helpers';
import { finding, Finding, Rule } from '../rule';

export const endpointSliceMissingServiceName: Rule = {
  id: 'endpointslice-missing-service-name',
  level: 'error',
  description: 'EndpointSlice without the kubernetes.io/service-name label',
  explanation: 'kube-proxy and CoreDNS attach a slice to a Service only by its kubernetes.io/service-name label; an unlabelled slice is ignored (pkg/proxy/endpointslicecache.go endpointSliceCacheKeys; CoreDNS object/endpoint.go).',
  fix: 'Add the label kubernetes.io/service-name: <service name> to the slice.',
  check(ctx) {
    const out: Finding[] = [];
    for (const o of ctx.handWrittenSlices()) {
      if (labelOf(o, SERVICE_NAME_LABEL) !== undefined) continue;
      const name = nameOf(o) ?? '';
      const guess = ctx.model.servicesIn(o.namespace).filter((s) => name === s.name || name.startsWith(`${s.name}-`)).map((s) => s.name).sort((a, b) => b.length - a.length)[0];
      out.push(finding(this, resourceId(o),
        `EndpointSlice "${name}" has no kubernetes.io/service-name label, so kube-proxy and cluster DNS ignore it (a slice's name does not link it to a Service). Fix: add the label kubernetes.io/service-name: ${guess ?? '<service name>'}.`));
    }
    return out;
  },
};
