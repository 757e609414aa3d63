/**
 * The selector of a workload as kube-apiserver validates it on create (reference/k8s-validation.md rule 62,
 * docs/k8s-validation-workloads.md rules 75-79): one function per API shape, shared by the StatefulSet rule and the
 * workload selector rule so that both read a selector, its `matchExpressions` and the template labels the same way.
 */
import { FieldErrors } from './field';
import { isRecord, validateLabelMap, ValidKeys } from './metadata';

const OPERATORS: ReadonlySet<unknown> = new Set(['In', 'NotIn', 'Exists', 'DoesNotExist']);

/**
 * Whether a LabelSelector (matchLabels + matchExpressions) selects `labels`. Unknown operators never match. The
 * selectors of prometheus-operator's monitors are read otherwise (regular-expression values, sanitized keys):
 * lib/monitor-selectors.ts monitorMatcher.
 */
export function selectorMatches(sel: any, labels: { [key: string]: unknown }): boolean {
  if (!isRecord(sel)) return false;
  if (isRecord(sel.matchLabels)) {
    for (const [k, v] of Object.entries(sel.matchLabels)) if (labels[k] !== v) return false;
  }
  if (Array.isArray(sel.matchExpressions)) {
    for (const e of sel.matchExpressions) {
      if (!isRecord(e) || typeof e.key !== 'string') return false;
      const has = Object.prototype.hasOwnProperty.call(labels, e.key);
      const values: unknown[] = Array.isArray(e.values) ? e.values : [];
      switch (e.operator) {
        case 'In': if (!has || !values.includes(labels[e.key])) return false; break;
        case 'NotIn': if (has && values.includes(labels[e.key])) return false; break;
        case 'Exists': if (!has) return false; break;
        case 'DoesNotExist': if (has) return false; break;
        default: return false;
      }
    }
  }
  return true;
}

/** The template labels of a workload spec (`{}` when missing or not a map). */
export function templateLabels(spec: any): { [key: string]: unknown } {
  const labels = spec?.template?.metadata?.labels;
  return isRecord(labels) ? labels : {};
}

/** True when a LabelSelector has no matchLabels and no matchExpressions. */
function isEmptySelector(sel: { [key: string]: any }): boolean {
  const ml = sel.matchLabels;
  const me = sel.matchExpressions;
  return (!isRecord(ml) || Object.keys(ml).length === 0) && (!Array.isArray(me) || me.length === 0);
}

/**
 * apimachinery `ValidateLabelSelector` (meta/v1/validation): matchLabels keys and values, and each requirement's
 * operator and values. Returns false when `LabelSelectorAsSelector` would fail (an unknown operator or a requirement
 * that is not an object), in which case the API server does not compare the selector with the template labels.
 */
