import { apiRule } from './api-rule';
import { statefulSetRejections } from '../validation/stateful-set';

/** statefulset-invalid: what kube-apiserver rejects in a StatefulSet on create (k8s-validation rules 4, 61-66). */
export const statefulSetInvalid = apiRule({
  id: 'statefulset-invalid',
  level: 'error',
  kind: 'StatefulSet',
  verdict: 'rejects',
  description: 'StatefulSet that the API server rejects',
  explanation: 'The name must be a DNS-1123 label (since v1.27); apps/v1 needs a non-empty selector that matches the template labels; enums for podManagementPolicy, updateStrategy and retention policies; restartPolicy Always (pkg/apis/apps/validation/validation.go ValidateStatefulSetSpec).',
  fix: 'Change the field named in the message as it says.',
  validate: (o) => statefulSetRejections(o),
});
