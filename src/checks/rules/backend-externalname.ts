/**
 * backend-externalname (warning): an Ingress backend or a route backendRef whose Service is an ExternalName. Traffic
 * leaves through DNS for whatever the name points at, and several controllers refuse such backends unless told to.
 */
import { resourceId } from '../helpers';
import { groupRefs, refText } from '../lib/entry-backends';
import { finding, Finding, Rule } from '../rule';

export const backendExternalName: Rule = {
  id: 'backend-externalname',
  level: 'warning',
  description: 'Ingress backend or route backendRef is an ExternalName Service',
  explanation: 'An ExternalName Service has no endpoints, only a DNS name: a controller that accepts it sends the traffic to whatever that name resolves to, possibly outside the cluster, and several refuse it unless enabled (Traefik `allowExternalNameServices`, Contour\'s `enableExternalNameService`, GKE Ingress; the Gateway API leaves ExternalName backends to the implementation and warns of their security implications, GEP-1282 and the BackendObjectReference docs; CVE-2021-25740 for the cross-namespace risk).',
  fix: 'Point the backend at a Service with a selector or EndpointSlices; if the ExternalName backend is deliberate and the controller allows it, mark the object with the ignore annotation for this rule.',
  check(ctx) {
    const out: Finding[] = [];
    for (const group of groupRefs(ctx.entryBackends, (r) => `${r.namespace}\u0000${r.service}`)) {
      const { service, namespace } = group[0];
      const svc = ctx.model.service(namespace, service);
      if (svc?.type !== 'ExternalName') continue;
      out.push(finding(this, resourceId(group[0].from),
        `${refText(group)} names Service "${service}" of namespace "${namespace}", an ExternalName for "${svc.externalName ?? ''}", so traffic goes wherever that DNS name points, and several controllers refuse such backends unless enabled. Fix: point the backend at a Service with a selector or EndpointSlices, or, if it is deliberate and the controller allows it, add "backend-externalname" to the object's checks.cdk8s-service-discovery.io/ignore annotation.`));
    }
    return out;
  },
};
