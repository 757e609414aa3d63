import { CONTROLLER_MANAGERS, MANAGED_BY_LABEL } from '../../k8s-syntax/well-known';
import { apiRule } from '../lib/api-rule';
import { endpointSliceIgnored } from '../validation/endpoints';

/**
 * endpointslice-ignored: EndpointSlice content that is accepted but ignored by kube-proxy (k8s-validation rules 50, 51, 53).
 *
 * The proxy-ignore labels are judged against the slice's Service. A slice the EndpointSlice controllers made
 * (their managed-by label and an owner) whose Service the input lacks, as in a dump of a live cluster, carries them
 * because its Service is headless or has a service-proxy-name (k8s.io/endpointslice utils.go setEndpointSliceLabels):
 * they are not judged then.
 */
export const endpointSliceIgnoredRule = apiRule({
  id: 'endpointslice-ignored',
  level: 'warning',
  kind: 'EndpointSlice',
  verdict: 'silent',
  description: 'EndpointSlice content that kube-proxy ignores',
  explanation: 'kube-proxy ignores FQDN slices, slices labelled service.kubernetes.io/headless or service-proxy-name, ports without a number and every address of an endpoint after the first (pkg/proxy/endpointslicecache.go; cmd/kube-proxy/app/server.go); the API server accepts all of them. A slice of a headless Service is judged only for FQDN and for port numbers out of range: kube-proxy does not serve headless Services, and cluster DNS publishes every address of an endpoint and answers A records without a port (coredns plugin/kubernetes/object endpoint.go; dns-rules 26-29).',
  fix: 'Use one address per endpoint, set port numbers, and use IPv4/IPv6 slices.',
  validate: (o, ctx, ns) => {
    const svcName = o?.metadata?.labels?.['kubernetes.io/service-name'];
    const svc = typeof svcName === 'string' ? ctx.model.service(ns, svcName) : undefined;
    const proxied = svc ? !svc.headless && svc.type !== 'ExternalName' : !controllerMade(o);
    return endpointSliceIgnored(o, proxied);
  },
});

/** True for a slice labelled managed-by one of the EndpointSlice controllers and owned by an object. */
function controllerMade(o: any): boolean {
  const owners = o?.metadata?.ownerReferences;
  return Array.isArray(owners) && owners.length > 0 && CONTROLLER_MANAGERS.includes(o?.metadata?.labels?.[MANAGED_BY_LABEL]);
}
