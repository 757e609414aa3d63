/**
 * endpoints-overwritten (error): hand-written Endpoints for a Service that has a selector. The Endpoints controller
 * owns Endpoints of selector Services and replaces their content with the selected pods; the mirroring controller
 * does not mirror them (k8s-validation rule 44d; anchors E.4). Endpoints of a live export that the controller wrote
 * (owner, `last-change-trigger-time` annotation, or every address a Pod) are its output, not hand-written. Endpoints
 * without any address (no `subsets`, as the controller writes them for a Service whose pods are not ready, and as a
 * dump of it reads) lose nothing when the controller fills them in, so they are not reported.
 */
import { controllerMadeEndpoints, endpointsListAddresses, nameOf, resourceId, selectorText } from '../helpers';
import { finding, Finding, Rule } from '../rule';

export const endpointsOverwritten: Rule = {
  id: 'endpoints-overwritten',
  level: 'error',
  description: 'Manual Endpoints for a Service that has a selector',
  explanation: 'For a Service with a selector, the Endpoints controller rewrites the same-named Endpoints from the selected pods, and EndpointSliceMirroring ignores them, so the hand-written addresses never receive traffic (pkg/controller/endpoint/endpoints_controller.go syncService; endpointslicemirroring shouldMirror).',
  fix: 'Remove the selector from the Service (to use the manual addresses) or delete the Endpoints (to use the pods).',
  check(ctx) {
    const out: Finding[] = [];
    for (const o of ctx.endpointsObjects()) {
      const name = nameOf(o);
      const svc = name ? ctx.model.service(o.namespace, name) : undefined;
      // the Service first: a look-up, while telling controller output apart reads every address
      if (!svc || !svc.selector || svc.type === 'ExternalName' || !endpointsListAddresses(o.object) || controllerMadeEndpoints(o)) continue;
      out.push(finding(this, resourceId(o),
        `Endpoints "${name}" is written by hand, but Service "${name}" has selector ${selectorText(svc.selector)}, so the Endpoints controller overwrites these addresses with the selected pods. Fix: remove the Service's selector to use these addresses, or delete the Endpoints.`));
    }
    return out;
  },
};
