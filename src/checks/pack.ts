/** The rule pack: only a list. Order does not matter (the engine sorts findings); it is the RULES.md order. */
import { Rule } from './rule';
import { apiVersionRemoved } from './rules/api-version-removed';
import { backendExternalName } from './rules/backend-externalname';
import { containerPortDuplicate } from './rules/container-port-duplicate';
import { containerPortInvalid } from './rules/container-port-invalid';
import { endpointAddressInClusterCidr } from './rules/endpoint-address-in-cluster-cidr';
import { endpointPortMismatch } from './rules/endpoint-port-mismatch';
import { endpointsDuplicateBackends } from './rules/endpoints-duplicate-backends';
import { endpointsInvalid } from './rules/endpoints-invalid';
import { endpointsNotMirroredRule } from './rules/endpoints-not-mirrored';
import { endpointsOrphaned } from './rules/endpoints-orphaned';
import { endpointsOverwritten } from './rules/endpoints-overwritten';
import { endpointsSubsetTooLarge } from './rules/endpoints-subset-too-large';
import { endpointSliceControllerManagedBy } from './rules/endpointslice-controller-managed-by';
import { endpointSliceIgnoredRule } from './rules/endpointslice-ignored';
import { endpointSliceInvalid } from './rules/endpointslice-invalid';
import { endpointSliceMissingServiceName } from './rules/endpointslice-missing-service-name';
import { endpointSliceMixedWithController } from './rules/endpointslice-mixed-with-controller';
import { externalNameChain } from './rules/externalname-chain';
import { externalNameIp } from './rules/externalname-ip';
import { externalNameLoop } from './rules/externalname-loop';
import { externalNamePolicy } from './rules/externalname-policy';
import { externalNameTargetMissing } from './rules/externalname-target-missing';
import { ingressBackendMissing } from './rules/ingress-backend-missing';
import { ingressBackendPortMissing } from './rules/ingress-backend-port-missing';
import { ingressInvalid } from './rules/ingress-invalid';
import { inputSkipped } from './rules/input-skipped';
import { istioHostMissing } from './rules/istio-host-missing';
import { istioHostPortMissing } from './rules/istio-host-port-missing';
import { manifestDuplicateKey } from './rules/manifest-duplicate-key';
import { namespaceImplicit } from './rules/namespace-implicit';
import { namespaceNotInInput } from './rules/namespace-not-in-input';
import { networkPolicyBlocksDns } from './rules/networkpolicy-blocks-dns';
import { networkPolicySelectsNothing } from './rules/networkpolicy-selects-nothing';
import { objectDefinedTwice } from './rules/object-defined-twice';
import { objectNameInvalid } from './rules/object-name-invalid';
import { objectTooLarge } from './rules/object-too-large';
import { podContainersInvalid } from './rules/pod-containers-invalid';
import { podSubdomainService } from './rules/pod-subdomain-service';
import { podMonitorPortMissing } from './rules/podmonitor-port-missing';
import { podMonitorSelectsNothing } from './rules/podmonitor-selects-nothing';
import { probePortUndeclared } from './rules/probe-port-undeclared';
import { rolloutServiceMissing } from './rules/rollout-service-missing';
import { rolloutTrafficObjectMissing } from './rules/rollout-traffic-object-missing';
import { routeBackendMissing } from './rules/route-backend-missing';
import { routeBackendNotPermitted } from './rules/route-backend-not-permitted';
import { routeBackendPortMissing } from './rules/route-backend-port-missing';
import { routeBackendProtocolMismatch } from './rules/route-backend-protocol-mismatch';
import { selectorlessServiceNoEndpoints } from './rules/selectorless-service-no-endpoints';
import { serviceAllocationConflict } from './rules/service-allocation-conflict';
import { serviceDeprecated } from './rules/service-deprecated';
import { serviceIneffectiveRule } from './rules/service-ineffective';
import { serviceInvalid } from './rules/service-invalid';
import { serviceSelectorMultipleWorkloads } from './rules/service-selector-multiple-workloads';
import { serviceSelectorNoMatch } from './rules/service-selector-no-match';
import { serviceTargetPortNameMissing } from './rules/service-target-port-name-missing';
import { serviceTargetPortUndeclared } from './rules/service-target-port-undeclared';
import { serviceMonitorPortMissing } from './rules/servicemonitor-port-missing';
import { serviceMonitorSelectsNothing } from './rules/servicemonitor-selects-nothing';
import { statefulSetInvalid } from './rules/statefulset-invalid';
import { statefulSetPodNames } from './rules/statefulset-pod-names';
import { statefulSetPodsRejected } from './rules/statefulset-pods-rejected';
import { statefulSetServiceMissing } from './rules/statefulset-service-missing';
import { statefulSetServiceNotHeadless } from './rules/statefulset-service-not-headless';
import { statefulSetServiceNotSelecting } from './rules/statefulset-service-not-selecting';
import { webhookServiceMissing } from './rules/webhook-service-missing';
import { webhookServicePortMissing } from './rules/webhook-service-port-missing';
import { workloadNameUnresolved } from './rules/workload-name-unresolved';
import { workloadSelectorInvalid } from './rules/workload-selector-invalid';

/** Every rule. */
export const PACK: readonly Rule[] = [
  serviceSelectorNoMatch,
  serviceSelectorMultipleWorkloads,
  serviceTargetPortNameMissing,
  serviceTargetPortUndeclared,
  selectorlessServiceNoEndpoints,
  endpointsOrphaned,
  endpointsOverwritten,
  endpointSliceMixedWithController,
  endpointPortMismatch,
  endpointSliceMissingServiceName,
  endpointSliceControllerManagedBy,
  endpointsDuplicateBackends,
  endpointsSubsetTooLarge,
  objectTooLarge,
  endpointAddressInClusterCidr,
  statefulSetServiceMissing,
  statefulSetServiceNotHeadless,
  statefulSetServiceNotSelecting,
  statefulSetPodNames,
  podSubdomainService,
  externalNameIp,
  externalNameTargetMissing,
  externalNameChain,
  externalNameLoop,
  externalNamePolicy,
  workloadNameUnresolved,
  networkPolicyBlocksDns,
  networkPolicySelectsNothing,
  ingressBackendMissing,
  ingressBackendPortMissing,
  routeBackendMissing,
  routeBackendPortMissing,
  routeBackendProtocolMismatch,
  routeBackendNotPermitted,
  backendExternalName,
  rolloutServiceMissing,
  rolloutTrafficObjectMissing,
  istioHostMissing,
  istioHostPortMissing,
  webhookServiceMissing,
  webhookServicePortMissing,
  serviceMonitorSelectsNothing,
  serviceMonitorPortMissing,
  podMonitorSelectsNothing,
  podMonitorPortMissing,
  namespaceNotInInput,
  namespaceImplicit,
  serviceInvalid,
  serviceAllocationConflict,
  serviceIneffectiveRule,
  serviceDeprecated,
  endpointsInvalid,
  endpointsNotMirroredRule,
  endpointSliceInvalid,
  endpointSliceIgnoredRule,
  statefulSetInvalid,
  ingressInvalid,
  objectNameInvalid,
  statefulSetPodsRejected,
  workloadSelectorInvalid,
  podContainersInvalid,
  containerPortInvalid,
  containerPortDuplicate,
  probePortUndeclared,
  manifestDuplicateKey,
  inputSkipped,
  objectDefinedTwice,
  apiVersionRemoved,
];
