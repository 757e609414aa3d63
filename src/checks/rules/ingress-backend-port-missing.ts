/**
 * ingress-backend-port-missing (error): an Ingress backend whose port (number or name) its Service does not declare,
 * or that sets no port. The controller finds no Service port to send to (ingress-nginx answers 503); kube-score
 * "Ingress targets Service" checks the port too. A backend into an ExternalName Service or a Service without ports is
 * not judged (controllers use the backend's port as given), nor one without a port or with a port the API server
 * rejects (0, 70000, `Http`): ingress-invalid reports those, in the API server's words. A port that is the targetPort
 * of a Service port is served by ingress-nginx, which matches targetPorts too: no finding when the input's IngressClass
 * says the Ingress is ingress-nginx's, a warning when the input does not say which controller serves it.
 */
import { asBoolean, asRecord } from '../../model/manifest';
import type { NamespacedObject } from '../../model/pods';
import { resourceId } from '../helpers';
import { declaredPortsText, groupRefs, portText, refText, ServicePortLookup } from '../lib/entry-backends';
import { INGRESS_NGINX_CONTROLLER, IngressControllers, NGINX_INC_CONTROLLER } from '../lib/ingress-controllers';
import { finding, Finding, Rule } from '../rule';
import { isBackendPort } from '../validation/ingress';

/** ingress-nginx's annotation that sends an Ingress's traffic to the Service's cluster IP and port instead of its pods. */
const SERVICE_UPSTREAM = 'nginx.ingress.kubernetes.io/service-upstream';

/** Whether the Ingress sets ingress-nginx's service-upstream annotation to "true" (getServiceClusterEndpoint). */
function usesServiceUpstream(ingress: NamespacedObject): boolean {
  return asBoolean(asRecord(asRecord(ingress.object?.metadata)?.annotations)?.[SERVICE_UPSTREAM]) === true;
}

/** The controllers that look up an Ingress backend's port among the Service ports' numbers and names only. */
const PORT_ONLY_CONTROLLERS = 'NGINX Inc\'s controller, Traefik, Kong, GKE, the AWS Load Balancer Controller and Contour';

