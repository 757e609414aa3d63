import { apiRule } from '../lib/api-rule';
import { endpointSliceIgnored } from '../validation/endpoints';

/** endpointslice-ignored: EndpointSlice content that is accepted but ignored by kube-proxy (k8s-validation rules 50, 51, 53). */
export const endpointSliceIgnoredRule = apiRule({
  id: 'endpointslice-ignored',
  level: 'warning',
  kind: 'EndpointSlice',
  verdict: 'silent',
  description: 'EndpointSlice content that kube-proxy ignores',
  explanation: 'kube-proxy ignores FQDN slices, slices labelled service.kubernetes.io/headless or service-proxy-name, ports without a number and every address of an endpoint after the first (pkg/proxy/endpointslicecache.go; cmd/kube-proxy/app/server.go); the API server accepts all of them.',
  fix: 'Use one address per endpoint, set port numbers, and use IPv4/IPv6 slices.',
  validate: (o, ctx, ns) => {
    const svcName = o?.metadata?.labels?.['kubernetes.io/service-name'];
    const svc = typeof svcName === 'string' ? ctx.model.service(ns, svcName) : undefined;
    return endpointSliceIgnored(o, !svc || (!svc.headless && svc.type !== 'ExternalName'));
  },
});
