/**
 * apps/v1 StatefulSet validation as kube-apiserver performs it on create (reference/k8s-validation.md rules 4, 61-69;
 * source `pkg/apis/apps/validation/validation.go` `ValidateStatefulSetSpec`).
 */
import { FieldErrors } from './field';
import { isInt, isRecord, validateLabelMap, validateMetadata, ValidKeys } from './metadata';
import { validateRequiredSelector } from './selector';
import { dns1123LabelErrors, isDns1123Label } from '../../k8s-syntax/names';

/** Everything the API server rejects in a StatefulSet. */
export function statefulSetRejections(obj: any, keys = new ValidKeys()): FieldErrors {
  const errs = new FieldErrors();
  const name = validateMetadata(obj, errs, keys);
  if (name !== undefined && !isDns1123Label(name)) errs.each('metadata.name', name, dns1123LabelErrors(name), 'rename it to a lower-case DNS-1123 label (no dots)');
  const spec = obj?.spec;
  if (!isRecord(spec)) {
    errs.add('spec', 'Required value', undefined, 'a StatefulSet needs a spec', 'add spec.selector, spec.serviceName and spec.template');
    return errs;
  }
  const pmp = spec.podManagementPolicy;
  if (pmp !== undefined && pmp !== null && pmp !== '' && pmp !== 'OrderedReady' && pmp !== 'Parallel') {
    errs.add('spec.podManagementPolicy', 'Invalid value', pmp, "must be 'OrderedReady' or 'Parallel'", 'use OrderedReady or Parallel');
  }
  const us = spec.updateStrategy;
  if (isRecord(us)) {
    const t = us.type === undefined || us.type === null || us.type === '' ? 'RollingUpdate' : us.type;
    if (t !== 'RollingUpdate' && t !== 'OnDelete') {
      errs.add('spec.updateStrategy.type', 'Invalid value', t, "must be 'RollingUpdate' or 'OnDelete'", 'use RollingUpdate or OnDelete');
    } else if (t === 'OnDelete' && us.rollingUpdate !== undefined && us.rollingUpdate !== null) {
      errs.add('spec.updateStrategy.rollingUpdate', 'Invalid value', us.rollingUpdate, "only allowed for updateStrategy 'RollingUpdate'", 'remove rollingUpdate, or use type RollingUpdate');
    }
    const part = us.rollingUpdate?.partition;
    if (part !== undefined && part !== null && (!isInt(part) || part < 0)) {
      errs.add('spec.updateStrategy.rollingUpdate.partition', 'Invalid value', part, 'must be greater than or equal to 0', 'use a partition of 0 or more');
    }
  }
  for (const [path, v] of [['spec.replicas', spec.replicas], ['spec.minReadySeconds', spec.minReadySeconds], ['spec.ordinals.start', spec.ordinals?.start]] as const) {
    if (v !== undefined && v !== null && (!isInt(v) || v < 0)) errs.add(path, 'Invalid value', v, 'must be greater than or equal to 0', 'use a whole number of 0 or more');
  }
  const ret = spec.persistentVolumeClaimRetentionPolicy;
  if (isRecord(ret)) {
    for (const f of ['whenDeleted', 'whenScaled']) {
      const v = ret[f];
      if (v !== undefined && v !== null && v !== '' && v !== 'Retain' && v !== 'Delete') {
        errs.add(`spec.persistentVolumeClaimRetentionPolicy.${f}`, 'Unsupported value', v, 'supported values: "Retain", "Delete"', 'use Retain or Delete');
      }
    }
  }
  validateRequiredSelector(spec, 'statefulset', errs, keys);
  const template = spec.template;
  if (!isRecord(template)) {
    errs.add('spec.template', 'Required value', undefined, 'a StatefulSet needs a pod template', 'add spec.template');
    return errs;
  }
  validateLabelMap(template.metadata?.labels, 'spec.template.metadata.labels', errs, keys);
  const ps = template.spec;
  if (isRecord(ps)) {
    const rp = ps.restartPolicy;
    if (rp !== undefined && rp !== null && rp !== '' && rp !== 'Always') {
      errs.add('spec.template.spec.restartPolicy', 'Unsupported value', rp, 'supported values: "Always"', 'remove restartPolicy (StatefulSet pods always restart)');
    }
    if (ps.activeDeadlineSeconds !== undefined && ps.activeDeadlineSeconds !== null) {
      errs.add('spec.template.spec.activeDeadlineSeconds', 'Forbidden', undefined, 'activeDeadlineSeconds in StatefulSet is not Supported', 'remove activeDeadlineSeconds');
    }
  }
  return errs;
}