export const ingressBackendPortMissing: Rule = {
  id: 'ingress-backend-port-missing',
  level: 'error',
  description: 'Ingress backend port is not a port of its Service (a **warning** when it is a Service port\'s targetPort, which ingress-nginx serves, and the input does not say which controller serves the Ingress, or when the input\'s IngressClass is NGINX Inc\'s, which takes any number for a Service port without a name)',
  explanation: 'An Ingress backend names a Service port, by number (`service.port.number`) or by name (`service.port.name`; `servicePort` in the removed versions), never a container port: the controller looks it up among the Service\'s `spec.ports` and has no endpoints when it is not there (ingress-nginx answers 503; kube-score "Ingress targets Service"). A backend into an ExternalName Service, or a Service without ports, is not judged; nor is a backend without a port or with one the API server rejects (a number outside 1-65535, a name that is no IANA port name): `ingress-invalid` reports those ("port name or number is required", pkg/apis/networking/validation validateIngressBackend). ingress-nginx also takes a port that is a Service port\'s `targetPort` (a number, or the name of a named targetPort) for that Service port (internal/ingress/controller serviceEndpoints: the port\'s number, its targetPort or its name), so such a backend works there and fails with the controllers that look up the Service port\'s number or name only (NGINX Inc\'s getEndpointsForPort, Traefik, Kong, GKE, the AWS Load Balancer Controller, Contour): it is not reported when the IngressClass that the Ingress names (`ingressClassName`, the `kubernetes.io/ingress.class` annotation, or the default IngressClass for an Ingress that names none) is in the input with controller `k8s.io/ingress-nginx`, it is an error when that IngressClass names another controller, and a warning when the input holds no such IngressClass. With the `nginx.ingress.kubernetes.io/service-upstream: "true"` annotation, ingress-nginx sends a port number to the Service\'s cluster IP as it is (getServiceClusterEndpoint), where kube-proxy serves the Service ports only, so a targetPort number is an error there too. NGINX Inc\'s controller takes a port number for a Service port without a name whatever the number (getEndpointsForPortFromEndpointSlices compares the port names, both empty): when the Ingress\'s IngressClass in the input is NGINX Inc\'s (`nginx.org/ingress-controller`) and the Service has such a port, a number it does not declare is a warning.',
  fix: 'Use the number or the name of one of the Service\'s ports (the Service port, not its targetPort), or add the port to the Service.',
  check(ctx) {
    const out: Finding[] = [];
    const ports = new ServicePortLookup();
    let controllers: IngressControllers | undefined; // read when a backend names a targetPort
    // a backend without a port, or with one the API server rejects: ingress-invalid's
    const refs = ctx.entryBackends.filter((r) => r.fromKind === 'Ingress' && isBackendPort(r.port));
    for (const group of groupRefs(refs, (r) => `${r.service}\u0000${r.port}`)) {
      const { service, namespace, port } = group[0];
      if (port === undefined) continue; // (isBackendPort)
      const svc = ctx.model.service(namespace, service);
      if (!svc || svc.type === 'ExternalName' || svc.ports.length === 0) continue;
      if (ports.declares(svc, port)) continue;
      const controllerOf = () => (controllers ??= new IngressControllers(ctx.model.objects)).controllerOf(group[0].from);
      // NGINX Inc takes a port number for a Service port without a name, whatever the number (getEndpointsForPortFromEndpointSlices:
      // `port.Name == backendPort.Name`, both ""); its docs do not say so, and no other controller does
      const unnamed = typeof port === 'number' ? svc.ports.find((p) => !p.name) : undefined;
      if (unnamed && controllerOf() === NGINX_INC_CONTROLLER) {
        out.push({
          ...finding(this, resourceId(group[0].from),
            `${refText(group)} names ${portText(port)} of Service "${service}", which declares no such port (${declaredPortsText(svc.ports)}); its IngressClass's controller, NGINX Inc's (${NGINX_INC_CONTROLLER}), takes a port number for the Service's port without a name whatever the number and serves port ${unnamed.port ?? '?'}, but no other controller does. Fix: use port ${unnamed.port ?? '?'}, the Service port.`),
          level: 'warning',
        });
        continue;
      }
      const target = ports.withTargetPort(svc, port);
      const shown = typeof port === 'number' ? `${port}` : `"${port}"`;
      const effect = 'so the ingress controller has no endpoints for it (ingress-nginx answers 503).';
      if (!target) {
        out.push(finding(this, resourceId(group[0].from),
          `${refText(group)} names ${portText(port)} of Service "${service}", which declares no such port (${declaredPortsText(svc.ports)}), ${effect} Fix: use one of the Service's ports, or add ${portText(port)} to Service "${service}".`));
        continue;
      }
      // ingress-nginx matches a Service port's targetPort too (serviceEndpoints); the others look up number and name
      // only, and so does ingress-nginx for a number with service-upstream, which it sends to the cluster IP and that port
      const controller = controllerOf();
      const nginxServes = typeof port !== 'number' || !usesServiceUpstream(group[0].from);
      if (controller === INGRESS_NGINX_CONTROLLER && nginxServes) continue;
      const servicePort = target.name ? `port ${target.port} "${target.name}"` : `port ${target.port}`;
      if (controller !== undefined || !nginxServes) {
        out.push(finding(this, resourceId(group[0].from),
          `${refText(group)} names ${portText(port)} of Service "${service}", which declares no such port (${declaredPortsText(svc.ports)}), so ${controller !== undefined ? `its controller (${controller}, after its IngressClass)` : 'the ingress controller'} has no endpoints for it${nginxServes ? '' : ' (ingress-nginx, with the service-upstream annotation, sends it to that port of the cluster IP, where nothing listens)'}. ${shown} is the targetPort of its port ${target.port}; an Ingress names the Service port. Fix: use one of the Service's ports, or add ${portText(port)} to Service "${service}".`));
        continue;
      }
      out.push({
        ...finding(this, resourceId(group[0].from),
          `${refText(group)} names ${portText(port)} of Service "${service}", which declares no such port (${declaredPortsText(svc.ports)}); ${shown} is the targetPort of its ${servicePort}, which ingress-nginx also matches (it serves the backend), but ${PORT_ONLY_CONTROLLERS} look up the Service port's number or name only and have no endpoints for it; the input holds no IngressClass that says which controller serves the Ingress. Fix: name the Service port instead (${target.port}${target.name ? ` or "${target.name}"` : ''}), which every controller reads.`),
        level: 'warning',
      });
    }
    return out;
  },
};
