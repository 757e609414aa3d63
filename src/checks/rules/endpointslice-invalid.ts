import { apiRule } from '../lib/api-rule';
import { endpointSliceRejections } from '../validation/endpoints';

/** endpointslice-invalid: what kube-apiserver rejects in an EndpointSlice (k8s-validation rules 3, 50-54). */
export const endpointSliceInvalid = apiRule({
  id: 'endpointslice-invalid',
  level: 'error',
  kind: 'EndpointSlice',
  verdict: 'rejects',
  description: 'EndpointSlice that the API server rejects (a **warning** for an IP address that only StrictIPCIDRValidation rejects)',
  explanation: 'addressType must be IPv4, IPv6 or FQDN (not the old IP); at most 1000 endpoints of 1-100 addresses of that family; port names unique per slice including ""; upper-case protocols (pkg/apis/discovery/validation/validation.go).',
  fix: 'Change the field named in the message as it says.',
  validate: (o, ctx) => endpointSliceRejections(o, ctx.validKeys),
});
