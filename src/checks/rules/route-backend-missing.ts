/**
 * route-backend-missing (error): a Gateway API route backendRef (HTTPRoute, GRPCRoute, TLSRoute, TCPRoute, UDPRoute;
 * of kind Service, the default) that names no Service in its namespace. The route's status says ResolvedRefs False
 * (BackendNotFound) and the requests it would carry fail. An OpenShift Route backend (`spec.to`, `spec.alternateBackends`)
 * that names no Service of the Route's namespace: the router has no endpoints for it (503 when no backend of the Route
 * exists; a warning when another does, which then takes the traffic). The Services of Traefik IngressRoutes, Contour
 * HTTPProxies, NGINX VirtualServers and Emissary Mappings (model/controller-routes.ts) too. Namespaces where the input holds no Service and
 * no workload are judged with `--complete` only (CheckContext.judgesBackendsIn).
 */
import { BackendRef, OPENSHIFT_ROUTE } from '../../model/entry-points';
import type { NamespacedObject } from '../../model/pods';
import type { CheckContext } from '../context/check-context';
import { resourceId } from '../helpers';
import { noneMakesText, releasesText, renderFix } from '../lib/chart-releases-text';
import { controllerElsewhereText, controllerText } from '../lib/controller-routes-text';
import { namespacesText, refText } from '../lib/entry-backends';
import { renamedFinding } from '../lib/kustomize-renames';
import { missingServices, serviceMissing } from '../lib/missing-services';
import { finding, Finding, Rule } from '../rule';

