/**
 * route-backend-port-missing (error): a Gateway API route backendRef to a Service that sets no `port` (the API server
 * rejects the route: the Gateway API requires one for Service backends), or a port the Service does not declare.
 */
import { resourceId } from '../helpers';
import { declaredPortsText, groupRefs, refText, ServicePortLookup } from '../lib/entry-backends';
import { finding, Finding, Rule } from '../rule';

export const routeBackendPortMissing: Rule = {
  id: 'route-backend-port-missing',
  level: 'error',
  description: 'Gateway API route backendRef to a Service without a port, or with a port the Service does not declare',
  explanation: 'A backendRef to a Service must set `port`, the Service port (not the container port): the route CRDs reject one without it ("Must have port for Service reference", the x-kubernetes-validations of BackendObjectReference). A port the Service does not declare has no endpoints, so the implementation fails its share of traffic (Gateway API BackendObjectReference docs). A backendRef into an ExternalName Service, or a Service without ports, is not judged for the port number.',
  fix: 'Set `port` to one of the Service\'s ports (its `port`, not its `targetPort`), or add the port to the Service.',
  check(ctx) {
    const out: Finding[] = [];
    const ports = new ServicePortLookup();
    const refs = ctx.entryBackends.filter((r) => r.fromKind !== 'Ingress');
    for (const group of groupRefs(refs, (r) => `${r.namespace}\u0000${r.service}\u0000${r.port ?? ''}`)) {
      const { service, namespace, port } = group[0];
      if (port === undefined) {
        out.push(finding(this, resourceId(group[0].from),
          `${refText(group)} names Service "${service}" without a port, and the API server rejects the route ("Must have port for Service reference"). Fix: set port to a port of Service "${service}".`));
        continue;
      }
      const svc = ctx.model.service(namespace, service);
      if (!svc || svc.type === 'ExternalName' || svc.ports.length === 0 || ports.declares(svc, port)) continue;
      const target = typeof port === 'number' ? ports.withTargetPort(svc, port) : undefined;
      const hint = target ? ` ${port} is the targetPort of its port ${target.port}; a backendRef names the Service port.` : '';
      out.push(finding(this, resourceId(group[0].from),
        `${refText(group)} names port ${port} of Service "${service}" in namespace "${namespace}", which declares no such port (${declaredPortsText(svc.ports)}), so the route's traffic to it has no endpoints.${hint} Fix: set port to one of the Service's ports, or add port ${port} to Service "${service}".`));
    }
    return out;
  },
};
