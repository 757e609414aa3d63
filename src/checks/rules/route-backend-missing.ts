/**
 * route-backend-missing (error): a Gateway API route backendRef (HTTPRoute, GRPCRoute, TLSRoute, TCPRoute, UDPRoute;
 * of kind Service, the default) that names no Service in its namespace. The route's status says ResolvedRefs False
 * (BackendNotFound) and the requests it would carry fail. Namespaces where the input holds no Service and no workload
 * are judged with `--complete` only (CheckContext.judgesBackendsIn).
 */
import { resourceId } from '../helpers';
import { noneMakesText, releasesText, renderFix } from '../lib/chart-releases-text';
import { groupRefs, namespacesText, refText } from '../lib/entry-backends';
import { NameHints } from '../lib/nearest-name';
import { hasPlaceholder } from '../lib/placeholders';
import { finding, Finding, Rule } from '../rule';

export const routeBackendMissing: Rule = {
  id: 'route-backend-missing',
  level: 'error',
  description: 'Gateway API route backendRef names no Service in its namespace (a **warning** when a Helm chart release deploys into the namespace: its Services are not in the input)',
  explanation: 'A backendRef of group "" and kind Service (the defaults) refers to a Service of the route\'s namespace, or of its `namespace`; when there is none, the route\'s ResolvedRefs condition is False with reason BackendNotFound and the implementation answers its share of HTTP and gRPC requests with 500 (TCP, TLS and UDP connections are refused) (Gateway API reference, HTTPRouteRule.backendRefs and the route status conditions). Reads `spec.rules[].backendRefs[]` and the `requestMirror.backendRef` of filters; other kinds (ServiceImport, an implementation\'s own) are not judged, nor are parent Gateways. A namespace where the input holds no Service and no workload is judged only with `--complete`. A Service that an operator makes from a resource of the input under a documented name (`prometheus-operated` beside a Prometheus, ECK\'s `<name>-kb-http` beside a Kibana, the MinIO Operator\'s `minio` beside a Tenant, `<app-id>-dapr` beside a Deployment annotated for Dapr; src/checks/context/operator-services.ts) counts as existing. So does a Service named like a chart release into its namespace: a Flux HelmRelease, a k3s HelmChart, an Argo CD Application or ApplicationSet with a Helm source (an ApplicationSet template\'s `{{...}}` placeholders filled from its list generators, never taken as names) or a `helmCharts` entry of a kustomization.yaml in the input makes Services the input does not hold, usually named after the release (the release name or the values\' `fullnameOverride`, alone or followed by `-`; src/checks/context/chart-releases.ts). Any other missing name in a namespace such a release deploys into is a warning naming the releases, since a chart may name its Services otherwise; so is a missing name in the destination namespace of an Argo CD Application or ApplicationSet that deploys manifests from a path outside the input (a path that is a folder of the input, the repository root or a placeholder does not count: its objects may be the input\'s), and a name one or two letters from a release\'s name gets a "did you mean" hint, unless a Service of that name exists in another namespace.',
  fix: 'Create the Service in the backendRef\'s namespace, or correct its name or namespace.',
  check(ctx) {
    const refs = ctx.entryBackends.filter((r) => r.fromKind !== 'Ingress' && ctx.judgesBackendsIn(r.namespace)
      && !hasPlaceholder(r.service) // a `${APP}` that Flux substitutes names no Service yet (lib/placeholders.ts)
      && !ctx.model.service(r.namespace, r.service)
      && !ctx.serviceMadeInCluster(r.namespace, r.service));
    const out: Finding[] = [];
    const hints = new NameHints();
    for (const group of groupRefs(refs, (r) => `${r.namespace}\u0000${r.service}`)) {
      const { service, namespace, fromKind } = group[0];
      const elsewhere = ctx.servicesNamed(service);
      const where = elsewhere.length > 0 ? `; a Service "${service}" exists in namespace ${namespacesText(elsewhere)}, which the backendRef names with its namespace field` : '';
      // the names a chart release into the namespace makes are candidates too (`atuinn` for a release "atuin")
      const similar = hints.nearest(service, () => [...ctx.model.servicesIn(namespace).map((s) => s.name), ...ctx.chartReleaseNames(namespace)]);
      const hint = similar ? ` Did you mean "${similar}"?` : '';
      const effect = fromKind === 'HTTPRoute' || fromKind === 'GRPCRoute' ? 'its share of requests gets 500' : 'its connections are refused';
      // beside a chart release a missing name may be the chart's; one that exists in another namespace is a mistake here
      const releases = elsewhere.length === 0 ? ctx.chartReleasesInto(namespace) : [];
      if (releases.length > 0) {
        out.push({
          ...finding(this, resourceId(group[0].from),
            `${refText(group)} names Service "${service}", which is not in these manifests, but ${releasesText(releases)} into namespace "${namespace}", whose Services the input does not hold; if ${noneMakesText(releases, service)}, the route's ResolvedRefs condition is False (BackendNotFound) and ${effect}.${hint} Fix: ${renderFix(releases)}, or correct the backendRef.`),
          level: 'warning',
        });
        continue;
      }
      out.push(finding(this, resourceId(group[0].from),
        `${refText(group)} names Service "${service}", but there is no Service "${service}" in namespace "${namespace}"${where}, so the route's ResolvedRefs condition is False (BackendNotFound) and ${effect}.${hint} Fix: create Service "${service}" in namespace "${namespace}", or correct the backendRef.`));
    }
    return out;
  },
};
