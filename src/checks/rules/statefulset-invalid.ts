import { asServedVersion } from '../../model/removed-apis';
import { apiRule } from '../lib/api-rule';
import { statefulSetRejections } from '../validation/stateful-set';

/**
 * statefulset-invalid: what kube-apiserver rejects in a StatefulSet on create (k8s-validation rules 4, 61-66). A
 * StatefulSet in a removed version (apps/v1beta1, apps/v1beta2) is judged as apps/v1 with the old version's defaults
 * (a missing selector is the template labels in apps/v1beta1): api-version-removed reports the version once.
 */
export const statefulSetInvalid = apiRule({
  id: 'statefulset-invalid',
  level: 'error',
  kind: 'StatefulSet',
  verdict: 'rejects',
  description: 'StatefulSet that the API server rejects',
  explanation: 'The name must be a DNS-1123 label (since v1.27); apps/v1 needs a non-empty selector that matches the template labels; enums for podManagementPolicy, updateStrategy and retention policies; restartPolicy Always (pkg/apis/apps/validation/validation.go ValidateStatefulSetSpec). A StatefulSet in a removed version is judged as apps/v1 with that version\'s defaults (apps/v1beta1 took the template labels as the selector).',
  fix: 'Change the field named in the message as it says.',
  validate: (o, ctx) => statefulSetRejections(asServedVersion(o), ctx.validKeys),
});
