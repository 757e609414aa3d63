/**
 * ingress-backend-port-missing (error): an Ingress backend whose port (number or name) its Service does not declare,
 * or that sets no port. The controller finds no Service port to send to (ingress-nginx answers 503); kube-score
 * "Ingress targets Service" checks the port too. A backend into an ExternalName Service or a Service without ports is
 * not judged (controllers use the backend's port as given), nor one without a port or with a port the API server
 * rejects (0, 70000, `Http`): ingress-invalid reports those, in the API server's words. A port that is the targetPort
 * of a Service port is served by ingress-nginx, which matches targetPorts too: no finding when the input's IngressClass
 * says the Ingress is ingress-nginx's (`k8s.io/ingress-nginx`, or a custom `k8s.io/...ingress-nginx...` value), an error
 * when it names, or the Ingress's class name is the default of, a controller that does not take that targetPort
 * (lib/ingress-controllers.ts; Kong takes a named one), a warning when the input does not say which controller serves it (no
 * IngressClass, the class name `nginx` of both NGINX controllers) or names one the checker does not know.
 */
import { asBoolean, asRecord } from '../../model/manifest';
import type { NamespacedObject } from '../../model/pods';
import { resourceId } from '../helpers';
import { declaredPortsText, groupRefs, portText, refText, ServicePortLookup } from '../lib/entry-backends';
import { IngressControllers, NGINX_INC, notTakingTargetPort, takesTargetPort } from '../lib/ingress-controllers';
import { finding, Finding, Rule } from '../rule';
import { isBackendPort } from '../validation/ingress';

/** ingress-nginx's annotation that sends an Ingress's traffic to the Service's cluster IP and port instead of its pods. */
const SERVICE_UPSTREAM = 'nginx.ingress.kubernetes.io/service-upstream';

/**
 * NGINX Inc's annotation that does the same: with it, createIngressEx (nginx/kubernetes-ingress internal/k8s
 * controller.go) sends to `<cluster IP>:<backend port number>` as written, a port name turned into its Service port's
 * number (it compares the annotation to "true").
 */
const USE_CLUSTER_IP = 'nginx.org/use-cluster-ip';

/** The Ingress's annotation `key`, read as a boolean. */
function annotation(ingress: NamespacedObject, key: string): boolean {
  return asBoolean(asRecord(asRecord(ingress.object?.metadata)?.annotations)?.[key]) === true;
}