export const routeBackendMissing: Rule = {
  id: 'route-backend-missing',
  level: 'error',
  description: 'Gateway API route backendRef, OpenShift Route backend, or Service of a Traefik IngressRoute or TraefikService, Contour HTTPProxy, NGINX VirtualServer or Emissary Mapping names no Service in its namespace (a **warning** when a Helm chart release deploys into the namespace: its Services are not in the input; or for an OpenShift Route with another backend that exists)',
  explanation: 'A backendRef of group "" and kind Service (the defaults) refers to a Service of the route\'s namespace, or of its `namespace`; when there is none, the route\'s ResolvedRefs condition is False with reason BackendNotFound and the implementation answers its share of HTTP and gRPC requests with 500 (TCP, TLS and UDP connections are refused) (Gateway API reference, HTTPRouteRule.backendRefs and the route status conditions). Reads `spec.rules[].backendRefs[]` and the `requestMirror.backendRef` of filters; other kinds (ServiceImport, an implementation\'s own) are not judged, nor are parent Gateways. An OpenShift Route (route.openshift.io) names Services of its own namespace in `spec.to` and `spec.alternateBackends[]`; the router sends a Route\'s requests to the endpoints of those Services, weighted, and answers 503 when none has any (OpenShift docs, "Route configuration" and "Load balancing across multiple backends"; openshift/router endpointsForAlias). A missing one beside another that exists is a warning: the router sends its share to the others. The ingress controllers\' own route kinds are read too. Traefik IngressRoute, IngressRouteTCP and IngressRouteUDP (traefik.io, traefik.containo.us): `spec.routes[].services[]` of kind Service (the default; a TraefikService is not one), in `namespace` or the route\'s own; Traefik builds no route whose Service is missing (traefik pkg/provider/kubernetes/crd, "service not found"); a TraefikService\'s `spec.weighted.services[]`, `spec.mirroring` and `spec.mirroring.mirrors[]` of kind Service are read alike (in its own namespace by default), and one missing fails the whole TraefikService (nameAndService), so the IngressRoutes that use it answer 404; and follows another namespace only with the provider\'s `allowCrossNamespace` (default false, Traefik Kubernetes CRD provider docs), which is configured outside the manifests and not judged. Contour HTTPProxy (projectcontour.io): `spec.routes[].services[]` and `spec.tcpproxy.services[]`, always of the proxy\'s namespace; a missing one makes the proxy\'s Valid condition False (ServiceUnresolvedReference) and Envoy answers that route with 503 (Contour docs, HTTPProxy fundamentals; `includes` name other HTTPProxies, not Services). NGINX Inc VirtualServer and VirtualServerRoute (k8s.nginx.org): `spec.upstreams[].service`, of the resource\'s namespace or `namespace/service`; "if the service doesn\'t exist, NGINX will assume the service has zero endpoints and return a 502 response" (VirtualServer docs). Emissary-ingress Mapping (getambassador.io): `spec.service` `[scheme://]name[.namespace][:port]`, a bare name being a Service of the Mapping\'s namespace (emissary qualify_service_name); only a bare name, `name.namespace` into a namespace the input holds, or `name.namespace.svc[.cluster.local]` is taken for a Service, never a URL to another host, an IP address or a Mapping with a `resolver`; when Emissary\'s `ambassador` Module sets `use_ambassador_namespace_for_service_resolution`, a bare name is a Service of Emissary\'s own namespace (Emissary docs, Module settings), which the input does not say for sure, and is not judged. A namespace where the input holds no Service and no workload is judged only with `--complete`. A Service that an operator makes from a resource of the input under a documented name (`prometheus-operated` beside a Prometheus, ECK\'s `<name>-kb-http` beside a Kibana, the MinIO Operator\'s `minio` beside a Tenant, `<app-id>-dapr` beside a Deployment annotated for Dapr; src/checks/context/operator-services.ts) counts as existing. So does a Service named like a chart release into its namespace: a Flux HelmRelease, a k3s HelmChart, an Argo CD Application or ApplicationSet with a Helm source (an ApplicationSet template\'s `{{...}}` placeholders filled from its list generators, never taken as names) or a `helmCharts` entry of a kustomization.yaml in the input makes Services the input does not hold, usually named after the release (the release name or the values\' `fullnameOverride`, alone or followed by `-`; src/checks/context/chart-releases.ts). Any other missing name in a namespace such a release deploys into is a warning naming the releases, since a chart may name its Services otherwise; so is a missing name in the destination namespace of an Argo CD Application or ApplicationSet that deploys manifests from a path outside the input (a path that is a folder of the input, the repository root or a placeholder does not count: its objects may be the input\'s), and a name one or two letters from a release\'s name gets a "did you mean" hint, unless a Service of that name exists in another namespace.',
  fix: 'Create the Service in the backendRef\'s namespace (an OpenShift Route\'s, a Contour HTTPProxy\'s own; a Traefik service\'s `namespace`, an NGINX upstream\'s `namespace/service`, an Emissary `service.namespace`), or correct its name or namespace.',
  check(ctx) {
    const out: Finding[] = [];
    // an Emissary `name.namespace` may be a host outside the cluster: a Service reference only into a namespace of the input
    const refs = ctx.entryBackends.filter((r) => r.fromKind !== 'Ingress' && (!r.namespaceFromHost || ctx.coveredNamespaces.has(r.namespace)));
    let withBackend: Set<NamespacedObject> | undefined; // routesWithBackend, once
    for (const { group, elsewhere, hint, releases, renamed } of missingServices(ctx, refs)) {
      const { service, namespace, fromKind } = group[0];
      const openshift = fromKind === OPENSHIFT_ROUTE;
      const controller = controllerText(fromKind);
      const where = elsewhere.length === 0 ? ''
        : controller ? controllerElsewhereText(group[0], namespacesText(elsewhere))
          : openshift ? `; a Service "${service}" exists only in namespace ${namespacesText(elsewhere)}, and a Route's backends always refer to the Route's own namespace`
            : `; a Service "${service}" exists in namespace ${namespacesText(elsewhere)}, which the backendRef names with its namespace field`;
      // an OpenShift Route with a backend that exists sends a missing one's share to it
      const shared = openshift && (withBackend ??= routesWithBackend(ctx, refs)).has(group[0].from);
      const effect = controller ? controller.fails(group[0]) : openshift
        ? shared ? 'the router has no endpoints for it and sends its share of the Route\'s requests to the Route\'s other backends' : 'the router has no endpoints for the Route and answers its requests with 503'
        : `the route's ResolvedRefs condition is False (BackendNotFound) and ${fromKind === 'HTTPRoute' || fromKind === 'GRPCRoute' ? 'its share of requests gets 500' : 'its connections are refused'}`;
      const correct = controller ? `correct ${controller.noun}` : openshift ? 'correct the Route\'s backend' : 'correct the backendRef';
      if (releases.length > 0) {
        out.push({
          ...finding(this, resourceId(group[0].from),
            `${refText(group)} names Service "${service}", which is not in these manifests, but ${releasesText(releases)} into namespace "${namespace}", whose Services the input does not hold; if ${noneMakesText(releases, service)}, ${effect}.${hint} Fix: ${renderFix(releases)}, or ${correct}.`),
          level: 'warning',
        });
        continue;
      }
      const f = renamedFinding(this, resourceId(group[0].from),
        `${refText(group)} names Service "${service}", but there is no Service "${service}" in namespace "${namespace}"${where}, so ${effect}.${hint}`,
        `create Service "${service}" in namespace "${namespace}", or ${correct}`, renamed);
      out.push(shared && f.level === 'error' ? { ...f, level: 'warning' } : f);
    }
    return out;
  },
};

/**
 * The OpenShift Routes of `refs` with a backend that exists, each reference asked once (a Route of 50,000 missing
 * backends asked all its references for each of them: more than 300 s for 1.7 MB).
 */
function routesWithBackend(ctx: CheckContext, refs: readonly BackendRef[]): Set<NamespacedObject> {
  return new Set(refs.filter((r) => r.fromKind === OPENSHIFT_ROUTE && !serviceMissing(ctx, r)).map((r) => r.from));
}
