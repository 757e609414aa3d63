import { asArray, asRecord } from '../../model/manifest';
import { asServedVersion } from '../../model/removed-apis';
import { apiRule } from '../lib/api-rule';
import { FieldErrors } from '../validation/field';
import { isRecord } from '../validation/metadata';
import {
  validateCronJobSelector, validateDaemonSetSelector, validateJobSelector, validateReplicationControllerSelector, validateRequiredSelector,
} from '../validation/selector';

/**
 * workload-selector-invalid: a workload selector that kube-apiserver rejects on create: missing, empty, malformed, or not
 * matching the template labels (k8s-validation rules 75-79; StatefulSets are statefulset-invalid's, rule 62). Objects
 * in a removed version are judged as their current version with the old defaults (removed-apis.ts); controller output
 * (objects with owners, from live exports) was accepted and is not judged.
 *
 * A Deployment, ReplicaSet or DaemonSet without a selector that a kustomization with `commonLabels` (or `labels` with
 * `includeSelectors: true`) may build is not judged: kustomize writes those pairs as its selector and template labels
 * (kustomize-labels.ts `selectorsAdded`), and such a base often writes neither. A written selector is judged as written.
 */
export const workloadSelectorInvalid = apiRule({
  id: 'workload-selector-invalid',
  level: 'error',
  kind: ['Deployment', 'ReplicaSet', 'DaemonSet', 'ReplicationController', 'Job', 'CronJob', 'DeploymentConfig'],
  verdict: 'rejects',
  description: 'Workload whose selector the API server rejects (missing, empty, or not matching the template labels)',
  explanation: 'apps/v1 Deployments, ReplicaSets and DaemonSets need a non-empty spec.selector that the template labels satisfy, matchExpressions included; a ReplicationController\'s selector defaults to the template labels and must match them; a Job\'s selector is generated unless manualSelector is true (one written without it must be satisfied by the generated job-name and controller-uid labels, and a job-name label in the template must be the Job\'s name), and a CronJob\'s job template may not carry one, nor a job-name or controller-uid label in its pod template (the CronJob is accepted, every Job it creates rejected); OpenShift validates a DeploymentConfig\'s template as a ReplicationController\'s (k8s-validation rules 75-79; pkg/apis/apps/validation ValidateDeploymentSpec, ValidateReplicaSetSpec, ValidateDaemonSetSpec; pkg/apis/core/validation ValidateReplicationControllerSpec; pkg/apis/batch/validation ValidateJob, validateGeneratedSelector, ValidateJobTemplateSpec; pkg/registry/batch/job/strategy.go generateSelector; openshift-apiserver ValidateDeploymentConfigSpec). kube-linter: mismatching-selector.',
  fix: 'Make spec.selector.matchLabels equal to (a subset of) the template labels; for Jobs and CronJobs, remove the selector.',
  validate: (o, ctx, _namespace, kind, read) => {
    const errs = new FieldErrors();
    if (asArray(asRecord(o?.metadata)?.ownerReferences).length > 0) return errs;
    const spec = asServedVersion(o)?.spec;
    if (!isRecord(spec)) return errs;
    // a selector that kustomize's commonLabels may write (none written here) is not judged
    const apps = kind === 'Deployment' || kind === 'ReplicaSet' || kind === 'DaemonSet';
    if (apps && !hasSelector(spec.selector) && ctx.kustomizeBuilt.selectorsAdded(read)) return errs;
    switch (kind) {
      case 'Deployment':
      case 'ReplicaSet':
        validateRequiredSelector(spec, 'deployment', errs, ctx.validKeys);
        break;
      case 'DaemonSet':
        validateDaemonSetSelector(spec, errs, ctx.validKeys);
        break;
      case 'ReplicationController':
      case 'DeploymentConfig':
        validateReplicationControllerSelector(spec, errs, ctx.validKeys, kind === 'DeploymentConfig');
        break;
      case 'Job':
        validateJobSelector(spec, errs, ctx.validKeys, o?.metadata?.name);
        break;
      case 'CronJob':
        validateCronJobSelector(spec, errs);
        break;
    }
    return errs;
  },
});

/** Whether a LabelSelector is written with something in it (`matchLabels` or `matchExpressions`). */
function hasSelector(selector: unknown): boolean {
  if (!isRecord(selector)) return false;
  const labels = selector.matchLabels;
  const expressions = selector.matchExpressions;
  return (isRecord(labels) && Object.keys(labels).length > 0) || (Array.isArray(expressions) && expressions.length > 0);
}
