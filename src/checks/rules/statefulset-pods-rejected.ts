import { apiRule } from '../lib/api-rule';
import { statefulSetIneffective } from '../validation/stateful-set';

/**
 * statefulset-pods-rejected: a StatefulSet the API server accepts whose pods or claims are then rejected, so no pod
 * ever starts (k8s-validation rules 67-69; the controller only records events).
 */
export const statefulSetPodsRejected = apiRule({
  id: 'statefulset-pods-rejected',
  level: 'error',
  kind: 'StatefulSet',
  verdict: 'silent',
  description: 'StatefulSet whose pods or volume claims the API server will reject',
  explanation: 'serviceName becomes each pod\'s spec.subdomain and must be a DNS label; claim templates need a DNS-label name, access modes and a storage request; volumeMounts must name a volume or claim template. Before v1.34 the StatefulSet is accepted and every pod creation fails (issues kubernetes#81147, #132211; pkg/controller/statefulset/stateful_set_utils.go).',
  fix: 'Fix the field named in the message; pods are created once it is valid.',
  validate: (o) => statefulSetIneffective(o),
});
