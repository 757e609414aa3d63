/**
 * statefulset-pod-names (error): StatefulSet pod names that cannot exist. Pod `<sts>-<ordinal>` is also its
 * `spec.hostname` and a label value (max 63), and the `controller-revision-hash` label `<sts>-<hash>` has up to 10 hash
 * characters, so names longer than 52 make every pod fail (k8s-validation rule 5; kubernetes#64023). The
 * API server accepts the StatefulSet itself.
 */
import { statefulSetOrdinals } from '../../model/pods';
import { resourceId } from '../helpers';
import { finding, Finding, Rule } from '../rule';

/** Longest StatefulSet name whose controller-revision-hash label fits 63 characters. */
export const MAX_STATEFULSET_NAME = 52;

export const statefulSetPodNames: Rule = {
  id: 'statefulset-pod-names',
  level: 'error',
  description: 'StatefulSet pod hostnames or labels would exceed 63 characters',
  explanation: 'Pods are named <name>-<ordinal>; the name is the pod hostname (a DNS label, max 63) and the controller-revision-hash label <name>-<up to 10 chars> must fit in 63, so names over 52 characters, or long names with large ordinals, make every pod creation fail (pkg/controller/statefulset/stateful_set_utils.go; kubernetes#64023).',
  fix: 'Shorten the StatefulSet name to at most 52 characters (less with large ordinals).',
  check(ctx) {
    const out: Finding[] = [];
    for (const g of ctx.statefulSets.governed) {
      const { start, replicas } = statefulSetOrdinals(g.sts.object.spec);
      // with 0 replicas, the name of the first pod the StatefulSet makes once scaled
      const lastOrdinal = start + Math.max(1, replicas) - 1;
      const last = `${g.name}-${lastOrdinal}`;
      if (last.length > 63) {
        out.push(finding(this, resourceId(g.sts),
          `StatefulSet "${g.name}" would name its last pod "${last.slice(0, 30)}..." (${last.length} characters); a pod hostname is a DNS label of at most 63, so that pod is rejected. Fix: shorten the name to at most ${63 - 1 - String(lastOrdinal).length} characters.`));
      } else if (g.name.length > MAX_STATEFULSET_NAME) {
        out.push(finding(this, resourceId(g.sts),
          `StatefulSet "${g.name}" is ${g.name.length} characters long; its pods' controller-revision-hash label "<name>-<hash>" exceeds 63 characters, so every pod is rejected. Fix: shorten the name to at most ${MAX_STATEFULSET_NAME} characters.`));
      }
    }
    return out;
  },
};
