/**
 * route-backend-port-missing (error): a Gateway API route backendRef to a Service that sets no `port` (the API server
 * rejects the route: the Gateway API requires one for Service backends), or a port the Service does not declare. An
 * OpenShift Route whose `spec.port.targetPort` matches no port of a backend's endpoints (a name that is no Service
 * port's name, a number the pods do not listen on): the router has no endpoints for it. A Traefik IngressRoute, Contour
 * HTTPProxy, NGINX VirtualServer or Emissary Mapping service port that the Service does not declare (and a Traefik
 * service without a port).
 */
import { isControllerRoute, TRAEFIK_KINDS } from '../../model/controller-routes';
import { isGatewayRoute, OPENSHIFT_ROUTE } from '../../model/entry-points';
import { resourceId } from '../helpers';
import { controllerText } from '../lib/controller-routes-text';
import { declaredPortsText, groupRefs, portText, refText, ServicePortLookup } from '../lib/entry-backends';
import { isUnfilled } from '../lib/placeholders';
import { routeTargetPortFindings } from '../lib/route-target-ports';
import { finding, Finding, Rule } from '../rule';

export const routeBackendPortMissing: Rule = {
  id: 'route-backend-port-missing',
  level: 'error',
  description: 'Gateway API route backendRef to a Service without a port, or with a port the Service does not declare (so too a Traefik IngressRoute or TraefikService, Contour HTTPProxy, NGINX VirtualServer or Emissary Mapping service); OpenShift Route targetPort that no port of its Services\' endpoints has (a **warning** when another backend of the Route has it)',
  explanation: 'A backendRef to a Service must set `port`, the Service port (not the container port): the route CRDs reject one without it ("Must have port for Service reference", the x-kubernetes-validations of BackendObjectReference). A port the Service does not declare has no endpoints, so the implementation fails its share of traffic (Gateway API BackendObjectReference docs). A port written as text is rejected too, the CRD\'s `port` being an integer ("port in body must be of type integer"), unless it is a `${VAR}` placeholder that Flux post-build substitution or envsubst fills in, or a `{{ }}` template expression: those are not judged. A backendRef into an ExternalName Service, or a Service without ports, is not judged for the port number. An OpenShift Route\'s `spec.port.targetPort` names no Service port but the port of the endpoints: the router keeps the endpoints whose port name (the Service port\'s name) or port number (the Service port\'s targetPort, the port the pods listen on) is the targetPort, and answers 503 when none is left (OpenShift API docs, RoutePort: "The target port on pods selected by the service this route points to. If this is a string, it will be looked up as a named port in the target endpoints port list"; openshift/router endpointsForAlias). So a Route\'s targetPort 80 to a Service whose port 80 forwards to 8080 has no endpoints. Services without a selector, and numbers behind a named targetPort that no selected template declares, are not judged; neither is a Route without a targetPort (every endpoint port), nor one whose targetPort is a `${VAR}` placeholder or a `{{ }}` template expression. The ingress controllers\' route kinds name the Service port too: a Traefik service\'s `port` (of an IngressRoute, or of a TraefikService\'s weighted and mirrored services) is a Service port\'s number or name, required ("ingressRoute service port not defined", "service port not found": traefik pkg/provider/kubernetes/crd getServicePort; a quoted number, which Traefik reads as a name, is not judged, nor is a `${VAR}` placeholder that Flux post-build substitution or envsubst fills in, or a `{{ }}` template expression); a Contour HTTPProxy service\'s `port` a Service port number ("port ... on service ... not matched", ServiceUnresolvedReference, 503); an NGINX VirtualServer upstream\'s `port` ("if the service doesn\'t define that port, NGINX will assume the service has zero endpoints and return a 502 response", VirtualServer docs); an Emissary Mapping\'s `service` `:port`, the port of the Service\'s cluster IP (a Mapping without one uses Emissary\'s default, 80 or 443, which is not judged; the name of a headless Service answers its pods\' addresses, so the port is the pods\' and is not judged).',
  fix: 'Set `port` to one of the Service\'s ports (its `port`, not its `targetPort`), or add the port to the Service. For an OpenShift Route, set `spec.port.targetPort` to the name of a Service port or the number its pods listen on (the Service port\'s `targetPort`).',
  check(ctx) {
    const out: Finding[] = [];
    const ports = new ServicePortLookup();
    const refs = ctx.entryBackends.filter((r) => isGatewayRoute(r.fromKind));
    for (const group of groupRefs(refs, (r) => `${r.namespace}\u0000${r.service}\u0000${r.port ?? ''}`)) {
      const { service, namespace, port } = group[0];
      if (port === undefined) {
        out.push(finding(this, resourceId(group[0].from),
          `${refText(group)} names Service "${service}" without a port, and the API server rejects the route ("Must have port for Service reference"). Fix: set port to a port of Service "${service}".`));
        continue;
      }
      if (typeof port === 'string') {
        // `${APP_PORT}` (Flux post-build substitution, envsubst) or `{{ .Values.port }}` is a number once filled in
        if (isUnfilled(port)) continue;
        // a quoted number is fixed by removing the quotes; a port name by the number of the Service port of that name
        const svc = /^[0-9]+$/.test(port) ? undefined : ctx.model.service(namespace, service);
        const named = svc?.ports.find((p) => p.name === port);
        const fix = /^[0-9]+$/.test(port) ? `write the port of Service "${service}" as a number, without quotes`
          : named?.port !== undefined ? `use ${named.port}, the number of Service "${service}"'s port "${port}" (a backendRef names a Service port by number only)`
            : `use the number of one of Service "${service}"'s ports (a backendRef names a Service port by number only)`;
        out.push(finding(this, resourceId(group[0].from),
          `${refText(group)} names Service "${service}" with port "${port}", text where the CRD requires an integer, and the API server rejects the route ("port in body must be of type integer"). Fix: ${fix}.`));
        continue;
      }
      const svc = ctx.model.service(namespace, service);
      if (!svc || svc.type === 'ExternalName' || svc.ports.length === 0 || ports.declares(svc, port)) continue;
      const target = typeof port === 'number' ? ports.withTargetPort(svc, port) : undefined;
      const hint = target ? ` ${port} is the targetPort of its port ${target.port}; a backendRef names the Service port.` : '';
      out.push(finding(this, resourceId(group[0].from),
        `${refText(group)} names port ${port} of Service "${service}" in namespace "${namespace}", which declares no such port (${declaredPortsText(svc.ports)}), so the route's traffic to it has no endpoints.${hint} Fix: set port to one of the Service's ports, or add port ${port} to Service "${service}".`));
    }
    for (const group of groupRefs(ctx.entryBackends.filter((r) => isControllerRoute(r.fromKind)), (r) => `${r.namespace}\u0000${r.service}\u0000${r.port ?? ''}`)) {
      const { service, namespace, port, fromKind } = group[0];
      const fails = controllerText(fromKind)!.fails(group[0]);
      if (port === undefined) {
        // Traefik requires the port (getServicePort: "ingressRoute service port not defined"); the others' are not read without one
        if (TRAEFIK_KINDS.includes(fromKind)) {
          out.push(finding(this, resourceId(group[0].from),
            `${refText(group)} names Service "${service}" without a port, and Traefik needs one ("service port not defined"), so ${fails}. Fix: set port to the number or name of a port of Service "${service}".`));
        }
        continue;
      }
      // a Traefik port `${APP_PORT}` (Flux post-build substitution, envsubst) or `{{ .Values.port }}` has no value yet
      if (typeof port === 'string' && isUnfilled(port)) continue;
      const svc = ctx.model.service(namespace, service);
      if (!svc || svc.type === 'ExternalName' || svc.ports.length === 0 || ports.declares(svc, port)) continue;
      // Emissary reaches a Mapping's service by DNS: a headless Service's name answers the pods, so the port is theirs
      if (fromKind === 'Mapping' && svc.headless) continue;
      const target = typeof port === 'number' ? ports.withTargetPort(svc, port) : undefined;
      const hint = target ? ` ${port} is the targetPort of its port ${target.port}; the ${fromKind} names the Service port.` : '';
      out.push(finding(this, resourceId(group[0].from),
        `${refText(group)} names ${portText(port)} of Service "${service}" in namespace "${namespace}", which declares no such port (${declaredPortsText(svc.ports)}), so ${fails}.${hint} Fix: set the port to one of the Service's ports, or add ${portText(port)} to Service "${service}".`));
    }
    for (const f of routeTargetPortFindings(ctx, ctx.entryBackends.filter((r) => r.fromKind === OPENSHIFT_ROUTE))) {
      out.push({ ...finding(this, f.resource, f.message), level: f.level });
    }
    return out;
  },
};
