import { apiRule } from '../lib/api-rule';
import { serviceRejections } from '../validation/service';

/**
 * service-invalid: what kube-apiserver rejects in a Service on create (k8s-validation rules 1, 7-28).
 * kubeconform and other schema validators accept these objects; the API server answers HTTP 422.
 */
export const serviceInvalid = apiRule({
  id: 'service-invalid',
  level: 'error',
  kind: 'Service',
  verdict: 'rejects',
  description: 'Service that the API server rejects (a **warning** for an IP address that only StrictIPCIDRValidation rejects)',
  explanation: 'Schema validators check types only; kube-apiserver also checks name syntax (DNS-1035), port ranges, port-name rules, protocol case, clusterIP/clusterIPs consistency, ExternalName fields and traffic policies (pkg/apis/core/validation/validation.go validateService).',
  fix: 'Change the field named in the message as it says; the error text is the API server\'s own.',
  validate: (o, ctx) => serviceRejections(o, ctx.validKeys),
});