/** `NGINX Inc's controller, Traefik and Contour`: the known controllers that do not take the targetPort `port`, for messages. */
function notTaking(port: number | string): string {
  const names = notTakingTargetPort(port).map((c) => c.name);
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

export const ingressBackendPortMissing: Rule = {
  id: 'ingress-backend-port-missing',
  level: 'error',
  description: 'Ingress backend port is not a port of its Service (a **warning** when it is a Service port\'s targetPort, which ingress-nginx serves, and the input does not say which controller serves the Ingress or names one the checker does not know, or when the input\'s IngressClass is NGINX Inc\'s, or the class name is `nginx` without its IngressClass, and NGINX Inc\'s controller takes any number for a Service port without a name unless the Ingress sets `nginx.org/use-cluster-ip`)',
  explanation: 'An Ingress backend names a Service port, by number (`service.port.number`) or by name (`service.port.name`; `servicePort` in the removed versions), never a container port: the controller looks it up among the Service\'s `spec.ports` and has no endpoints when it is not there (ingress-nginx answers 503; kube-score "Ingress targets Service"). A backend into an ExternalName Service, or a Service without ports, is not judged; nor is a backend without a port or with one the API server rejects (a number outside 1-65535, a name that is no IANA port name): `ingress-invalid` reports those ("port name or number is required", pkg/apis/networking/validation validateIngressBackend). ingress-nginx also takes a port that is a Service port\'s `targetPort` (a number, or the name of a named targetPort) for that Service port (internal/ingress/controller serviceEndpoints: the port\'s number, its targetPort or its name), so such a backend works there and fails with the controllers that look up the Service port\'s number or name only (NGINX Inc\'s getEndpointsForPort, Traefik, GKE, the AWS Load Balancer Controller, Contour, and Kong for a number: its findPort takes a name that is a Service port\'s named targetPort, as ingress-nginx does): it is not reported when the IngressClass that the Ingress names (`ingressClassName`, the `kubernetes.io/ingress.class` annotation, or the default IngressClass for an Ingress that names none) is in the input with controller `k8s.io/ingress-nginx` (or a custom value `k8s.io/<prefix>-ingress-nginx` or `k8s.io/ingress-nginx-<suffix>`, such as `k8s.io/internal-ingress-nginx`, as ingress-nginx\'s docs set for running several of its controllers), or the backend names a named targetPort and the controller is Kong\'s, it is an error when that IngressClass names one of those controllers (`nginx.org/ingress-controller`, `traefik.io/ingress-controller`, `ingress-controllers.konghq.com/kong`, `ingress.k8s.aws/alb`, EKS Auto Mode\'s `eks.amazonaws.com/alb`, `projectcontour.io/ingress-controller`) or, with no IngressClass of that name in the input, when the class name is one of those controllers\' defaults (`alb`, `traefik`, `kong`, `contour`; `gce` and `gce-internal` only as the annotation, since GKE\'s ingress-gce does not read `ingressClassName`), and a warning when the input does not say which controller serves the Ingress (no IngressClass, or the class name `nginx`, the default of both ingress-nginx and NGINX Inc\'s controller) or its IngressClass names a controller the checker does not know. With the `nginx.ingress.kubernetes.io/service-upstream: "true"` annotation, ingress-nginx sends a port number to the Service\'s cluster IP as it is (getServiceClusterEndpoint), where kube-proxy serves the Service ports only, so a targetPort number is an error there too. NGINX Inc\'s controller takes a port number for a Service port without a name whatever the number (getEndpointsForPortFromEndpointSlices compares the port names, both empty): when the Ingress\'s IngressClass in the input is NGINX Inc\'s (`nginx.org/ingress-controller`) and the Service has such a port, a number it does not declare is a warning, and so it is when the class name is `nginx` and the input holds no IngressClass of that name (NGINX Inc\'s controller, whose default class name it is too, would serve it); with its `nginx.org/use-cluster-ip: "true"` annotation, NGINX Inc\'s controller sends the number as written to the Service\'s cluster IP (createIngressEx), so it is an error as with service-upstream.',
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
      const controller = (controllers ??= new IngressControllers(ctx.model.objects)).controllerOf(group[0].from);
      const target = ports.withTargetPort(svc, port);
      const shown = typeof port === 'number' ? `${port}` : `"${port}"`;
      // NGINX Inc takes a port number for a Service port without a name, whatever the number (getEndpointsForPortFromEndpointSlices:
      // `port.Name == backendPort.Name`, both ""); its docs do not say so. With use-cluster-ip it sends the number as
      // written to the cluster IP (createIngressEx), where kube-proxy serves the Service's ports only.
      const unnamed = typeof port === 'number' ? svc.ports.find((p) => !p.name) : undefined;
      // the class name `nginx` without its IngressClass in the input: NGINX Inc's controller, whose default class name it
      // is too, would serve a number that is no targetPort as it does with its own IngressClass, ingress-nginx would not
      const eitherNginx = unnamed && !target && controller === undefined && controllers.namesEitherNginx(group[0].from);
      if (eitherNginx && !annotation(group[0].from, USE_CLUSTER_IP)) {
        out.push({
          ...finding(this, resourceId(group[0].from),
            `${refText(group)} names ${portText(port)} of Service "${service}", which declares no such port (${declaredPortsText(svc.ports)}); its class name "nginx" is the default of both ingress-nginx and NGINX Inc's controller and the input holds no IngressClass of that name: NGINX Inc's controller takes a port number for the Service's port without a name whatever the number and would serve port ${unnamed.port ?? '?'}, but ingress-nginx and the other controllers look the number up among the Service ports and have no endpoints for it. Fix: use port ${unnamed.port ?? '?'}, the Service port.`),
          level: 'warning',
        });
        continue;
      }
      if (unnamed && controller?.known === NGINX_INC) {
        const clusterIp = annotation(group[0].from, USE_CLUSTER_IP);
        const others = target ? `as ingress-nginx would (${shown} is that port's targetPort), but the controllers that look up the Service port's number or name only do not`
          : 'but the controllers that look the number up among the Service ports do not';
        const text = `${refText(group)} names ${portText(port)} of Service "${service}", which declares no such port (${declaredPortsText(svc.ports)}); its controller, NGINX Inc's (${controller.source}), `
          + (clusterIp ? `with the ${USE_CLUSTER_IP} annotation, sends it to port ${shown} of the Service's cluster IP as written, where kube-proxy serves the Service's ports only, so it has no endpoints.`
            : `takes a port number for the Service's port without a name whatever the number and serves port ${unnamed.port ?? '?'}, ${others}.`)
          + ` Fix: use port ${unnamed.port ?? '?'}, the Service port.`;
        out.push(clusterIp ? finding(this, resourceId(group[0].from), text) : { ...finding(this, resourceId(group[0].from), text), level: 'warning' });
        continue;
      }
      if (!target) {
        out.push(finding(this, resourceId(group[0].from),
          `${refText(group)} names ${portText(port)} of Service "${service}", which declares no such port (${declaredPortsText(svc.ports)}), so the ingress controller has no endpoints for it (ingress-nginx answers 503). Fix: use one of the Service's ports, or add ${portText(port)} to Service "${service}".`));
        continue;
      }
      // ingress-nginx matches a Service port's targetPort too (serviceEndpoints); the others look up number and name
      // only, and so does ingress-nginx for a number with service-upstream, which it sends to the cluster IP and that port
      const nginxServes = typeof port !== 'number' || !annotation(group[0].from, SERVICE_UPSTREAM);
      if (controller?.known && takesTargetPort(controller.known, port) && nginxServes) continue;
      const servicePort = target.name ? `port ${target.port} "${target.name}"` : `port ${target.port}`;
      if (controller?.known !== undefined || !nginxServes) {
        const who = controller === undefined ? 'the ingress controller' : `its controller (${controller.known ? `${controller.known.name}, ` : ''}${controller.source})`;
        out.push(finding(this, resourceId(group[0].from),
          `${refText(group)} names ${portText(port)} of Service "${service}", which declares no such port (${declaredPortsText(svc.ports)}), so ${who} has no endpoints for it${nginxServes ? '' : ' (ingress-nginx, with the service-upstream annotation, sends it to that port of the cluster IP, where nothing listens)'}. ${shown} is the targetPort of its port ${target.port}; an Ingress names the Service port. Fix: use one of the Service's ports, or add ${portText(port)} to Service "${service}".`));
        continue;
      }
      // no controller the input names, `nginx` (ingress-nginx's and NGINX Inc's default class name), or one unknown
      const unknown = controller === undefined ? 'the input holds no IngressClass that says which controller serves the Ingress'
        : `its controller (${controller.source}) is none the checker knows`;
      out.push({
        ...finding(this, resourceId(group[0].from),
          `${refText(group)} names ${portText(port)} of Service "${service}", which declares no such port (${declaredPortsText(svc.ports)}); ${shown} is the targetPort of its ${servicePort}, which ingress-nginx also matches (it serves the backend)${typeof port === 'string' ? ', and so does Kong for a name' : ''}, but ${notTaking(port)} look up the Service port's number or name only and have no endpoints for it; ${unknown}. Fix: name the Service port instead (${target.port}${target.name ? ` or "${target.name}"` : ''}), which every controller reads.`),
        level: 'warning',
      });
    }
    return out;
  },
};
