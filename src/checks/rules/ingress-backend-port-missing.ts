/**
 * ingress-backend-port-missing (error): an Ingress backend whose port (number or name) its Service does not declare,
 * or that sets no port. The controller finds no Service port to send to (ingress-nginx answers 503); kube-score
 * "Ingress targets Service" checks the port too. A backend into an ExternalName Service or a Service without ports is
 * not judged (controllers use the backend's port as given), nor one without a port or with a port the API server
 * rejects (0, 70000, `Http`): ingress-invalid reports those, in the API server's words.
 */
import { resourceId } from '../helpers';
import { declaredPortsText, groupRefs, portText, refText, ServicePortLookup } from '../lib/entry-backends';
import { finding, Finding, Rule } from '../rule';
import { isBackendPort } from '../validation/ingress';

export const ingressBackendPortMissing: Rule = {
  id: 'ingress-backend-port-missing',
  level: 'error',
  description: 'Ingress backend port is not a port of its Service',
  explanation: 'An Ingress backend names a Service port, by number (`service.port.number`) or by name (`service.port.name`; `servicePort` in the removed versions), never a container port: the controller looks it up among the Service\'s `spec.ports` and has no endpoints when it is not there (ingress-nginx answers 503; kube-score "Ingress targets Service"). A backend into an ExternalName Service, or a Service without ports, is not judged; nor is a backend without a port or with one the API server rejects (a number outside 1-65535, a name that is no IANA port name): `ingress-invalid` reports those ("port name or number is required", pkg/apis/networking/validation validateIngressBackend).',
  fix: 'Use the number or the name of one of the Service\'s ports (the Service port, not its targetPort), or add the port to the Service.',
  check(ctx) {
    const out: Finding[] = [];
    const ports = new ServicePortLookup();
    // a backend without a port, or with one the API server rejects: ingress-invalid's
    const refs = ctx.entryBackends.filter((r) => r.fromKind === 'Ingress' && isBackendPort(r.port));
    for (const group of groupRefs(refs, (r) => `${r.service}\u0000${r.port}`)) {
      const { service, namespace, port } = group[0];
      if (port === undefined) continue; // (isBackendPort)
      const svc = ctx.model.service(namespace, service);
      if (!svc || svc.type === 'ExternalName' || svc.ports.length === 0) continue;
      if (ports.declares(svc, port)) continue;
      const target = typeof port === 'number' ? ports.withTargetPort(svc, port) : undefined;
      const hint = target ? ` ${port} is the targetPort of its port ${target.port}; an Ingress names the Service port.` : '';
      out.push(finding(this, resourceId(group[0].from),
        `${refText(group)} names ${portText(port)} of Service "${service}", which declares no such port (${declaredPortsText(svc.ports)}), so the ingress controller has no endpoints for it (ingress-nginx answers 503).${hint} Fix: use one of the Service's ports, or add ${portText(port)} to Service "${service}".`));
    }
    return out;
  },
};
