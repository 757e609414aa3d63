import { asArray, asRecord } from '../../model/manifest';
import { POD_KINDS } from '../context/check-context';
import { apiRule } from '../lib/api-rule';
import { containerPortRejections } from '../validation/container-ports';
import { FieldErrors } from '../validation/field';
import { probePortRejections } from '../validation/probe-ports';

/**
 * container-port-invalid: container ports, and the ports of probes and lifecycle hooks, that kube-apiserver rejects in
 * a Pod or a workload's pod template (k8s-validation rules 80-82, 85; validation/probe-ports.ts). Controller output (objects with owners, from live exports) is not judged.
 */
export const containerPortInvalid = apiRule({
  id: 'container-port-invalid',
  level: 'error',
  kind: POD_KINDS,
  verdict: 'rejects',
  description: 'Container port, or port of a probe or lifecycle hook, that the API server rejects (number, name, protocol, duplicate name or host port)',
  explanation: 'containerPort is required and 1-65535, hostPort 0-65535; a port name is an IANA service name (at most 15 lower-case letters, digits and single hyphens, at least one letter) and unique within its container; protocol TCP, UDP or SCTP; a host port is used once among the containers, and once within each init container; with hostNetwork a hostPort, when set, equals containerPort, and a missing one is defaulted to it when the pod is created, so two containers on one containerPort collide (k8s-validation rules 80-82, 85; pkg/apis/core/validation/validation.go validateContainerPorts, checkHostPortConflicts, validateInitContainers, validatePodHostNetworkDeps; pkg/apis/core/v1/defaults.go SetDefaults_Pod). Services reach a named targetPort only through such a name. A StatefulSet is rejected for it since v1.34; older API servers accept the StatefulSet and reject every pod (k8s-validation rule 67). The port of a probe or lifecycle hook (`httpGet`, `tcpSocket`, `grpc`) is a number 1-65535 or, except for gRPC, a port name of that syntax; a quoted number such as `"8080"` is a name and is rejected, and a missing port reads as 0 (validateHTTPGetAction, validateTCPSocketAction, validateGRPCAction: ValidatePortNumOrName); whether a name is declared is `probe-port-undeclared`. kube-linter: invalid-target-ports; kube-score: container-ports-check.',
  fix: 'Change the port field named in the message as it says.',
  validate: (o, _ctx, _namespace, kind) => {
    if (asArray(asRecord(o?.metadata)?.ownerReferences).length > 0) return new FieldErrors();
    const errs = containerPortRejections(o, kind);
    probePortRejections(o, kind, errs);
    return errs;
  },
});
