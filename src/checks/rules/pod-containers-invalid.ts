import { asArray, asRecord } from '../../model/manifest';
import { POD_KINDS } from '../context/check-context';
import { apiRule } from '../lib/api-rule';
import { containerNameRejections } from '../validation/container-names';
import { FieldErrors } from '../validation/field';

/**
 * pod-containers-invalid: a Pod or a workload's pod template whose container lists kube-apiserver cannot decode (a
 * mapping where a list belongs) or whose container names it rejects: missing, not a DNS-1123 label, or used by two
 * containers of the pod, init and ephemeral containers included (validation/container-names.ts). Controller output
 * (objects with owners, from live exports) was accepted and is not judged.
 */
export const podContainersInvalid = apiRule({
  id: 'pod-containers-invalid',
  level: 'error',
  kind: POD_KINDS,
  verdict: 'rejects',
  description: 'Pod template whose containers the API server cannot decode (not a list) or whose container names it rejects (missing, not a DNS label, or used twice in the pod)',
  explanation: 'containers, initContainers and ephemeralContainers are lists of container objects: a mapping (`containers: {web: {...}}`) cannot be decoded ("json: cannot unmarshal object into Go struct field PodSpec.spec.containers of type []v1.Container"), and the API server refuses the object. Each container needs a name that is a DNS-1123 label (at most 63 lower-case letters, digits and "-"), and the names are one name space: two containers, or an init container and a container, with one name are a "Duplicate value", an ephemeral container that takes another container\'s name "must be unique among all containers, init containers, and ephemeral containers" (pkg/apis/core/validation/validation.go validateContainers, validateInitContainers, validateEphemeralContainers, validateContainerCommon). The kubelet, logs and `kubectl exec -c` find a container by its name. A StatefulSet is rejected for it since v1.34; older API servers accept the StatefulSet and reject every pod (k8s-validation rule 67). The ports such containers declare get no warning from `container-port-duplicate`: a rejected object gets none.',
  fix: 'Write each container list as a list of `- name: ...` items, and give every container of the pod its own lower-case DNS-label name.',
  validate: (o, _ctx, _namespace, kind) => {
    if (asArray(asRecord(o?.metadata)?.ownerReferences).length > 0) return new FieldErrors();
    return containerNameRejections(o, kind);
  },
});
