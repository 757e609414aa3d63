/**
 * endpointslice-controller-managed-by (error): a hand-written EndpointSlice whose
 * `endpointslice.kubernetes.io/managed-by` label claims a built-in controller. The mirroring controller deletes
 * slices it thinks it made when there is no matching Endpoints; the EndpointSlice controller deletes those it does
 * not own (k8s-validation rule 48).
 */
import { CONTROLLER_MANAGERS, MANAGED_BY_LABEL } from '../../k8s-syntax/well-known';
import { labelOf, nameOf, resourceId } from '../helpers';
import { finding, Finding, Rule } from '../rule';

export const endpointSliceControllerManagedBy: Rule = {
  id: 'endpointslice-controller-managed-by',
  level: 'error',
  description: "Hand-written EndpointSlice claims a built-in controller's managed-by value",
  explanation: 'Slices labelled managed-by endpointslice-controller.k8s.io or endpointslicemirroring-controller.k8s.io are reconciled by those controllers, which delete the ones they did not create (endpointslicemirroring_controller.go deleteMirroredSlices; k8s.io/endpointslice reconciler.go).',
  fix: 'Set endpointslice.kubernetes.io/managed-by to your own value (e.g. your tool or team name).',
  check(ctx) {
    const out: Finding[] = [];
    for (const o of ctx.handWrittenSlices()) {
      const mb = labelOf(o, MANAGED_BY_LABEL);
      if (!mb || !CONTROLLER_MANAGERS.includes(mb)) continue;
      out.push(finding(this, resourceId(o),
        `EndpointSlice "${nameOf(o) ?? ''}" is labelled endpointslice.kubernetes.io/managed-by: ${mb} but was not made by that controller, which will delete it. Fix: set managed-by to your own value, e.g. cdk8s-service-discovery.`));
    }
    return out;
  },
};
