import { apiRule } from '../lib/api-rule';
import { ingressRejections } from '../validation/ingress';

/**
 * ingress-invalid: what kube-apiserver rejects in an Ingress on create (pkg/apis/networking/validation/validation.go
 * ValidateIngressCreate). An Ingress in a removed version (extensions/v1beta1, networking.k8s.io/v1beta1) is judged as
 * that version's API server stored it, with its own field names and its pathType default: api-version-removed reports
 * the version, and that v1 needs a pathType, once. The backends' Services and ports are the backend rules' to look up;
 * a backend whose Service name or port this rule rejects is left to it.
 */
export const ingressInvalid = apiRule({
  id: 'ingress-invalid',
  level: 'error',
  kind: 'Ingress',
  verdict: 'rejects',
  description: 'Ingress that the API server rejects',
  explanation: 'Schema validators check types only; kube-apiserver also checks that an Ingress has rules or a default backend; that each backend is a Service or a resource, not both, with a Service name that is a DNS-1035 label (no dots: a Service cannot have such a name; a name that starts with a digit is accepted only with the alpha RelaxedServiceNameValidation feature gate of v1.34, off by default, and is reported) and exactly one port, a number 1-65535 or an IANA port name; that rule hosts are DNS-1123 subdomains, not IP addresses, with a wildcard only as a leading `*.`; that every v1 path has a pathType (Exact, Prefix or ImplementationSpecific) and an http rule at least one path; that Exact and Prefix paths are absolute and normalized (no `//`, `/./`, `/../`, `%2F`, no trailing `/.` or `/..`); TLS hosts, secretName and ingressClassName, which must match the `kubernetes.io/ingress.class` annotation when both are set (pkg/apis/networking/validation/validation.go ValidateIngressSpec, validateIngressRules, validateHTTPIngressPath, validateIngressBackend, validateIngressTLS, ValidateIngressClassName, ValidateIngressCreate). An Ingress in a removed version is judged with that version\'s field names and its pathType default (ImplementationSpecific), and as those versions\' API servers allowed, its TLS secretName and the paths of a rule with a wildcard host are not judged (IngressValidationOptions AllowInvalidSecretName, AllowInvalidWildcardHostRule).',
  fix: 'Change the field named in the message as it says.',
  validate: (o, ctx) => ingressRejections(o, ctx.validKeys),
});
