/**
 * api-version-removed (error): an object written in an API version that no current API server serves, e.g. a
 * StatefulSet in `apps/v1beta1` (removed in v1.16) or an Ingress in `networking.k8s.io/v1beta1` (v1.22). `kubectl
 * apply` fails with `no matches for kind "StatefulSet" in version "apps/v1beta1"`, so nothing of the object is created.
 *
 * One finding per object: every other rule and the resolver read the object as its current version
 * (src/model/removed-apis.ts asServedVersion), so the outdated version is not reported again as, say, a missing
 * selector that the old version defaulted.
 *
 * Controller output (an object with `ownerReferences`: the ReplicaSets, Pods and EndpointSlices of a live export) is not
 * judged: `kubectl get -o yaml` writes it in the version the cluster served then (a 2019 dump holds
 * `extensions/v1beta1` ReplicaSets of its Deployments), and nobody applies it; its controller makes it anew.
 */
import { asRecord, nonEmptyString, stringMap } from '../../model/manifest';
import { removedApi, RemovedApi } from '../../model/removed-apis';
import { hasOwner, resourceId, selectorText } from '../helpers';
import { finding, Finding, Rule } from '../rule';

export const apiVersionRemoved: Rule = {
  id: 'api-version-removed',
  level: 'error',
  description: 'Object in an API version that Kubernetes no longer serves',
  explanation: 'API servers stop serving deprecated beta versions, and applying an object in one fails with "no matches for kind": apps/v1beta1 and apps/v1beta2 Deployment, StatefulSet, DaemonSet and ReplicaSet and extensions/v1beta1 Deployment, DaemonSet, ReplicaSet and NetworkPolicy (v1.16); extensions/v1beta1 and networking.k8s.io/v1beta1 Ingress, networking.k8s.io/v1beta1 IngressClass, the v1beta1 RBAC, CRD, webhook, PriorityClass and storage kinds (v1.22); batch/v1beta1 CronJob, discovery.k8s.io/v1beta1 EndpointSlice, policy/v1beta1 PodDisruptionBudget and PodSecurityPolicy, autoscaling/v2beta1 (v1.25); autoscaling/v2beta2, flowcontrol v1beta1 (v1.26); storage.k8s.io/v1beta1 CSIStorageCapacity (v1.27); flowcontrol v1beta2 (v1.29) and v1beta3 (v1.32) (Kubernetes Deprecated API Migration Guide, kubernetes.io/docs/reference/using-api/deprecation-guide). Controller output of a live export (an object with ownerReferences, such as the extensions/v1beta1 ReplicaSet of a Deployment in an old dump) is not judged: nobody applies it.',
  fix: 'Use the apiVersion the message names and make the changes it lists (apps/v1 requires spec.selector, which apps/v1beta1 and extensions/v1beta1 set from the template labels).',
  check(ctx) {
    const out: Finding[] = [];
    for (const o of ctx.model.objects) {
      const removed = removedApi(o.object);
      if (!removed || hasOwner(o)) continue;
      const name = nonEmptyString(asRecord(o.object.metadata)?.name) ?? '';
      out.push(finding(this, resourceId(o),
        `${removed.kind} "${name}" uses apiVersion ${removed.apiVersion}, which Kubernetes stopped serving in ${removed.removedIn}, so applying it fails (no matches for kind "${removed.kind}" in version "${removed.apiVersion}"). Fix: ${fixText(removed, o.object)}.`));
    }
    return out;
  },
};

function fixText(removed: RemovedApi, object: any): string {
  if (!removed.replacement) return `${removed.kind} has no replacement; use ${removed.instead ?? 'its successor'} and delete this object`;
  const steps = [`use apiVersion ${removed.replacement}`];
  const spec = asRecord(object?.spec);
  if (removed.defaultedSelector && spec && (spec.selector === undefined || spec.selector === null)) {
    const labels = stringMap(asRecord(asRecord(spec.template)?.metadata)?.labels);
    const text = selectorText(labels);
    steps.push(`and add spec.selector.matchLabels${text ? ` (${text}, the template labels)` : ' equal to the template labels'}: ${removed.replacement} requires it, ${removed.apiVersion} set it from the template labels`);
  }
  if (removed.change) steps.push(`(${removed.change})`);
  return steps.join(' ');
}
