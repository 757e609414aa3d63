/**
 * endpointslice-missing-service-name (error): an EndpointSlice without the `kubernetes.io/service-name` label.
 * A slice belongs to a Service only through that label, never through its name; kube-proxy logs
 * "no kubernetes.io/service-name label set on endpoint slice" and ignores it, and CoreDNS too (dns-rules 7,
 * k8s-validation rule 57). A Multi-Cluster Services slice (`multicluster.kubernetes.io/service-name`, KEP-1645) has no
 * such label on purpose: it belongs to a ServiceImport, which the MCS implementation serves, and is not reported.
 */
import { MCS_SERVICE_NAME_LABEL, SERVICE_NAME_LABEL } from '../../k8s-syntax/well-known';
import { labelOf, nameOf, resourceId } from '../helpers';
import { finding, Finding, Rule } from '../rule';

export const endpointSliceMissingServiceName: Rule = {
  id: 'endpointslice-missing-service-name',
  level: 'error',
  description: 'EndpointSlice without the kubernetes.io/service-name label',
  explanation: 'kube-proxy and CoreDNS attach a slice to a Service only by its kubernetes.io/service-name label; an unlabelled slice is ignored (pkg/proxy/endpointslicecache.go endpointSliceCacheKeys; CoreDNS object/endpoint.go). Multi-Cluster Services slices, labelled multicluster.kubernetes.io/service-name for their ServiceImport (KEP-1645), are not reported.',
  fix: 'Add the label kubernetes.io/service-name: <service name> to the slice.',
  check(ctx) {
    const out: Finding[] = [];
    for (const o of ctx.handWrittenSlices()) {
      if (labelOf(o, SERVICE_NAME_LABEL) !== undefined || labelOf(o, MCS_SERVICE_NAME_LABEL) !== undefined) continue;
      const name = nameOf(o) ?? '';
      const guess = ctx.model.servicesIn(o.namespace).filter((s) => name === s.name || name.startsWith(`${s.name}-`)).map((s) => s.name).sort((a, b) => b.length - a.length)[0];
      out.push(finding(this, resourceId(o),
        `EndpointSlice "${name}" has no kubernetes.io/service-name label, so kube-proxy and cluster DNS ignore it (a slice's name does not link it to a Service). Fix: add the label kubernetes.io/service-name: ${guess ?? '<service name>'}.`));
    }
    return out;
  },
};
