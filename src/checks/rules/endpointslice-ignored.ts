import { apiRule } from './api-rule';
import { endpointSliceIgnored } from '../validation/endpoints';

/** endpointslice-ignored: EndpointSlice content that is accepted but ignored by kube-proxy (k8s-validation rules 50, 51, 53). */
export const endpointSliceIgnoredRule = apiRule({
  id: 'endpointslice-ignored',
  level: 'warning',
  kind: 'EndpointSlice',
  verdict: 'silent',
  description: 'EndpointSlice content that kube-proxy ignores',
  explanation: 'kube-proxy ignores FQDN slices, ports without a number and every address of an endpoint after the first (pkg/proxy/endpointslicecache.go); the API server accepts all of them.',
  fix: 'Use one address per endpoint, set port numbers, and use IPv4/IPv6 slices.',
  validate: (o) => endpointSliceIgnored(o),
});