export function validateLabelSelector(sel: { [key: string]: any }, path: string, errs: FieldErrors, keys: ValidKeys): boolean {
  validateLabelMap(sel.matchLabels, `${path}.matchLabels`, errs, keys);
  let parses = true;
  const me = sel.matchExpressions;
  if (!Array.isArray(me)) return parses;
  me.forEach((e, i) => {
    const p = `${path}.matchExpressions[${i}]`;
    if (!isRecord(e)) {
      errs.add(p, 'Invalid value', e, 'must be an object with key, operator and values', 'write the requirement as {key, operator, values}');
      parses = false;
      return;
    }
    const values = Array.isArray(e.values) ? e.values : [];
    if (e.operator === 'In' || e.operator === 'NotIn') {
      if (values.length === 0) errs.add(`${p}.values`, 'Required value', undefined, "must be specified when `operator` is 'In' or 'NotIn'", 'list the label values to match');
    } else if (e.operator === 'Exists' || e.operator === 'DoesNotExist') {
      if (values.length > 0) errs.add(`${p}.values`, 'Forbidden', undefined, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'", 'remove values');
    }
    if (!OPERATORS.has(e.operator)) {
      errs.add(`${p}.operator`, 'Invalid value', e.operator, 'not a valid selector operator', 'use In, NotIn, Exists or DoesNotExist');
      parses = false;
    }
  });
  return parses;
}

/** The template-labels mismatch error (`ValidatePodTemplateSpecForReplicaSet` and its siblings). */
function mismatch(labels: { [key: string]: unknown }, errs: FieldErrors, fix = 'make the template labels contain every pair of the selector (and satisfy its matchExpressions)'): void {
  errs.add('spec.template.metadata.labels', 'Invalid value', labels, '`selector` does not match template `labels`', fix);
}

/**
 * apps/v1 Deployment, ReplicaSet and StatefulSet (`ValidateDeploymentSpec`, `ValidateReplicaSetSpec`,
 * `ValidateStatefulSetSpec`): the selector is required, not empty, valid, and matches the template labels. `noun` is the
 * API server's word in the empty-selector text (`deployment` for ReplicaSets too, as upstream writes it).
 */
export function validateRequiredSelector(spec: { [key: string]: any }, noun: 'deployment' | 'statefulset', errs: FieldErrors, keys: ValidKeys): void {
  const sel = spec.selector;
  if (!isRecord(sel)) {
    errs.add('spec.selector', 'Required value', undefined, 'apps/v1 does not default the selector', 'add spec.selector.matchLabels equal to the template labels');
    return;
  }
  if (isEmptySelector(sel)) {
    errs.add('spec.selector', 'Invalid value', sel, `empty selector is invalid for ${noun}`, 'add matchLabels equal to the template labels');
    return;
  }
  const labels = templateLabels(spec);
  if (validateLabelSelector(sel, 'spec.selector', errs, keys) && !selectorMatches(sel, labels)) mismatch(labels, errs);
}

/**
 * apps/v1 DaemonSet (`ValidateDaemonSetSpec`): a missing selector selects nothing, so it is reported as not matching the
 * template labels (the API server says no more); an empty one is invalid.
 */
export function validateDaemonSetSelector(spec: { [key: string]: any }, errs: FieldErrors, keys: ValidKeys): void {
  const sel = spec.selector;
  const labels = templateLabels(spec);
  if (!isRecord(sel)) {
    mismatch(labels, errs, 'add spec.selector.matchLabels equal to the template labels (a DaemonSet without a selector selects no pod)');
    return;
  }
  if (isEmptySelector(sel)) {
    errs.add('spec.selector', 'Invalid value', sel, 'empty selector is invalid for daemonset', 'add matchLabels equal to the template labels');
    return;
  }
  if (validateLabelSelector(sel, 'spec.selector', errs, keys) && !selectorMatches(sel, labels)) mismatch(labels, errs);
}

/**
 * v1 ReplicationController (`ValidateReplicationControllerSpec`, `ValidatePodTemplateSpecForRC`): a map selector that v1
 * defaults to the template labels when missing or empty (`SetDefaults_ReplicationController`); empty after that is
 * `Required`, otherwise it must match the template labels; a missing template is `Required` (the labels are not
 * compared). OpenShift's DeploymentConfig (`ValidateDeploymentConfigSpec`) validates its template with the same
 * function; its empty selector is left to OpenShift (`dc`).
 */
export function validateReplicationControllerSelector(spec: { [key: string]: any }, errs: FieldErrors, keys: ValidKeys, dc = false): void {
  const labels = templateLabels(spec);
  const given = isRecord(spec.selector) && Object.keys(spec.selector).length > 0 ? spec.selector : undefined;
  const selector = given ?? labels;
  if (Object.keys(selector).length === 0) {
    if (!dc) errs.add('spec.selector', 'Required value', undefined, 'neither spec.selector nor the template labels are set', 'add template labels (the selector defaults to them)');
  } else if (given !== undefined) { // without one, the template labels select themselves
    validateLabelMap(given, 'spec.selector', errs, keys);
  }
  // the template is a pointer here (unlike apps/v1's): a missing one is `Required`, with no labels to compare
  if (!isRecord(spec.template)) {
    errs.add('spec.template', 'Required value', undefined, 'a pod template is required', 'add spec.template with the pod labels and containers');
  } else if (given !== undefined && !selectorMatches({ matchLabels: given }, labels)) {
    mismatch(labels, errs);
  }
}

/** The label keys that carry the Job's uid, written by the API server (`batch.kubernetes.io/` and the legacy one). */
const JOB_UID_KEYS = ['controller-uid', 'batch.kubernetes.io/controller-uid'];
/** The label keys that carry the Job's name. */
const JOB_NAME_KEYS = ['job-name', 'batch.kubernetes.io/job-name'];
/** Stands for the uid the API server gives the Job on create: no label in a manifest has it. */
const NEW_UID = '\u0000uid';

/**
 * batch/v1 Job (`ValidateJob`, `validateGeneratedSelector`, `ValidateJobSpec`): with `manualSelector: true` the selector
 * is required, valid and matches the template labels. Without it the API server first generates (`generateSelector`,
 * pkg/registry/batch/job/strategy.go): it adds the job-name and controller-uid labels the template lacks, and
 * `batch.kubernetes.io/controller-uid: <uid>` to the selector's matchLabels (a missing or empty selector becomes just
 * that); then the template's job-name labels must be the Job's name, and the selector must match both the generated
 * labels and the template labels. A selector or template that names a controller-uid comes from a live export (the
 * uid is the old Job's) and is not judged. `jobName`: metadata.name (absent with generateName).
 */
export function validateJobSelector(spec: { [key: string]: any }, errs: FieldErrors, keys: ValidKeys, jobName?: unknown): void {
  const sel = spec.selector;
  if (spec.manualSelector !== true) {
    const labels = templateLabels(spec);
    const ml = isRecord(sel) && isRecord(sel.matchLabels) ? sel.matchLabels : {};
    if (JOB_UID_KEYS.some((k) => k in labels || k in ml)) return;
    const known = typeof jobName === 'string' && jobName !== '';
    const name = known ? jobName : NEW_UID; // generateName: the name is chosen on create, and no label has it
    for (const k of JOB_NAME_KEYS) {
      if (known && k in labels && labels[k] !== jobName) {
        errs.add(`spec.template.metadata.labels[${k}]`, 'Invalid value', labels, `must be '${jobName}'`, `remove the ${k} label (the API server sets it to the Job's name), or set it to "${jobName}"`);
      }
    }
    const generated: { [key: string]: unknown } = {};
    for (const k of JOB_NAME_KEYS) generated[k] = name;
    for (const k of JOB_UID_KEYS) generated[k] = NEW_UID;
    const effective = { ...(isRecord(sel) ? sel : {}), matchLabels: { ...ml, 'batch.kubernetes.io/controller-uid': NEW_UID } };
    if (isRecord(sel) && !validateLabelSelector(sel, 'spec.selector', errs, keys)) return;
    if (!selectorMatches(effective, generated)) {
      errs.add('spec.selector', 'Invalid value', sel, '`selector` not auto-generated', 'remove spec.selector (the API server generates it), or set spec.manualSelector: true');
    } else if (!selectorMatches(effective, { ...generated, ...labels })) {
      mismatch(labels, errs, 'remove spec.selector (the API server generates it), or make the template labels satisfy it');
    }
    return;
  }
  if (!isRecord(sel)) {
    errs.add('spec.selector', 'Required value', undefined, 'a Job with manualSelector: true needs a selector', 'add spec.selector.matchLabels equal to the template labels, or remove manualSelector');
    return;
  }
  const labels = templateLabels(spec);
  if (validateLabelSelector(sel, 'spec.selector', errs, keys) && !selectorMatches(sel, labels)) mismatch(labels, errs);
}

/**
 * batch/v1 CronJob (`ValidateJobTemplateSpec`): the job template's selector is always generated. Each Job it creates
 * is named after the CronJob and its schedule time and gets a new uid, so a job-name or controller-uid label written
 * in the job's pod template never equals them: the CronJob is accepted, and every Job rejected
 * (`validateGeneratedSelector`'s `ValidateHasLabel`, on the Job).
 */
export function validateCronJobSelector(spec: { [key: string]: any }, errs: FieldErrors): void {
  const jobSpec = spec.jobTemplate?.spec;
  if (!isRecord(jobSpec)) return;
  if (jobSpec.manualSelector !== true) {
    const labels = templateLabels(jobSpec);
    for (const k of [...JOB_NAME_KEYS, ...JOB_UID_KEYS]) {
      if (!(k in labels)) continue;
      const what = JOB_NAME_KEYS.includes(k) ? 'name' : 'uid';
      errs.addCreated('jobs', `spec.jobTemplate.spec.template.metadata.labels[${k}]`, 'Invalid value', labels[k],
        `must be the ${what} of each Job the CronJob creates${k.startsWith('batch.kubernetes.io/') ? ' (API servers check this key from v1.27)' : ''}`,
        `remove the ${k} label (the API server sets it to each Job's ${what})`);
    }
  }
  if (jobSpec.selector !== undefined && jobSpec.selector !== null) {
    errs.add('spec.jobTemplate.spec.selector', 'Invalid value', jobSpec.selector, '`selector` will be auto-generated', 'remove spec.jobTemplate.spec.selector');
  }
  if (jobSpec.manualSelector === true) {
    errs.add('spec.jobTemplate.spec.manualSelector', 'Unsupported value', true, 'supported values: "nil", "false"', 'remove manualSelector');
  }
}
