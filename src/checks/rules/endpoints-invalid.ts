import { apiRule } from '../lib/api-rule';
import { endpointsRejections } from '../validation/endpoints';

/** endpoints-invalid: what kube-apiserver rejects in a core/v1 Endpoints object (k8s-validation rules 2, 37-41). */
export const endpointsInvalid = apiRule({
  id: 'endpoints-invalid',
  level: 'error',
  kind: 'Endpoints',
  verdict: 'rejects',
  description: 'Endpoints that the API server rejects (a **warning** for an IP address that only StrictIPCIDRValidation rejects)',
  explanation: 'Every subset needs addresses; each address must be a valid, non-loopback, non-link-local IP; ports need 1-65535, an upper-case protocol and a name when a subset has several (pkg/apis/core/validation/validation.go validateEndpointSubsets, ValidateEndpointIP).',
  fix: 'Change the field named in the message as it says.',
  validate: (o, ctx) => endpointsRejections(o, ctx.validKeys),
});
