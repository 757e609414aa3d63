/**
 * endpointslice-mixed-with-controller (warning): a hand-written EndpointSlice for a Service that has a selector.
 * kube-proxy merges it with the controller's slices, so part of the traffic leaves the selected pods
 * (k8s-validation rule 49, inferred from pkg/proxy/endpointslicecache.go).
 */
import { SERVICE_NAME_LABEL } from '../../k8s-syntax/well-known';
import { labelOf, nameOf, resourceId, selectorText } from '../helpers';
import { finding, Finding, Rule } from '../rule';

export const endpointSliceMixedWithController: Rule = {
  id: 'endpointslice-mixed-with-controller',
  level: 'warning',
  description: 'Hand-written EndpointSlice for a Service that has a selector',
  explanation: 'The EndpointSlice controller makes slices from the selected pods; kube-proxy and CoreDNS use the union with any other slice labelled for the Service, so traffic leaks to the extra addresses (k8s-validation rule 49).',
  fix: 'Remove the selector (selectorless Service with your slices), or delete the hand-written slice.',
  check(ctx) {
    const out: Finding[] = [];
    for (const o of ctx.handWrittenSlices()) {
      const svcName = labelOf(o, SERVICE_NAME_LABEL);
      const svc = svcName ? ctx.model.service(o.namespace, svcName) : undefined;
      if (!svc || !svc.selector || svc.type === 'ExternalName') continue;
      out.push(finding(this, resourceId(o),
        `EndpointSlice "${nameOf(o) ?? ''}" is written by hand for Service "${svc.name}", which has selector ${selectorText(svc.selector)}; its addresses are added to the selected pods and receive part of the traffic. Fix: remove the Service's selector, or delete this slice.`));
    }
    return out;
  },
};