/** Accepted settings that make every pod (or claim) creation fail (SILENT, rules 67-69). */
export function statefulSetIneffective(obj: any): FieldErrors {
  const errs = new FieldErrors();
  const spec = obj?.spec;
  if (!isRecord(spec)) return errs;
  const sn = spec.serviceName;
  if (sn !== undefined && sn !== null && sn !== '') {
    const problems = typeof sn === 'string' ? dns1123LabelErrors(sn) : ['must be a string'];
    for (const d of problems) {
      errs.add('spec.serviceName', 'Invalid value', sn, `becomes every pod's spec.subdomain, which ${d}; every pod creation fails`, 'use the name of a headless Service (a DNS label)');
    }
  }
  const tplVolumes = new Set<string>();
  for (const v of Array.isArray(spec.template?.spec?.volumes) ? spec.template.spec.volumes : []) if (typeof v?.name === 'string') tplVolumes.add(v.name);
  const vcts: any[] = Array.isArray(spec.volumeClaimTemplates) ? spec.volumeClaimTemplates : [];
  vcts.forEach((c, i) => {
    const p = `spec.volumeClaimTemplates[${i}]`;
    const cn = c?.metadata?.name;
    if (typeof cn !== 'string' || cn === '') {
      errs.add(`${p}.metadata.name`, 'Required value', undefined, 'a claim template needs a name (it becomes the pod volume name)', 'name the claim template after its volumeMount');
    } else {
      for (const d of dns1123LabelErrors(cn)) errs.add(`${p}.metadata.name`, 'Invalid value', cn, `becomes a pod volume name, which ${d}`, 'use a DNS label as the claim template name');
    }
    const modes = c?.spec?.accessModes;
    if (!Array.isArray(modes) || modes.length === 0) {
      errs.add(`${p}.spec.accessModes`, 'Required value', undefined, 'at least 1 access mode is required (PVC creation fails for every pod)', 'add accessModes: [ReadWriteOnce]');
    }
    if (c?.spec?.resources?.requests?.storage === undefined) {
      errs.add(`${p}.spec.resources.requests.storage`, 'Required value', undefined, 'a claim template needs a storage request (PVC creation fails for every pod)', 'add resources.requests.storage, e.g. 1Gi');
    }
  });
  const claimNames = new Set(vcts.map((c) => c?.metadata?.name).filter((n) => typeof n === 'string'));
  const containers: any[] = [
    ...(Array.isArray(spec.template?.spec?.initContainers) ? spec.template.spec.initContainers : []),
    ...(Array.isArray(spec.template?.spec?.containers) ? spec.template.spec.containers : []),
  ];
  containers.forEach((c) => {
    const mounts: any[] = Array.isArray(c?.volumeMounts) ? c.volumeMounts : [];
    mounts.forEach((m) => {
      const mn = m?.name;
      if (typeof mn === 'string' && !tplVolumes.has(mn) && !claimNames.has(mn)) {
        errs.add('spec.template.spec.containers.volumeMounts', 'Not found', mn, `container "${String(c?.name)}" mounts volume "${mn}", which is neither a template volume nor a volumeClaimTemplate (pods are rejected)`, 'add the volume or a claim template of that name');
      }
    });
  });
  return errs;
}
