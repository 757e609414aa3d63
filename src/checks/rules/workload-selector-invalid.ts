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
 * A Deployment, ReplicaSet or DaemonSet that a kustomization builds with `commonLabels` (or `labels` with
 * `includeSelectors: true`) is judged with those pairs added to its selector's `matchLabels` and its template's labels,
 * as kustomize adds them, creating both where none is written (kustomize-labels.ts): such a base often writes neither,
 * and the build is valid.
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
    const written = asServedVersion(o)?.spec;
    if (!isRecord(written)) return errs;
    const added = kind === 'Deployment' || kind === 'ReplicaSet' || kind === 'DaemonSet' ? ctx.kustomizeBuilt.selectorPairs(read) : undefined;
    const spec = added === undefined ? written : withKustomizeLabels(written, added);
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

/** `spec` with `pairs` added to `selector.matchLabels` and `template.metadata.labels`, both created if missing, as kustomize's commonLabels adds them. */
function withKustomizeLabels(spec: { [key: string]: any }, pairs: { readonly [key: string]: string }): { [key: string]: any } {
  const selector = isRecord(spec.selector) ? spec.selector : {};
  const template = isRecord(spec.template) ? spec.template : {};
  const metadata = isRecord(template.metadata) ? template.metadata : {};
  return {
    ...spec,
    selector: { ...selector, matchLabels: { ...(isRecord(selector.matchLabels) ? selector.matchLabels : {}), ...pairs } },
    template: { ...template, metadata: { ...metadata, labels: { ...(isRecord(metadata.labels) ? metadata.labels : {}), ...pairs } } },
  };
}
