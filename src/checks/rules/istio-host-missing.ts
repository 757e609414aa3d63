/**
 * istio-host-missing (warning): an Istio VirtualService destination (route, mirror; http, tcp, tls) or DestinationRule
 * `spec.host` whose host has the shape of a Service of the cluster (a short name, `<name>.<namespace>.svc.<cluster
 * domain>`, `<name>.<namespace>[.svc]`) that the input lacks and that no ServiceEntry declares. Istio has no such host
 * in its registry: requests routed there get 503, and the DestinationRule applies to nothing. A warning: other
 * registries of the mesh (other clusters, Consul) may hold the host.
 */
import type { IstioHostRef } from '../../model/istio-hosts';
import { resourceId } from '../helpers';
import { noneMakesText, releasesText, renderFix } from '../lib/chart-releases-text';
import { namespacesText, refText } from '../lib/entry-backends';
import { renamedFinding } from '../lib/kustomize-renames';
import { missingServices } from '../lib/missing-services';
import { finding, Finding, Rule } from '../rule';

export const istioHostMissing: Rule = {
  id: 'istio-host-missing',
  level: 'warning',
  description: 'Istio VirtualService destination or DestinationRule host names a Service of the cluster that is not in the input and that no ServiceEntry declares',
  explanation: 'A VirtualService\'s `destination.host` (`spec.http[].route[]`, `spec.http[].mirror`, `spec.http[].mirrors[]`, `spec.tcp[].route[]`, `spec.tls[].route[]`) and a DestinationRule\'s `spec.host` (networking.istio.io, v1alpha3, v1beta1 and v1) name a host of Istio\'s service registry: the Kubernetes Services (`<name>.<namespace>.svc.cluster.local`) and the hosts of ServiceEntries, visible from the namespaces of their `exportTo` (every namespace when it is not set). A short name is read in the namespace of the object that holds it, not the Service\'s: `reviews` in a VirtualService of `default` is `reviews.default.svc.cluster.local` (Istio docs, VirtualService "Destination"; istioctl analyze reports such a host as IST0101 ReferencedResourceNotFound, istio pkg/config/analysis/analyzers/virtualservice/destinationhosts.go). When the host is in no registry, the proxies have no cluster for the destination and answer the requests routed to it with 503 (Envoy\'s "no cluster found"), TCP and TLS connections routed to it fail, mirrored copies are lost, and a DestinationRule for it applies to nothing (its subsets and traffic policy take no effect). Judged: hosts of the shape of a Service name (a short name, `<name>.<namespace>.svc.<cluster domain>`, and `<name>.<namespace>` or `<name>.<namespace>.svc` when the input holds objects of that namespace) in a namespace whose Services the run judges (as for `route-backend-missing`); wildcards, IP addresses and other names (`api.example.com`) are not. A host that a ServiceEntry of the input declares (a wildcard host included) counts as existing, and so do the Services that an operator or a chart release of the input makes (as for `ingress-backend-missing`). Always a warning: other clusters of a multicluster mesh and other registries (Consul) add hosts that the input cannot show.',
  fix: 'Create the Service, correct the host (a Service of another namespace is `<name>.<namespace>.svc.cluster.local`), or declare the host with a ServiceEntry.',
  check(ctx) {
    const out: Finding[] = [];
    const { hostRefs, serviceEntries } = ctx.istio;
    const refs = hostRefs.filter((r) => (!r.qualified || r.fqdn.endsWith(`.svc.${ctx.model.options.clusterDomain}`) || ctx.coveredNamespaces.has(r.namespace))
      && !serviceEntries.declares(r.fqdn, r.from.namespace) && !serviceEntries.declares(r.host.toLowerCase(), r.from.namespace));
    for (const { group, elsewhere, hint, releases, renamed } of missingServices(ctx, refs)) {
      const first = group[0];
      const { service, namespace } = first;
      const zone = ctx.model.options.clusterDomain;
      const reading = first.qualified ? '' : ` (Istio reads a short name in the ${first.fromKind}'s namespace)`;
      const where = elsewhere.length === 0 ? ''
        : `; a Service "${service}" exists in namespace ${namespacesText(elsewhere)} (host "${service}.${elsewhere[0].namespace}.svc.${zone}")`;
      const effect = effectText(group);
      const names = `${refText(group)} names host "${first.host}", which is Service "${service}" of namespace "${namespace}"${reading}`;
      if (releases.length > 0) {
        out.push(finding(this, resourceId(first.from),
          `${names}; that Service is not in these manifests, but ${releasesText(releases)} into namespace "${namespace}", whose Services the input does not hold; if ${noneMakesText(releases, service)} and no other registry of the mesh has the host, ${effect}.${hint} Fix: ${renderFix(releases)}, or correct the host.`));
        continue;
      }
      out.push(renamedFinding(this, resourceId(first.from),
        `${names}, but there is no Service "${service}" in namespace "${namespace}"${where} and no ServiceEntry declares the host; unless another cluster or registry of the mesh has it, ${effect}.${hint}`,
        `create Service "${service}" in namespace "${namespace}", correct the host, or declare it with a ServiceEntry`, renamed));
    }
    return out;
  },
};

/** What Istio does with the references of one object to a host it does not have. */
function effectText(group: readonly IstioHostRef[]): string {
  if (group[0].fromKind === 'DestinationRule') return 'the DestinationRule applies to no host: its subsets and traffic policy take no effect, and routes to its subsets fail';
  const wheres = group.map((r) => r.where);
  const parts: string[] = [];
  if (wheres.some((w) => w.startsWith('spec.http') && w.includes('.route['))) parts.push('requests routed to it get 503 (Envoy\'s "no cluster found")');
  if (wheres.some((w) => w.startsWith('spec.tcp') || w.startsWith('spec.tls'))) parts.push('connections routed to it fail');
  if (wheres.some((w) => w.includes('.mirror'))) parts.push('mirrored copies of requests are lost');
  return `Istio has no such host in its registry: ${parts.join(', ')}`;
}
